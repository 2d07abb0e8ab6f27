// guichet sync: push the outbox to DomiFa and pull its directory, once or as a daemon; guichet sync
// login (password + e-mailed code); guichet sync status. Also runSyncDemo, the demo's last step.
//
// Configuration: `domifa.json` next to the store ({baseUrl, origin, email, caBundle}); without it,
// the defaults point at the local stand-in (guichet-backend-sim) so the demo needs nothing. The
// password (needed to renew the 12-hour token) is kept in `domifa-password` next to the store,
// mode 0600, or given by GUICHET_DOMIFA_PASSWORD; the tokens in `domifa-credentials.json` (0600).
#include "commands/Commands.hpp"
#include "guichet/backend/CurlGlobal.hpp"
#include "guichet/backend/DomifaClient.hpp"
#include "guichet/core/Text.hpp"
#include "guichet/sync/SyncEngine.hpp"
#include "guichet/sync/SyncLock.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <thread>
#include <unistd.h>

namespace guichet::app {

namespace fs = std::filesystem;

namespace {

constexpr const char* kStandInEmail = "guichet@ccas-demo.fr";
constexpr const char* kStandInPassword = "guichet-demo"; // the stand-in's demo account only

struct SyncSetup {
    backend::ClientConfig client;
    std::string configPath;
    std::string passwordPath;
    std::string markerPrefix = "G"; ///< one per desk when several desks share a DomiFa account
    bool standInDefaults = true;    ///< no config file: the local stand-in
};

fs::path storeFolder(const std::string& dbPath) {
    const fs::path folder = fs::path(dbPath).parent_path();
    return folder.empty() ? fs::path(".") : folder;
}

Result<SyncSetup> loadSetup(const std::string& dbPath, const std::string& configOverride) {
    SyncSetup setup;
    const fs::path folder = storeFolder(dbPath);
    setup.configPath = configOverride.empty() ? (folder / "domifa.json").string() : configOverride;
    setup.passwordPath = (folder / "domifa-password").string();
    setup.client.credentialsPath = (folder / "domifa-credentials.json").string();
    setup.client.email = kStandInEmail;
    std::ifstream in(setup.configPath);
    if (in) {
        setup.standInDefaults = false;
        try {
            const auto json = nlohmann::json::parse(in);
            setup.client.baseUrl = json.value("baseUrl", setup.client.baseUrl);
            setup.client.origin = json.value("origin", setup.client.origin);
            setup.client.email = json.value("email", setup.client.email);
            setup.client.caBundle = json.value("caBundle", "");
            setup.markerPrefix = json.value("markerPrefix", setup.markerPrefix);
        } catch (const nlohmann::json::exception& e) {
            return makeError(setup.configPath + ": not valid JSON (" + e.what() + ")");
        }
    } else if (!configOverride.empty()) {
        return makeError(configOverride + ": cannot open");
    }
    return setup;
}

Result<void> writePrivateFile(const std::string& path, const std::string& text) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return makeError(path + ": " + std::strerror(errno));
    const bool ok =
        ::fchmod(fd, 0600) == 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
    if (!ok) return makeError(path + ": cannot write");
    return {};
}

std::string readPassword(const SyncSetup& setup) {
    if (const char* env = std::getenv("GUICHET_DOMIFA_PASSWORD"); env && *env) return env;
    struct stat info {};
    if (::stat(setup.passwordPath.c_str(), &info) == 0 && (info.st_mode & 077) == 0) {
        std::ifstream in(setup.passwordPath);
        std::string password;
        std::getline(in, password);
        if (!password.empty()) return password;
    }
    return setup.standInDefaults ? kStandInPassword : "";
}

/// Reads a line from the terminal without echo (for the password).
std::string promptHidden(const char* prompt) {
    std::fprintf(stderr, "%s", prompt);
    termios old{};
    const bool tty = ::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string line;
    std::getline(std::cin, line);
    if (tty) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
        std::fprintf(stderr, "\n");
    }
    return line;
}

