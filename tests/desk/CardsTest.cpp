// Card keys and the structure a desk's cards name (resolved alike by the CLI, the desk app and the
// kiosk), issuing, checking and revoking with their audit rows.
#include "guichet/desk/Cards.hpp"

#include "DeskFixture.hpp"
#include "guichet/cards/CardCode.hpp"
#include "guichet/desk/CardSetup.hpp"
#include "guichet/desk/TypedCodes.hpp"

#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

using namespace guichet;
using namespace guichet::test;
namespace fs = std::filesystem;

namespace {

struct KeyFolder {
    fs::path path;
    KeyFolder() {
        char name[] = "/tmp/guichet-cards-XXXXXX";
        REQUIRE(::mkdtemp(name) != nullptr);
        path = name;
    }
    ~KeyFolder() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string db() const { return (path / "guichet.db").string(); }
};

} // namespace

TEST_CASE("cards: keys live next to the store, the structure comes from the settings") {
    DeskFixture f;
    KeyFolder folder;
    desk::CardSetup setup = desk::resolveCardSetup(f.store, folder.db());
    CHECK(setup.secretKey == (folder.path / "card.key").string());
    CHECK(setup.publicKey == (folder.path / "card.pub").string());
    CHECK(setup.structureId == "1");
    REQUIRE(f.store.setSetting(desk::kStructureIdSetting, "S1"));
    CHECK(desk::resolveCardSetup(f.store, folder.db()).structureId == "S1");
    desk::CardSetup given;
    given.structureId = "S9";
    CHECK(desk::resolveCardSetup(f.store, folder.db(), given).structureId == "S9"); // an option wins
}

TEST_CASE("cards: without keys the desk is told to create them, and a key is never replaced") {
    DeskFixture f;
    KeyFolder folder;
    const desk::CardSetup setup = desk::resolveCardSetup(f.store, folder.db());
    auto missing = desk::signingKey(setup);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message.find("guichet keys init") != std::string::npos);

    desk::CardSetup named;
    named.structureId = "S1";
    named.structureName = "CCAS de Test";
    auto created = desk::createKeys(f.store, folder.db(), named, "agent7");
    REQUIRE(created);
    struct stat info {};
    REQUIRE(::stat(setup.secretKey.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    CHECK(f.store.setting(desk::kStructureIdSetting).value() == std::optional<std::string>("S1"));
    CHECK(f.store.setting(desk::kStructureNameSetting).value() == std::optional<std::string>("CCAS de Test"));
    CHECK(f.audit().front().action == "keys.created");
    CHECK(f.audit().front().actor == "agent7");

    auto again = desk::createKeys(f.store, folder.db(), {}, "agent7");
    REQUIRE_FALSE(again);
    CHECK(again.error().message.find("never replaced") != std::string::npos);
    auto key = desk::signingKey(desk::resolveCardSetup(f.store, folder.db()));
    REQUIRE(key);
    CHECK(key->publicKey() == *created); // the first key still signs
}

TEST_CASE("cards: a validity under one day is refused instead of making cards valid forever") {
    DeskFixture f;
    KeyFolder folder;
    REQUIRE(desk::createKeys(f.store, folder.db(), {}, "agent7"));
    desk::CardSetup setup = desk::resolveCardSetup(f.store, folder.db());
    setup.validityDays = 0;
    auto policy = desk::verifyPolicy(setup, f.clock.today());
    REQUIRE_FALSE(policy);
    CHECK(policy.error().message.find("1 or more") != std::string::npos);
    setup.validityDays = 30;
    REQUIRE(desk::verifyPolicy(setup, f.clock.today()));
    setup.publicKey = (folder.path / "missing.pub").string();
    auto noKey = desk::verifyPolicy(setup, f.clock.today());
    REQUIRE_FALSE(noKey);
    CHECK(noKey.error().message.find("missing.pub") != std::string::npos);
}

TEST_CASE("cards: issued, checked, revoked once, every step audited with ids only") {
    DeskFixture f;
    KeyFolder folder;
    desk::CardSetup named;
    named.structureId = "S1";
    REQUIRE(desk::createKeys(f.store, folder.db(), named, "agent7"));
    const desk::CardSetup setup = desk::resolveCardSetup(f.store, folder.db());
    auto key = desk::signingKey(setup);
    REQUIRE(key);
    auto policy = desk::verifyPolicy(setup, f.clock.today());
    REQUIRE(policy);
    desk::Cards flow(f.store, f.clock);

    auto prepared = flow.prepare({kValid}, *key, setup.structureId, setup.structureName);
    REQUIRE(prepared);
    REQUIRE(flow.commit(*prepared, "agent7"));
    const std::string token = prepared->faces.front().token;
    // The typed fallback printed under the QR is the code the kiosk accepts for this card.
    auto code = desk::codeForCard(f.store, prepared->records.front());
    REQUIRE(code);
    CHECK(prepared->faces.front().code == cards::groupedCode(*code));
    CHECK(prepared->faces.front().code.size() == 14);
    auto accepted = flow.check(token, *policy, "kiosk");
    REQUIRE(accepted);
    CHECK(accepted->accepted());
    CHECK(f.audit().front().action == "card.accepted");
    CHECK(f.audit().front().subject == "dossier:" + std::to_string(kValid));

    auto revoked = flow.revoke(kValid, setup.structureId, "agent7");
    REQUIRE(revoked);
    CHECK_FALSE(revoked->already);
    CHECK(revoked->card.revoked);
    const auto rows = f.audit().size();
    auto twice = flow.revoke(kValid, setup.structureId, "agent7");
    REQUIRE(twice);
    CHECK(twice->already);
    CHECK(f.audit().size() == rows); // nothing changed, nothing audited

    auto refused = flow.check(token, *policy, "kiosk");
    REQUIRE(refused);
    CHECK_FALSE(refused->accepted());
    CHECK(f.audit().front().action.rfind("card.refused.", 0) == 0);

    auto none = flow.revoke(kOther, setup.structureId, "agent7");
    REQUIRE_FALSE(none);
    CHECK(none.error().message.find(std::to_string(kOther)) != std::string::npos);
}
