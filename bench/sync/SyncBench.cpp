// guichet-bench-sync: flush 10,000 queued events for 3,000 people to the stand-in backend and print
// the time to flush, the requests sent, the 429s received (target 0) and the peak RSS.
//
// The client throttles itself to 90 requests/min, so a real flush of ~3,000 requests takes more
// than half an hour of wall time. The throttle's clock is injected: here it is a simulated clock
// shared with the stand-in (whose rate limits then see exactly the time the throttle waited), so
// the requests really go over loopback HTTP, the store really writes, and the waits cost nothing.
// Printed: the simulated time (what a real flush would take), the wall and CPU time measured.
#include "guichet/backend/CurlGlobal.hpp"
#include "guichet/backend/DomifaClient.hpp"
#include "guichet/sim/SimServer.hpp"
#include "guichet/store/Store.hpp"
#include "guichet/sync/SyncEngine.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <random>
#include <string>
#include <sys/resource.h>
#include <unistd.h>

using namespace guichet;

namespace {

int fail(const std::string& what) {
    std::fprintf(stderr, "guichet-bench-sync: %s\n", what.c_str());
    return 1;
}

double cpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long peakRssKb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

} // namespace

int main(int argc, char** argv) {
    int events = 10000;
    int people = 3000;
    bool memoryStore = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--events" && i + 1 < argc)
            events = std::stoi(argv[++i]);
        else if (arg == "--people" && i + 1 < argc)
            people = std::stoi(argv[++i]);
        else if (arg == "--memory")
            memoryStore = true;
        else
            return fail("usage: guichet-bench-sync [--events N] [--people N] [--memory]");
    }
    backend::CurlGlobal curl;
    backend::ManualClock clock(
        std::chrono::time_point_cast<backend::Millis>(std::chrono::system_clock::now()));

    sim::SimOptions simOptions; // DomiFa's real limits: 13/s, 113/min, 5,000/h
    simOptions.clock = &clock;
    auto server = sim::SimServer::create(simOptions);
    if (!server) return fail(server.error().message);
    if (auto r = (*server)->seed(sim::syntheticUsagers(people, 1)); !r) return fail(r.error().message);
    if (auto r = (*server)->start(0); !r) return fail(r.error().message);

    const auto dir =
        std::filesystem::temp_directory_path() / ("guichet-bench-sync-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string storePath = memoryStore ? ":memory:" : (dir / "store.db").string();
    auto db = store::Store::open(storePath);
    if (!db) return fail(db.error().message);

    backend::ClientConfig config; // the production limits: 10/s, 90/min, 4,000/h
    config.baseUrl = (*server)->baseUrl();
    config.email = "guichet@ccas-demo.fr";
    auto client = backend::DomifaClient::create(config, clock);
    if (!client) return fail(client.error().message);
    client->setPassword("guichet-demo");
    if (auto first = client->login(); !first) {
        const auto code = (*server)->lastCode(config.email);
        if (!code) return fail(first.error().message);
        if (auto second = client->login(*code); !second) return fail(second.error().message);
    }
    sync::SyncEngine engine(*db, *client, clock);
    if (auto pulled = engine.pull(); !pulled) return fail(pulled.error().message);

    // The queue: each person gets a batch of arrivals (1-4 letters, sometimes a registered notice
    // or a parcel), some a visit or a hand-over afterwards, until `events` are queued.
    std::mt19937 rng(2026);
    const auto createdAt = std::chrono::floor<std::chrono::seconds>(clock.now() - std::chrono::hours(30));
    int queued = 0;
    auto queue = [&]() -> Result<void> {
        for (int round = 0; queued < events; ++round) {
            for (DossierRef ref = 1; ref <= people && queued < events; ++ref) {
                Event e;
                const int roll = static_cast<int>(rng() % 100);
                e.type = round == 0 || roll < 70 ? EventType::CourrierIn
                         : roll < 78             ? EventType::RecommandeIn
                         : roll < 86             ? EventType::ColisIn
                         : roll < 93             ? EventType::Visite
                                                 : EventType::CourrierOut;
                e.dossier = ref;
                e.count = 1;
                e.batchKey = isArrival(e.type) ? "intake-1" : "";
                e.createdAt = createdAt + std::chrono::seconds(queued);
                e.nextTry = e.createdAt;
                if (auto id = db->enqueueEvent(e); !id) return id.error();
                ++queued;
            }
        }
        return {};
    };
    if (auto r = db->transaction(queue); !r) return fail(r.error().message);

    const auto wallStart = std::chrono::steady_clock::now();
    const double cpuStart = cpuSeconds();
    const auto simStart = clock.now();
    sync::PushReport total;
    int runs = 0;
    for (; runs < 10; ++runs) {
        auto report = engine.push();
        if (!report) return fail(report.error().message);
        total.units += report->units;
        total.delivered += report->delivered;
        total.parked += report->parked;
        total.requests += report->requests;
        if (report->stopped) {
            std::printf("push stopped: %s\n", report->stopReason.c_str());
            clock.advance(std::chrono::minutes(31));
        }
        auto status = sync::readStatus(*db);
        if (!status) return fail(status.error().message);
        if (status->pending + status->uncertain == 0) break;
    }
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    const double cpu = cpuSeconds() - cpuStart;
    const double simulated = std::chrono::duration<double>(clock.now() - simStart).count();
    const auto stats = client->stats();
    const auto serverCounters = (*server)->counters();

    std::printf("guichet-bench-sync: %d events queued for %d people (store: %s)\n", queued, people,
                memoryStore ? "in memory" : "file, WAL, synchronous=FULL");
    std::printf("  interaction requests   %d (events grouped per person, kind and intake batch)\n",
                total.requests);
    std::printf("  events delivered       %d, parked %d, push runs %d\n", total.delivered, total.parked,
                runs + 1);
    std::printf("  HTTP requests sent     %lld (incl. login and the directory pull before the flush)\n",
                static_cast<long long>(stats.requests));
    std::printf("  429 received           %lld (stand-in counted %lld)\n",
                static_cast<long long>(stats.status429), static_cast<long long>(serverCounters.status429));
    std::printf(
        "  time to flush, real-world estimate  %.1f min: the throttle (<= 90/min, <= 10/s) in a simulated "
        "clock, plus the measured network time\n",
        (simulated + wall) / 60.0);
    std::printf("  measured wall time     %.2f s (loopback HTTP to the in-process stand-in + store writes)\n",
                wall);
    std::printf(
        "  measured CPU time      %.2f s (client, engine, store and stand-in together: one process)\n", cpu);
    std::printf("  peak RSS               %.1f MB (client + store + stand-in with %d usagers, one process)\n",
                static_cast<double>(peakRssKb()) / 1024.0, people);
    std::filesystem::remove_all(dir);
    // Arrivals for struck-off people (some of the synthetic directory) are parked for staff, not sent.
    return stats.status429 == 0 && total.delivered + total.parked == queued ? 0 : 1;
}
