// guichet sync: push the outbox to DomiFa and pull its directory, once or as a daemon; guichet sync
// login (password + e-mailed code); guichet sync status; guichet sync requeue. Also runSyncDemo,
// the demo's last step. The settings, the login's steps and one run are the sync library's
// (guichet/sync/Setup.hpp, Session.hpp); this file prompts, loops and prints.
#include "commands/Commands.hpp"
#include "guichet/backend/CurlGlobal.hpp"
#include "guichet/core/Rules.hpp"
#include "guichet/core/Text.hpp"
#include "guichet/desk/Intake.hpp"
#include "guichet/sim/StandInProcess.hpp"
#include "guichet/sync/Session.hpp"
#include "guichet/sync/SyncLock.hpp"

#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <termios.h>
#include <unistd.h>

namespace guichet::app {

namespace fs = std::filesystem;

namespace {

using sync::SyncSetup;

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
    if (!dossier || !*dossier)
        return failWith("sync status", "dossier " + std::to_string(ref) + " is not in the local directory");
    auto waiting = db.undeliveredEvents(ref);
    if (!waiting) return failWith("sync status", waiting.error().message);
    const PendingCounts remote = (*dossier)->pending;
    const PendingCounts shown = localPending(remote, ref, *waiting);
    std::printf("  dossier %lld    pending: %d courrier, %d recommandé, %d colis (DomiFa: %d/%d/%d + local "
                "events not pushed yet)\n",
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
int runOnce(sync::SyncSession& session, bool verbose) {
    int lastShown = -1;
    // On a terminal the progress rewrites one line; in a log, one line each.
    const bool terminal = ::isatty(STDERR_FILENO) != 0;
    const sync::RunReport run = session.runOnce([&lastShown, terminal](const sync::Progress& p) {
        if (p.total >= 20 && p.done * 10 / p.total != lastShown) {
            lastShown = p.done * 10 / p.total;
            std::fprintf(stderr, terminal ? "\rpush: %d/%d" : "push: %d/%d\n", p.done, p.total);
            if (terminal && p.done == p.total) std::fprintf(stderr, "\n");
        }
    });
    if (!run.pulled) {
        std::printf("pull: %s\n", run.pullError.c_str());
    } else if (const auto& p = *run.pulled; verbose || p.full || p.received > 0) {
        std::printf(
            "pull: %s, %d usager(s) received (%d new, %d updated, %d removed as deleted in DomiFa, %d "
            "refs given to another person; %d event(s) parked for it)\n",
            p.full ? "full reload" : "change feed", p.received, p.stats.inserted, p.stats.updated, p.removed,
            p.replaced, p.parked);
    }
    if (!run.pushed) return failWith("sync", run.pushError);
    if (verbose || run.pushed->units > 0 || run.pushed->stopped) printPush(*run.pushed);
    return run.complete() ? 0 : 3;
}

/// The settings, the store and the session, with the CLI's sign of life while DomiFa is slow.
Result<std::unique_ptr<sync::SyncSession>> openSession(const std::string& dbPath, const SyncSetup& setup,
                                                       sync::SyncOptions options = {}) {
    auto db = openStore(dbPath);
    if (!db) return db.error();
    auto session = sync::SyncSession::open(std::move(db.value()), setup, std::move(options));
    if (!session) return session.error();
    // A request may wait up to its timeout.
    (*session)->client().setWaitingNotice([](const std::string& what, backend::Millis waited) {
        std::fprintf(stderr, "still waiting for DomiFa: %s (%lld s)\n", what.c_str(),
                     static_cast<long long>(waited.count() / 1000));
    });
    return session;
}

/// The login dialogue: password (prompted unless given), then the e-mailed code if DomiFa asks.
int runLogin(const Context& context, const std::string& configPath, std::string password, std::string code,
             std::string email, bool remember) {
    backend::CurlGlobal curl;
    auto setup = sync::loadSetup(context.dbPath, configPath);
    if (!setup) return failWith("sync login", setup.error().message);
    if (!email.empty()) setup->client.email = email;
    auto session = openSession(context.dbPath, *setup);
    if (!session) return failWith("sync login", session.error().message);
    if (password.empty() && ::isatty(STDIN_FILENO))
        password = promptHidden(("Password for " + setup->client.email + ": ").c_str());
    // With --code: the code of an earlier attempt. Without: DomiFa e-mails one now (unless the
    // trust token is enough) and we ask for it.
    auto outcome = (*session)->login(password, code, remember);
    if (outcome.state == sync::LoginState::CodeNeeded && code.empty()) {
        // DomiFa does not say whether it sent one: within its cooldown it sends none and the
        // previous code stays valid.
        std::printf("DomiFa asks for the 6-digit code e-mailed to %s (valid 30 minutes). It sends a new one "
                    "unless it sent one a short while ago: type the newest code received.\n",
                    setup->client.email.c_str());
        code = promptLine("Code: ");
        if (code.empty()) {
            std::printf("No code typed: run `guichet sync login --code NNNNNN` once it has arrived.\n");
            return 1;
        }
        outcome = (*session)->login(password, code, remember);
    }
    switch (outcome.state) {
    case sync::LoginState::RateLimited:
        std::fprintf(stderr, "guichet sync login: %s (%s). Try again then.\n", outcome.message.c_str(),
                     localTime(*outcome.holdUntil).c_str());
        return 3;
    case sync::LoginState::CodeNeeded:
    case sync::LoginState::Failed:
        return failWith("sync login", outcome.message);
    case sync::LoginState::LoggedIn:
        break;
    }
    if (!outcome.message.empty()) std::fprintf(stderr, "guichet sync login: %s\n", outcome.message.c_str());
    if (remember && !setup->standInDefaults && !password.empty() && outcome.message.empty())
        std::printf("Password kept in %s (mode 0600) to renew the 12-hour token.\n",
                    setup->passwordPath.c_str());
    std::printf("Logged in%s. The trust token skips the code for 30 days.\n",
                outcome.trustToken ? "" : " (no trust token received)");
    if (!outcome.role.empty()) std::printf("Account role: %s\n", outcome.role.c_str());
    if (!outcome.roleAdvised())
        std::printf("Warning: DomiFa recommends a dedicated account with the role facteur or agent for "
                    "Guichet.\n");
    return 0;
}

int runSync(const Context& context, const std::string& configPath, bool daemon, int intervalSeconds) {
    backend::CurlGlobal curl;
    auto setup = sync::loadSetup(context.dbPath, configPath);
    if (!setup) return failWith("sync", setup.error().message);
    auto lock = sync::SyncLock::acquire(context.dbPath);
    if (!lock) return failWith("sync", lock.error().message);
    sync::SyncOptions options;
    if (daemon) options.batchQuiet = std::chrono::seconds{60}; // let an intake batch finish first
    auto session = openSession(context.dbPath, *setup, options);
    if (!session) return failWith("sync", session.error().message);
    if (!daemon) {
        const int rc = runOnce(**session, true);
        std::printf("\n");
        printStatus((*session)->store(), *setup);
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
        auto status = sync::readStatus((*session)->store());
        if (status && !status->halted.empty()) {
            if (status->halted != lastHalt) std::printf("HALTED: %s\n", status->halted.c_str());
            lastHalt = status->halted;
        } else {
            (void)runOnce(**session, false);
        }
        timespec wait{intervalSeconds, 0};
        if (sigtimedwait(&stop, nullptr, &wait) > 0) break;
    }
    std::printf("guichet sync: stopped\n");
    return 0;
}

/// The outbox is empty when no intake step ran before the sync demo: staff record a small batch by
/// hand (2 letters, 1 letter, 1 parcel for the first three valid dossiers) so that the push shows.
Result<int> recordSampleBatch(store::Store& db, const std::string& staff) {
    auto dossiers = db.loadDossiers();
    if (!dossiers) return dossiers.error();
    SystemClock clock;
    desk::Intake intake(db, clock);
    int recorded = 0, people = 0;
    for (const Dossier& d : *dossiers) {
        if (d.statut != Statut::Valide || people >= 3) continue;
        for (int letter = 0; letter < 2 - people % 2; ++letter) {
            const MailKind kind = people == 2 ? MailKind::Colis : MailKind::Courrier;
            if (auto r = intake.recordManual(d.ref, kind, "", staff); !r) return r.error();
            ++recorded;
        }
        ++people;
    }
    return recorded;
}

} // namespace

int runSyncDemo(const Context& context, const std::string& dataDir) {
    std::printf("\n== Push to DomiFa (the local stand-in) and show the queued SMS ==\n");
    backend::CurlGlobal curl;
    const std::string workDir = sync::storeFolder(context.dbPath);
    auto standIn =
        sim::StandInProcess::start(sim::findStandInExecutable(), dataDir + "/directory.csv", workDir);
    if (!standIn) return failWith("demo", standIn.error().message);
    std::printf("stand-in backend on %s (loopback only), seeded with %s/directory.csv\n",
                (*standIn)->baseUrl().c_str(), dataDir.c_str());
    auto lock = sync::SyncLock::acquire(context.dbPath);
    if (!lock) return failWith("demo", lock.error().message);
    const SyncSetup setup = sync::standInSetup(context.dbPath, (*standIn)->baseUrl());
    auto session = openSession(context.dbPath, setup);
    if (!session) return failWith("demo", session.error().message);
    sync::SyncSession& s = **session;
    auto login = s.login(sync::kStandInPassword, "");
    if (login.state == sync::LoginState::CodeNeeded) {
        const std::string code = (*standIn)->lastCode();
        std::printf("login: DomiFa asks for the e-mailed code; the stand-in wrote it to %s: %s\n",
                    (*standIn)->codesFile().c_str(), code.c_str());
        login = s.login(sync::kStandInPassword, code);
    }
    if (login.state != sync::LoginState::LoggedIn) return failWith("demo", login.message);
    std::printf("login: ok (trust token kept 0600 in %s)\n", setup.client.credentialsPath.c_str());
    auto pulled = s.engine().pull();
    if (!pulled) return failWith("demo", pulled.error().message);
    std::printf("directory: %d usager(s) from the stand-in (%d new, %d updated, %d unchanged in the store)\n",
                pulled->received, pulled->stats.inserted, pulled->stats.updated, pulled->stats.unchanged);
    auto queued = s.store().dueEvents(now() + std::chrono::hours(24 * 365), 100000);
    if (!queued) return failWith("demo", queued.error().message);
    if (queued->empty()) {
        std::printf("outbox empty (no envelopes were recorded): recording a sample batch at the desk\n");
        if (auto recorded = recordSampleBatch(s.store(), context.staff); !recorded)
            return failWith("demo", recorded.error().message);
    }
    auto pushed = s.engine().push();
    if (!pushed) return failWith("demo", pushed.error().message);
    printPush(*pushed);
    auto sms = s.client().standInAdmin("/_admin/sms");
    if (!sms) return failWith("demo", sms.error().message);
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
            auto setup = sync::loadSetup(context.dbPath, *configPath);
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
