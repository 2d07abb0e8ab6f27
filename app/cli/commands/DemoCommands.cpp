// guichet demo: the main job on built-in defaults, with no configuration. Each module adds its step.
#include "commands/Commands.hpp"
#include "commands/Table.hpp"

#include <cstdio>
#include <filesystem>
#include <vector>

namespace guichet::app {

namespace fs = std::filesystem;

int runEnvelopeDemo(const Context& context, const std::string& envelopesDir, const std::string& workDir) {
    std::printf("\n== 3. Read sample envelopes dropped in the scanner's hot folder ==\n");
    fs::path inbox = fs::path(workDir) / "inbox";
    std::error_code ec;
    fs::create_directories(inbox, ec);
    std::vector<fs::path> samples;
    for (const auto& entry : fs::directory_iterator(envelopesDir, ec))
        if (entry.path().extension() == ".jpg" || entry.path().extension() == ".png")
            samples.push_back(entry.path());
    if (ec || samples.empty()) {
        std::fprintf(stderr, "guichet demo: %s: no sample envelope (%s)\n", envelopesDir.c_str(),
                     ec.message().c_str());
        return 1;
    }
    for (const auto& sample : samples)
        fs::copy_file(sample, inbox / sample.filename(), ec);
    if (int status = runIntakeOnce(context, inbox.string()); status != 0) return status;

    auto store = openStore(context.dbPath);
    if (!store) {
        std::fprintf(stderr, "guichet demo: %s\n", store.error().message.c_str());
        return 1;
    }
    auto items = store->mailItems(std::nullopt);
    if (!items) {
        std::fprintf(stderr, "guichet demo: %s\n", items.error().message.c_str());
        return 1;
    }
    Table table({"scan", "state", "dossier", "kind", "tracking", "score"});
    for (const auto& m : *items) {
        char score[16];
        std::snprintf(score, sizeof score, "%.2f", m.confidence);
        table.add({fs::path(m.source).filename().string(), toString(m.state),
                   m.dossier ? std::to_string(*m.dossier) : "? (staff review)", toString(m.kind),
                   m.tracking.empty() ? "" : m.tracking, score});
    }
    std::fputs(table.render(40).c_str(), stdout);
    auto queued = store->events(EventState::Pending);
    std::printf("%zu arrival(s) queued for DomiFa; items needing a human wait in the review queue.\n",
                queued ? queued->size() : 0);
    return 0;
}

Result<Context> freshDemoContext(const Context& context, const std::string& workDir) {
    std::error_code ec;
    fs::remove_all(workDir, ec);
    fs::create_directories(workDir, ec);
    if (ec) return Error{workDir + ": " + ec.message()};
    Context demoContext = context;
    demoContext.dbPath = (fs::path(workDir) / "guichet.db").string();
    return demoContext;
}

namespace {

std::string defaultSampleDir() {
    // Installed (the .deb): /usr/bin/guichet reads /usr/share/guichet/data/sample. Built from
    // source: the source tree's data/.
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = self.parent_path() / "../share/guichet/data/sample";
        if (fs::exists(installed / "directory.csv", ec)) return installed.lexically_normal().string();
    }
    return GUICHET_SOURCE_DIR "/data/sample";
}

} // namespace

void registerDemoCommand(CLI::App& app, Context& context) {
    auto* demo = app.add_subcommand("demo", "Run the main job on the bundled samples, in a fresh demo store");
    auto dataDir = std::make_shared<std::string>(defaultSampleDir());
    auto workDir = std::make_shared<std::string>("demo-data");
    demo->add_option("--data", *dataDir, "Folder of the sample data")->capture_default_str();
    demo->add_option("--work", *workDir, "Folder for the demo store (emptied first)")->capture_default_str();
    demo->callback([&context, dataDir, workDir] {
        context.run = [&context, dataDir, workDir] {
            auto fresh = freshDemoContext(context, *workDir);
            if (!fresh) {
                std::fprintf(stderr, "guichet demo: %s\n", fresh.error().message.c_str());
                return 1;
            }
            const Context& demoContext = *fresh;
            std::printf("Guichet demo — store: %s\n\n", demoContext.dbPath.c_str());
            int status = runDirectoryDemo(demoContext, *dataDir);
            if (status == 0)
                status = runEnvelopeDemo(demoContext, *dataDir + "/../samples/envelopes", *workDir);
            if (status == 0) status = runCardDemo(demoContext);
            if (status == 0) status = runDeskDemo(demoContext, *workDir);
            if (status == 0) status = runSyncDemo(demoContext, *dataDir);
            return status;
        };
    });
}

} // namespace guichet::app
