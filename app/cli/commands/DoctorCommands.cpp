// guichet doctor: one look at the appliance's health, one line per check: OK, WARN or FAIL with
// what to do. Exit 1 when a check fails (WARN too with --strict). Reads only: it never creates or
// migrates the store.
#include "commands/Commands.hpp"
#include "guichet/hardware/EvdevReader.hpp"
#include "guichet/hardware/OpenCvCamera.hpp"
#include "guichet/hardware/SaneScanner.hpp"
#include "guichet/ocr/Ocr.hpp"
#include "guichet/sync/SyncEngine.hpp"

#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <memory>
#include <netdb.h>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/timex.h>
#include <unistd.h>

namespace guichet::app {

namespace fs = std::filesystem;

namespace {

enum class Level { Ok, Warn, Fail };

struct Doctor {
    int fails = 0;
    int warns = 0;
    void say(Level level, const char* check, const std::string& text) {
        const char* tag = level == Level::Ok ? "OK  " : level == Level::Warn ? "WARN" : "FAIL";
        if (level == Level::Fail) ++fails;
        if (level == Level::Warn) ++warns;
        std::printf("%s  %-10s %s\n", tag, check, text.c_str());
    }
};

std::string megabytes(std::uintmax_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
    return buf;
}

std::string age(std::chrono::seconds s) {
    const auto n = s.count();
    if (n < 120) return std::to_string(n) + " s";
    if (n < 7200) return std::to_string(n / 60) + " min";
    if (n < 172800) return std::to_string(n / 3600) + " h";
    return std::to_string(n / 86400) + " days";
}

/// A secret file: must exist (when `required`) and be readable by its owner only.
void checkSecret(Doctor& d, const fs::path& path, bool required, const char* what) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (required)
            d.say(Level::Warn, "keys",
                  path.string() + " missing (" + what + "): guichet keys init, or restore --with-keys");
        return;
    }
    if ((st.st_mode & 077) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        d.say(Level::Fail, "keys",
              path.string() + " is mode " + mode + " (" + what + "): chmod 600 " + path.string());
        return;
    }
    d.say(Level::Ok, "keys", path.string() + " 0600 (" + what + ")");
}

void checkStore(Doctor& d, const std::string& dbPath, std::optional<store::Store>& opened) {
    std::error_code ec;
    if (!fs::exists(dbPath, ec)) {
        d.say(Level::Fail, "store",
              dbPath + " missing: guichet import FILE (new desk) or guichet restore BACKUP");
        return;
    }
    store::Options options;
    options.readOnly = true;
    auto s = store::Store::open(dbPath, options);
    if (!s) {
        d.say(Level::Fail, "store", s.error().message);
        return;
    }
    auto integrity = s->integrityCheck();
    if (!integrity || *integrity != "ok") {
        d.say(Level::Fail, "store",
              dbPath + ": integrity check: " + (integrity ? *integrity : integrity.error().message) +
                  ": restore the last backup (guichet restore)");
        return;
    }
    std::uintmax_t size = fs::file_size(dbPath, ec);
    if (fs::exists(dbPath + "-wal", ec)) size += fs::file_size(dbPath + "-wal", ec);
    auto dossiers = s->dossierCount();
    struct stat st {};
    if (::stat(dbPath.c_str(), &st) == 0 && (st.st_mode & 007) != 0)
        d.say(Level::Fail, "store",
              dbPath + " can be read by any user of the machine: chmod o-rwx " + dbPath);
    if (s->schemaVersion() < store::Store::latestSchemaVersion())
        d.say(Level::Warn, "store",
              dbPath + ": schema " + std::to_string(s->schemaVersion()) +
                  ", run any guichet command once (not doctor) to upgrade it");
    d.say(Level::Ok, "store",
          dbPath + ": integrity ok, " + megabytes(size) + ", schema " + std::to_string(s->schemaVersion()) +
              ", " + (dossiers ? std::to_string(*dossiers) : std::string("?")) + " dossiers");
    auto audit = s->verifyAudit();
    if (!audit)
        d.say(Level::Fail, "audit", audit.error().message);
    else if (!audit->ok)
        d.say(Level::Fail, "audit",
              "row " + std::to_string(audit->badRow) + ": " + audit->problem +
                  ": compare with a backup (guichet audit verify --db BACKUP)");
    else
        d.say(Level::Ok, "audit", std::to_string(audit->rows) + " rows, chain intact");
    opened = std::move(*s);
}

void checkModels(Doctor& d) {
    for (const char* language : {"fra", "eng"}) {
        ocr::EngineOptions options;
        options.language = language;
        if (auto engine = ocr::Engine::create(options); !engine)
            d.say(Level::Fail, "ocr",
                  std::string("Tesseract model ") + language + " missing: apt install tesseract-ocr-" +
                      language);
        else
            d.say(Level::Ok, "ocr", std::string("Tesseract model ") + language + " loads");
    }
}