std::string promptLine(const char* prompt) {
    std::fprintf(stderr, "%s", prompt);
    std::string line;
    std::getline(std::cin, line);
    // A terminal echoes the newline typed; piped input does not: end the prompt's line ourselves.
    if (!::isatty(STDIN_FILENO)) std::fprintf(stderr, "\n");
    return std::string(trim(line));
}

std::string localTime(Instant instant) {
    const std::time_t t = std::chrono::system_clock::to_time_t(instant);
    std::tm parts{};
    localtime_r(&t, &parts);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%d/%m/%Y %H:%M:%S", &parts);
    return buffer;
}

std::string ago(std::optional<Instant> instant) {
    if (!instant) return "never";
    const auto seconds = (now() - *instant).count();
    std::string rel = seconds < 120    ? std::to_string(seconds) + " s ago"
                      : seconds < 7200 ? std::to_string(seconds / 60) + " min ago"
                                       : std::to_string(seconds / 3600) + " h ago";
    return localTime(*instant) + " (" + rel + ")";
}

int printStatus(store::Store& db, const SyncSetup& setup) {
    auto status = sync::readStatus(db);
    if (!status) {
        std::fprintf(stderr, "guichet sync status: %s\n", status.error().message.c_str());
        return 1;
    }
    const auto& s = *status;
    std::printf("DomiFa sync: %s as %s%s\n", setup.client.baseUrl.c_str(), setup.client.email.c_str(),
                setup.standInDefaults ? " (local stand-in defaults: no domifa.json)" : "");
    std::string login = s.login.empty() ? "not tried yet" : s.login;
    if (s.login == "code needed") login += ": run `guichet sync login` and type the e-mailed code";
    std::printf("  login         %s\n", login.c_str());
    std::printf("  last success  %s\n", ago(s.lastSuccess).c_str());
    std::printf("  directory     last pull %s; last full reload %s\n", ago(s.lastPull).c_str(),
                ago(s.lastFullPull).c_str());
    std::printf(
        "  queue         %d to send, %d with an unknown outcome (checked in DomiFa's history before any "
        "resend), %d delivered\n",
        s.pending, s.uncertain, s.delivered);
    if (s.nextRetry && s.pending + s.uncertain > 0)
        std::printf("  next retry    %s\n", *s.nextRetry <= now() ? "now" : localTime(*s.nextRetry).c_str());
    if (s.holdUntil && *s.holdUntil > now())
        std::printf("  rate limit    DomiFa answered 429: nothing is sent before %s\n",
                    localTime(*s.holdUntil).c_str());
    if (!s.halted.empty())
        std::printf("  HALTED        %s. Nothing is sent: check the account, the User-Agent and the Origin "
                    "(403) or ask DomiFa about the ban (400 everywhere), then run `guichet sync login`.\n",
                    s.halted.c_str());
    if (!s.lastError.empty()) std::printf("  last error    %s\n", s.lastError.c_str());
    if (auto id = sync::installId(db))
        std::printf("  install id    %s (in every marker: \"(réf. %s-%s-N)\")\n", id->c_str(),
                    setup.markerPrefix.c_str(), id->c_str());
    std::printf("  parked        %zu%s\n", s.parked.size(),
                s.parked.empty() ? "" : " (refused; staff must look):");
    for (const Event& e : s.parked)
        std::printf("    event #%lld %s dossier %lld: %s\n", static_cast<long long>(e.id), toString(e.type),
                    static_cast<long long>(e.dossier), e.lastError.c_str());
    if (!s.parked.empty())
        std::printf(
            "  (after checking: `guichet sync requeue --event N` or `--all` puts them back in the queue)\n");
    return 0;
}

