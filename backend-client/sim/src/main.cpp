// guichet-backend-sim: the local stand-in for DomiFa (see SimServer.hpp). Binds 127.0.0.1 only.
// Stops on SIGINT or SIGTERM.
#include "guichet/sim/Seed.hpp"
#include "guichet/sim/SimServer.hpp"

#ifdef GUICHET_HAVE_DIRECTORY
#include "guichet/directory/DirectoryFile.hpp"
#endif

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <fstream>

int main(int argc, char** argv) {
    CLI::App app{"Local stand-in for the DomiFa API (tests and demo). Binds 127.0.0.1 only.",
                 "guichet-backend-sim"};
    guichet::sim::SimOptions options;
    guichet::sim::Faults faults;
    int port = 8787;
    std::string portFile;
    std::string seedFile;
    int seedCount = 0;
    std::string user;
    app.add_option("--port", port, "TCP port on 127.0.0.1 (0: any free port)")->capture_default_str();
    app.add_option("--port-file", portFile, "Write the port actually bound to this file");
    app.add_option("--front-url", options.frontUrl, "The Origin every request must carry")
        ->capture_default_str();
    app.add_option("--db", options.dbPath, "SQLite file for the data (default: in memory)")
        ->capture_default_str();
    app.add_option("--seed-file", seedFile, "Directory file (DomiFa JSON or CSV) to load as usagers");
    app.add_option("--seed-count", seedCount, "Made-up usagers to create (when no seed file)");
    app.add_option("--user", user, "Account as email:password (default guichet@ccas-demo.fr:guichet-demo)");
    app.add_option("--otp-file", options.otpFile, "Append the e-mailed login codes to this file");
    app.add_flag(
        "--no-sms", [&options](std::int64_t) { options.smsEnabled = false; }, "Structure without SMS");
    app.add_option("--tls-cert", options.tlsCertFile, "PEM certificate: serve HTTPS (with --tls-key)");
    app.add_option("--tls-key", options.tlsKeyFile, "PEM private key of --tls-cert");
    app.add_flag("--log", options.logRequests, "Log one line per request on stderr (ids only)");
    app.add_option("--latency-ms", faults.latencyMs, "Fault: added to every request");
    app.add_option(
        "--write-fault-rate", faults.randomWriteFaultRate,
        "Fault: share of writes that get a random fault (reset before/after commit, slow, malformed, 502)");
    app.add_option("--fault-seed", faults.randomSeed, "Seed of the random faults");
    app.add_option("--slow-ms", faults.slowMs, "Delay of a slow answer")->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    if (!user.empty()) {
        const auto colon = user.find(':');
        if (colon == std::string::npos) {
            std::fprintf(stderr, "guichet-backend-sim: --user must be email:password\n");
            return 2;
        }
        options.users = {
            guichet::sim::SimUser{user.substr(0, colon), user.substr(colon + 1), "agent", "Guichet"}};
    }
    // Block the stop signals before any thread starts, so sigwait below receives them.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    auto server = guichet::sim::SimServer::create(options);
    if (!server) {
        std::fprintf(stderr, "guichet-backend-sim: %s\n", server.error().message.c_str());
        return 1;
    }
    std::vector<nlohmann::json> usagers;
    if (!seedFile.empty()) {
#ifdef GUICHET_HAVE_DIRECTORY
        auto read = guichet::directory::readDirectoryFile(seedFile);
        if (!read) {
            std::fprintf(stderr, "guichet-backend-sim: %s\n", read.error().message.c_str());
            return 1;
        }
        for (const auto& dossier : read->dossiers)
            usagers.push_back(guichet::sim::usagerFromDossier(dossier));
#else
        std::fprintf(stderr, "guichet-backend-sim: built without the directory reader; use --seed-count\n");
        return 1;
#endif
    } else {
        usagers = guichet::sim::syntheticUsagers(seedCount > 0 ? seedCount : 50, 42);
    }
    if (auto seeded = (*server)->seed(usagers); !seeded) {
        std::fprintf(stderr, "guichet-backend-sim: %s\n", seeded.error().message.c_str());
        return 1;
    }
    (*server)->setFaults(faults);
    auto bound = (*server)->start(port);
    if (!bound) {
        std::fprintf(stderr, "guichet-backend-sim: %s\n", bound.error().message.c_str());
        return 1;
    }
    if (!portFile.empty()) {
        std::ofstream out(portFile + ".tmp");
        out << *bound << "\n";
        out.close();
        std::rename((portFile + ".tmp").c_str(), portFile.c_str());
    }
    std::fprintf(stderr, "guichet-backend-sim: listening on %s (%zu usagers, Origin %s)\n",
                 (*server)->baseUrl().c_str(), usagers.size(), options.frontUrl.c_str());
    int received = 0;
    sigwait(&stopSignals, &received);
    (*server)->stop();
    return 0;
}
