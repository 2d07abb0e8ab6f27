// guichet demo: the main job on built-in defaults, with no configuration. Each module adds its step.
#include "commands/Commands.hpp"

#include <cstdio>
#include <filesystem>

namespace guichet::app {

namespace fs = std::filesystem;

void registerDemoCommand(CLI::App& app, Context& context) {
    auto* demo = app.add_subcommand("demo", "Run the main job on the bundled samples, in a fresh demo store");
    auto dataDir = std::make_shared<std::string>(GUICHET_SOURCE_DIR "/data/sample");
    auto workDir = std::make_shared<std::string>("demo-data");
    demo->add_option("--data", *dataDir, "Folder of the sample data")->capture_default_str();
    demo->add_option("--work", *workDir, "Folder for the demo store (emptied first)")->capture_default_str();
    demo->callback([&context, dataDir, workDir] {
        context.run = [&context, dataDir, workDir] {
            std::error_code ec;
            fs::remove_all(*workDir, ec);
            fs::create_directories(*workDir, ec);
            if (ec) {
                std::fprintf(stderr, "guichet demo: %s: %s\n", workDir->c_str(), ec.message().c_str());
                return 1;
            }
            Context demoContext = context;
            demoContext.dbPath = (fs::path(*workDir) / "guichet.db").string();
            std::printf("Guichet demo — store: %s\n\n", demoContext.dbPath.c_str());
            int status = runDirectoryDemo(demoContext, *dataDir);
            if (status == 0) status = runCardDemo(demoContext);
            if (status == 0) status = runSyncDemo(demoContext, *dataDir);
            return status;
        };
    });
}

} // namespace guichet::app