/// Pending counts as the desk must show them: DomiFa's last known counts plus what is not pushed yet.
int printDossierCounts(store::Store& db, DossierRef ref) {
    auto dossier = db.findDossier(ref);
    if (!dossier || !*dossier) {
        std::fprintf(stderr, "guichet sync status: dossier %lld is not in the local directory\n",
                     static_cast<long long>(ref));
        return 1;
    }
    std::vector<Event> waiting;
    for (EventState state : {EventState::Pending, EventState::Uncertain}) {
        auto list = db.events(state);
        if (!list) {
            std::fprintf(stderr, "guichet sync status: %s\n", list.error().message.c_str());
            return 1;
        }
        waiting.insert(waiting.end(), list->begin(), list->end());
    }
    const PendingCounts remote = (*dossier)->pending;
    const PendingCounts shown = sync::localPending(remote, ref, waiting);
    std::printf("  dossier %lld    pending: %d courrier, %d recommandé, %d colis (DomiFa: %d/%d/%d + local "
                "events not "
                "pushed yet)\n",
                static_cast<long long>(ref), shown.courrier, shown.recommande, shown.colis, remote.courrier,
                remote.recommande, remote.colis);
    return 0;
}

void printPush(const sync::PushReport& r) {
    std::printf(
        "push: %d request(s) planned, %d event(s) delivered (%d found already delivered in the history), "
        "%d parked, %d waiting for a retry\n",
        r.units, r.delivered, r.reconciled, r.parked, r.deferred);
    if (r.stopped) std::printf("push stopped: %s\n", r.stopReason.c_str());
}

/// One pull + push. Returns 0 when everything went, 3 when the run stopped (login, 403, 429).
int runOnce(sync::SyncEngine& engine, bool verbose) {
    auto pulled = engine.pull();
    if (!pulled)
        std::printf("pull: %s\n", pulled.error().message.c_str());
    else if (verbose || pulled->full || pulled->received > 0)
        std::printf(
            "pull: %s, %d usager(s) received (%d new, %d updated, %d removed as deleted in DomiFa, %d "
            "refs given to another person; %d event(s) parked for it)\n",
            pulled->full ? "full reload" : "change feed", pulled->received, pulled->stats.inserted,
            pulled->stats.updated, pulled->removed, pulled->replaced, pulled->parked);
    int lastShown = -1;
    // On a terminal the progress rewrites one line; in a log, one line each.
    const bool terminal = ::isatty(STDERR_FILENO) != 0;
    auto pushed = engine.push([&lastShown, terminal](const sync::Progress& p) {
        if (p.total >= 20 && p.done * 10 / p.total != lastShown) {
            lastShown = p.done * 10 / p.total;
            std::fprintf(stderr, terminal ? "\rpush: %d/%d" : "push: %d/%d\n", p.done, p.total);
            if (terminal && p.done == p.total) std::fprintf(stderr, "\n");
        }
    });
    if (!pushed) {
        std::fprintf(stderr, "guichet sync: %s\n", pushed.error().message.c_str());
        return 1;
    }
    if (verbose || pushed->units > 0 || pushed->stopped) printPush(*pushed);
    return pushed->stopped || !pulled ? 3 : 0;
}

struct Engines { ///< what one sync run needs, built in order
    backend::SystemClock clock;
    std::optional<store::Store> db;
    std::optional<backend::DomifaClient> client;
};

Result<void> openAll(Engines& e, const std::string& dbPath, const SyncSetup& setup) {
    auto db = openStore(dbPath);
    if (!db) return db.error();
    e.db.emplace(std::move(db.value()));
    auto client = backend::DomifaClient::create(setup.client, e.clock);
    if (!client) return client.error();
    e.client.emplace(std::move(client.value()));
    e.client->setPassword(readPassword(setup));
    // A sign of life while DomiFa is slow to answer (a request may wait up to its timeout).
    e.client->setWaitingNotice([](const std::string& what, backend::Millis waited) {
        std::fprintf(stderr, "still waiting for DomiFa: %s (%lld s)\n", what.c_str(),
                     static_cast<long long>(waited.count() / 1000));
    });
    return {};
}