void checkDevices(Doctor& d) {
    const auto cameras = hardware::listCameras();
    int scanners = 0;
    if (auto all = hardware::listScanners()) scanners = static_cast<int>(all->size());
    std::error_code ec;
    int printers = 0;
    for (const auto& e : fs::directory_iterator("/dev/usb", ec))
        if (e.path().filename().string().rfind("lp", 0) == 0) ++printers;
    const auto inputs = hardware::listKeyboardInputs();
    const std::string found = std::to_string(cameras.size()) + " camera(s), " + std::to_string(scanners) +
                              " scanner(s), " + std::to_string(printers) + " USB printer(s), " +
                              std::to_string(inputs.size()) + " keyboard input(s)";
    if (cameras.empty() && scanners == 0)
        d.say(Level::Warn, "devices", found + ": plug the camera or the scanner in (guichet devices)");
    else
        d.say(Level::Ok, "devices", found);
}

/// Can a TCP connection be opened to the backend's host within 3 s?
std::string reach(const std::string& url) {
    std::string rest = url;
    std::string port = "80";
    if (rest.rfind("https://", 0) == 0) {
        rest = rest.substr(8);
        port = "443";
    } else if (rest.rfind("http://", 0) == 0) {
        rest = rest.substr(7);
    }
    rest = rest.substr(0, rest.find('/'));
    std::string host = rest;
    if (auto colon = rest.rfind(':'); colon != std::string::npos && rest.find(']') == std::string::npos) {
        host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
    }
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (int rc = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &found); rc != 0)
        return host + ": " + ::gai_strerror(rc);
    std::string problem = host + ":" + port + ": no answer within 3 s";
    for (addrinfo* a = found; a; a = a->ai_next) {
        int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
        if (rc != 0 && errno == EINPROGRESS) {
            pollfd p{fd, POLLOUT, 0};
            if (::poll(&p, 1, 3000) == 1) {
                int err = 0;
                socklen_t len = sizeof err;
                ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
                rc = err == 0 ? 0 : -1;
                if (err != 0) problem = host + ":" + port + ": " + std::strerror(err);
            }
        } else if (rc != 0) {
            problem = host + ":" + port + ": " + std::strerror(errno);
        }
        ::close(fd);
        if (rc == 0) {
            ::freeaddrinfo(found);
            return {};
        }
    }
    ::freeaddrinfo(found);
    return problem;
}

void checkBackend(Doctor& d, const std::string& dbPath, store::Store* s) {
    const fs::path folder =
        fs::path(dbPath).parent_path().empty() ? fs::path(".") : fs::path(dbPath).parent_path();
    const fs::path config = folder / "domifa.json";
    std::string baseUrl;
    std::ifstream in(config);
    if (!in) {
        d.say(Level::Warn, "backend",
              config.string() + " missing: the desk syncs with nobody (see docs/OPERATIONS.md)");
    } else {
        try {
            baseUrl = nlohmann::json::parse(in).value("baseUrl", std::string("http://127.0.0.1:8787"));
        } catch (const nlohmann::json::exception& e) {
            d.say(Level::Fail, "backend", config.string() + ": not valid JSON: fix it");
        }
    }
    if (!baseUrl.empty()) {
        if (auto problem = reach(baseUrl); !problem.empty())
            d.say(Level::Fail, "backend", baseUrl + " unreachable (" + problem + "): check the network");
        else
            d.say(Level::Ok, "backend", baseUrl + " reachable");
    }
    checkSecret(d, folder / "domifa-credentials.json", false, "DomiFa trust token");
    if (!s) return;
    auto status = sync::readStatus(*s);
    if (!status) {
        d.say(Level::Fail, "sync", status.error().message);
        return;
    }
    if (!status->halted.empty())
        d.say(Level::Fail, "sync", "halted: " + status->halted + ": fix it, then guichet sync status");
    if (status->login.empty())
        d.say(Level::Warn, "login", "never logged in: guichet sync login");
    else if (status->login != "ok")
        d.say(Level::Fail, "login", status->login + ": guichet sync login");
    else
        d.say(Level::Ok, "login", "logged in");
    const Instant t = now();
    if (!status->lastSuccess)
        d.say(Level::Warn, "sync", "never synced: systemctl enable --now guichet-sync");
    else if (t - *status->lastSuccess > std::chrono::hours(24))
        d.say(Level::Warn, "sync",
              "last success " +
                  age(std::chrono::duration_cast<std::chrono::seconds>(t - *status->lastSuccess)) +
                  " ago: journalctl -u guichet-sync");
    else
        d.say(Level::Ok, "sync",
              "last success " +
                  age(std::chrono::duration_cast<std::chrono::seconds>(t - *status->lastSuccess)) + " ago");
    auto pending = s->events(EventState::Pending);
    if (pending && !pending->empty()) {
        const auto oldest = std::chrono::duration_cast<std::chrono::seconds>(t - pending->front().createdAt);
        d.say(oldest > std::chrono::hours(24) ? Level::Warn : Level::Ok, "queue",
              std::to_string(status->pending) + " events to send, oldest " + age(oldest) +
                  (oldest > std::chrono::hours(24) ? ": guichet sync status" : ""));
    } else {
        d.say(Level::Ok, "queue", "nothing waiting to be sent");
    }
    if (!status->parked.empty())
        d.say(Level::Warn, "queue",
              std::to_string(status->parked.size()) +
                  " events refused by DomiFa: guichet sync status shows why");
}

