// guichet backup FILE | --dir DIR [--keep N], guichet restore FILE: a consistent copy of the store
// taken while the desk keeps working (SQLite's online backup API), and putting one back. The card
// keys and DomiFa credentials (0600) travel inside the backup only when asked (--with-keys); the
// choice is always explicit. A restore refuses a file of another store (its id) unless
// --force-foreign, a file made by a newer Guichet always, and keeps the replaced store beside it.
#include "commands/Commands.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sys/stat.h>

namespace guichet::app {

namespace fs = std::filesystem;

namespace {

/// What --with-keys carries: the card key pair and the DomiFa settings and credentials.
constexpr const char* kKeyFiles[] = {"card.key", "card.pub", "domifa.json", "domifa-credentials.json",
                                     "domifa-password"};

fs::path folderOf(const std::string& dbPath) {
    const fs::path parent = fs::path(dbPath).parent_path();
    return parent.empty() ? fs::path(".") : parent;
}

Result<std::vector<store::BackupFile>> readKeyFiles(const std::string& dbPath) {
    std::vector<store::BackupFile> files;
    for (const char* name : kKeyFiles) {
        const fs::path path = folderOf(dbPath) / name;
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0) continue;
        std::ifstream in(path, std::ios::binary);
        if (!in) return Error{path.string() + ": cannot read"};
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        files.push_back(store::BackupFile{name, static_cast<int>(st.st_mode & 0777), std::move(bytes)});
    }
    return files;
}

std::string stampForFile(Instant at) {
    std::string s = formatInstant(at); // 2026-12-06T10:00:00Z
    s.erase(std::remove(s.begin(), s.end(), ':'), s.end());
    s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
    return s;
}

struct BackupArgs {
    std::string file;
    std::string dir;
    int keep = 7;
    bool withKeys = false;
    bool withoutKeys = false;
};

int runBackup(const Context& context, const BackupArgs& a) {
    if (a.withKeys == a.withoutKeys)
        return failWith(
            "backup",
            "say whether the card keys and DomiFa credentials go in the backup: --with-keys (anyone "
            "holding the file can sign cards) or --without-keys (keep a copy of card.key elsewhere)",
            2);
    if (a.file.empty() == a.dir.empty())
        return failWith("backup", "give a FILE or --dir DIR (one of them)", 2);
    if (a.keep < 1) return failWith("backup", "--keep must be at least 1", 2);
    if (!fs::exists(context.dbPath)) return failWith("backup", context.dbPath + ": no store to back up", 2);
    auto store = openStore(context.dbPath);
    if (!store) return failWith("backup", store.error().message, 2);
    std::vector<store::BackupFile> files;
    if (a.withKeys) {
        auto read = readKeyFiles(context.dbPath);
        if (!read) return failWith("backup", read.error().message, 2);
        files = std::move(*read);
    }
    const Instant at = now();
    std::string target = a.file;
    if (!a.dir.empty()) {
        std::error_code ec;
        fs::create_directories(a.dir, ec);
        if (ec) return failWith("backup", a.dir + ": cannot create (" + ec.message() + ")", 2);
        ::chmod(a.dir.c_str(), 0700);
        target = (fs::path(a.dir) / ("guichet-" + stampForFile(at) + ".db")).string();
    }
    if (auto r = store->backupTo(target, files); !r) return failWith("backup", r.error().message, 2);
    std::error_code ec;
    std::printf("backup: %s (%lld bytes, 0600), %s\n", target.c_str(),
                static_cast<long long>(fs::file_size(target, ec)),
                a.withKeys ? (std::to_string(files.size()) + " key/credential files inside").c_str()
                           : "keys NOT included");
    if (!a.dir.empty()) {
        std::vector<fs::path> all;
        for (const auto& e : fs::directory_iterator(a.dir, ec)) {
            const std::string name = e.path().filename().string();
            if (name.rfind("guichet-", 0) == 0 && e.path().extension() == ".db") all.push_back(e.path());
        }
        std::sort(all.begin(), all.end()); // names sort by time
        for (size_t i = 0; i + static_cast<size_t>(a.keep) < all.size(); ++i) {
            fs::remove(all[i], ec);
            std::printf("rotation: removed %s\n", all[i].c_str());
        }
    }
    (void)store->transaction([&]() -> Result<void> {
        if (auto r = store->setSetting("backup.last", formatInstant(at)); !r) return r;
        if (auto r = store->setSetting("backup.lastFile", fs::absolute(target).string()); !r) return r;
        return store->audit(context.staff, "store.backup", a.withKeys ? "keys:included" : "keys:excluded");
    });
    return 0;
}

struct RestoreArgs {
    std::string file;
    bool withKeys = false;
    bool forceForeign = false;
    bool overwriteKeys = false;
};

int runRestore(const Context& context, const RestoreArgs& a) {
    auto info = store::Store::inspect(a.file);
    if (!info) return failWith("restore", info.error().message, 2);
    if (!info->guichetStore)
        return failWith("restore", a.file + ": not a Guichet store or backup; nothing done", 2);
    if (info->integrity != "ok")
        return failWith("restore", a.file + ": the backup is damaged (" + info->integrity + "); nothing done",
                        2);
    if (info->schema > store::Store::latestSchemaVersion())
        return failWith("restore",
                        a.file + ": made by a newer Guichet (schema " + std::to_string(info->schema) +
                            ", this one knows " + std::to_string(store::Store::latestSchemaVersion()) +
                            "); upgrade Guichet first; nothing done",
                        2);
    const bool existed = fs::exists(context.dbPath);
    auto store = openStore(context.dbPath);
    if (!store) return failWith("restore", store.error().message, 2);
    if (existed) {
        auto id = store->storeId();
        if (!id) return failWith("restore", id.error().message, 2);
        if (*id != info->storeId && !a.forceForeign)
            return failWith("restore",
                            a.file + " is the backup of another store (id " +
                                (info->storeId.empty() ? std::string("none") : info->storeId) +
                                ", this one is " + *id +
                                "); --force-foreign replaces this store with it; nothing done",
                            2);
    }
    // Keys: checked before anything changes.
    const fs::path folder = folderOf(context.dbPath);
    if (a.withKeys) {
        if (info->files.empty())
            return failWith("restore", a.file + ": carries no keys (made --without-keys)", 2);
        for (const store::BackupFile& f : info->files) {
            if (f.name.find('/') != std::string::npos || f.name.empty() || f.name[0] == '.')
                return failWith("restore", a.file + ": bad file name inside: " + f.name, 2);
            std::ifstream in(folder / f.name, std::ios::binary);
            if (!in) continue;
            std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            if (bytes != f.bytes && !a.overwriteKeys)
                return failWith(
                    "restore",
                    (folder / f.name).string() +
                        " exists and differs from the backup's; --overwrite-keys replaces it; nothing done",
                    2);
        }
    }
    if (existed) {
        const std::string keep = context.dbPath + ".before-restore-" + stampForFile(now());
        if (auto r = store->backupTo(keep); !r) return failWith("restore", r.error().message, 2);
        std::printf("the store replaced is kept as %s\n", keep.c_str());
    }
    if (auto r = store->restoreFrom(a.file); !r) return failWith("restore", r.error().message, 2);
    store = openStore(context.dbPath); // migrates a backup made by an older Guichet
    if (!store) return failWith("restore", store.error().message, 2);
    auto integrity = store->integrityCheck();
    if (!integrity || *integrity != "ok")
        return failWith("restore", "the restored store does not pass the integrity check", 2);
    if (a.withKeys) {
        for (const store::BackupFile& f : info->files) {
            const fs::path path = folder / f.name;
            const fs::path tmp = path.string() + ".tmp";
            {
                std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
                ::chmod(tmp.c_str(), 0600);
                out.write(f.bytes.data(), static_cast<std::streamsize>(f.bytes.size()));
                if (!out) return failWith("restore", tmp.string() + ": cannot write", 2);
            }
            ::chmod(tmp.c_str(), static_cast<mode_t>(f.mode & 0777));
            std::error_code ec;
            fs::rename(tmp, path, ec);
            if (ec) return failWith("restore", path.string() + ": " + ec.message(), 2);
        }
    }
    auto audit = store->verifyAudit();
    std::printf("restored %s into %s (schema %d%s), %s; audit log %s\n", a.file.c_str(),
                context.dbPath.c_str(), store->schemaVersion(),
                info->schema < store->schemaVersion() ? ", migrated" : "",
                a.withKeys ? (std::to_string(info->files.size()) + " key files restored").c_str()
                           : (info->files.empty() ? "no keys in the backup"
                                                  : "keys in the backup NOT restored (--with-keys)"),
                audit && audit->ok ? "intact" : "NOT intact (guichet audit verify)");
    // The file restored from is a backup of this store, as old as the file (guichet doctor).
    struct stat st {};
    if (::stat(a.file.c_str(), &st) == 0) {
        (void)store->setSetting("backup.last", formatInstant(Instant{std::chrono::seconds{st.st_mtime}}));
        (void)store->setSetting("backup.lastFile", fs::absolute(a.file).string());
    }
    (void)store->audit(context.staff, "store.restored", a.withKeys ? "keys:restored" : "keys:kept");
    return 0;
}

} // namespace

