// The sync settings every program reads (domifa.json, the password file) and the session the CLI,
// the desk app and the kiosk drive: the login's steps and one run, against the stand-in.
#include "guichet/sync/Session.hpp"

#include "Harness.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace guichet;
namespace fs = std::filesystem;

namespace {

struct TempFolder {
    fs::path path;
    TempFolder() {
        char name[] = "/tmp/guichet-session-XXXXXX";
        REQUIRE(::mkdtemp(name) != nullptr);
        path = name;
    }
    ~TempFolder() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string db() const { return (path / "guichet.db").string(); }
    void write(const std::string& file, const std::string& text, fs::perms mode) const {
        std::ofstream(path / file) << text;
        fs::permissions(path / file, mode);
    }
};

int modeOf(const fs::path& file) {
    struct stat info {};
    REQUIRE(::stat(file.c_str(), &info) == 0);
    return static_cast<int>(info.st_mode & 0777);
}

/// The stand-in in-process with `people` usagers, and a session of a fresh store on it.
struct StandInDesk {
    std::unique_ptr<sim::SimServer> server;
    TempFolder folder;
    std::unique_ptr<sync::SyncSession> session;
    explicit StandInDesk(int people) {
        testing::curlGlobal();
        auto created = sim::SimServer::create(testing::simOptions());
        REQUIRE(created);
        server = std::move(created.value());
        REQUIRE(server->seed(testing::activeUsagers(people, 3)));
        REQUIRE(server->start(0));
        auto db = store::Store::open(folder.db());
        REQUIRE(db);
        sync::SyncSetup setup = sync::standInSetup(folder.db(), server->baseUrl());
        setup.client.email = "desk@test.fr";
        auto opened = sync::SyncSession::open(std::move(db.value()), setup);
        REQUIRE(opened);
        session = std::move(opened.value());
    }
};

} // namespace

TEST_CASE("without domifa.json a desk talks to the local stand-in, with its files next to the store",
          "[session]") {
    TempFolder folder;
    auto setup = sync::loadSetup(folder.db());
    REQUIRE(setup);
    CHECK(setup->standInDefaults);
    CHECK(setup->client.email == sync::kStandInEmail);
    CHECK(setup->client.credentialsPath == (folder.path / "domifa-credentials.json").string());
    CHECK(setup->passwordPath == (folder.path / "domifa-password").string());
    CHECK(sync::storeFolder("guichet.db") == ".");
}

TEST_CASE("domifa.json names the backend, the account and the desk's marker prefix", "[session]") {
    TempFolder folder;
    folder.write(
        "domifa.json",
        R"({"baseUrl":"https://api.domifa.example","email":"accueil@ccas.example","markerPrefix":"D2"})",
        fs::perms::owner_read | fs::perms::owner_write);
    auto setup = sync::loadSetup(folder.db());
    REQUIRE(setup);
    CHECK_FALSE(setup->standInDefaults);
    CHECK(setup->client.baseUrl == "https://api.domifa.example");
    CHECK(setup->client.email == "accueil@ccas.example");
    CHECK(setup->markerPrefix == "D2");
}

TEST_CASE("a broken or missing settings file is an error naming the file", "[session]") {
    TempFolder folder;
    folder.write("domifa.json", "{\"baseUrl\": ", fs::perms::owner_read | fs::perms::owner_write);
    auto broken = sync::loadSetup(folder.db());
    REQUIRE_FALSE(broken);
    CHECK(broken.error().message.find((folder.path / "domifa.json").string()) != std::string::npos);
    folder.write("domifa.json", "[1, 2]", fs::perms::owner_read | fs::perms::owner_write);
    REQUIRE_FALSE(sync::loadSetup(folder.db()));
    auto missing = sync::loadSetup(folder.db(), (folder.path / "other.json").string());
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message.find("other.json: cannot open") != std::string::npos);
}