/// The login dialogue: password (prompted unless given), then the e-mailed code if DomiFa asks.
int runLogin(const Context& context, const std::string& configPath, std::string password, std::string code,
             std::string email, bool remember) {
    backend::CurlGlobal curl;
    auto setup = loadSetup(context.dbPath, configPath);
    if (!setup) {
        std::fprintf(stderr, "guichet sync login: %s\n", setup.error().message.c_str());
        return 1;
    }
    if (!email.empty()) setup->client.email = email;
    Engines e;
    if (auto r = openAll(e, context.dbPath, *setup); !r) {
        std::fprintf(stderr, "guichet sync login: %s\n", r.error().message.c_str());
        return 1;
    }
    // A 429 hold outlives a login: a login is a request too, and knocking during a block gets the
    // IP banned.
    if (auto status = sync::readStatus(*e.db); status && status->holdUntil && *status->holdUntil > now()) {
        std::fprintf(
            stderr,
            "guichet sync login: DomiFa answered 429 (too many requests): nothing is sent before %s, "
            "a login neither. Try again then.\n",
            localTime(*status->holdUntil).c_str());
        return 3;
    }
    // The login's requests count in the same windows as the sync's, and are saved the same way.
    if (auto loaded = sync::loadSendTimes(*e.db, *e.client); !loaded)
        std::fprintf(stderr, "guichet sync login: %s\n", loaded.error().message.c_str());
    sync::recordSendsIn(*e.db, *e.client);
    if (password.empty() && ::isatty(STDIN_FILENO))
        password = promptHidden(("Password for " + setup->client.email + ": ").c_str());
    if (password.empty()) password = readPassword(*setup);
    e.client->setPassword(password);
    // With --code: the code of an earlier attempt. Without: DomiFa e-mails one now (unless the
    // trust token is enough) and we ask for it.
    auto first = e.client->login(code);
    if (!first && first.error().kind == backend::ApiErrorKind::CodeNeeded && code.empty()) {
        // DomiFa does not say whether it sent one: within its cooldown it sends none and the
        // previous code stays valid.
        std::printf("DomiFa asks for the 6-digit code e-mailed to %s (valid 30 minutes). It sends a new one "
                    "unless it sent one a short while ago: type the newest code received.\n",
                    setup->client.email.c_str());
        code = promptLine("Code: ");
        if (code.empty()) {
            (void)e.db->setSetting("sync.login", "code needed");
            std::printf("No code typed: run `guichet sync login --code NNNNNN` once it has arrived.\n");
            return 1;
        }
        first = e.client->login(code);
    }
    if (!first) {
        (void)e.db->setSetting("sync.login", first.error().kind == backend::ApiErrorKind::CodeNeeded
                                                 ? "code needed"
                                                 : "login failed: " + first.error().message);
        std::fprintf(stderr, "guichet sync login: %s\n", first.error().message.c_str());
        return 1;
    }
    if (auto cleared = sync::clearHalt(*e.db); !cleared)
        std::fprintf(stderr, "guichet sync login: %s\n", cleared.error().message.c_str());
    (void)e.db->setSetting("sync.login", "ok");
    if (remember && !setup->standInDefaults) {
        if (auto saved = writePrivateFile(setup->passwordPath, password); !saved)
            std::fprintf(stderr, "guichet sync login: %s\n", saved.error().message.c_str());
        else
            std::printf("Password kept in %s (mode 0600) to renew the 12-hour token.\n",
                        setup->passwordPath.c_str());
    }
    std::printf("Logged in%s. The trust token skips the code for 30 days.\n",
                e.client->hasTrustToken() ? "" : " (no trust token received)");
    // Guichet needs a front-desk role: facteur or agent (anything else answers 403 on writes).
    if (auto me = e.client->me()) {
        const auto& user = (*me).contains("user") ? (*me)["user"] : *me;
        const std::string role = user.is_object() ? user.value("role", "") : "";
        if (!role.empty()) std::printf("Account role: %s\n", role.c_str());
        if (!role.empty() && role != "facteur" && role != "agent")
            std::printf("Warning: DomiFa recommends a dedicated account with the role facteur or agent for "
                        "Guichet.\n");
    }
    return 0;
}

