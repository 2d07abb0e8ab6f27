// guichet: the command-line front door. Thin: parse, wire, dispatch to commands/.
#include "commands/Commands.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
    CLI::App app{"Guichet: mail desk and self-service kiosk for domiciliation structures", "guichet"};
    app.set_version_flag("--version", GUICHET_VERSION);
    app.require_subcommand(1);
    guichet::app::Context context;
    app.add_option("--db", context.dbPath, "Store file (SQLite)")->capture_default_str();
    app.add_option("--staff", context.staff,
                   "Staff id recorded in the audit log (default: $GUICHET_STAFF or login)")
        ->capture_default_str();

    guichet::app::registerDirectoryCommands(app, context);
    guichet::app::registerDemoCommand(app, context);
    guichet::app::registerCardCommands(app, context);
    guichet::app::registerDecodeCommand(app, context);
    guichet::app::registerMatchCommands(app, context);
    guichet::app::registerIntakeCommand(app, context);
    guichet::app::registerReviewCommands(app, context);
    guichet::app::registerMailCommands(app, context);
    guichet::app::registerVisitCommands(app, context);
    guichet::app::registerSettingsCommand(app, context);
    guichet::app::registerSyncCommands(app, context);
    guichet::app::registerDevicesCommand(app, context);
    guichet::app::registerAuditCommands(app, context);
    guichet::app::registerPurgeCommand(app, context);
    guichet::app::registerBackupCommands(app, context);
    guichet::app::registerDoctorCommand(app, context);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    try {
        return context.run ? context.run() : 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "guichet: %s\n", e.what());
        return 2;
    }
}
