#include "guichet/desk/HotFolder.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace guichet::desk {

namespace fs = std::filesystem;

namespace {

/// Content fingerprint: two independent 64-bit hashes and the size. Opens without following a
/// symbolic link, and never blocks on a pipe.
std::string fingerprintOf(const fs::path& path, std::string& error) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        error = "cannot open: " + std::string(std::strerror(errno));
        return {};
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        error = "not a regular file";
        return {};
    }
    std::uint64_t a = 0xcbf29ce484222325ULL, b = 0x84222325cbf29ce4ULL, size = 0;
    std::vector<unsigned char> buf(1 << 16);
    for (;;) {
        const ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            error = "cannot read: " + std::string(std::strerror(errno));
            ::close(fd);
            return {};
        }
        if (n == 0) break;
        for (ssize_t i = 0; i < n; ++i) {
            const auto c = buf[static_cast<size_t>(i)];
            a = (a ^ c) * 0x100000001b3ULL;
            b = (b + c + 1) * 0x9E3779B97F4A7C15ULL;
            b ^= b >> 29;
        }
        size += static_cast<std::uint64_t>(n);
    }
    ::close(fd);
    char out[64];
    std::snprintf(out, sizeof out, "%016llx%016llx-%llu", static_cast<unsigned long long>(a),
                  static_cast<unsigned long long>(b), static_cast<unsigned long long>(size));
    return out;
}

bool looksLikeScan(const fs::path& p) {
    const std::string name = p.filename().string();
    if (name.empty() || name[0] == '.' || name[0] == '~') return false;
    if (name.size() > 11 && name.compare(name.size() - 11, 11, ".reason.txt") == 0) return false;
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext != ".part" && ext != ".tmp" && ext != ".crdownload" && ext != ".partial";
}

std::string hostName() {
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    return host;
}

/// Another live intake process holds this claim.
bool heldByOther(const std::string& owner, const std::string& me) {
    if (owner.empty() || owner == me) return false;
    const auto colon = owner.rfind(':');
    if (colon == std::string::npos || owner.substr(0, colon) != hostName()) return false;
    const long pid = std::strtol(owner.c_str() + colon + 1, nullptr, 10);
    return pid > 0 && pid != ::getpid() && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

} // namespace

std::string printable(const std::string& name) {
    std::string out;
    for (unsigned char c : name)
        out += (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
    return out;
}

bool isTransient(const Error& error) {
    return error.message.find("locked by another Guichet process") != std::string::npos ||
           error.message.find("database is locked") != std::string::npos;
}

Result<std::unique_ptr<HotFolder>> HotFolder::open(const fs::path& folder, store::Store& store, ReadFile read,
                                                   const Clock& clock, HotFolderOptions options, Say say) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) return Error{folder.string() + ": not a folder"};
    for (const char* sub : {"done", "failed"}) {
        fs::create_directories(folder / sub, ec);
        if (ec) return Error{(folder / sub).string() + ": " + ec.message()};
    }
    const fs::path lockPath = folder / ".guichet-intake.lock";
    const int fd = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) return Error{lockPath.string() + ": cannot create the intake lock: " + std::strerror(errno)};
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        char pid[32] = {};
        const ssize_t n = ::pread(fd, pid, sizeof pid - 1, 0);
        ::close(fd);
        return Error{
            folder.string() + ": another intake is already watching this folder" +
            (n > 0 ? std::string(" (process ") + std::string(pid, static_cast<size_t>(n)) + ")" : "") +
            "; stop it first"};
    }
    const std::string me = std::to_string(::getpid());
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, me.data(), me.size(), 0) < 0) {
        // The lock holds without the pid in it: only the message of a second intake is poorer.
    }
    return std::unique_ptr<HotFolder>(
        new HotFolder(folder, store, std::move(read), clock, options, std::move(say), fd));
}