int runSync(const Context& context, const std::string& configPath, bool daemon, int intervalSeconds) {
    backend::CurlGlobal curl;
    auto setup = loadSetup(context.dbPath, configPath);
    if (!setup) {
        std::fprintf(stderr, "guichet sync: %s\n", setup.error().message.c_str());
        return 1;
    }
    auto lock = sync::SyncLock::acquire(context.dbPath);
    if (!lock) {
        std::fprintf(stderr, "guichet sync: %s\n", lock.error().message.c_str());
        return 1;
    }
    Engines e;
    if (auto r = openAll(e, context.dbPath, *setup); !r) {
        std::fprintf(stderr, "guichet sync: %s\n", r.error().message.c_str());
        return 1;
    }
    sync::SyncOptions options;
    options.markerPrefix = setup->markerPrefix;
    if (daemon) options.batchQuiet = std::chrono::seconds{60}; // let an intake batch finish first
    sync::SyncEngine engine(*e.db, *e.client, e.clock, options);
    if (!daemon) {
        const int rc = runOnce(engine, true);
        std::printf("\n");
        printStatus(*e.db, *setup);
        return rc;
    }
    // Daemon: pull + push every interval (under the change feed's 5 minutes) until SIGINT/SIGTERM.
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, nullptr);
    std::printf("guichet sync --daemon: every %d s; Ctrl-C to stop\n", intervalSeconds);
    std::string lastHalt;
    for (;;) {
        auto status = sync::readStatus(*e.db);
        if (status && !status->halted.empty()) {
            if (status->halted != lastHalt) std::printf("HALTED: %s\n", status->halted.c_str());
            lastHalt = status->halted;
        } else {
            (void)runOnce(engine, false);
        }
        timespec wait{intervalSeconds, 0};
        if (sigtimedwait(&stop, nullptr, &wait) > 0) break;
    }
    std::printf("guichet sync: stopped\n");
    return 0;
}

/// The stand-in backend as a child process on a free loopback port; stopped (SIGTERM) on scope exit.
class StandIn {
public:
    static Result<std::unique_ptr<StandIn>> start(const std::string& seedFile, const fs::path& workDir) {
        const std::string executable = findExecutable();
        if (executable.empty())
            return makeError(
                "guichet-backend-sim not found (set GUICHET_BACKEND_SIM or put it next to guichet)");
        const fs::path portFile = workDir / "stand-in.port";
        const fs::path otpFile = workDir / "stand-in-codes.txt";
        std::error_code ec;
        fs::remove(portFile, ec);
        const pid_t pid = ::fork();
        if (pid < 0) return makeError(std::string("fork: ") + std::strerror(errno));
        if (pid == 0) {
            const std::string port = portFile.string(), otp = otpFile.string(),
                              log = (workDir / "stand-in.log").string();
            const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (out >= 0) {
                ::dup2(out, STDERR_FILENO);
                ::dup2(out, STDOUT_FILENO);
            }
            ::execl(executable.c_str(), executable.c_str(), "--port", "0", "--port-file", port.c_str(),
                    "--otp-file", otp.c_str(), "--seed-file", seedFile.c_str(), "--log",
                    static_cast<char*>(nullptr));
            ::_exit(127);
        }
        auto standIn = std::unique_ptr<StandIn>(new StandIn(pid, otpFile));
        for (int i = 0; i < 100; ++i) { // up to 5 s
            std::ifstream in(portFile);
            if (in >> standIn->port_) return standIn;
            int status = 0;
            if (::waitpid(pid, &status, WNOHANG) == pid) {
                standIn->pid_ = -1;
                return makeError("guichet-backend-sim exited at start (see " +
                                 (workDir / "stand-in.log").string() + ")");
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return makeError("guichet-backend-sim did not start within 5 s");
    }
    ~StandIn() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            int status = 0;
            ::waitpid(pid_, &status, 0);
        }
    }
    StandIn(const StandIn&) = delete;
    StandIn& operator=(const StandIn&) = delete;
    std::string baseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }
    /// The last code "e-mailed" (the stand-in writes them to a file for the demo).
    std::string lastCode() const {
        std::ifstream in(otpFile_);
        std::string line, code;
        while (std::getline(in, line)) {
            std::istringstream words(line);
            std::string when, email;
            words >> when >> email >> code;
        }
        return code;
    }

