#include "guichet/sync/Session.hpp"

namespace guichet::sync {

const char* toString(LoginState state) {
    switch (state) {
    case LoginState::LoggedIn:
        return "logged-in";
    case LoginState::CodeNeeded:
        return "code-needed";
    case LoginState::RateLimited:
        return "rate-limited";
    case LoginState::Failed:
        return "failed";
    }
    return "failed";
}

SyncSession::SyncSession(store::Store store, const SyncSetup& setup)
    : setup_(setup), store_(std::move(store)) {}

SyncSession::~SyncSession() {
    engine_.reset(); // it detaches from the client first
}

Result<std::unique_ptr<SyncSession>> SyncSession::open(store::Store store, const SyncSetup& setup,
                                                       SyncOptions options) {
    std::unique_ptr<SyncSession> session(new SyncSession(std::move(store), setup));
    auto client = backend::DomifaClient::create(setup.client, session->clock_);
    if (!client) return client.error();
    session->client_.emplace(std::move(client.value()));
    session->client_->setPassword(readPassword(setup));
    options.markerPrefix = setup.markerPrefix;
    session->engine_ =
        std::make_unique<SyncEngine>(session->store_, *session->client_, session->clock_, std::move(options));
    return session;
}

LoginOutcome SyncSession::login(const std::string& password, const std::string& code, bool remember) {
    LoginOutcome outcome;
    // A 429 hold outlives a login: a login is a request too, and knocking during a block gets the
    // IP banned.
    if (auto status = readStatus(store_); status && status->holdUntil && *status->holdUntil > now()) {
        outcome.state = LoginState::RateLimited;
        outcome.holdUntil = status->holdUntil;
        outcome.message = "DomiFa answered 429 (too many requests): nothing is sent before the hold ends, a "
                          "login neither";
        return outcome;
    }
    // The login's requests count in the same windows as the sync's.
    (void)loadSendTimes(store_, *client_);
    const std::string used = password.empty() ? readPassword(setup_) : password;
    client_->setPassword(used);
    auto done = client_->login(code);
    if (!done) {
        const bool codeNeeded = done.error().kind == backend::ApiErrorKind::CodeNeeded;
        outcome.state = codeNeeded ? LoginState::CodeNeeded : LoginState::Failed;
        outcome.message = done.error().message;
        (void)store_.setSetting("sync.login",
                                codeNeeded ? "code needed" : "login failed: " + outcome.message);
        return outcome;
    }
    if (auto cleared = clearHalt(store_); !cleared) outcome.message = cleared.error().message;
    (void)store_.setSetting("sync.login", "ok");
    outcome.state = LoginState::LoggedIn;
    outcome.trustToken = client_->hasTrustToken();
    if (remember && !setup_.standInDefaults && !password.empty())
        if (auto saved = rememberPassword(setup_, password); !saved) outcome.message = saved.error().message;
    if (auto me = client_->me()) {
        const auto& user = (*me).contains("user") ? (*me)["user"] : *me;
        if (user.is_object()) outcome.role = user.value("role", "");
    }
    return outcome;
}

RunReport SyncSession::runOnce(const std::function<void(const Progress&)>& progress) {
    RunReport report;
    if (auto pulled = engine_->pull())
        report.pulled = *pulled;
    else
        report.pullError = pulled.error().message;
    if (auto pushed = engine_->push(progress))
        report.pushed = *pushed;
    else
        report.pushError = pushed.error().message;
    return report;
}

} // namespace guichet::sync
