#pragma once
// Subcommand registration. Each register* function adds its subcommands to the CLI and, when one
// of them is chosen, sets Context::run to the code that executes it.

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace guichet::app {

struct Context {
    std::string dbPath = defaultDbPath();
    std::function<int()> run; ///< set by the chosen subcommand; returns the exit status

    static std::string defaultDbPath();
};

void registerDirectoryCommands(CLI::App& app, Context& context); ///< import, search, demo
// Other modules add theirs here (cards, decode, match, intake, sync).

} // namespace guichet::app
