#pragma once
// Test harness: the stand-in backend in-process on an ephemeral port, a store, a logged-in client
// and a sync engine over them. The client and the engine run on a ManualClock (throttle and
// back-off take no real time); the network and the stand-in run in real time.

#include "guichet/backend/CurlGlobal.hpp"
#include "guichet/backend/DomifaClient.hpp"
#include "guichet/sim/SimServer.hpp"
#include "guichet/store/Store.hpp"
#include "guichet/sync/SyncEngine.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <string>
#include <thread>

namespace guichet::testing {

inline backend::CurlGlobal& curlGlobal() {
    static backend::CurlGlobal global; // one per test process, like main owns it
    return global;
}

/// Made-up usagers, all VALIDE: mail for a struck-off person is parked (never pushed silently), so
/// the tests about delivery record mail for active people only.
inline std::vector<nlohmann::json> activeUsagers(int count, std::uint64_t seed) {
    auto list = sim::syntheticUsagers(count, seed);
    for (auto& u : list) {
        u["statut"] = "VALIDE";
        if (u.contains("decision") && u["decision"].is_object()) u["decision"]["statut"] = "VALIDE";
    }
    return list;
}

inline sim::SimOptions simOptions() {
    sim::SimOptions o;
    o.users = {sim::SimUser{"desk@test.fr", "s3cret-pass", "agent", "Guichet"}};
    return o;
}

inline backend::ClientConfig clientConfig(const sim::SimServer& server) {
    backend::ClientConfig c;
    c.baseUrl = server.baseUrl();
    c.email = "desk@test.fr";
    c.requestTimeout = backend::Millis{700};
    c.connectTimeout = backend::Millis{700};
    return c;
}

/// Logs the client in through the code the stand-in "e-mailed".
inline void loginWithCode(backend::DomifaClient& client, const sim::SimServer& server) {
    client.setPassword("s3cret-pass");
    auto first = client.login();
    if (first) return; // a trust token was enough
    REQUIRE(first.error().kind == backend::ApiErrorKind::CodeNeeded);
    const auto code = server.lastCode("desk@test.fr");
    REQUIRE(code);
    auto second = client.login(*code);
    INFO((second ? std::string() : second.error().message));
    REQUIRE(second);
}

struct Harness {
    std::unique_ptr<sim::SimServer> server;
    backend::ManualClock clock{
        std::chrono::time_point_cast<backend::Millis>(std::chrono::system_clock::now())};
    std::optional<store::Store> db;
    std::optional<backend::DomifaClient> client;
    std::optional<sync::SyncEngine> engine;
    sync::SyncOptions options;

    explicit Harness(int people = 12, sim::SimOptions simOpts = simOptions(),
                     std::string storePath = ":memory:") {
        curlGlobal();
        simOpts.clock = &clock; // the stand-in sees the time the throttle and the tests make pass
        auto created = sim::SimServer::create(std::move(simOpts));
        REQUIRE(created);
        server = std::move(created.value());
        REQUIRE(server->seed(activeUsagers(people, 7)));
        REQUIRE(server->start(0));
        auto opened = store::Store::open(storePath);
        REQUIRE(opened);
        db.emplace(std::move(opened.value()));
        auto c = backend::DomifaClient::create(clientConfig(*server), clock);
        REQUIRE(c);
        client.emplace(std::move(c.value()));
        loginWithCode(*client, *server);
        options.settleDelay = std::chrono::seconds{60};
        options.retryBase = std::chrono::seconds{30};
        engine.emplace(*db, *client, clock, options);
        auto pulled = engine->pull();
        INFO((pulled ? std::string() : pulled.error().message));
        REQUIRE(pulled);
    }

    EventId enqueue(EventType type, DossierRef dossier, int count = 1, std::string batch = {},
                    std::optional<int> procuration = {}) {
        Event e;
        e.type = type;
        e.dossier = dossier;
        e.count = count;
        e.batchKey = std::move(batch);
        e.procurationIndex = procuration;
        e.createdAt = std::chrono::floor<std::chrono::seconds>(clock.now());
        e.nextTry = e.createdAt;
        auto id = db->enqueueEvent(e);
        REQUIRE(id);
        return *id;
    }

    /// Pushes until nothing is left to do (or `maxRuns`), moving the clock past every back-off;
    /// after an unknown outcome, also waits `realSettle` of real time (the stand-in may still be
    /// applying a slow request: that is what settleDelay stands for).
    std::vector<sync::PushReport>
    pushUntilDone(int maxRuns = 12, std::chrono::milliseconds realSettle = std::chrono::milliseconds{1200}) {
        std::vector<sync::PushReport> reports;
        for (int run = 0; run < maxRuns; ++run) {
            auto report = engine->push();
            INFO((report ? std::string() : report.error().message));
            REQUIRE(report);
            reports.push_back(*report);
            auto status = sync::readStatus(*db);
            REQUIRE(status);
            if (status->pending + status->uncertain == 0) break;
            if (report->deferred > 0 || report->stopped) std::this_thread::sleep_for(realSettle);
            clock.advance(std::chrono::hours(1));
        }
        return reports;
    }

    /// The backend holds exactly what the store says was delivered: per person and type, the same
    /// total nbCourrier for arrivals and the same number of other interactions, and every marker once.
    void checkExactlyOnce() {
        auto events = db->events(std::nullopt);
        REQUIRE(events);
        std::map<std::pair<DossierRef, std::string>, int> local;
        for (const Event& e : *events) {
            if (e.state == EventState::Parked) continue;
            INFO("event " << e.id << " state " << toString(e.state) << " " << e.lastError);
            CHECK(e.state == EventState::Delivered);
            local[{e.dossier, toString(e.type)}] += isArrival(e.type) ? e.count : 1;
        }
        std::map<std::pair<DossierRef, std::string>, int> remote;
        std::map<std::string, int> markers;
        for (const auto& i : server->interactions()) {
            remote[{i.ref, i.type}] +=
                i.type.size() > 2 && i.type.substr(i.type.size() - 2) == "In" ? i.nbCourrier : 1;
            const auto at = i.content.find("(réf. ");
            REQUIRE(at != std::string::npos);
            ++markers[i.content.substr(at)];
        }
        CHECK(remote == local);
        for (const auto& [marker, n] : markers) {
            INFO(marker);
            CHECK(n == 1);
        }
    }
};

} // namespace guichet::testing
