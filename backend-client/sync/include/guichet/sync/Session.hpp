#pragma once
// One desk's connection to DomiFa, as every program uses it: the store, the client and the sync
// engine built in order from a SyncSetup, the login dialogue's steps (password, then the e-mailed
// code when DomiFa asks) and one sync run (pull, then push). The terminal prompts, the daemon's
// loop and the screens stay with their programs. Not thread-safe: one thread drives a session.

#include "guichet/backend/Clock.hpp"
#include "guichet/backend/DomifaClient.hpp"
#include "guichet/store/Store.hpp"
#include "guichet/sync/Setup.hpp"
#include "guichet/sync/SyncEngine.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace guichet::sync {

enum class LoginState {
    LoggedIn,
    CodeNeeded,  ///< DomiFa e-mailed a 6-digit code (or sent one a short while ago): ask for it
    RateLimited, ///< a 429 hold is running: a login now would count against the ban
    Failed,      ///< wrong password, inactive account, network...: `message` says which
};
const char* toString(LoginState state);

struct LoginOutcome {
    LoginState state = LoginState::Failed;
    std::string message;              ///< why, when not logged in
    std::optional<Instant> holdUntil; ///< RateLimited: when a login may be tried again
    bool trustToken = false;          ///< LoggedIn: the 30-day token that skips the code
    std::string role;                 ///< LoggedIn: the account's role when DomiFa told it
    /// Guichet needs a front-desk role: facteur or agent (anything else answers 403 on writes).
    bool roleAdvised() const { return role.empty() || role == "facteur" || role == "agent"; }
};

struct RunReport {
    std::optional<PullReport> pulled;
    std::string pullError; ///< when the pull failed (the push still runs: the outbox may go)
    std::optional<PushReport> pushed;
    std::string pushError; ///< a store failure during the push
    /// Everything went: the directory is fresh and the push reached its end.
    bool complete() const { return pulled && pushed && !pushed->stopped; }
};

class SyncSession {
public:
    /// Takes the store, builds the client for `setup` (password from readPassword) and the engine.
    /// An Error names the setting at fault (bad base URL, bot-like User-Agent...).
    static Result<std::unique_ptr<SyncSession>> open(store::Store store, const SyncSetup& setup,
                                                     SyncOptions options = {});
    SyncSession(const SyncSession&) = delete;
    SyncSession& operator=(const SyncSession&) = delete;
    ~SyncSession();

    store::Store& store() { return store_; }
    backend::DomifaClient& client() { return *client_; }
    SyncEngine& engine() { return *engine_; }
    const SyncSetup& setup() const { return setup_; }

    /// One login step: with `password` (empty: the one readPassword finds) and `code` (empty: none
    /// yet; DomiFa then e-mails one unless the trust token is enough). Refused during a 429 hold.
    /// The outcome is kept in the store ("sync.login") for the status screens; a success clears a
    /// halt and, when `remember` and not on stand-in defaults, keeps the password (0600).
    LoginOutcome login(const std::string& password, const std::string& code, bool remember = false);

    /// One pull, then one push. `progress` is called during the push.
    RunReport runOnce(const std::function<void(const Progress&)>& progress = {});

private:
    SyncSession(store::Store store, const SyncSetup& setup);
    SyncSetup setup_;
    backend::SystemClock clock_;
    store::Store store_;
    std::optional<backend::DomifaClient> client_;
    std::unique_ptr<SyncEngine> engine_;
};

} // namespace guichet::sync
