// Crash test: a child process records intake and pushes; the parent SIGKILLs it at random points,
// many times. Afterwards one clean run must leave the backend holding exactly the events the
// store recorded, each once.
#include "Harness.hpp"

#include <csignal>
#include <filesystem>
#include <random>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace guichet;

namespace {

/// The child's life: open the store, record a few arrivals (intake), push, exit. Never returns.
[[noreturn]] void childRun(const std::string& storePath, const std::string& baseUrl,
                           const std::string& credentials, unsigned seed) {
    backend::SystemClock clock;
    auto db = store::Store::open(storePath);
    if (!db) _exit(3);
    std::mt19937 rng(seed);
    const std::string batch = "crash-" + std::to_string(seed);
    for (int i = 0; i < 4; ++i) { // intake: killed in the middle of it too
        Event e;
        const int kind = static_cast<int>(rng() % 10);
        e.type = kind < 6   ? EventType::CourrierIn
                 : kind < 7 ? EventType::ColisIn
                 : kind < 9 ? EventType::CourrierOut
                            : EventType::Visite;
        e.dossier = 1 + static_cast<DossierRef>(rng() % 8);
        e.count = isArrival(e.type) ? 1 + static_cast<int>(rng() % 3) : 1;
        e.batchKey = isArrival(e.type) ? batch : "";
        e.createdAt = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
        e.nextTry = e.createdAt;
        if (!db->enqueueEvent(e)) _exit(4);
    }
    backend::ClientConfig config;
    config.baseUrl = baseUrl;
    config.email = "desk@test.fr";
    config.credentialsPath = credentials;
    config.requestTimeout = backend::Millis{500};
    auto client = backend::DomifaClient::create(config, clock);
    if (!client) _exit(5);
    client->setPassword("s3cret-pass");
    sync::SyncOptions options;
    // Longer than the stand-in's slowest answer (300 ms): a request a killed process left in
    // flight has landed or never will by the time another process reconciles it.
    options.settleDelay = std::chrono::seconds{1};
    options.retryBase = std::chrono::seconds{0};
    sync::SyncEngine engine(*db, *client, clock, options);
    (void)engine.push();
    _exit(0);
}

} // namespace

