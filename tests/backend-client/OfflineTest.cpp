// A week offline: the desk keeps recording; pushes fail without harm; when the network is back the
// token has expired (renewed with the trust token), the directory is fully reloaded (the change
// feed cannot cover the gap) and every event goes once, with its real arrival time in content.
#include "Harness.hpp"
#include "guichet/core/Rules.hpp"
#include "guichet/sync/SyncLock.hpp"

#include <filesystem>
#include <unistd.h>

using namespace guichet;

TEST_CASE("a week offline, then recovery", "[sync][offline]") {
    guichet::testing::Harness h(10);
    // The network goes down: the same store and account, but nothing answers.
    auto deadConfig = guichet::testing::clientConfig(*h.server);
    deadConfig.baseUrl = "http://127.0.0.1:1"; // nothing listens there
    auto dead = backend::DomifaClient::create(deadConfig, h.clock);
    REQUIRE(dead);
    dead->setPassword("s3cret-pass");
    sync::SyncEngine offline(*h.db, *dead, h.clock, h.options);
    int recorded = 0;
    for (int day = 0; day < 7; ++day) {
        for (DossierRef person = 1; person <= 3; ++person) {
            h.enqueue(EventType::CourrierIn, person, 1, "day-" + std::to_string(day));
            h.enqueue(EventType::CourrierIn, person, 1, "day-" + std::to_string(day));
            recorded += 2;
        }
        if (day == 3) h.enqueue(EventType::CourrierOut, 2);
        auto report = offline.push();
        REQUIRE(report);
        CHECK(report->delivered == 0);
        CHECK(offline.pull().has_value() == false);
        h.clock.advance(std::chrono::hours(24)); // the stand-in runs on the same clock
    }
    auto status = sync::readStatus(*h.db);
    REQUIRE(status);
    CHECK(status->delivered == 0);
    CHECK(status->pending + status->uncertain == recorded + 1);

    // Back online (same process, the live client: its 12-hour token died days ago).
    auto pulled = h.engine->pull();
    REQUIRE(pulled);
    CHECK(pulled->full);
    h.pushUntilDone();
    h.checkExactlyOnce();
    // One interaction per person per day (batch), with the real arrival date in the content.
    const auto rows = h.server->interactions(1);
    REQUIRE(rows.size() == 7);
    for (const auto& row : rows) {
        CHECK(row.nbCourrier == 2);
        CHECK(row.content.find("Arrivé le ") != std::string::npos);
    }
    // The queued SMS of person 1 shows the last batch's count (2), not a merged wrong one.
    bool found = false;
    for (const auto& sms : h.server->smsQueue())
        if (sms.ref == 1 && sms.kind == "courrier") {
            found = true;
            CHECK(sms.count == 2);
        }
    const auto usager = h.server->usager(1);
    REQUIRE(usager);
    if ((*usager).value("contactByPhone", false)) CHECK(found);
    // Person 2 collected on day 3: the letters of days 4 to 6 are pending after it.
    CHECK((*h.server->usager(2))["lastInteraction"]["courrierIn"] == 6);
}

TEST_CASE("the 5-minute change feed keeps the replica current between full reloads", "[sync][pull]") {
    guichet::testing::Harness h(10);
    h.clock.advance(std::chrono::minutes(6)); // the seeding itself is no longer "changed in the last 5 min"
    auto full = h.engine->pull();
    REQUIRE(full);
    CHECK(full->full);
    // Another desk (another client of the same account) records two letters for person 4.
    auto other = backend::DomifaClient::create(guichet::testing::clientConfig(*h.server), h.clock);
    REQUIRE(other);
    guichet::testing::loginWithCode(*other, *h.server);
    REQUIRE(other->postInteractions(4, {{"courrierIn", 2, "autre guichet", {}, false}}));
    h.clock.advance(std::chrono::minutes(2));
    auto feed = h.engine->pull();
    REQUIRE(feed);
    CHECK_FALSE(feed->full);
    CHECK(feed->received == 1);
    auto four = h.db->findDossier(4);
    REQUIRE(four);
    REQUIRE(*four);
    CHECK((*four)->pending.courrier == 2);
    // Locally recorded, not pushed yet: shown on top of DomiFa's counts.
    h.enqueue(EventType::CourrierIn, 4, 3, "b");
    auto waiting = h.db->events(EventState::Pending);
    REQUIRE(waiting);
    CHECK(localPending((*four)->pending, 4, *waiting).courrier == 5);
    // Offline longer than the feed covers: the next pull is a full reload.
    h.clock.advance(std::chrono::minutes(6));
    auto reload = h.engine->pull();
    REQUIRE(reload);
    CHECK(reload->full);
}

TEST_CASE("one sync at a time per store", "[sync]") {
    const std::string path =
        (std::filesystem::temp_directory_path() / ("guichet-lock-" + std::to_string(::getpid()))).string();
    {
        auto first = sync::SyncLock::acquire(path);
        REQUIRE(first);
        auto second = sync::SyncLock::acquire(path);
        CHECK_FALSE(second);
    }
    auto again = sync::SyncLock::acquire(path); // released with the first holder
    CHECK(again);
    std::filesystem::remove(path + ".sync-lock");
}
