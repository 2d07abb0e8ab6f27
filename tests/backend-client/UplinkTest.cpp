// Issue 18, the uplink against the real DomiFa: each case teaches the stand-in one behaviour of
// the real backend, shows what it did to the mail, and checks the engine now copes.
#include "Harness.hpp"

#include <thread>

using namespace guichet;
using guichet::testing::Harness;

namespace {

std::vector<Event> eventsIn(store::Store& db, EventState state) {
    auto list = db.events(state);
    REQUIRE(list);
    return *list;
}

int countOn(const sim::SimServer& server, DossierRef ref, const std::string& type) {
    int n = 0;
    for (const auto& i : server.interactions(ref))
        if (i.type == type) ++n;
    return n;
}

} // namespace

TEST_CASE("markers: unique per install, created once and kept in the store", "[sync][uplink][markers]") {
    auto a = store::Store::open(":memory:");
    auto b = store::Store::open(":memory:");
    REQUIRE(a);
    REQUIRE(b);
    auto first = sync::installId(*a);
    REQUIRE(first);
    CHECK(first->size() == 6);
    auto again = sync::installId(*a);
    REQUIRE(again);
    CHECK(*again == *first); // created once
    auto other = sync::installId(*b);
    REQUIRE(other);
    CHECK(*other != *first); // a reinstalled desk (a new store) writes other markers
}

TEST_CASE("lost: another desk's entry with the old-style marker is not taken as our delivery",
          "[sync][uplink][markers]") {
    Harness h;
    // An older desk (or a second desk on the default prefix) wrote "(réf. G-1)" a month ago.
    REQUIRE(h.server->addForeignInteraction(1, "courrierIn", 1, "Courrier (réf. G-1)", "Ancien poste",
                                            30 * 24 * 3600));
    const EventId id = h.enqueue(EventType::CourrierIn, 1, 1);
    REQUIRE(id == 1); // the same local event id as the stranger's marker
    sim::Faults f;
    f.resetBeforeCommit = 1; // our request never arrives
    h.server->setFaults(f);
    auto first = h.engine->push();
    REQUIRE(first);
    CHECK(first->delivered == 0);
    h.pushUntilDone();
    // Before: reconcile found "(réf. G-1)" with the same type and count and marked it delivered,
    // and the letter never reached DomiFa. Now our marker carries the install id: it is resent.
    CHECK(countOn(*h.server, 1, "courrierIn") == 2);
    auto installId = sync::installId(*h.db);
    REQUIRE(installId);
    int ours = 0;
    for (const auto& i : h.server->interactions(1))
        if (i.content.find("(réf. G-" + *installId + "-1)") != std::string::npos) ++ours;
    CHECK(ours == 1);
}

TEST_CASE("lost: an entry with our own marker but written by another account or before the event is "
          "parked, not taken as delivery",
          "[sync][uplink][markers]") {
    Harness h;
    auto installId = sync::installId(*h.db);
    REQUIRE(installId);
    const EventId id = h.enqueue(EventType::CourrierIn, 1, 3);
    const std::string marker = "(réf. G-" + *installId + "-" + std::to_string(id) + ")";
    std::string who;
    std::int64_t age = 0;
    SECTION("another account") {
        who = "Autre Compte";
        age = 0;
    }
    SECTION("written long before the event was recorded") {
        who = "Guichet";
        age = 40 * 24 * 3600;
    }
    REQUIRE(h.server->addForeignInteraction(1, "courrierIn", 3, "Courrier " + marker, who, age));
    sim::Faults f;
    f.resetBeforeCommit = 1;
    h.server->setFaults(f);
    REQUIRE(h.engine->push());
    h.clock.advance(std::chrono::seconds{400});
    auto report = h.engine->push();
    REQUIRE(report);
    CHECK(report->reconciled == 0);
    CHECK(report->delivered == 0);
    CHECK(report->parked == 1);
    const auto parked = eventsIn(*h.db, EventState::Parked);
    REQUIRE(parked.size() == 1);
    CHECK(parked.front().lastError.find("not taken as delivery") != std::string::npos);
    CHECK(countOn(*h.server, 1, "courrierIn") == 1); // not resent either
}