HotFolder::HotFolder(fs::path folder, store::Store& store, ReadFile read, const Clock& clock,
                     HotFolderOptions options, Say say, int lockFd)
    : folder_(std::move(folder)), store_(store), read_(std::move(read)), clock_(clock), options_(options),
      say_(std::move(say)), lockFd_(lockFd), owner_(hostName() + ":" + std::to_string(::getpid())),
      intake_(store, clock) {}

HotFolder::~HotFolder() {
    if (lockFd_ >= 0) ::close(lockFd_);
}

Result<fs::path> HotFolder::moveInto(const fs::path& file, const char* sub) {
    const fs::path dir = folder_ / sub;
    fs::path target = dir / file.filename();
    std::error_code ec;
    for (int k = 2; fs::exists(fs::symlink_status(target, ec)); ++k)
        target = dir / (file.stem().string() + "-" + std::to_string(k) + file.extension().string());
    fs::rename(file, target, ec);
    if (ec)
        return Error{printable(file.filename().string()) + ": cannot move it into " + sub +
                     "/: " + ec.message() +
                     " (check the folder's permissions; it would be seen again at every poll)"};
    return target;
}

Result<HotFolder::Outcome> HotFolder::fail(const fs::path& file, const std::string& fingerprint,
                                           const std::string& reason, int attempts) {
    if (!fingerprint.empty()) {
        store::IntakeFile record{
            fingerprint, file.filename().string(), "failed", std::nullopt, reason, attempts, ""};
        if (auto saved = store_.saveIntakeFile(record); !saved) return saved.error();
    }
    auto moved = moveInto(file, "failed");
    if (!moved) return moved.error();
    std::ofstream out(moved->string() + ".reason.txt");
    out << reason << '\n';
    out.close();
    if (!out)
        say_(printable(file.filename().string()) +
             ": warning: could not write the reason file (disk full?); the "
             "reason is kept in the store");
    say_(printable(file.filename().string()) + ": failed: " + reason);
    return Outcome::Failed;
}

Result<HotFolder::Outcome> HotFolder::process(const fs::path& file) {
    const std::string name = file.filename().string();
    std::string error;
    const std::string fp = fingerprintOf(file, error);
    if (fp.empty()) return fail(file, {}, error, 0);

    // Claim the file, atomically: done or failed before, or being read by another live intake?
    enum class Claim { Mine, Known, Busy, Exhausted };
    Claim claim = Claim::Mine;
    store::IntakeFile record;
    auto claimed = store_.transaction([&]() -> Result<void> {
        auto known = store_.findIntakeFile(fp);
        if (!known) return known.error();
        record = known->value_or(store::IntakeFile{fp, name, "", std::nullopt, "", 0, ""});
        if (record.state == "done" || record.state == "failed") {
            claim = Claim::Known;
            return {};
        }
        if (record.state == "processing" && heldByOther(record.owner, owner_)) {
            claim = Claim::Busy;
            return {};
        }
        if (record.state == "processing" && record.attempts >= options_.maxAttempts) {
            claim = Claim::Exhausted;
            return {};
        }
        record.name = name;
        record.state = "processing";
        record.owner = owner_;
        ++record.attempts;
        return store_.saveIntakeFile(record);
    });
    if (!claimed) return claimed.error();
    if (claim == Claim::Busy) return Outcome::Waiting;
    if (claim == Claim::Exhausted)
        return fail(file, fp,
                    "stopped the reader last time (" + std::to_string(record.attempts) +
                        " readings of this file never finished); check the file, then drop a copy again",
                    record.attempts);
    if (claim == Claim::Known) {
        auto moved = moveInto(file, record.state == "failed" ? "failed" : "done");
        if (!moved) return moved.error();
        if (record.state == "failed") std::ofstream(moved->string() + ".reason.txt") << record.reason << '\n';
        say_(printable(name) + ": already " + record.state +
             (record.mailItem ? " as mail item " + std::to_string(*record.mailItem) : std::string()));
        return Outcome::Recorded;
    }

    auto read = read_(file.string());
    if (!read) {
        // A scanner that pauses mid-file leaves it truncated for a while: a recent truncated file is
        // waited for (released, read again later), an old one fails.
        std::error_code ec;
        const auto age = fs::file_time_type::clock::now() - fs::last_write_time(file, ec);
        if (!ec && read.error().message.find("truncated") != std::string::npos && age < options_.grace) {
            record.state = "waiting";
            record.owner.clear();
            --record.attempts;
            if (auto saved = store_.saveIntakeFile(record); !saved) return saved.error();
            return Outcome::Waiting;
        }
        return fail(file, fp, read.error().message, record.attempts);
    }
    auto recorded = intake_.record(*read, name, {}, [&](const std::vector<Recorded>& items) -> Result<void> {
        store::IntakeFile done = record;
        done.state = "done";
        done.owner.clear();
        done.mailItem = items.empty() ? std::nullopt : std::optional(items.front().item);
        return store_.saveIntakeFile(done);
    });
    if (!recorded) {
        if (isTransient(recorded.error())) {
            say_(printable(name) + ": the store is busy, will retry: " + recorded.error().message);
            return Outcome::Waiting;
        }
        return recorded.error();
    }
    auto moved = moveInto(file, "done");
    if (!moved) return moved.error();
    for (const auto& r : *recorded)
        say_(printable(name) + ": " + describe(r));
    return Outcome::Recorded;
}