void registerBackupCommands(CLI::App& app, Context& context) {
    auto b = std::make_shared<BackupArgs>();
    auto* backup = app.add_subcommand("backup", "A consistent copy of the store while the desk works (0600)");
    backup->add_option("file", b->file, "Backup file to write");
    backup->add_option("--dir", b->dir, "Write guichet-<time>.db in this folder and rotate");
    backup->add_option("--keep", b->keep, "With --dir: how many backups to keep")->capture_default_str();
    backup->add_flag("--with-keys", b->withKeys,
                     "Carry card.key, card.pub and the DomiFa credentials inside");
    backup->add_flag("--without-keys", b->withoutKeys, "Leave the keys out (keep card.key safe elsewhere)");
    backup->callback([&context, b] { context.run = [&context, b] { return runBackup(context, *b); }; });

    auto r = std::make_shared<RestoreArgs>();
    auto* restore = app.add_subcommand("restore", "Put a backup back (stop the desk, sync and intake first)");
    restore->add_option("file", r->file, "Backup file")->required();
    restore->add_flag("--with-keys", r->withKeys, "Also restore the keys the backup carries (0600)");
    restore->add_flag("--overwrite-keys", r->overwriteKeys,
                      "With --with-keys: replace key files that differ");
    restore->add_flag("--force-foreign", r->forceForeign,
                      "Accept the backup of another store (its id differs)");
    restore->callback([&context, r] { context.run = [&context, r] { return runRestore(context, *r); }; });
}

} // namespace guichet::app
