// Several desks of one structure share state only through DomiFa: two stores, each with its own
// marker prefix, against one stand-in. A letter recorded at desk A is pending for the person at
// desk B after B's pull, and B's hand-over closes it for A (docs/OPERATIONS.md).
#include "Harness.hpp"

using namespace guichet;
using guichet::testing::Harness;

namespace {

int pendingCourrier(store::Store& db, DossierRef ref) {
    auto d = db.findDossier(ref);
    REQUIRE(d);
    REQUIRE(d->has_value());
    return (*d)->pending.courrier;
}

} // namespace

TEST_CASE("two desks: an arrival at one is pending at the other after a pull, and back", "[sync][desks]") {
    Harness a; // desk A: its store, client and engine
    a.options.markerPrefix = "A";
    a.engine.emplace(*a.db, *a.client, a.clock, a.options);

    // Desk B: another store and another session of the same account, prefix B.
    auto storeB = store::Store::open(":memory:");
    REQUIRE(storeB);
    auto clientB = backend::DomifaClient::create(testing::clientConfig(*a.server), a.clock);
    REQUIRE(clientB);
    testing::loginWithCode(*clientB, *a.server);
    sync::SyncOptions optionsB = a.options;
    optionsB.markerPrefix = "B";
    sync::SyncEngine b(*storeB, *clientB, a.clock, optionsB);
    REQUIRE(b.pull());
    const DossierRef ref = 3;
    CHECK(pendingCourrier(*storeB, ref) == 0);

    // Desk A records two letters and pushes them.
    a.enqueue(EventType::CourrierIn, ref, 2);
    a.pushUntilDone();
    a.checkExactlyOnce();

    // Desk B pulls: the person's two letters are pending there, though B never saw them.
    a.clock.advance(std::chrono::minutes(10));
    auto pulled = b.pull();
    INFO((pulled ? std::string() : pulled.error().message));
    REQUIRE(pulled);
    CHECK(pendingCourrier(*storeB, ref) == 2);

    // The person comes to desk B: B hands the letters over; A sees nothing pending after its pull.
    Event out;
    out.type = EventType::CourrierOut;
    out.dossier = ref;
    out.count = 2;
    out.createdAt = std::chrono::floor<std::chrono::seconds>(a.clock.now());
    out.nextTry = out.createdAt;
    REQUIRE(storeB->enqueueEvent(out));
    for (int run = 0; run < 6; ++run) {
        auto pushed = b.push();
        REQUIRE(pushed);
        if (sync::readStatus(*storeB)->pending + sync::readStatus(*storeB)->uncertain == 0) break;
        a.clock.advance(std::chrono::hours(1));
    }
    CHECK(sync::readStatus(*storeB)->delivered == 1);
    a.clock.advance(std::chrono::minutes(10));
    REQUIRE(a.engine->pull());
    CHECK(pendingCourrier(*a.db, ref) == 0);

    // Each desk's interactions carry its own marker prefix and store install id.
    int fromA = 0, fromB = 0;
    for (const auto& i : a.server->interactions(ref)) {
        if (i.content.find("(réf. A-") != std::string::npos) ++fromA;
        if (i.content.find("(réf. B-") != std::string::npos) ++fromB;
    }
    CHECK(fromA == 1);
    CHECK(fromB == 1);
}