TEST_CASE("wrong person: a ref deleted and given to a new usager never gets the old one's mail",
          "[sync][uplink][uuid]") {
    Harness h(12);
    auto twelve = h.db->findDossier(12);
    REQUIRE(twelve);
    REQUIRE(*twelve);
    const std::string oldUuid = (*twelve)->uuid;
    CHECK_FALSE(oldUuid.empty()); // kept from the pull
    const EventId id = h.enqueue(EventType::CourrierIn, 12, 2);
    CHECK(eventsIn(*h.db, EventState::Pending).front().dossierUuid == oldUuid); // filled by the store

    // DomiFa: usager 12 deleted, a new usager created: max(ref) + 1 is 12 again, with a new uuid.
    REQUIRE(h.server->deleteUsager(12));
    auto newcomer = sim::syntheticUsagers(1, 99).front();
    newcomer.erase("uuid");
    auto ref = h.server->createUsager(newcomer);
    REQUIRE(ref);
    REQUIRE(*ref == 12);

    SECTION("the pull sees the new uuid and parks the old person's events") {
        h.clock.advance(std::chrono::seconds{60});
        auto pulled = h.engine->pull();
        REQUIRE(pulled);
        CHECK_FALSE(pulled->full); // the change feed
        CHECK(pulled->replaced == 1);
        CHECK(pulled->parked == 1);
    }
    SECTION("the push alone (replica not refreshed) pulls first and refuses") {
        h.clock.advance(std::chrono::seconds{200}); // past directoryFreshness
    }
    auto pushed = h.engine->push();
    REQUIRE(pushed);
    CHECK(pushed->requests == 0);
    CHECK(h.server->interactions(12).empty()); // before: the letters went to the newcomer
    const auto parked = eventsIn(*h.db, EventState::Parked);
    REQUIRE(parked.size() == 1);
    CHECK(parked.front().id == id);
    CHECK(parked.front().lastError.find("another person") != std::string::npos);
    auto replica = h.db->findDossier(12);
    REQUIRE(replica);
    REQUIRE(*replica);
    CHECK((*replica)->uuid != oldUuid);
    // Requeued by staff, it is parked again: the cause still holds.
    REQUIRE(sync::requeueParked(*h.db, id));
    REQUIRE(h.engine->push());
    CHECK(h.server->interactions(12).empty());
    CHECK(eventsIn(*h.db, EventState::Parked).size() == 1);
}

TEST_CASE("doubled: a write applied late (locked table) is not resent before DomiFa's own timeout",
          "[sync][uplink][late]") {
    sim::Faults f;
    f.lateApply = 1;
    f.lateApplyMs = 290'000; // DomiFa applies it 4 min 50 s later (its timeout is 5 min)
    f.slowMs = 900;          // the client (700 ms timeout) gives up first

    SECTION("the stand-in reproduces the double with the old 60 s settle delay") {
        Harness h;
        auto options = h.options;
        options.settleDelay = std::chrono::seconds{60};
        sync::SyncEngine engine(*h.db, *h.client, h.clock, options);
        h.enqueue(EventType::CourrierIn, 1, 1);
        h.server->setFaults(f);
        REQUIRE(engine.push());
        h.clock.advance(std::chrono::seconds{70});
        auto second = engine.push();
        REQUIRE(second);
        CHECK(second->requests == 1); // history did not show it: resent
        h.clock.advance(std::chrono::seconds{300});
        CHECK(countOn(*h.server, 1, "courrierIn") == 2); // both committed
    }
    SECTION("the default settle delay outlasts DomiFa's timeout: found, not resent") {
        Harness h;
        sync::SyncOptions defaults;
        CHECK(defaults.settleDelay >= std::chrono::seconds{330});
        auto options = h.options;
        options.settleDelay = defaults.settleDelay;
        sync::SyncEngine engine(*h.db, *h.client, h.clock, options);
        h.enqueue(EventType::CourrierIn, 1, 1);
        h.server->setFaults(f);
        REQUIRE(engine.push());
        h.clock.advance(std::chrono::seconds{70});
        auto early = engine.push();
        REQUIRE(early);
        CHECK(early->requests == 0); // too early to conclude anything
        h.clock.advance(std::chrono::seconds{270});
        auto later = engine.push();
        REQUIRE(later);
        CHECK(later->reconciled == 1);
        CHECK(later->requests == 0);
        CHECK(countOn(*h.server, 1, "courrierIn") == 1);
    }
}

