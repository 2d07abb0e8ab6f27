// The fault matrix: whatever the stand-in does to a request, every event ends up on the backend
// exactly once.
#include "Harness.hpp"

#include <thread>

using namespace guichet;
using guichet::testing::Harness;

namespace {

/// A small day at the desk: a batch of letters for one person, a registered notice, a parcel, a
/// visit, a hand-over that closes the letters, and a letter recorded after the hand-over.
void aDayAtTheDesk(Harness& h) {
    h.enqueue(EventType::CourrierIn, 1, 1, "batch-1");
    h.enqueue(EventType::CourrierIn, 1, 2, "batch-1");
    h.enqueue(EventType::CourrierIn, 2, 1, "batch-1");
    h.enqueue(EventType::RecommandeIn, 2, 1, "batch-1");
    h.enqueue(EventType::ColisIn, 3, 1, "batch-1");
    h.enqueue(EventType::Visite, 4);
    h.enqueue(EventType::CourrierOut, 1);
    h.enqueue(EventType::CourrierIn, 1, 1, "batch-2");
}

void runMatrixCase(const char* name, sim::Faults faults) {
    INFO("fault: " << name);
    Harness h;
    aDayAtTheDesk(h);
    h.server->setFaults(faults);
    auto reports = h.pushUntilDone();
    h.checkExactlyOnce();
    // Letters of person 1: the batch went as one item of 3, closed by the Out, then 1 more.
    const auto usager = h.server->usager(1);
    REQUIRE(usager);
    CHECK((*usager)["lastInteraction"]["courrierIn"] == 1);
    // After a pull, the replica has DomiFa's counts: person 1 has the one letter after the Out.
    h.clock.advance(std::chrono::minutes(10));
    REQUIRE(h.engine->pull());
    auto one = h.db->findDossier(1);
    REQUIRE(one);
    REQUIRE(*one);
    CHECK((*one)->pending.courrier == 1);
    auto status = sync::readStatus(*h.db);
    REQUIRE(status);
    for (const Event& e : status->parked)
        UNSCOPED_INFO("parked: event " << e.id << " dossier " << e.dossier << ": " << e.lastError);
    CHECK(status->delivered == 8);
    CHECK(status->parked.empty());
}

} // namespace

TEST_CASE("fault matrix: every event delivered exactly once", "[sync][faults]") {
    sim::Faults f;
    SECTION("no fault") {
        runMatrixCase("none", f);
    }
    SECTION("5xx before commit") {
        f.fail5xx = 2;
        runMatrixCase("503", f);
    }
    SECTION("5xx after commit") {
        f.fail5xxAfterCommit = 2;
        runMatrixCase("502 after commit", f);
    }
    SECTION("connection reset before commit") {
        f.resetBeforeCommit = 2;
        runMatrixCase("reset before", f);
    }
    SECTION("connection reset after commit") {
        f.resetAfterCommit = 2;
        runMatrixCase("reset after", f);
    }
    SECTION("timeout after commit") {
        f.slowAfterCommit = 1;
        f.slowMs = 1200;
        runMatrixCase("timeout after commit", f);
    }
    SECTION("timeout before commit (the write lands after the client gave up)") {
        f.slowBeforeCommit = 1;
        f.slowMs = 1000;
        runMatrixCase("timeout before commit", f);
    }
    SECTION("malformed JSON answer") {
        f.malformedJson = 2;
        runMatrixCase("malformed", f);
    }
    SECTION("slow responses under the timeout") {
        f.latencyMs = 120;
        runMatrixCase("slow", f);
    }
    SECTION("random faults on a third of the writes") {
        f.randomWriteFaultRate = 0.35;
        f.randomSeed = 11;
        f.slowMs = 1000;
        runMatrixCase("random", f);
    }
}

TEST_CASE("429: the client stops, holds every request until Retry-After, then delivers", "[sync][faults]") {
    Harness h;
    aDayAtTheDesk(h);
    sim::Faults f;
    f.fail429 = 1;
    h.server->setFaults(f);
    auto first = h.engine->push();
    REQUIRE(first);
    CHECK(first->stopped);
    CHECK(first->requests == 1);
    const auto sentBefore = h.server->counters().requests;
    auto during = h.engine->push(); // still inside Retry-After: nothing may leave
    REQUIRE(during);
    CHECK(during->stopped);
    CHECK(h.server->counters().requests == sentBefore);
    h.clock.advance(std::chrono::seconds{61});
    h.pushUntilDone();
    h.checkExactlyOnce();
    CHECK(h.client->stats().status429 == 1);
}