private:
    StandIn(pid_t pid, fs::path otpFile) : pid_(pid), otpFile_(std::move(otpFile)) {}
    static std::string findExecutable() {
        if (const char* env = std::getenv("GUICHET_BACKEND_SIM"); env && *env) return env;
        std::error_code ec;
        const fs::path self = fs::read_symlink("/proc/self/exe", ec);
        if (!ec) {
            for (const fs::path& candidate :
                 {self.parent_path() / "guichet-backend-sim",
                  self.parent_path() / "../../backend-client/sim/guichet-backend-sim"})
                if (fs::exists(candidate, ec)) return fs::weakly_canonical(candidate, ec).string();
        }
        return {};
    }
    pid_t pid_;
    int port_ = 0;
    fs::path otpFile_;
};

} // namespace

int runSyncDemo(const Context& context, const std::string& dataDir) {
    std::printf("\n== Push to DomiFa (the local stand-in) and show the queued SMS ==\n");
    backend::CurlGlobal curl;
    const fs::path workDir = storeFolder(context.dbPath);
    auto standIn = StandIn::start(dataDir + "/directory.csv", workDir);
    if (!standIn) {
        std::fprintf(stderr, "guichet demo: %s\n", standIn.error().message.c_str());
        return 1;
    }
    std::printf("stand-in backend on %s (loopback only), seeded with %s/directory.csv\n",
                (*standIn)->baseUrl().c_str(), dataDir.c_str());
    auto lock = sync::SyncLock::acquire(context.dbPath);
    if (!lock) {
        std::fprintf(stderr, "guichet demo: %s\n", lock.error().message.c_str());
        return 1;
    }
    SyncSetup setup;
    setup.client.baseUrl = (*standIn)->baseUrl();
    setup.client.email = kStandInEmail;
    setup.client.credentialsPath = (workDir / "domifa-credentials.json").string();
    Engines e;
    if (auto r = openAll(e, context.dbPath, setup); !r) {
        std::fprintf(stderr, "guichet demo: %s\n", r.error().message.c_str());
        return 1;
    }
    e.client->setPassword(kStandInPassword);
    auto login = e.client->login();
    if (!login && login.error().kind == backend::ApiErrorKind::CodeNeeded) {
        const std::string code = (*standIn)->lastCode();
        std::printf("login: DomiFa asks for the e-mailed code; the stand-in wrote it to %s: %s\n",
                    (workDir / "stand-in-codes.txt").c_str(), code.c_str());
        login = e.client->login(code);
    }
    if (!login) {
        std::fprintf(stderr, "guichet demo: %s\n", login.error().message.c_str());
        return 1;
    }
    std::printf("login: ok (trust token kept 0600 in %s)\n", setup.client.credentialsPath.c_str());
    sync::SyncEngine engine(*e.db, *e.client, e.clock);
    auto pulled = engine.pull();
    if (!pulled) {
        std::fprintf(stderr, "guichet demo: %s\n", pulled.error().message.c_str());
        return 1;
    }
    std::printf("directory: %d usager(s) from the stand-in (%d new, %d updated, %d unchanged in the store)\n",
                pulled->received, pulled->stats.inserted, pulled->stats.updated, pulled->stats.unchanged);
    auto queued = e.db->dueEvents(now() + std::chrono::hours(24 * 365), 100000);
    if (!queued) {
        std::fprintf(stderr, "guichet demo: %s\n", queued.error().message.c_str());
        return 1;
    }
    if (queued->empty()) {
        // No intake step ran before this one: record a small batch at the desk so the push shows.
        std::printf("outbox empty (no envelopes were recorded): recording a sample batch at the desk\n");
        auto dossiers = e.db->loadDossiers();
        if (!dossiers) {
            std::fprintf(stderr, "guichet demo: %s\n", dossiers.error().message.c_str());
            return 1;
        }
        int recorded = 0;
        const std::string batch = "demo-" + formatInstant(now());
        for (const Dossier& d : *dossiers) {
            if (d.statut != Statut::Valide || recorded >= 3) continue;
            for (int letter = 0; letter < 2 - recorded % 2; ++letter) {
                MailItem item;
                item.kind = recorded == 2 ? MailKind::Colis : MailKind::Courrier;
                item.arrivedAt = now();
                item.dossier = d.ref;
                item.method = MatchMethod::StaffManual;
                item.matchedBy = "demo";
                item.source = "desk";
                Event ev;
                ev.type = arrivalEvent(item.kind);
                ev.dossier = d.ref;
                ev.batchKey = batch;
                ev.createdAt = now();
                ev.nextTry = ev.createdAt;
                if (auto r = e.db->recordMailItem(item, ev); !r) {
                    std::fprintf(stderr, "guichet demo: %s\n", r.error().message.c_str());
                    return 1;
                }
            }
            ++recorded;
        }
    }
    auto pushed = engine.push();
    if (!pushed) {
        std::fprintf(stderr, "guichet demo: %s\n", pushed.error().message.c_str());
        return 1;
    }
    printPush(*pushed);
    auto sms = e.client->standInAdmin("/_admin/sms");
    if (!sms) {
        std::fprintf(stderr, "guichet demo: %s\n", sms.error().message.c_str());
        return 1;
    }
    std::printf("SMS queue on the backend (sent at 19:00 on the structure's chosen days): %zu\n",
                sms->size());
    for (const auto& row : *sms)
        std::printf("  dossier %-6lld %-10s %s\n", static_cast<long long>(row.value("ref", 0LL)),
                    row.value("kind", "").c_str(), row.value("text", "").c_str());
    return pushed->stopped ? 1 : 0;
}

