// Backups are taken while the desk writes, and come back whole: a copy passes SQLite's integrity
// check, holds a prefix of the desk's transactions (every item with its event and its audit row,
// ids without holes), and a restore refuses nothing it should accept.
#include "TempDir.hpp"
#include "guichet/store/Store.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <sys/stat.h>
#include <thread>

using namespace guichet;
using guichet::store::Store;

namespace {

Store openOk(const std::string& path) {
    auto s = Store::open(path);
    INFO((s ? "" : s.error().message));
    REQUIRE(s);
    return std::move(s).value();
}

/// One desk transaction: an item, its outbox event and its audit row.
Result<void> recordOne(Store& s, int n) {
    return s.transaction([&]() -> Result<void> {
        MailItem m;
        m.arrivedAt = now();
        m.dossier = 42;
        m.method = MatchMethod::Auto;
        m.state = MailState::Pending;
        Event e;
        e.type = EventType::CourrierIn;
        e.dossier = 42;
        auto id = s.recordMailItem(m, e);
        if (!id) return id.error();
        return s.audit("auto", "mail.recorded", "mail:" + std::to_string(*id) + " n:" + std::to_string(n));
    });
}

/// The copy holds whole transactions only, numbered without a hole.
void checkConsistentPrefix(const std::string& path) {
    auto info = Store::inspect(path);
    REQUIRE(info);
    CHECK(info->guichetStore);
    CHECK(info->integrity == "ok");
    Store copy = openOk(path);
    auto items = copy.mailItems(std::nullopt);
    REQUIRE(items);
    auto events = copy.events(std::nullopt);
    REQUIRE(events);
    auto audit = copy.auditLog(1000000);
    REQUIRE(audit);
    CHECK(items->size() == events->size());
    CHECK(items->size() == audit->size());
    for (size_t i = 0; i < items->size(); ++i) {
        CHECK((*items)[i].id == static_cast<MailItemId>(i + 1));
        CHECK((*events)[i].mailItem == (*items)[i].id);
    }
    CHECK(copy.verifyAudit()->ok);
}

} // namespace

TEST_CASE("A backup taken while another connection writes is a consistent prefix", "[backup]") {
    test::TempDir dir;
    const std::string path = dir.file("desk.db");
    Store desk = openOk(path);
    REQUIRE(recordOne(desk, 0));
    std::atomic<bool> stop{false};
    std::atomic<int> written{1};
    std::thread writer([&] {
        Store own = openOk(path); // the desk: its own connection, writing all the time
        for (int n = 1; !stop; ++n) {
            if (!recordOne(own, n)) break;
            ++written;
        }
    });
    Store backupSide = openOk(path);
    std::vector<std::string> copies;
    for (int i = 0; i < 5; ++i) {
        while (written < 20 * (i + 1))
            std::this_thread::yield();
        const std::string copy = dir.file("copy" + std::to_string(i) + ".db");
        auto r = backupSide.backupTo(copy);
        INFO((r ? "" : r.error().message));
        REQUIRE(r);
        copies.push_back(copy);
    }
    stop = true;
    writer.join();
    CHECK(written > 100); // the writer was never blocked for long by the copies
    size_t previous = 0;
    for (const std::string& copy : copies) {
        struct stat st {};
        REQUIRE(::stat(copy.c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0600);
        checkConsistentPrefix(copy);
        const size_t n = openOk(copy).mailItems(std::nullopt)->size();
        CHECK(n >= previous);
        CHECK(n >= 20);
        previous = n;
    }
}

TEST_CASE("A backup carries files on purpose and a restore puts the store back", "[backup]") {
    test::TempDir dir;
    Store desk = openOk(dir.file("desk.db"));
    for (int n = 0; n < 3; ++n)
        REQUIRE(recordOne(desk, n));
    const std::string id = *desk.storeId();
    CHECK(id.size() == 32);
    REQUIRE(desk.backupTo(dir.file("with.db"), {{"card.key", 0600, std::string("secret\0bytes", 12)}}));
    REQUIRE(desk.backupTo(dir.file("without.db")));
    auto with = Store::inspect(dir.file("with.db"));
    REQUIRE(with);
    REQUIRE(with->files.size() == 1);
    CHECK(with->files[0].bytes == std::string("secret\0bytes", 12));
    CHECK(with->storeId == id);
    CHECK(with->schema == Store::latestSchemaVersion());
    CHECK(Store::inspect(dir.file("without.db"))->files.empty());

    // The desk goes on, then the backup is put back: the later item is gone, the keys are not
    // left in the store.
    REQUIRE(recordOne(desk, 3));
    REQUIRE(desk.restoreFrom(dir.file("with.db")));
    Store back = openOk(dir.file("desk.db"));
    CHECK(back.mailItems(std::nullopt)->size() == 3);
    CHECK(*back.storeId() == id);
    CHECK(Store::inspect(dir.file("desk.db"))->files.empty());
    CHECK(back.verifyAudit()->ok);
    CHECK(*back.integrityCheck() == "ok");
}

TEST_CASE("Two stores have different ids and other files are told from stores", "[backup]") {
    test::TempDir dir;
    Store a = openOk(dir.file("a.db"));
    Store b = openOk(dir.file("b.db"));
    CHECK(*a.storeId() != *b.storeId());
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(dir.file("other.db").c_str(), &db) == SQLITE_OK);
    sqlite3_exec(db, "CREATE TABLE t (x)", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    auto other = Store::inspect(dir.file("other.db"));
    REQUIRE(other);
    CHECK_FALSE(other->guichetStore);
    CHECK_FALSE(Store::inspect(dir.file("missing.db")));
}