TEST_CASE("401 mid-run: one renewal with the trust token, then the run goes on", "[sync][faults]") {
    Harness h;
    aDayAtTheDesk(h);
    const auto logins = h.client->stats().logins;
    const auto unauthorized = h.client->stats().status401; // the first login's OTP_REQUIRED
    // 13 hours pass on the backend after the first request: the 12-hour token is dead.
    auto report = h.engine->push([&](const sync::Progress& p) {
        if (p.done == 1) h.server->advanceClock(std::chrono::hours(13));
    });
    REQUIRE(report);
    CHECK_FALSE(report->stopped);
    CHECK(h.client->stats().status401 == unauthorized + 1);
    CHECK(h.client->stats().logins == logins + 1);
    h.checkExactlyOnce();
}

TEST_CASE("401 and the trust token expired too: stop, report 'code needed', resume after login",
          "[sync][faults]") {
    Harness h;
    aDayAtTheDesk(h);
    auto report = h.engine->push([&](const sync::Progress& p) {
        if (p.done == 2) h.server->advanceClock(std::chrono::hours(24 * 31));
    });
    REQUIRE(report);
    CHECK(report->stopped);
    auto status = sync::readStatus(*h.db);
    REQUIRE(status);
    CHECK(status->login == "code needed");
    CHECK(status->pending + status->uncertain > 0);
    guichet::testing::loginWithCode(*h.client, *h.server);
    h.pushUntilDone();
    h.checkExactlyOnce();
}

TEST_CASE("403: stop everything, never hammer, resume only after staff clear it", "[sync][faults]") {
    Harness h;
    aDayAtTheDesk(h);
    sim::Faults f;
    f.fail403 = 1;
    h.server->setFaults(f);
    auto first = h.engine->push();
    REQUIRE(first);
    CHECK(first->stopped);
    CHECK(first->requests == 1);
    auto status = sync::readStatus(*h.db);
    REQUIRE(status);
    CHECK_FALSE(status->halted.empty());
    const auto sent = h.server->counters().requests;
    for (int i = 0; i < 3; ++i) {
        h.clock.advance(std::chrono::hours(1));
        auto again = h.engine->push();
        REQUIRE(again);
        CHECK(again->stopped);
    }
    CHECK(h.server->counters().requests == sent);
    // Staff checked the account and cleared the halt; a new client (the old one latched the 403).
    REQUIRE(sync::clearHalt(*h.db));
    auto fresh = backend::DomifaClient::create(guichet::testing::clientConfig(*h.server), h.clock);
    REQUIRE(fresh);
    h.engine.reset();
    h.client.emplace(std::move(fresh.value()));
    guichet::testing::loginWithCode(*h.client, *h.server);
    h.engine.emplace(*h.db, *h.client, h.clock, h.options);
    h.pushUntilDone();
    h.checkExactlyOnce();
}

TEST_CASE("400 parks that event with its reason and does not block the others", "[sync][faults]") {
    Harness h;
    h.enqueue(EventType::CourrierIn, 1, 2, "b");
    const EventId unknown = h.enqueue(EventType::CourrierIn, 9999, 1, "b"); // no such usager
    h.enqueue(EventType::Visite, 2);
    auto report = h.engine->push();
    REQUIRE(report);
    CHECK(report->parked == 1);
    CHECK(report->delivered == 2);
    auto status = sync::readStatus(*h.db);
    REQUIRE(status);
    REQUIRE(status->parked.size() == 1);
    CHECK(status->parked[0].id == unknown);
    CHECK(status->parked[0].lastError.find("USAGER_NOT_FOUND") != std::string::npos);
    h.checkExactlyOnce();
}

