// guichet intake: the scanner's hot folder, a thin loop over desk::HotFolder. Every file is read
// in a child process (a crash or a runaway decoder costs that file only), recorded with its claim
// in one transaction, then filed in done/ or failed/ with a reason.
#include "commands/Commands.hpp"
#include "guichet/desk/HotFolder.hpp"
#include "guichet/desk/IsolatedReader.hpp"
#include "guichet/desk/Retention.hpp"

#include <csignal>
#include <cstdio>
#include <thread>

namespace guichet::app {

namespace {

volatile std::sig_atomic_t stopRequested = 0;

struct IntakeArgs {
    std::string watch;
    std::string directoryFile;
    bool once = false;
    int pollMs = 500;
    int settleMs = 1500;
    int graceMs = 30000;
    int budgetS = 120;
};

int runIntake(const Context& context, const IntakeArgs& a) {
    ensureOpenMpLimit();
    auto directory = loadDirectory(a.directoryFile, context.dbPath);
    if (!directory) return failWith("intake", directory.error().message, 2);
    auto store = openStore(context.dbPath);
    if (!store) return failWith("intake", store.error().message, 2);
    reader::Options options;
    options.keepCrop = true;
    auto reader = reader::Reader::create(*directory, options);
    if (!reader) return failWith("intake", reader.error().message, 2);
    // Loaded once here, shared by every reading child (copy on write).
    if (const auto& problem = reader->preloadSecondModel(); !problem.empty())
        warnSecondModel("guichet intake", problem);
    desk::IsolationLimits limits;
    limits.timeBudget = std::chrono::seconds(a.budgetS);
    desk::IsolatedReader isolated(*reader, limits);
    desk::HotFolderOptions hotOptions;
    hotOptions.settle = std::chrono::milliseconds(a.settleMs);
    hotOptions.grace = std::chrono::milliseconds(a.graceMs);
    SystemClock clock;
    auto hot = desk::HotFolder::open(
        a.watch, *store, [&](const std::string& path) { return isolated.readFile(path); }, clock, hotOptions,
        [](const std::string& line) {
            std::printf("%s\n", line.c_str());
            std::fflush(stdout);
        });
    if (!hot) return failWith("intake", hot.error().message, 2);
    // Its done/ and failed/ hold scans: retention (guichet purge) deletes them after a few days.
    if (auto r = desk::addRetentionFolder(*store, a.watch); !r)
        std::fprintf(stderr, "guichet intake: %s\n", r.error().message.c_str());
    std::printf("guichet intake: watching %s (%zu dossiers)\n", a.watch.c_str(), directory->size());
    std::fflush(stdout);
    std::signal(SIGINT, [](int) { stopRequested = 1; });
    std::signal(SIGTERM, [](int) { stopRequested = 1; });
    while (!stopRequested) {
        auto report = (*hot)->poll();
        if (!report) return failWith("intake", report.error().message, 1);
        if (a.once && report->waiting == 0) return 0;
        std::this_thread::sleep_for(std::chrono::milliseconds(a.pollMs));
    }
    std::printf("guichet intake: stopped\n");
    return 0;
}

} // namespace

void registerIntakeCommand(CLI::App& app, Context& context) {
    auto* intake =
        app.add_subcommand("intake", "Hot folder: read, record and file every scan dropped in a folder");
    auto a = std::make_shared<IntakeArgs>();
    intake->add_option("--watch", a->watch, "Folder the scanner writes to")->required();
    intake->add_option("--directory", a->directoryFile, "Directory file; default: the store's dossiers");
    intake->add_flag("--once", a->once, "Process what is there (waiting for half-written files), then exit");
    intake->add_option("--poll-ms", a->pollMs, "Folder polling period")
        ->capture_default_str()
        ->check(CLI::Range(50, 60000));
    intake->add_option("--settle-ms", a->settleMs, "A file is taken once unchanged for this long")
        ->capture_default_str()
        ->check(CLI::Range(0, 600000));
    intake->add_option("--grace-ms", a->graceMs, "A truncated or empty file younger than this is waited for")
        ->capture_default_str()
        ->check(CLI::Range(0, 3600000));
    intake->add_option("--read-budget-s", a->budgetS, "Longest reading of one file before it is failed")
        ->capture_default_str()
        ->check(CLI::Range(5, 3600));
    intake->callback([&context, a] { context.run = [&context, a] { return runIntake(context, *a); }; });
}

int runIntakeOnce(const Context& context, const std::string& folder) {
    IntakeArgs a;
    a.watch = folder;
    a.once = true;
    a.pollMs = 100;
    a.settleMs = 300;
    return runIntake(context, a);
}

} // namespace guichet::app
