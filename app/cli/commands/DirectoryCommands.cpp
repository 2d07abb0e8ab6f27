// guichet import / search / demo: the dossier directory and the name matcher from the terminal.
#include "commands/Commands.hpp"
#include "commands/Table.hpp"
#include "guichet/core/Text.hpp"
#include "guichet/directory/DirectoryFile.hpp"
#include "guichet/match/Matcher.hpp"
#include "guichet/store/Store.hpp"

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace guichet::app {

namespace fs = std::filesystem;

std::string Context::defaultDbPath() {
    if (const char* env = std::getenv("GUICHET_DB"); env && *env) return env;
    fs::path base;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        base = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home)
        base = fs::path(home) / ".local" / "share";
    else
        base = fs::current_path();
    return (base / "guichet" / "guichet.db").string();
}

Result<store::Store> openStore(const std::string& path) {
    std::error_code ec;
    fs::path parent = fs::path(path).parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);
    if (ec) return Error{parent.string() + ": cannot create the folder (" + ec.message() + ")"};
    return store::Store::open(path);
}

namespace {

/// The structure's numbers: the `structure.numbers` setting, then `extra`.
Result<match::StructureAddress> structureAddress(store::Store* store, const std::vector<std::string>& extra) {
    match::StructureAddress address;
    if (store) {
        auto setting = store->setting("structure.numbers");
        if (!setting) return setting.error();
        if (*setting) {
            auto numbers = match::parseStructureNumbers(**setting);
            if (!numbers) return Error{"setting structure.numbers: " + numbers.error().message};
            address.numbers = std::move(*numbers);
        }
    }
    for (const std::string& n : extra) {
        auto numbers = match::parseStructureNumbers(n);
        if (!numbers) return Error{"--structure-number: " + numbers.error().message};
        address.numbers.insert(address.numbers.end(), numbers->begin(), numbers->end());
    }
    return address;
}

} // namespace

Result<match::Directory> loadDirectory(const std::string& directoryFile, const std::string& dbPath,
                                       const std::vector<std::string>& structureNumbers) {
    std::error_code ec;
    if (!directoryFile.empty()) {
        auto read = directory::readDirectoryFile(directoryFile);
        if (!read) return read.error();
        for (const auto& w : read->warnings)
            std::fprintf(stderr, "warning: %s\n", w.c_str());
        // The structure's settings still come from its store, when there is one.
        std::optional<store::Store> store;
        if (fs::exists(dbPath, ec))
            if (auto opened = store::Store::openForReading(dbPath)) store.emplace(std::move(*opened));
        auto address = structureAddress(store ? &*store : nullptr, structureNumbers);
        if (!address) return address.error();
        return match::Directory(std::move(read->dossiers), std::move(*address));
    }
    if (!fs::exists(dbPath, ec))
        return Error{dbPath +
                     ": the store holds no dossier yet; run `guichet import FILE` or pass --directory"};
    auto store = store::Store::openForReading(dbPath);
    if (!store) return store.error();
    auto dossiers = store->loadDossiers();
    if (!dossiers) return dossiers.error();
    if (dossiers->empty())
        return Error{dbPath +
                     ": the store holds no dossier yet; run `guichet import FILE` or pass --directory"};
    auto address = structureAddress(&*store, structureNumbers);
    if (!address) return address.error();
    return match::Directory(std::move(*dossiers), std::move(*address));
}

std::vector<std::string> splitLines(const std::vector<std::string>& args) {
    std::vector<std::string> lines;
    for (const auto& arg : args) {
        std::string current;
        for (size_t i = 0; i < arg.size(); ++i) {
            bool escapedNewline = arg[i] == '\\' && i + 1 < arg.size() && arg[i + 1] == 'n';
            if (arg[i] == '\n' || arg[i] == '|' || escapedNewline) {
                lines.push_back(current);
                current.clear();
                i += escapedNewline ? 1 : 0;
            } else {
                current += arg[i];
            }
        }
        lines.push_back(current);
    }
    return lines;
}

namespace {

std::string formatScore(double score) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.2f", score);
    return buf;
}