TEST_CASE("a hand-over to a mandated person needs a valid procuration, checked locally", "[sync]") {
    sim::SimOptions options = guichet::testing::simOptions();
    Harness h(12, options);
    // Person 5 gets a procuration valid now, person 6 an expired one (re-seeded and re-pulled).
    auto people = sim::syntheticUsagers(12, 7);
    people[4]["options"]["procurations"] = nlohmann::json::array(
        {{{"nom", "DURAND"}, {"prenom", "Paul"}, {"dateDebut", "2020-01-01"}, {"dateFin", "2099-12-31"}}});
    people[5]["options"]["procurations"] = nlohmann::json::array(
        {{{"nom", "DURAND"}, {"prenom", "Paul"}, {"dateDebut", "2020-01-01"}, {"dateFin", "2021-12-31"}}});
    REQUIRE(h.server->seed(people));
    h.clock.advance(std::chrono::hours(1)); // past the feed window: full reload
    REQUIRE(h.engine->pull());
    h.enqueue(EventType::CourrierIn, 5, 1, "b");
    h.enqueue(EventType::CourrierOut, 5, 1, {}, 0);
    const EventId expired = h.enqueue(EventType::CourrierOut, 6, 1, {}, 0);
    const EventId missing = h.enqueue(EventType::CourrierOut, 7, 1, {}, 3);
    auto report = h.engine->push();
    REQUIRE(report);
    CHECK(report->parked == 2);
    auto status = sync::readStatus(*h.db);
    REQUIRE(status);
    REQUIRE(status->parked.size() == 2);
    CHECK(status->parked[0].id == expired);
    CHECK(status->parked[1].id == missing);
    CHECK(status->parked[0].lastError.find("procuration") != std::string::npos);
    const auto rows = h.server->interactions(5);
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].procurationIndex == 0);
    h.checkExactlyOnce();
}

TEST_CASE("a 429 hold survives the process: the next one sends nothing before it ends", "[sync][faults]") {
    Harness h;
    aDayAtTheDesk(h);
    sim::Faults f;
    f.fail429 = 1;
    h.server->setFaults(f);
    REQUIRE(h.engine->push());
    // A new process: new client (empty throttle), same store.
    auto fresh = backend::DomifaClient::create(guichet::testing::clientConfig(*h.server), h.clock);
    REQUIRE(fresh);
    guichet::testing::loginWithCode(*fresh, *h.server);
    sync::SyncEngine next(*h.db, *fresh, h.clock, h.options);
    const auto sent = h.server->counters().requests;
    CHECK_FALSE(next.pull());
    auto pushed = next.push();
    REQUIRE(pushed);
    CHECK(pushed->stopped);
    CHECK(h.server->counters().requests == sent);
}

TEST_CASE("the replica takes the counts from each answer, without waiting for a pull", "[sync]") {
    Harness h;
    aDayAtTheDesk(h);
    auto report = h.engine->push();
    REQUIRE(report);
    CHECK(report->delivered == 8);
    auto one = h.db->findDossier(1);
    REQUIRE(one);
    REQUIRE(*one);
    CHECK((*one)->pending.courrier == 1);
    auto three = h.db->findDossier(3);
    REQUIRE(three);
    REQUIRE(*three);
    CHECK((*three)->pending.colis == 1);
}

TEST_CASE("unknown outcome and a history too long to search: parked for staff, never resent",
          "[sync][faults]") {
    Harness h(4);
    h.options.historyPages = 1; // search only the last 100 entries
    h.engine.emplace(*h.db, *h.client, h.clock, h.options);
    const EventId id = h.enqueue(EventType::CourrierIn, 2, 1, "b");
    sim::Faults f;
    f.resetBeforeCommit = 1;
    h.server->setFaults(f);
    auto first = h.engine->push();
    REQUIRE(first);
    CHECK(first->deferred == 1);
    // Meanwhile 120 other interactions for the same person.
    for (int i = 0; i < 120; ++i)
        REQUIRE(h.client->postInteractions(2, {{"visite", {}, "autre", {}, false}}));
    h.clock.advance(std::chrono::hours(1));
    auto second = h.engine->push();
    REQUIRE(second);
    CHECK(second->parked == 1);
    auto status = sync::readStatus(*h.db);
    REQUIRE(status);
    REQUIRE(status->parked.size() == 1);
    CHECK(status->parked[0].id == id);
    CHECK(status->parked[0].lastError.find("check in DomiFa") != std::string::npos);
    CHECK(h.server->interactions(2).size() == 120); // nothing resent
}