TEST_CASE("crash test: SIGKILL at random points during intake and push, then exactly once", "[sync][crash]") {
    const auto dir = std::filesystem::temp_directory_path() / ("guichet-crash-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string storePath = (dir / "store.db").string();
    const std::string credentials = (dir / "credentials.json").string();
    guichet::testing::curlGlobal();

    auto simOpts = guichet::testing::simOptions();
    simOpts.perSecond = 1000; // the children do not share a throttle; this test is about crashes
    simOpts.perMinute = 100000;
    simOpts.perHour = 1000000;
    auto created = sim::SimServer::create(simOpts);
    REQUIRE(created);
    auto& server = *created.value();
    REQUIRE(server.seed(guichet::testing::activeUsagers(8, 3)));
    REQUIRE(server.start(0));
    sim::Faults faults;
    faults.latencyMs = 4; // widens the window between "sent" and "answered"
    faults.randomWriteFaultRate = 0.1;
    faults.slowMs = 300;
    server.setFaults(faults);

    backend::SystemClock clock;
    {
        // Parent: log in once with the code; the children renew with the trust token.
        auto db = store::Store::open(storePath);
        REQUIRE(db);
        auto config = guichet::testing::clientConfig(server);
        config.credentialsPath = credentials;
        auto client = backend::DomifaClient::create(config, clock);
        REQUIRE(client);
        guichet::testing::loginWithCode(*client, server);
        sync::SyncEngine engine(*db, *client, clock);
        REQUIRE(engine.pull());
    }

    std::mt19937 rng(2026);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(14);
    int kills = 0;
    int runs = 0;
    while (std::chrono::steady_clock::now() < deadline && runs < 400) {
        ++runs;
        const unsigned seed = static_cast<unsigned>(rng());
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) childRun(storePath, server.baseUrl(), credentials, seed);
        std::this_thread::sleep_for(std::chrono::microseconds(rng() % 120'000));
        if (::kill(child, SIGKILL) == 0) ++kills;
        int status = 0;
        ::waitpid(child, &status, 0);
    }
    INFO("runs " << runs << ", kills " << kills);
    CHECK(kills > 10);

    {
        // The kills hit pushes, not only start-ups: requests landed and some outcomes are unknown.
        auto db = store::Store::open(storePath);
        REQUIRE(db);
        auto uncertain = db->events(EventState::Uncertain);
        REQUIRE(uncertain);
        INFO("landed " << server.interactions().size() << ", uncertain " << uncertain->size());
        CHECK(server.interactions().size() > 20);
        CHECK(uncertain->size() > 0);
    }
    // Recovery: one process, no faults, until everything is settled.
    server.setFaults(sim::Faults{});
    std::this_thread::sleep_for(std::chrono::milliseconds(400)); // slow requests of killed children finish
    auto db = store::Store::open(storePath);
    REQUIRE(db);
    auto config = guichet::testing::clientConfig(server);
    config.credentialsPath = credentials;
    // The throttle's waits (90/min) in simulated time: a few hundred requests would take minutes.
    backend::ManualClock later(
        std::chrono::time_point_cast<backend::Millis>(std::chrono::system_clock::now()) +
        std::chrono::minutes(10));
    auto client = backend::DomifaClient::create(config, later);
    REQUIRE(client);
    client->setPassword("s3cret-pass");
    sync::SyncOptions options;
    options.settleDelay = std::chrono::seconds{0};
    options.retryBase = std::chrono::seconds{0};
    sync::SyncEngine engine(*db, *client, later, options);
    for (int i = 0; i < 5; ++i) {
        auto report = engine.push();
        REQUIRE(report);
        auto status = sync::readStatus(*db);
        REQUIRE(status);
        if (status->pending + status->uncertain == 0) break;
    }

    auto events = db->events(std::nullopt);
    REQUIRE(events);
    INFO("events recorded " << events->size());
    CHECK(events->size() > 20);
    std::map<std::pair<DossierRef, std::string>, int> local;
    for (const Event& e : *events) {
        INFO("event " << e.id << " " << toString(e.state) << " " << e.lastError);
        CHECK(e.state == EventState::Delivered);
        local[{e.dossier, toString(e.type)}] += isArrival(e.type) ? e.count : 1;
    }
    std::map<std::pair<DossierRef, std::string>, int> remote;
    std::map<std::string, int> markers;
    for (const auto& i : server.interactions()) {
        remote[{i.ref, i.type}] += i.type.ends_with("In") ? i.nbCourrier : 1;
        ++markers[i.content.substr(i.content.find("(réf. "))];
    }
    CHECK(remote == local);
    for (const auto& [marker, n] : markers) {
        INFO(marker);
        CHECK(n == 1);
    }
    server.stop();
    std::filesystem::remove_all(dir);
}

namespace {

/// A child killed in the middle of a throttled burst: it pushes through a tight throttle and
/// waits in it when a window is full. Never returns.
[[noreturn]] void throttledChild(const std::string& storePath, const std::string& baseUrl,
                                 const std::string& credentials, const backend::ThrottleLimits& limits) {
    backend::SystemClock clock;
    auto db = store::Store::open(storePath);
    if (!db) _exit(3);
    backend::ClientConfig config;
    config.baseUrl = baseUrl;
    config.email = "desk@test.fr";
    config.credentialsPath = credentials;
    config.requestTimeout = backend::Millis{2000};
    config.limits = limits;
    auto client = backend::DomifaClient::create(config, clock);
    if (!client) _exit(5);
    client->setPassword("s3cret-pass");
    sync::SyncEngine engine(*db, *client, clock); // default options: the real settle delay
    (void)engine.push();
    _exit(0);
}

} // namespace

TEST_CASE("crash test: killed during a throttled burst then restarted - no window exceeded",
          "[sync][crash]") {
    const auto dir = std::filesystem::temp_directory_path() / ("guichet-burst-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string storePath = (dir / "store.db").string();
    const std::string credentials = (dir / "credentials.json").string();
    guichet::testing::curlGlobal();

    // Scaled-down limits (the real ones are 13/s and 113/min at DomiFa, 10/s and 90/min here):
    // the client's, and the stand-in's one above them, which answers 429 when they are exceeded.
    const backend::ThrottleLimits limits{3, 12, 1000};
    auto simOpts = guichet::testing::simOptions();
    simOpts.perSecond = limits.perSecond + 1;
    simOpts.perMinute = limits.perMinute + 1;
    auto created = sim::SimServer::create(simOpts);
    REQUIRE(created);
    auto& server = *created.value();
    REQUIRE(server.seed(guichet::testing::activeUsagers(40, 5)));
    REQUIRE(server.start(0));

    backend::SystemClock clock;
    {
        auto db = store::Store::open(storePath);
        REQUIRE(db);
        auto config = guichet::testing::clientConfig(server);
        config.credentialsPath = credentials;
        config.limits = limits;
        auto client = backend::DomifaClient::create(config, clock);
        REQUIRE(client);
        sync::SyncEngine engine(*db, *client, clock);
        guichet::testing::loginWithCode(*client, server); // its sends are saved too
        REQUIRE(engine.pull());
        for (DossierRef person = 1; person <= 40; ++person) { // 40 requests to make, one per person
            Event e;
            e.type = EventType::CourrierIn;
            e.dossier = person;
            e.createdAt = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
            e.nextTry = e.createdAt;
            REQUIRE(db->enqueueEvent(e));
        }
    }

    std::mt19937 rng(18);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(12);
    int kills = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) throttledChild(storePath, server.baseUrl(), credentials, limits);
        std::this_thread::sleep_for(std::chrono::milliseconds(150 + rng() % 1200));
        if (::kill(child, SIGKILL) == 0) ++kills;
        int status = 0;
        ::waitpid(child, &status, 0);
    }
    const auto log = server.requests();
    INFO("kills " << kills << ", requests " << log.size());
    CHECK(kills > 5);
    {
        // The minute's budget was used up: the later children waited in the throttle (a send
        // recorded by a child killed before it left counts too, on the safe side).
        auto db = store::Store::open(storePath);
        REQUIRE(db);
        auto saved = db->setting("sync.sentTimes");
        REQUIRE(saved);
        REQUIRE(saved->has_value());
        CHECK(nlohmann::json::parse(**saved).size() >= static_cast<std::size_t>(limits.perMinute));
        CHECK(log.size() >= 8);
    }
    CHECK(server.counters().status429 == 0);
    // No window exceeded, as the stand-in saw the requests arrive (50 ms allowed for the network).
    for (std::size_t i = 0; i < log.size(); ++i) {
        int inSecond = 0;
        int inMinute = 0;
        for (std::size_t j = 0; j <= i; ++j) {
            if (log[j].atMs > log[i].atMs - 950) ++inSecond;
            if (log[j].atMs > log[i].atMs - 59'950) ++inMinute;
        }
        INFO("request " << i << " " << log[i].method << " " << log[i].path);
        CHECK(inSecond <= limits.perSecond);
        CHECK(inMinute <= limits.perMinute);
    }
    server.stop();
    std::filesystem::remove_all(dir);
}
