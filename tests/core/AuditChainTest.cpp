// The audit log can be trusted: every row is chained to the one before; an edit, a deletion or an
// insertion made directly in the SQLite file (as someone with the file would) is found and named,
// and retention may delete old rows without breaking the chain.
#include "TempDir.hpp"
#include "guichet/core/ports/Clock.hpp"
#include "guichet/store/Store.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <sqlite3.h>
#include <string>

using namespace guichet;
using guichet::store::Store;

namespace {

Instant day(int n) {
    return Instant{std::chrono::sys_days{
               Date{std::chrono::year{2026}, std::chrono::month{1}, std::chrono::day{1}}}} +
           std::chrono::days{n} + std::chrono::hours{10};
}

Store openWith(const std::string& path, const Clock& clock) {
    store::Options o;
    o.now = [&clock] { return clock.now(); };
    auto s = Store::open(path, o);
    INFO((s ? "" : s.error().message));
    REQUIRE(s);
    return std::move(s).value();
}

/// Runs SQL on the file directly, as a person with a copy of sqlite3 would (triggers dropped first).
void tamper(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    char* message = nullptr;
    int rc =
        sqlite3_exec(db,
                     ("DROP TRIGGER IF EXISTS audit_log_sealed; DROP TRIGGER IF EXISTS audit_log_retention; "
                      "DROP TRIGGER IF EXISTS audit_log_chained; " +
                      sql)
                         .c_str(),
                     nullptr, nullptr, &message);
    INFO((message ? message : ""));
    sqlite3_free(message);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
}

/// SQL through the store's own rules (triggers in place): the error text, empty when it worked.
std::string tryDirect(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    char* message = nullptr;
    sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    std::string text = message ? message : "";
    sqlite3_free(message);
    sqlite3_close(db);
    return text;
}

void fiveRows(Store& s) {
    REQUIRE(s.audit("auto", "mail.recorded", "mail:1 dossier:42"));
    REQUIRE(s.audit("staff-3", "mail.confirmed", "mail:2 dossier:42"));
    REQUIRE(s.audit("staff-3", "mail.handed_over", "dossier:42 kind:courrier count:2"));
    REQUIRE(s.audit("staff-4", "card.revoked", "dossier:7 serial:2"));
    REQUIRE(s.audit("kiosk", "visit.recorded", "dossier:7"));
}

} // namespace

TEST_CASE("An intact audit log verifies, and its head changes with every row", "[audit]") {
    test::TempDir dir;
    ManualClock clock(day(0));
    Store s = openWith(dir.file("s.db"), clock);
    fiveRows(s);
    auto v = s.verifyAudit();
    REQUIRE(v);
    CHECK(v->ok);
    CHECK(v->rows == 5);
    CHECK(v->head.size() == 64);
    const std::string head = v->head;
    REQUIRE(s.audit("staff-3", "ticket.served", "ticket:1"));
    CHECK(s.verifyAudit()->head != head);
    CHECK(s.auditLog(1)->front().at == day(0)); // stamped by the store's clock
}

TEST_CASE("An audit row edited in the file is found and named", "[audit]") {
    test::TempDir dir;
    ManualClock clock(day(0));
    const std::string path = dir.file("s.db");
    {
        Store s = openWith(path, clock);
        fiveRows(s);
    }
    SECTION("the staff id changed") {
        tamper(path, "UPDATE audit_log SET actor = 'staff-9' WHERE id = 3");
        auto v = openWith(path, clock).verifyAudit();
        REQUIRE(v);
        CHECK_FALSE(v->ok);
        CHECK(v->badRow == 3);
        CHECK(v->problem.find("edited") != std::string::npos);
    }
    SECTION("the time changed") {
        tamper(path, "UPDATE audit_log SET at = at + 3600 WHERE id = 2");
        auto v = openWith(path, clock).verifyAudit();
        CHECK_FALSE(v->ok);
        CHECK(v->badRow == 2);
    }
    SECTION("edited with a made-up hash") {
        tamper(path, "UPDATE audit_log SET subject = 'dossier:43 kind:courrier count:2', hash = '" +
                         std::string(64, 'a') + "' WHERE id = 3");
        auto v = openWith(path, clock).verifyAudit();
        CHECK_FALSE(v->ok);
        CHECK(v->badRow == 3);
    }
}

TEST_CASE("An audit row deleted or inserted in the file is found", "[audit]") {
    test::TempDir dir;
    ManualClock clock(day(0));
    const std::string path = dir.file("s.db");
    {
        Store s = openWith(path, clock);
        fiveRows(s);
    }
    SECTION("a row in the middle") {
        tamper(path, "DELETE FROM audit_log WHERE id = 2");
        auto v = openWith(path, clock).verifyAudit();
        CHECK_FALSE(v->ok);
        CHECK(v->badRow == 2);
        CHECK(v->problem == "row 2 was deleted");
    }
    SECTION("the middle rows, the later ids renumbered") {
        tamper(path, "DELETE FROM audit_log WHERE id = 2; UPDATE audit_log SET id = id - 1 WHERE id > 2");
        auto v = openWith(path, clock).verifyAudit();
        CHECK_FALSE(v->ok);
        CHECK(v->badRow == 2);
    }
    SECTION("the last row") {
        tamper(path, "DELETE FROM audit_log WHERE id = 5");
        auto v = openWith(path, clock).verifyAudit();
        CHECK_FALSE(v->ok);
        CHECK(v->problem.find("the last one") != std::string::npos);
    }
    SECTION("the last row, then a new row appended by the desk") {
        tamper(path, "DELETE FROM audit_log WHERE id = 5");
        Store s = openWith(path, clock);
        REQUIRE(s.audit("staff-3", "ticket.served", "ticket:1"));
        CHECK_FALSE(s.verifyAudit()->ok);
    }
    SECTION("a row slipped in") {
        tamper(path, "INSERT INTO audit_log (id, at, actor, action, subject, prev_hash, hash) VALUES "
                     "(6, 0, 'staff-1', 'mail.handed_over', 'dossier:7', 'x', 'y')");
        auto v = openWith(path, clock).verifyAudit();
        CHECK_FALSE(v->ok);
        CHECK(v->badRow == 6);
    }
}

