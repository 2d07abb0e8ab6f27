#pragma once
// Subcommand registration. Each register* function adds its subcommands to the CLI and, when one
// of them is chosen, sets Context::run to the code that executes it.

#include "guichet/core/Result.hpp"
#include "guichet/match/Matcher.hpp"
#include "guichet/store/Store.hpp"

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace guichet::app {

struct Context {
    std::string dbPath = defaultDbPath();
    std::string staff = defaultStaff(); ///< who acts at the desk (audit log): an id, never a name
    std::function<int()> run;           ///< set by the chosen subcommand; returns the exit status

    static std::string defaultDbPath();
    static std::string defaultStaff(); ///< $GUICHET_STAFF, else the login name, else "desk"
};

void registerDirectoryCommands(CLI::App& app, Context& context); ///< import, search
void registerDemoCommand(CLI::App& app, Context& context);       ///< demo
void registerCardCommands(CLI::App& app, Context& context);      ///< keys init, card issue/revoke/verify
void registerDecodeCommand(CLI::App& app, Context& context);     ///< decode (barcodes and QR codes in images)
void registerMatchCommands(CLI::App& app, Context& context);     ///< match (envelopes)
void registerIntakeCommand(CLI::App& app, Context& context);     ///< intake (the scanner's hot folder)
void registerReviewCommands(CLI::App& app, Context& context);    ///< review list/pick/search/unknown/return
void registerMailCommands(CLI::App& app, Context& context);      ///< record, pending, handover, returns
void registerVisitCommands(CLI::App& app, Context& context);     ///< visit, queue, stats
void registerSettingsCommand(CLI::App& app, Context& context);   ///< settings KEY [VALUE]
void registerSyncCommands(CLI::App& app, Context& context);      ///< sync [--daemon], sync login, sync status
void registerDevicesCommand(CLI::App& app, Context& context);    ///< devices [test NAME | set NAME VALUE]
void registerAuditCommands(CLI::App& app, Context& context);     ///< audit [--dossier REF], audit verify
void registerPurgeCommand(CLI::App& app, Context& context);      ///< purge [--dry-run]
void registerBackupCommands(CLI::App& app, Context& context);    ///< backup, restore
void registerDoctorCommand(CLI::App& app, Context& context);     ///< doctor

// --- shared helpers (commands/MatchCommands.cpp) -------------------------------------------------
/// Tesseract is 2.5-3x slower on 2 cores unless OMP_THREAD_LIMIT=1 is set when the process
/// starts: re-executes the command once with it set.
void ensureOpenMpLimit();
/// Said once: the desk reads on without the second OCR model, a little less well on handwriting.
void warnSecondModel(const char* command, const std::string& problem);
/// Prints "guichet <command>: <message>" on stderr and returns `status`.
int failWith(const char* command, const std::string& message, int status = 1);
/// The texts of the codes in a photo (a card held to the camera), read thoroughly; an Error
/// naming the file when it cannot be read. Empty when no code is found.
Result<std::vector<std::string>> codesInPhoto(const std::string& path);
/// A date argument ("2026-12-06" or "06/12/2026"), or today when empty.
Result<Date> dateArgument(const std::string& text);

// --- shared helpers (commands/DirectoryCommands.cpp) ---------------------------------------------
/// Opens the store, creating its folder if needed.
Result<store::Store> openStore(const std::string& path);
/// The directory from a file when given, else from the store; the structure's own numbers from the
/// store's `structure.numbers` setting (when the store exists) and `structureNumbers`.
Result<match::Directory> loadDirectory(const std::string& directoryFile, const std::string& dbPath,
                                       const std::vector<std::string>& structureNumbers = {});
/// Lines from arguments; '|', a newline or a literal "\n" also separate lines.
std::vector<std::string> splitLines(const std::vector<std::string>& args);

// --- demo steps: each prints its part of `guichet demo` and returns an exit status --------------
/// Empties (or creates) `workDir` and returns a context whose store lives in it.
Result<Context> freshDemoContext(const Context& context, const std::string& workDir);
int runDirectoryDemo(const Context& context, const std::string& dataDir);
int runCardDemo(const Context& context); ///< keys, issue, read back, forgery, revoke, reissue
/// The hot-folder intake once over `folder`: every scan read, recorded with its outbox event, filed.
int runIntakeOnce(const Context& context, const std::string& folder);
/// The desk's day on the demo store: a review decision, a hand-over to a proxy (and one refused),
/// a return slip, a visit with its ticket, the day's statistics.
int runDeskDemo(const Context& context, const std::string& workDir);
/// Drops the sample envelopes in a hot folder, runs the intake once and prints what was recorded.
int runEnvelopeDemo(const Context& context, const std::string& envelopesDir, const std::string& workDir);
/// Starts the stand-in backend on loopback, logs in (code read from its file), pulls the directory,
/// pushes the outbox (records a sample batch if it is empty) and prints the stand-in's SMS queue.
int runSyncDemo(const Context& context, const std::string& dataDir);

} // namespace guichet::app