void checkClock(Doctor& d, store::Store* s) {
    timex tx{};
    const int state = ::adjtimex(&tx);
    const bool synced = state != TIME_ERROR && !(tx.status & STA_UNSYNC);
    const Instant t = now();
    // Built after this date: a clock before it is wrong (dead CMOS battery).
    if (t < Instant{std::chrono::sys_days{
                Date{std::chrono::year{2026}, std::chrono::month{1}, std::chrono::day{1}}}}) {
        d.say(Level::Fail, "clock",
              formatInstant(t) + " is in the past: set the date, enable systemd-timesyncd");
        return;
    }
    if (s) {
        if (auto last = s->auditLog(1);
            last && !last->empty() && last->front().at > t + std::chrono::minutes(5)) {
            d.say(Level::Fail, "clock",
                  "the store has a row from " + formatInstant(last->front().at) + ", after now (" +
                      formatInstant(t) + "): the clock went back; fix it");
            return;
        }
    }
    if (!synced)
        d.say(Level::Warn, "clock", formatInstant(t) + ", not synchronised: apt install systemd-timesyncd");
    else
        d.say(Level::Ok, "clock", formatInstant(t) + ", synchronised");
}

void checkDisk(Doctor& d, const std::string& dbPath) {
    const fs::path folder = fs::absolute(fs::path(dbPath)).parent_path();
    struct statvfs v {};
    if (::statvfs(folder.c_str(), &v) != 0) {
        d.say(Level::Warn, "disk", folder.string() + ": cannot read the free space");
        return;
    }
    const double freeBytes = static_cast<double>(v.f_bavail) * static_cast<double>(v.f_frsize);
    const double total = static_cast<double>(v.f_blocks) * static_cast<double>(v.f_frsize);
    char text[96];
    std::snprintf(text, sizeof text, "%.1f GB free of %.1f GB", freeBytes / 1e9, total / 1e9);
    if (freeBytes < 200e6)
        d.say(Level::Fail, "disk",
              folder.string() + ": " + text + ": free space (guichet purge, old backups)");
    else if (freeBytes < 1e9 || freeBytes < total * 0.05)
        d.say(Level::Warn, "disk", folder.string() + ": " + text + ": free space soon");
    else
        d.say(Level::Ok, "disk", folder.string() + ": " + text);
}

void checkBackup(Doctor& d, store::Store* s) {
    if (!s) return;
    auto last = s->setting("backup.last");
    auto file = s->setting("backup.lastFile");
    if (!last || !*last) {
        d.say(Level::Warn, "backup", "never backed up: systemctl enable --now guichet-backup.timer");
        return;
    }
    auto at = parseInstant(**last);
    const std::string where = file && *file ? **file : std::string("?");
    std::error_code ec;
    if (!fs::exists(where, ec)) {
        d.say(Level::Warn, "backup",
              "last backup " + where + " is gone: guichet backup --dir DIR --without-keys");
        return;
    }
    const auto old =
        at ? std::chrono::duration_cast<std::chrono::seconds>(now() - *at) : std::chrono::seconds(0);
    if (old > std::chrono::hours(48))
        d.say(Level::Warn, "backup",
              "last backup " + age(old) + " ago (" + where + "): is guichet-backup.timer on?");
    else
        d.say(Level::Ok, "backup", "last backup " + age(old) + " ago (" + where + ")");
}

int runDoctor(const Context& context, bool strict, bool noDevices) {
    Doctor d;
    std::optional<store::Store> s;
    checkStore(d, context.dbPath, s);
    const fs::path folder = fs::path(context.dbPath).parent_path().empty()
                                ? fs::path(".")
                                : fs::path(context.dbPath).parent_path();
    checkSecret(d, folder / "card.key", true, "card secret key");
    checkModels(d);
    if (!noDevices) checkDevices(d);
    checkBackend(d, context.dbPath, s ? &*s : nullptr);
    checkClock(d, s ? &*s : nullptr);
    checkDisk(d, context.dbPath);
    checkBackup(d, s ? &*s : nullptr);
    std::printf("%d failed, %d warnings\n", d.fails, d.warns);
    return d.fails > 0 || (strict && d.warns > 0) ? 1 : 0;
}

} // namespace

void registerDoctorCommand(CLI::App& app, Context& context) {
    auto strict = std::make_shared<bool>(false);
    auto noDevices = std::make_shared<bool>(false);
    auto* doctor =
        app.add_subcommand("doctor", "Health: store, keys, OCR models, devices, DomiFa, clock, disk, "
                                     "backup; one line each, exit 1 when one fails");
    doctor->add_flag("--strict", *strict, "Exit 1 on warnings too");
    doctor->add_flag("--no-devices", *noDevices, "Skip looking for devices (slow on some scanner backends)");
    doctor->callback([&context, strict, noDevices] {
        context.run = [&context, strict, noDevices] { return runDoctor(context, *strict, *noDevices); };
    });
}

} // namespace guichet::app