TEST_CASE("The store refuses to edit, delete or insert audit rows outside the chain", "[audit]") {
    test::TempDir dir;
    ManualClock clock(day(0));
    const std::string path = dir.file("s.db");
    {
        Store s = openWith(path, clock);
        fiveRows(s);
    }
    CHECK(tryDirect(path, "UPDATE audit_log SET actor = 'x' WHERE id = 1").find("append-only") !=
          std::string::npos);
    CHECK(tryDirect(path, "DELETE FROM audit_log WHERE id = 1").find("append-only") != std::string::npos);
    CHECK(tryDirect(path, "INSERT INTO audit_log (at, actor, action, subject) VALUES (0, 'a', 'b', 'c')")
              .find("chain") != std::string::npos);
    CHECK(openWith(path, clock).verifyAudit()->ok);
}

TEST_CASE("Retention deletes old audit rows and the chain still verifies from its anchor",
          "[audit][retention]") {
    test::TempDir dir;
    ManualClock clock(day(0));
    const std::string path = dir.file("s.db");
    Store s = openWith(path, clock);
    fiveRows(s); // day 0
    clock.set(day(200));
    REQUIRE(s.audit("staff-3", "mail.confirmed", "mail:9 dossier:42"));
    clock.set(day(400));
    REQUIRE(s.audit("staff-3", "mail.confirmed", "mail:10 dossier:42"));

    store::RetentionPolicy policy; // audit 365 days
    auto dry = s.purge(policy, clock.now(), true);
    REQUIRE(dry);
    CHECK(dry->auditRows == 5);
    CHECK(s.auditLog(100)->size() == 7); // a dry run deletes nothing

    auto r = s.purge(policy, clock.now(), false);
    REQUIRE(r);
    CHECK(r->auditRows == 5);
    auto log = s.auditLog(100);
    REQUIRE(log->size() == 3); // day 200, day 400 and the purge's own row
    CHECK(log->front().action == "retention.purged");
    auto v = s.verifyAudit();
    CHECK(v->ok);
    CHECK(v->anchoredThrough == 5);
    CHECK(v->rows == 3);

    // Deleting the next row by hand is still seen, past the anchor.
    tamper(path, "DELETE FROM audit_log WHERE id = 6");
    CHECK_FALSE(openWith(path, clock).verifyAudit()->ok);
}

TEST_CASE("The rows about one dossier and its letters are found by id", "[audit]") {
    ManualClock clock(day(0));
    store::Options o;
    o.now = [&clock] { return clock.now(); };
    auto s = Store::open(":memory:", o);
    REQUIRE(s);
    fiveRows(*s);
    REQUIRE(s->audit("staff-3", "mail.returned", "mail:21 reason:inconnu"));
    REQUIRE(s->audit("staff-3", "mail.confirmed", "mail:2 dossier:420"));
    auto rows = s->auditMentioning({"dossier:42", "mail:21"});
    REQUIRE(rows);
    REQUIRE(rows->size() == 4);
    CHECK((*rows)[0].action == "mail.recorded");
    CHECK((*rows)[2].action == "mail.handed_over");
    CHECK((*rows)[2].actor == "staff-3");
    CHECK((*rows)[3].action == "mail.returned");
}

TEST_CASE("A store made by the previous Guichet (schema 4) gets its audit rows chained once", "[audit]") {
    test::TempDir dir;
    const std::string path = dir.file("old.db");
    // Made by the Guichet of schema 4: two dossiers imported, two letters recorded, one handed over.
    std::filesystem::copy_file(GUICHET_SOURCE_DIR "/tests/core/fixtures/schema4.db", path);
    ManualClock clock(day(0));
    std::string head;
    {
        Store s = openWith(path, clock);
        CHECK(s.schemaVersion() == Store::latestSchemaVersion());
        auto v = s.verifyAudit();
        REQUIRE(v);
        CHECK(v->ok);
        CHECK(v->rows == 4);
        head = v->head;
        CHECK(s.storeId()->size() == 32);
        CHECK(s.mailItems(std::nullopt)->size() == 2);
    }
    Store again = openWith(path, clock); // chained once: reopening changes nothing
    CHECK(again.verifyAudit()->head == head);
    REQUIRE(again.audit("staff-1", "ticket.served", "ticket:1"));
    CHECK(again.verifyAudit()->ok);
    CHECK(again.verifyAudit()->rows == 5);
}