Result<PollReport> HotFolder::poll() {
    std::error_code ec;
    if (!fs::is_directory(folder_, ec))
        return Error{folder_.string() + ": the watched folder is gone (deleted, renamed or unmounted)"};
    const auto now = std::chrono::steady_clock::now();
    std::map<fs::path, Watched> seen;
    std::vector<fs::path> ready;
    std::vector<fs::path> refused;
    PollReport report;
    fs::directory_iterator it(folder_, ec);
    if (ec) return Error{folder_.string() + ": cannot list the folder: " + ec.message()};
    for (const auto& entry : it) {
        if (!looksLikeScan(entry.path())) continue;
        const auto status = entry.symlink_status(ec);
        if (ec) continue;
        if (fs::is_directory(status)) continue;
        if (!fs::is_regular_file(status)) {
            refused.push_back(entry.path());
            continue;
        }
        Watched w;
        w.size = entry.file_size(ec);
        w.mtime = entry.last_write_time(ec);
        w.firstSeen = w.stableSince = now;
        if (auto old = watched_.find(entry.path()); old != watched_.end()) {
            w.firstSeen = old->second.firstSeen;
            if (old->second.size == w.size && old->second.mtime == w.mtime)
                w.stableSince = old->second.stableSince;
        }
        seen[entry.path()] = w;
        const bool stable = now - w.stableSince >= options_.settle;
        if (stable && (w.size > 0 || now - w.firstSeen >= options_.grace)) ready.push_back(entry.path());
    }
    watched_ = std::move(seen);
    for (const auto& file : refused) {
        auto r =
            fail(file, {},
                 fs::is_symlink(fs::symlink_status(file, ec))
                     ? "a symbolic link: only files dropped in the folder are read (copy the file itself)"
                     : "not a regular file (device, pipe or socket): not read",
                 0);
        if (!r) return r.error();
        ++report.failed;
    }
    std::sort(ready.begin(), ready.end());
    for (const auto& file : ready) {
        Result<Outcome> outcome =
            watched_[file].size == 0
                ? fail(file, {}, "empty file (0 bytes since it appeared): nothing to read", 0)
                : process(file);
        if (!outcome) {
            if (isTransient(outcome.error())) {
                say_(printable(file.filename().string()) + ": the store is busy, will retry");
                ++report.waiting;
                continue;
            }
            return outcome.error();
        }
        switch (*outcome) {
        case Outcome::Recorded:
            ++report.recorded;
            watched_.erase(file);
            break;
        case Outcome::Failed:
            ++report.failed;
            watched_.erase(file);
            break;
        case Outcome::Waiting:
            ++report.waiting;
            break;
        }
    }
    report.waiting = static_cast<int>(watched_.size());
    return report;
}

} // namespace guichet::desk
