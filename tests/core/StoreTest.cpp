#include "guichet/store/Store.hpp"

#include "TempDir.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sqlite3.h>

using namespace guichet;
using guichet::store::Store;

namespace {

Dossier dossier(DossierRef ref, const char* nom, const char* prenom) {
    Dossier d;
    d.ref = ref;
    d.customRef = std::to_string(ref);
    d.nom = nom;
    d.prenom = prenom;
    d.statut = Statut::Valide;
    return d;
}

Store openOk(const std::string& path) {
    auto s = Store::open(path);
    INFO((s ? "" : s.error().message));
    REQUIRE(s);
    return std::move(s).value();
}

MailItem letterFor(DossierRef ref) {
    MailItem m;
    m.kind = MailKind::Courrier;
    m.arrivedAt = now();
    m.dossier = ref;
    m.method = MatchMethod::Auto;
    m.matchedBy = "auto";
    m.confidence = 0.97;
    m.state = MailState::Pending;
    return m;
}

Event arrivalFor(DossierRef ref) {
    Event e;
    e.type = EventType::CourrierIn;
    e.dossier = ref;
    e.batchKey = "intake-1";
    return e;
}

} // namespace

TEST_CASE("a new store is created at the latest schema and reopens with its data") {
    test::TempDir dir;
    auto path = dir.file("guichet.db");
    {
        Store s = openOk(path);
        CHECK(s.schemaVersion() == Store::latestSchemaVersion());
        Dossier d = dossier(1, "N'DIAYE", "Aminata");
        d.dateNaissance = parseDate("1990-06-15");
        d.ayantsDroits.push_back({"FALL", "Moussa", parseDate("2015-01-01"), "ENFANT"});
        d.procurations.push_back({"FALL", "Awa", {}, parseDate("2026-01-01"), parseDate("2026-12-31")});
        d.npai = {true, parseDate("2026-10-01")};
        d.transfert = {true, "Mme X", "1 rue Y 69000 Lyon", parseDate("2026-01-01"), {}};
        d.pending = {2, 1, 0};
        d.lastVisit = *parseInstant("2026-11-20T09:00:00Z");
        REQUIRE(s.upsertDossiers({d}));
    }
    Store s = openOk(path);
    auto loaded = s.findDossier(1);
    REQUIRE(loaded);
    REQUIRE(loaded->has_value());
    CHECK(loaded->value().ayantsDroits.at(0).prenom == "Moussa");
    CHECK(loaded->value().npai.actif);
    CHECK(loaded->value().pending == PendingCounts{2, 1, 0});
    CHECK(loaded->value().lastVisit == parseInstant("2026-11-20T09:00:00Z"));
    auto again = s.findDossier(2);
    REQUIRE(again);
    CHECK_FALSE(again->has_value());
}

TEST_CASE("re-importing a directory updates in place and counts what changed") {
    Store s = openOk(":memory:");
    auto first = s.upsertDossiers({dossier(1, "DUPONT", "Jean"), dossier(2, "MARTIN", "Sophie")});
    REQUIRE(first);
    CHECK(*first == store::UpsertStats{2, 0, 0});
    Dossier changed = dossier(2, "MARTIN", "Sophie");
    changed.statut = Statut::Radie;
    auto second = s.upsertDossiers({dossier(1, "DUPONT", "Jean"), changed, dossier(3, "LE GOFF", "Yann")});
    REQUIRE(second);
    CHECK(*second == store::UpsertStats{1, 1, 1});
    CHECK(*s.dossierCount() == 3);
    CHECK(s.findDossier(2)->value().statut == Statut::Radie);
}

TEST_CASE("a mail item and its outbox event are written together or not at all") {
    Store s = openOk(":memory:");
    REQUIRE(s.upsertDossiers({dossier(7, "LE GOFF", "Yann")}));

    auto id = s.recordMailItem(letterFor(7), arrivalFor(7));
    REQUIRE(id);
    auto events = s.events(EventState::Pending);
    REQUIRE(events);
    REQUIRE(events->size() == 1);
    CHECK(events->at(0).mailItem == *id);
    CHECK(events->at(0).batchKey == "intake-1");

    MailItem bad = letterFor(7);
    bad.count = 0; // refused by the schema: nothing of this call may remain
    auto refused = s.recordMailItem(bad, arrivalFor(7));
    REQUIRE_FALSE(refused);
    CHECK(s.events(std::nullopt)->size() == 1);
    CHECK(s.mailItems(std::nullopt)->size() == 1);

    // A failure after both writes (inside a larger transaction) rolls both back.
    auto aborted = s.transaction([&]() -> Result<void> {
        auto inner = s.recordMailItem(letterFor(7), arrivalFor(7));
        if (!inner) return inner.error();
        return Error{"staff cancelled"};
    });
    REQUIRE_FALSE(aborted);
    CHECK(aborted.error().message == "staff cancelled");
    CHECK(s.events(std::nullopt)->size() == 1);
    CHECK(s.mailItems(std::nullopt)->size() == 1);
}