TEST_CASE("the password is read only from a private file, and kept with mode 0600", "[session]") {
    ::unsetenv("GUICHET_DOMIFA_PASSWORD");
    TempFolder folder;
    folder.write("domifa.json", R"({"email":"accueil@ccas.example"})",
                 fs::perms::owner_read | fs::perms::owner_write);
    auto setup = sync::loadSetup(folder.db());
    REQUIRE(setup);
    CHECK(sync::readPassword(*setup).empty()); // no stand-in default for a real account
    folder.write("domifa-password", "readable-by-all\n",
                 fs::perms::owner_read | fs::perms::owner_write | fs::perms::others_read);
    CHECK(sync::readPassword(*setup).empty()); // others can read it: ignored
    fs::remove(folder.path / "domifa-password");
    REQUIRE(sync::rememberPassword(*setup, "s3cret"));
    CHECK(modeOf(folder.path / "domifa-password") == 0600);
    CHECK(sync::readPassword(*setup) == "s3cret");
    ::setenv("GUICHET_DOMIFA_PASSWORD", "from-env", 1);
    CHECK(sync::readPassword(*setup) == "from-env");
    ::unsetenv("GUICHET_DOMIFA_PASSWORD");
}

TEST_CASE("a session logs in with the e-mailed code, then one run pulls the directory and pushes the outbox",
          "[session]") {
    StandInDesk desk(6);
    auto& server = desk.server;
    sync::SyncSession& s = *desk.session;

    auto wrong = s.login("not-the-password", "");
    CHECK(wrong.state == sync::LoginState::Failed);
    CHECK(s.store().setting("sync.login").value().value_or("").rfind("login failed", 0) == 0);

    auto first = s.login("s3cret-pass", "");
    REQUIRE(first.state == sync::LoginState::CodeNeeded);
    CHECK(s.store().setting("sync.login").value() == std::optional<std::string>("code needed"));
    const auto code = server->lastCode("desk@test.fr");
    REQUIRE(code);
    auto second = s.login("s3cret-pass", *code);
    INFO(second.message);
    REQUIRE(second.state == sync::LoginState::LoggedIn);
    CHECK(second.trustToken);
    CHECK(second.role == "agent");
    CHECK(second.roleAdvised());
    CHECK(s.store().setting("sync.login").value() == std::optional<std::string>("ok"));

    auto empty = s.runOnce();
    REQUIRE(empty.pulled);
    CHECK(empty.pulled->received == 6);
    REQUIRE(empty.pushed);
    CHECK(empty.pushed->units == 0);
    CHECK(empty.complete());

    auto dossiers = s.store().loadDossiers();
    REQUIRE(dossiers);
    REQUIRE_FALSE(dossiers->empty());
    Event e;
    e.type = EventType::CourrierIn;
    e.dossier = dossiers->front().ref;
    e.createdAt = std::chrono::floor<std::chrono::seconds>(now());
    e.nextTry = e.createdAt;
    REQUIRE(s.store().enqueueEvent(e));
    auto run = s.runOnce();
    REQUIRE(run.pushed);
    CHECK(run.pushed->delivered == 1);
    CHECK(run.complete());
    auto status = sync::readStatus(s.store());
    REQUIRE(status);
    CHECK(status->pending == 0);
    CHECK(status->delivered == 1);
}

TEST_CASE("during a 429 hold a login is refused without a request, and says until when", "[session]") {
    StandInDesk desk(3);
    auto& server = desk.server;
    sync::SyncSession& s = *desk.session;
    auto first = s.login("s3cret-pass", "");
    REQUIRE(first.state == sync::LoginState::CodeNeeded);
    REQUIRE(s.login("s3cret-pass", *server->lastCode("desk@test.fr")).state == sync::LoginState::LoggedIn);

    sim::Faults faults;
    faults.fail429 = 5;
    server->setFaults(faults);
    auto run = s.runOnce();
    CHECK_FALSE(run.complete());
    auto status = sync::readStatus(s.store());
    REQUIRE(status);
    REQUIRE(status->holdUntil);
    server->setFaults(sim::Faults{});
    const auto logins = server->requests().size();
    auto refused = s.login("s3cret-pass", "");
    CHECK(refused.state == sync::LoginState::RateLimited);
    REQUIRE(refused.holdUntil);
    CHECK(*refused.holdUntil > now());
    CHECK(server->requests().size() == logins); // nothing was sent
}