std::string personName(const Dossier& d, const match::Candidate& c) {
    switch (c.via) {
    case match::Via::Dependant: {
        const auto& a = d.ayantsDroits.at(static_cast<size_t>(c.viaIndex));
        return a.prenom + " " + (a.nom.empty() ? d.nom : a.nom) + " (dependant of " + d.prenom + " " + d.nom +
               ")";
    }
    case match::Via::Procuration: {
        const auto& p = d.procurations.at(static_cast<size_t>(c.viaIndex));
        return p.prenom + " " + p.nom + " (procuration for " + d.prenom + " " + d.nom + ")";
    }
    case match::Via::Alias:
        return "\"" + d.surnom + "\" = " + d.prenom + " " + d.nom;
    default:
        return d.prenom + " " + d.nom;
    }
}

int runImport(const Context& context, const std::string& file) {
    auto started = std::chrono::steady_clock::now();
    auto read = directory::readDirectoryFile(file);
    if (!read) {
        std::fprintf(stderr, "guichet import: %s\n", read.error().message.c_str());
        return 1;
    }
    for (const auto& w : read->warnings)
        std::fprintf(stderr, "warning: %s\n", w.c_str());
    auto store = openStore(context.dbPath);
    if (!store) {
        std::fprintf(stderr, "guichet import: %s\n", store.error().message.c_str());
        return 1;
    }
    // The dossiers and their audit entry in one transaction: a store whose audit log is damaged
    // once took the dossiers and exited 0 with a warning; now nothing is written and the import fails.
    store::UpsertStats stats;
    auto written = store->transaction([&]() -> Result<void> {
        auto upserted = store->upsertDossiers(read->dossiers);
        if (!upserted) return upserted.error();
        stats = *upserted;
        return store->audit("cli", "directory.imported", "dossiers:" + std::to_string(read->dossiers.size()));
    });
    if (!written) {
        std::fprintf(stderr, "guichet import: %s\nguichet import: nothing imported, the store is unchanged\n",
                     written.error().message.c_str());
        return 1;
    }
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    std::printf("%s: %zu dossiers read — %d new, %d updated, %d unchanged (%.0f ms) into %s\n", file.c_str(),
                read->dossiers.size(), stats.inserted, stats.updated, stats.unchanged, ms,
                context.dbPath.c_str());
    return 0;
}

void printMatch(const match::Directory& directory, const match::MatchResult& result) {
    std::printf("decision: %s — %s\n", toString(result.decision), result.reason.c_str());
    if (result.recipient.box) std::printf("box number read: %s\n", result.recipient.box->c_str());
    if (result.candidates.empty()) {
        std::printf("no candidate\n");
        return;
    }
    Table table({"#", "ref", "box", "name", "score", "flags", "why"});
    int rank = 0;
    for (const auto& c : result.candidates) {
        const Dossier* d = directory.find(c.dossier);
        std::string flags = c.returnToSender ? "RETURN TO SENDER (" + std::string(toString(d->statut)) +
                                                   (d->npai.actif ? ", npai" : "") + ")"
                                             : "";
        table.add({std::to_string(++rank), std::to_string(c.dossier), d->customRef, personName(*d, c),
                   formatScore(c.score), flags, c.why});
    }
    std::fputs(table.render(60).c_str(), stdout);
}

/// What `search` accepts: a recipient block is a few lines. 100 KB of text took 90 s to match.
constexpr size_t kMaxSearchChars = 2000;
constexpr size_t kMaxSearchLines = 20;

int runSearch(const Context& context, const std::vector<std::string>& text,
              const std::string& directoryFile) {
    size_t chars = 0;
    for (const auto& t : text)
        for (const char c : t)
            chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80; // UTF-8: characters, not bytes
    const auto lines = splitLines(text);
    if (chars > kMaxSearchChars || lines.size() > kMaxSearchLines) {
        std::fprintf(stderr,
                     "guichet search: the recipient text is too long (%zu characters, %zu lines; at most %zu "
                     "characters and %zu lines: give the recipient block only)\n",
                     chars, lines.size(), kMaxSearchChars, kMaxSearchLines);
        return 1;
    }
    auto directory = loadDirectory(directoryFile, context.dbPath);
    if (!directory) {
        std::fprintf(stderr, "guichet search: %s\n", directory.error().message.c_str());
        return 1;
    }
    auto started = std::chrono::steady_clock::now();
    auto result = directory->match(lines);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    printMatch(*directory, result);
    std::printf("(%zu dossiers, %.2f ms)\n", directory->size(), ms);
    return 0;
}