TEST_CASE("the outbox hands out due events in order and keeps their sending state") {
    Store s = openOk(":memory:");
    for (int i = 0; i < 3; ++i)
        REQUIRE(s.enqueueEvent(arrivalFor(10 + i)));
    auto due = s.dueEvents(now(), 10);
    REQUIRE(due);
    REQUIRE(due->size() == 3);
    CHECK(due->at(0).dossier == 10);

    Event later = due->at(0);
    later.state = EventState::Uncertain;
    later.attempts = 1;
    later.nextTry = now() + std::chrono::minutes(5);
    later.lastError = "timeout";
    REQUIRE(s.updateEvent(later));
    Event parked = due->at(1);
    parked.state = EventState::Parked;
    parked.lastError = "400: nbCourrier must be 1-100";
    REQUIRE(s.updateEvent(parked));

    auto dueNow = s.dueEvents(now(), 10);
    REQUIRE(dueNow->size() == 1);
    CHECK(dueNow->at(0).dossier == 12);
    auto dueLater = s.dueEvents(now() + std::chrono::minutes(6), 10);
    CHECK(dueLater->size() == 2);
    CHECK(s.events(EventState::Parked)->at(0).lastError == "400: nbCourrier must be 1-100");

    Event ghost = later;
    ghost.id = 999;
    CHECK_FALSE(s.updateEvent(ghost));
}

TEST_CASE("items awaiting review keep their candidates and crop for the desk") {
    Store s = openOk(":memory:");
    MailItem m = letterFor(0);
    m.dossier.reset();
    m.method = MatchMethod::Unmatched;
    m.state = MailState::AwaitingReview;
    m.cropPath = "/var/lib/guichet/crops/12.png";
    m.candidates = {{1002, 0.91}, {1003, 0.91}};
    auto id = s.recordMailItem(m, std::nullopt);
    REQUIRE(id);
    auto queue = s.mailItems(MailState::AwaitingReview);
    REQUIRE(queue->size() == 1);
    CHECK(queue->at(0).candidates == m.candidates);
    CHECK(queue->at(0).cropPath == m.cropPath);

    MailItem picked = queue->at(0);
    picked.dossier = 1003;
    picked.method = MatchMethod::StaffConfirmed;
    picked.matchedBy = "staff:4";
    picked.state = MailState::Pending;
    REQUIRE(s.updateMailItem(picked, arrivalFor(1003)));
    CHECK(s.mailItems(MailState::AwaitingReview)->empty());
    CHECK(s.mailItems(MailState::Pending, 1003)->size() == 1);
    CHECK(s.events(std::nullopt)->at(0).mailItem == *id);
}

TEST_CASE("cards, intake files, settings and the audit log persist") {
    Store s = openOk(":memory:");
    Card c{"ccas-villeurbanne", 42, 1, *parseDate("2026-11-23"), false};
    REQUIRE(s.saveCard(c));
    c.serial = 2;
    REQUIRE(s.saveCard(c));
    CHECK(s.findCard("ccas-villeurbanne", 42)->value() == c);
    CHECK_FALSE(s.findCard("other", 42)->has_value());

    REQUIRE(s.saveIntakeFile({"sha256:ab", "scan-001.jpg", "done", 5, "", 1, ""}));
    CHECK(s.findIntakeFile("sha256:ab")->value().mailItem == 5);

    REQUIRE(s.setSetting("sync.lastPull", "2026-11-23T10:00:00Z"));
    REQUIRE(s.setSetting("sync.lastPull", "2026-11-23T10:05:00Z"));
    CHECK(s.setting("sync.lastPull")->value() == "2026-11-23T10:05:00Z");
    CHECK_FALSE(s.setting("nothing")->has_value());

    REQUIRE(s.audit("staff:4", "card.revoked", "dossier:42"));
    auto log = s.auditLog(10);
    REQUIRE(log->size() == 1);
    CHECK(log->at(0).subject == "dossier:42");
}