TEST_CASE("banned: 400 on every route stops the sync, nothing is parked", "[sync][uplink][ban]") {
    Harness h;
    for (DossierRef p = 1; p <= 5; ++p)
        h.enqueue(EventType::CourrierIn, p, 1);
    sim::Faults f;
    f.ipBan400 = true;
    h.server->setFaults(f);
    SECTION("seen on the push") {
        auto report = h.engine->push();
        REQUIRE(report);
        CHECK(report->stopped);
        CHECK(report->parked == 0); // before: every event parked as refused
        CHECK(report->requests == 1);
    }
    SECTION("seen on the pull") {
        h.clock.advance(std::chrono::seconds{60});
        auto pulled = h.engine->pull();
        REQUIRE_FALSE(pulled);
        CHECK(pulled.error().message.find("banned") != std::string::npos);
        auto report = h.engine->push();
        REQUIRE(report);
        CHECK(report->stopped);
        CHECK(report->requests == 0);
    }
    auto status = sync::readStatus(*h.db);
    REQUIRE(status);
    CHECK(status->parked.empty());
    CHECK(status->pending == 5); // refused before anything was applied: nothing to look for
    CHECK(status->halted.find("banned") != std::string::npos);
    // Lifted, and after `guichet sync login` (which clears the halt), everything goes once.
    h.server->setFaults(sim::Faults{});
    REQUIRE(sync::clearHalt(*h.db));
    h.pushUntilDone();
    h.checkExactlyOnce();
}

TEST_CASE("requeue: a parked event goes back to the queue with its reason shown", "[sync][uplink][ban]") {
    Harness h;
    const EventId id = h.enqueue(EventType::CourrierIn, 999, 1); // unknown to DomiFa: a real 400
    auto report = h.engine->push();
    REQUIRE(report);
    CHECK(report->parked == 1);
    CHECK_FALSE(report->stopped);
    auto requeued = sync::requeueParked(*h.db, id);
    REQUIRE(requeued);
    REQUIRE(requeued->size() == 1);
    CHECK(requeued->front().lastError.find("USAGER_NOT_FOUND") != std::string::npos);
    // Sent once already: back as Uncertain (its marker is looked for before any resend).
    auto back = eventsIn(*h.db, EventState::Uncertain);
    REQUIRE(back.size() == 1);
    CHECK(back.front().id == id);
    CHECK(eventsIn(*h.db, EventState::Parked).empty());
    CHECK_FALSE(sync::requeueParked(*h.db, id)); // no longer parked
}

