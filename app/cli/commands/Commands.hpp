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
    std::function<int()> run; ///< set by the chosen subcommand; returns the exit status

    static std::string defaultDbPath();
};

void registerDirectoryCommands(CLI::App& app, Context& context); ///< import, search
void registerDemoCommand(CLI::App& app, Context& context);       ///< demo
void registerCardCommands(CLI::App& app, Context& context);  ///< keys init, card issue/revoke/verify, decode
void registerMatchCommands(CLI::App& app, Context& context); ///< match, intake (envelopes)
void registerSyncCommands(CLI::App& app, Context& context);  ///< sync [--daemon], sync login, sync status

// --- shared helpers (commands/DirectoryCommands.cpp) ---------------------------------------------
/// Opens the store, creating its folder if needed.
Result<store::Store> openStore(const std::string& path);
/// The directory from a file when given, else from the store.
Result<match::Directory> loadDirectory(const std::string& directoryFile, const std::string& dbPath);
/// Lines from arguments; '|', a newline or a literal "\n" also separate lines.
std::vector<std::string> splitLines(const std::vector<std::string>& args);

// --- demo steps: each prints its part of `guichet demo` and returns an exit status --------------
/// Empties (or creates) `workDir` and returns a context whose store lives in it.
Result<Context> freshDemoContext(const Context& context, const std::string& workDir);
int runDirectoryDemo(const Context& context, const std::string& dataDir);
int runCardDemo(const Context& context); ///< keys, issue, read back, forgery, revoke, reissue
/// The hot-folder intake once over `folder`: every scan read, recorded with its outbox event, filed.
int runIntakeOnce(const Context& context, const std::string& folder);
/// Drops the sample envelopes in a hot folder, runs the intake once and prints what was recorded.
int runEnvelopeDemo(const Context& context, const std::string& envelopesDir, const std::string& workDir);
/// Starts the stand-in backend on loopback, logs in (code read from its file), pulls the directory,
/// pushes the outbox (records a sample batch if it is empty) and prints the stand-in's SMS queue.
int runSyncDemo(const Context& context, const std::string& dataDir);

} // namespace guichet::app