/// Blocks of lines separated by blank lines; '#' starts a comment line.
std::vector<std::vector<std::string>> readBlocks(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::vector<std::string>> blocks(1);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty() && line[0] == '#') continue;
        if (trim(line).empty()) {
            if (!blocks.back().empty()) blocks.emplace_back();
            continue;
        }
        blocks.back().push_back(line);
    }
    if (blocks.back().empty()) blocks.pop_back();
    return blocks;
}

} // namespace

int runDirectoryDemo(const Context& context, const std::string& dataDir) {
    std::printf("== 1. Import the sample directory into the store ==\n");
    if (int rc = runImport(context, dataDir + "/directory.csv"); rc != 0) return rc;
    auto directory = loadDirectory({}, context.dbPath);
    if (!directory) {
        std::fprintf(stderr, "guichet demo: %s\n", directory.error().message.c_str());
        return 1;
    }
    std::printf("\n== 2. Match sample recipient blocks (as OCR reads them) ==\n");
    Table table({"recipient (as read)", "decision", "dossier", "score", "why"});
    auto blocks = readBlocks(dataDir + "/recipients.txt");
    if (blocks.empty()) {
        std::fprintf(stderr, "guichet demo: %s/recipients.txt: no recipient block\n", dataDir.c_str());
        return 1;
    }
    for (const auto& block : blocks) {
        auto result = directory->match(block);
        std::string shown;
        for (const auto& l : block)
            shown += (shown.empty() ? "" : " / ") + l;
        std::string dossier = "—", score = "", why = result.reason;
        if (!result.candidates.empty()) {
            const auto& c = result.candidates[0];
            const Dossier* d = directory->find(c.dossier);
            dossier = (result.decision == match::Decision::Auto ? "" : "? ") + std::to_string(c.dossier) +
                      " " + personName(*d, c);
            if (c.returnToSender) why = "RETURN TO SENDER (" + std::string(toString(d->statut)) + "); " + why;
            score = formatScore(c.score);
            if (result.decision != match::Decision::Auto && result.candidates.size() > 1)
                dossier += " (+" + std::to_string(result.candidates.size() - 1) + " more)";
        }
        table.add({shown, toString(result.decision), dossier, score, why});
    }
    std::fputs(table.render(52).c_str(), stdout);
    std::printf("auto = recorded without asking; confirm = staff picks among ranked candidates; "
                "unknown = staff search or return to sender.\n");
    return 0;
}

void registerDirectoryCommands(CLI::App& app, Context& context) {
    auto* import =
        app.add_subcommand("import", "Import a directory of dossiers (CSV or DomiFa JSON) into the store");
    auto file = std::make_shared<std::string>();
    import->add_option("file", *file, "CSV with a header row, or JSON from GET /search-usagers")
        ->required()
        ->check(CLI::ExistingFile);
    import->callback([&context, file] { context.run = [&context, file] { return runImport(context, *file);
};
} // namespace guichet::app
);

auto* search =
    app.add_subcommand("search", "Rank the dossiers matching a recipient text, with scores and why");
auto text = std::make_shared<std::vector<std::string>>();
auto searchDirectory = std::make_shared<std::string>();
search->add_option("text", *text, "Recipient lines (one per argument, or separated by '|' or \\n)")
    ->required();
search->add_option("--directory", *searchDirectory, "Match against this file instead of the store")
    ->check(CLI::ExistingFile);
search->callback([&context, text, searchDirectory] {
    context.run = [&context, text, searchDirectory] { return runSearch(context, *text, *searchDirectory); };
});
}

} // namespace guichet::app