TEST_CASE("the replica drops usagers deleted in DomiFa at a full reload, at least daily",
          "[sync][uplink][deleted]") {
    Harness h(12);
    h.enqueue(EventType::CourrierIn, 5, 1);
    REQUIRE(h.server->deleteUsager(5));
    // A desk syncing every 120 s: the change feed only, which never shows deletions...
    auto pullAfter = [&](std::chrono::seconds wait) {
        h.clock.advance(wait);
        auto pulled = h.engine->pull();
        REQUIRE(pulled);
        return *pulled;
    };
    bool full = false;
    for (int run = 0; run < 30; ++run) // an hour of it, for real
        full = full || pullAfter(std::chrono::seconds{120}).full;
    CHECK_FALSE(full);
    // ... and the rest of the day (the runs in between stand for the pulls every 120 s).
    const auto startedDay = std::chrono::floor<std::chrono::seconds>(h.clock.now()) - std::chrono::hours(1);
    auto skipTo = [&](std::chrono::seconds sinceStart) {
        h.clock.advance(startedDay + sinceStart - std::chrono::seconds{120} -
                        std::chrono::floor<std::chrono::seconds>(h.clock.now()));
        REQUIRE(h.db->setSetting("sync.lastPull",
                                 formatInstant(std::chrono::floor<std::chrono::seconds>(h.clock.now()))));
        return pullAfter(std::chrono::seconds{120});
    };
    CHECK_FALSE(skipTo(std::chrono::hours(23) + std::chrono::minutes(50)).full);
    auto stale = h.db->findDossier(5);
    REQUIRE(stale);
    CHECK(stale->has_value()); // still there, still matchable
    // ... until the daily full reload.
    const sync::PullReport last = skipTo(std::chrono::hours(24) + std::chrono::minutes(1));
    full = last.full;
    CHECK(full);
    CHECK(last.removed == 1);
    CHECK(last.parked == 1);
    auto gone = h.db->findDossier(5);
    REQUIRE(gone);
    CHECK_FALSE(gone->has_value());
    auto report = h.engine->push();
    REQUIRE(report);
    CHECK(report->requests == 0);
    const auto parked = eventsIn(*h.db, EventState::Parked);
    REQUIRE(parked.size() == 1);
    CHECK(parked.front().lastError.find("no longer in DomiFa") != std::string::npos);
}

TEST_CASE("a letter for a person struck off since is parked for staff, not pushed", "[sync][uplink][radie]") {
    Harness h;
    h.enqueue(EventType::CourrierIn, 3, 1);
    auto usager = h.server->usager(3);
    REQUIRE(usager);
    (*usager)["statut"] = "RADIE";
    (*usager)["decision"]["statut"] = "RADIE";
    REQUIRE(h.server->seed({*usager}));
    h.clock.advance(std::chrono::seconds{60});
    REQUIRE(h.engine->pull());
    auto report = h.engine->push();
    REQUIRE(report);
    CHECK(report->requests == 0);
    CHECK(h.server->interactions(3).empty());
    auto status = sync::readStatus(*h.db);
    REQUIRE(status);
    REQUIRE(status->parked.size() == 1);
    CHECK(status->parked.front().lastError.find("radié: return to sender proposed") != std::string::npos);
}

TEST_CASE("last success is not a run where the pull and every event failed", "[sync][uplink][status]") {
    Harness h;
    auto before = sync::readStatus(*h.db);
    REQUIRE(before);
    REQUIRE(before->lastSuccess);
    for (DossierRef p = 1; p <= 3; ++p)
        h.enqueue(EventType::CourrierIn, p, 1);
    h.clock.advance(std::chrono::seconds{60});
    sim::Faults f;
    f.fail5xx = 1;           // the pull
    f.resetBeforeCommit = 3; // every write
    h.server->setFaults(f);
    CHECK_FALSE(h.engine->pull());
    auto report = h.engine->push();
    REQUIRE(report);
    CHECK(report->delivered == 0);
    auto after = sync::readStatus(*h.db);
    REQUIRE(after);
    CHECK(after->lastSuccess == before->lastSuccess); // before: "0 s ago"
}

TEST_CASE("a hung backend stops the run after two timeouts instead of 30 s a request",
          "[sync][uplink][hung]") {
    Harness h;
    for (DossierRef p = 1; p <= 6; ++p)
        h.enqueue(EventType::CourrierIn, p, 1);
    sim::Faults f;
    f.latencyMs = 900; // over the client's 700 ms timeout
    h.server->setFaults(f);
    auto report = h.engine->push();
    REQUIRE(report);
    CHECK(report->stopped);
    CHECK(report->requests == 2);
    CHECK(report->stopReason.find("timeouts in a row") != std::string::npos);
    h.server->setFaults(sim::Faults{});
    std::this_thread::sleep_for(std::chrono::milliseconds(600)); // the stand-in finishes them
    h.pushUntilDone();
    h.checkExactlyOnce();
}