TEST_CASE("a damaged, foreign or newer file is refused with its name and the cause") {
    test::TempDir dir;
    SECTION("not a database") {
        auto path = dir.file("notes.db");
        std::ofstream(path)
            << "this is a text file, not a database, and it is long enough to have a header...";
        auto s = Store::open(path);
        REQUIRE_FALSE(s);
        CHECK_THAT(s.error().message, Catch::Contains(path) && Catch::Contains("not a SQLite database"));
    }
    SECTION("another program's database") {
        auto path = dir.file("other.db");
        sqlite3* db = nullptr;
        sqlite3_open(path.c_str(), &db);
        sqlite3_exec(db, "CREATE TABLE photos(id INTEGER)", nullptr, nullptr, nullptr);
        sqlite3_close(db);
        auto s = Store::open(path);
        REQUIRE_FALSE(s);
        CHECK_THAT(s.error().message, Catch::Contains(path) && Catch::Contains("not a Guichet store"));
    }
    SECTION("made by a newer Guichet") {
        auto path = dir.file("newer.db");
        { openOk(path); }
        sqlite3* db = nullptr;
        sqlite3_open(path.c_str(), &db);
        sqlite3_exec(db, "PRAGMA user_version=999", nullptr, nullptr, nullptr);
        sqlite3_close(db);
        auto s = Store::open(path);
        REQUIRE_FALSE(s);
        CHECK_THAT(s.error().message, Catch::Contains("newer Guichet"));
    }
    SECTION("missing folder") {
        auto s = Store::open(dir.file("no/such/folder/guichet.db"));
        REQUIRE_FALSE(s);
        CHECK_THAT(s.error().message, Catch::Contains("no/such/folder"));
    }
}

TEST_CASE("a store locked by another writer gives a clear error and loses nothing") {
    test::TempDir dir;
    auto path = dir.file("guichet.db");
    Store writer = openOk(path);
    auto reader = Store::open(path, {100, false});
    REQUIRE(reader);
    REQUIRE(writer.upsertDossiers({dossier(1, "DUPONT", "Jean")}));

    auto held = writer.transaction([&]() -> Result<void> {
        REQUIRE(writer.enqueueEvent(arrivalFor(1)));
        auto blocked = reader->enqueueEvent(arrivalFor(1)); // the other connection must wait, then give up
        REQUIRE_FALSE(blocked);
        CHECK_THAT(blocked.error().message, Catch::Contains(path) && Catch::Contains("locked"));
        CHECK(reader->dossierCount().value() == 1); // WAL: reading still works meanwhile
        return {};
    });
    REQUIRE(held);
    CHECK(reader->events(std::nullopt)->size() == 1);
    REQUIRE(reader->enqueueEvent(arrivalFor(1)));
    CHECK(writer.events(std::nullopt)->size() == 2);
}

TEST_CASE("a read-only store reads but refuses writes with a clear error") {
    test::TempDir dir;
    auto path = dir.file("guichet.db");
    {
        Store s = openOk(path);
        REQUIRE(s.upsertDossiers({dossier(1, "DUPONT", "Jean")}));
    }
    auto ro = Store::open(path, {100, true});
    REQUIRE(ro);
    CHECK(ro->dossierCount().value() == 1);
    auto write = ro->enqueueEvent(arrivalFor(1));
    REQUIRE_FALSE(write);
    CHECK_THAT(write.error().message, Catch::Contains("read-only"));
}

TEST_CASE("a dossier's undelivered events: its own, pending or uncertain, oldest first") {
    Store s = openOk(":memory:");
    auto add = [&](DossierRef ref, EventState state) {
        Event e;
        e.type = EventType::CourrierIn;
        e.dossier = ref;
        e.state = state;
        auto id = s.enqueueEvent(e);
        REQUIRE(id);
        return *id;
    };
    const EventId a = add(7, EventState::Pending);
    add(8, EventState::Pending);
    add(7, EventState::Delivered);
    const EventId b = add(7, EventState::Uncertain);
    add(7, EventState::Parked);
    auto mine = s.undeliveredEvents(7);
    REQUIRE(mine);
    REQUIRE(mine->size() == 2);
    CHECK(mine->at(0).id == a);
    CHECK(mine->at(1).id == b);
}