void registerSyncCommands(CLI::App& app, Context& context) {
    auto* sync =
        app.add_subcommand("sync", "Push the outbox to DomiFa and pull its directory (once, or --daemon)");
    auto configPath = std::make_shared<std::string>();
    auto daemon = std::make_shared<bool>(false);
    auto interval = std::make_shared<int>(120);
    sync->add_option("--config", *configPath, "DomiFa settings (default: domifa.json next to the store)");
    sync->add_flag("--daemon", *daemon, "Keep running: pull and push every --interval seconds");
    sync->add_option("--interval", *interval, "Seconds between runs in --daemon mode (keep it under 300)")
        ->capture_default_str()
        ->check(CLI::Range(10, 290));
    sync->callback([&context, configPath, daemon, interval, sync] {
        if (!sync->get_subcommands().empty()) return;
        context.run = [&context, configPath, daemon, interval] {
            return runSync(context, *configPath, *daemon, *interval);
        };
    });

    auto* login =
        sync->add_subcommand("login", "Log in to DomiFa: password, then the e-mailed code (once a month)");
    auto password = std::make_shared<std::string>();
    auto code = std::make_shared<std::string>();
    auto email = std::make_shared<std::string>();
    auto forget = std::make_shared<bool>(false);
    login->add_option("--email", *email, "The structure's Guichet account");
    login->add_option("--code", *code, "The e-mailed 6-digit code, if already received");
    login->add_flag(
        "--password-stdin", [password](std::int64_t) { std::getline(std::cin, *password); },
        "Read the password from standard input");
    login->add_flag("--forget-password", *forget,
                    "Do not keep the password (the token then cannot be renewed)");
    login->callback([&context, configPath, password, code, email, forget] {
        context.run = [&context, configPath, password, code, email, forget] {
            return runLogin(context, *configPath, *password, *code, *email, !*forget);
        };
    });

    auto* demo = sync->add_subcommand("demo", "The sync step of the demo alone, in a fresh folder: stand-in, "
                                              "directory pull, push, SMS queue");
    auto dataDir = std::make_shared<std::string>(GUICHET_SOURCE_DIR "/data/sample");
    auto workDir = std::make_shared<std::string>("demo-sync");
    demo->add_option("--data", *dataDir, "Folder of the sample data (directory.csv)")->capture_default_str();
    demo->add_option("--work", *workDir, "Folder for the demo store (emptied first)")->capture_default_str();
    demo->callback([&context, dataDir, workDir] {
        context.run = [&context, dataDir, workDir] {
            auto fresh = freshDemoContext(context, *workDir);
            if (!fresh) {
                std::fprintf(stderr, "guichet sync demo: %s\n", fresh.error().message.c_str());
                return 1;
            }
            return runSyncDemo(*fresh, *dataDir);
        };
    });

    auto* requeue = sync->add_subcommand(
        "requeue", "Put parked events back in the queue (after checking why they were parked)");
    auto requeueEvent = std::make_shared<std::int64_t>(0);
    auto requeueAll = std::make_shared<bool>(false);
    auto* eventOption = requeue->add_option("--event", *requeueEvent, "The parked event's number");
    auto* allOption = requeue->add_flag("--all", *requeueAll, "Every parked event");
    eventOption->excludes(allOption);
    requeue->callback([&context, requeueEvent, requeueAll] {
        context.run = [&context, requeueEvent, requeueAll] {
            if (*requeueEvent == 0 && !*requeueAll) {
                std::fprintf(stderr, "guichet sync requeue: give --event N or --all\n");
                return 2;
            }
            auto db = openStore(context.dbPath);
            if (!db) {
                std::fprintf(stderr, "guichet sync requeue: %s\n", db.error().message.c_str());
                return 1;
            }
            auto done =
                sync::requeueParked(*db, *requeueAll ? std::nullopt : std::optional<EventId>(*requeueEvent));
            if (!done) {
                std::fprintf(stderr, "guichet sync requeue: %s\n", done.error().message.c_str());
                return 1;
            }
            for (const Event& e : *done)
                std::printf(
                    "event #%lld %s dossier %lld was parked: %s\n  -> %s\n", static_cast<long long>(e.id),
                    toString(e.type), static_cast<long long>(e.dossier), e.lastError.c_str(),
                    e.attempts > 0 ? "queued again; sent before, so its marker is looked for in DomiFa's "
                                     "history before any resend"
                                   : "queued again");
            std::printf(
                "%zu event(s) requeued. A cause that still holds (dossier deleted or given to another "
                "person, strike-off) parks them again at the next sync.\n",
                done->size());
            (void)db->audit("staff", "sync.requeue",
                            *requeueAll ? "events:all" : "event:" + std::to_string(*requeueEvent));
            return 0;
        };
    });

    auto* status =
        sync->add_subcommand("status", "Last success, queue, parked events and why, next retry, login state");
    auto dossierRef = std::make_shared<std::int64_t>(0);
    status->add_option("--dossier", *dossierRef,
                       "Also show one dossier's pending counts: DomiFa's + not yet pushed");
    status->callback([&context, configPath, dossierRef] {
        context.run = [&context, configPath, dossierRef] {
            auto setup = loadSetup(context.dbPath, *configPath);
            if (!setup) {
                std::fprintf(stderr, "guichet sync status: %s\n", setup.error().message.c_str());
                return 1;
            }
            auto db = openStore(context.dbPath);
            if (!db) {
                std::fprintf(stderr, "guichet sync status: %s\n", db.error().message.c_str());
                return 1;
            }
            const int rc = printStatus(*db, *setup);
            if (*dossierRef != 0) return rc != 0 ? rc : printDossierCounts(*db, *dossierRef);
            return rc;
        };
    });
}

} // namespace guichet::app