TEST_CASE("the 429 hold survives a login", "[sync][uplink][throttle]") {
    Harness h;
    h.enqueue(EventType::CourrierIn, 1, 1);
    sim::Faults f;
    f.fail429 = 1;
    h.server->setFaults(f);
    auto first = h.engine->push();
    REQUIRE(first);
    CHECK(first->stopped);
    REQUIRE(sync::clearHalt(*h.db)); // what `guichet sync login` does
    auto status = sync::readStatus(*h.db);
    REQUIRE(status);
    REQUIRE(status->holdUntil);
    CHECK(*status->holdUntil > std::chrono::floor<std::chrono::seconds>(h.clock.now()));
    const auto sent = h.server->counters().requests;
    auto during = h.engine->push();
    REQUIRE(during);
    CHECK(during->stopped);
    CHECK(h.server->counters().requests == sent);
}

TEST_CASE("every send time is in the store before the request leaves", "[sync][uplink][throttle]") {
    Harness h;
    for (DossierRef p = 1; p <= 4; ++p)
        h.enqueue(EventType::CourrierIn, p, 1);
    // Between two requests of one push (a process killed there), the store already holds the
    // time of every request sent so far. Before: only the pull's and the previous push's.
    std::vector<std::pair<std::size_t, std::int64_t>> savedVsSent;
    auto report = h.engine->push([&](const sync::Progress&) {
        auto saved = h.db->setting("sync.sentTimes");
        REQUIRE(saved);
        REQUIRE(saved->has_value());
        savedVsSent.emplace_back(nlohmann::json::parse(**saved).size(), h.client->stats().requests);
    });
    REQUIRE(report);
    auto saved = h.db->setting("sync.sentTimes");
    REQUIRE(saved);
    REQUIRE(saved->has_value());
    const auto times = nlohmann::json::parse(**saved);
    CHECK(static_cast<std::int64_t>(times.size()) == h.client->stats().requests);
    REQUIRE(savedVsSent.size() == 5);
    for (const auto& [savedCount, sentCount] : savedVsSent)
        CHECK(static_cast<std::int64_t>(savedCount) == sentCount);
}

TEST_CASE("an answer larger than the cap is refused cleanly, not read whole", "[client][uplink][cap]") {
    Harness h(60);
    auto config = guichet::testing::clientConfig(*h.server);
    config.maxDirectoryBytes = 4096; // 60 usagers are ~60 KB
    auto small = backend::DomifaClient::create(config, h.clock);
    REQUIRE(small);
    guichet::testing::loginWithCode(*small, *h.server);
    auto text = small->usagersText(true);
    REQUIRE_FALSE(text);
    CHECK(text.error().kind == backend::ApiErrorKind::BadResponse);
    CHECK(text.error().message.find("larger than") != std::string::npos);
    // The default cap is sized from the directory: 4 KB a usager for 50,000 usagers.
    CHECK(backend::ClientConfig{}.maxDirectoryBytes >= std::size_t{4096} * 50000);
    auto full = h.client->usagersText(true);
    REQUIRE(full);
}

TEST_CASE("plain http is refused except to the loopback", "[client][uplink][tls]") {
    backend::ManualClock clock(backend::TimePoint{});
    for (const std::string url : {"http://domifa.example.fr", "http://10.0.0.5:3000",
                                  "http://127.0.0.1.evil.fr", "http://user@domifa.fr/api"}) {
        backend::ClientConfig config;
        config.baseUrl = url;
        INFO(url);
        auto client = backend::DomifaClient::create(config, clock);
        REQUIRE_FALSE(client);
        CHECK(client.error().message.find("baseUrl") != std::string::npos);
    }
    for (const std::string url : {"http://127.0.0.1:8787", "http://localhost:4000", "http://[::1]:8787",
                                  "https://api.domifa.fabrique.social.gouv.fr"}) {
        backend::ClientConfig config;
        config.baseUrl = url;
        INFO(url);
        CHECK(backend::DomifaClient::create(config, clock));
    }
}

TEST_CASE("the code prompt: within DomiFa's cooldown no new code is sent, and the client does not say "
          "one was",
          "[client][uplink][login]") {
    guichet::testing::curlGlobal();
    auto server = sim::SimServer::create(guichet::testing::simOptions());
    REQUIRE(server);
    REQUIRE((*server)->start(0));
    backend::ManualClock clock(
        std::chrono::time_point_cast<backend::Millis>(std::chrono::system_clock::now()));
    auto client = backend::DomifaClient::create(guichet::testing::clientConfig(**server), clock);
    REQUIRE(client);
    client->setPassword("s3cret-pass");
    auto first = client->login();
    REQUIRE_FALSE(first);
    const auto code = (*server)->lastCode("desk@test.fr");
    REQUIRE(code);
    auto second = client->login(); // a second attempt a moment later: no new e-mail
    REQUIRE_FALSE(second);
    CHECK(second.error().kind == backend::ApiErrorKind::CodeNeeded);
    CHECK((*server)->lastCode("desk@test.fr") == code);
    CHECK(second.error().message.find("has just been sent") == std::string::npos);
    CHECK(client->login(*code)); // the first code still works
}

TEST_CASE("a sign of life while the backend is slow to answer", "[client][uplink][hung]") {
    Harness h(3);
    auto config = guichet::testing::clientConfig(*h.server);
    config.requestTimeout = backend::Millis{5000};
    config.waitingNoticeEvery = backend::Millis{200}; // libcurl calls back about once a second when idle
    auto slow = backend::DomifaClient::create(config, h.clock);
    REQUIRE(slow);
    guichet::testing::loginWithCode(*slow, *h.server);
    std::vector<std::string> notices;
    slow->setWaitingNotice([&](const std::string& what, backend::Millis) { notices.push_back(what); });
    sim::Faults f;
    f.latencyMs = 2500;
    h.server->setFaults(f);
    REQUIRE(slow->usager(1));
    REQUIRE_FALSE(notices.empty());
    CHECK(notices.front() == "GET /usagers/1");
}

TEST_CASE("the store keeps DomiFa's uuid: an import without uuids keeps it, events take their dossier's",
          "[store][uplink][uuid]") {
    auto db = store::Store::open(":memory:");
    REQUIRE(db);
    Dossier d;
    d.ref = 7;
    d.nom = "Martin";
    d.prenom = "Léa";
    d.statut = Statut::Valide;
    d.uuid = "0b7e9c1a-1111-4222-a333-444455556666";
    REQUIRE(db->upsertDossiers({d}));
    Dossier fromCsv = d;
    fromCsv.uuid.clear();
    auto again = db->upsertDossiers({fromCsv});
    REQUIRE(again);
    CHECK(again->unchanged == 1);
    auto kept = db->findDossier(7);
    REQUIRE(kept);
    REQUIRE(*kept);
    CHECK((*kept)->uuid == d.uuid);
    Event e;
    e.type = EventType::CourrierIn;
    e.dossier = 7;
    REQUIRE(db->enqueueEvent(e));
    auto events = db->events(std::nullopt);
    REQUIRE(events);
    REQUIRE(events->size() == 1);
    CHECK(events->front().dossierUuid == d.uuid);
    Dossier other = d;
    other.uuid = "9f9f9f9f-2222-4333-a444-555566667777";
    std::vector<DossierRef> replaced;
    REQUIRE(db->upsertDossiers({other}, &replaced));
    CHECK(replaced == std::vector<DossierRef>{7});
    auto removed = db->removeDossiersExcept({});
    REQUIRE(removed);
    CHECK(*removed == std::vector<DossierRef>{7});
    CHECK(*db->dossierCount() == 0);
}
