#pragma once
// The DomiFa REST client (docs/domifa-api.md). One object per staff account; move-only; NOT
// thread-safe (one thread sends). Needs a live CurlGlobal.
//
// Every request goes through one private function that sets the configured browser-like
// User-Agent, the configured Origin and the throttle: no public call can send without them.
// Login: password (+ the e-mailed code once a month) -> a 12-hour access token and a 30-day trust
// token, both kept in the credentials file (mode 0600, never logged). The token is renewed (trust
// token login, no code) before it expires. A failed password is never retried: the client refuses
// to log in again until setPassword() is called. A 403 latches: the client refuses every further
// request (a ban must not be hammered). A 429 holds the throttle (Retry-After, else 30 minutes).

#include "guichet/backend/ApiResult.hpp"
#include "guichet/backend/Clock.hpp"
#include "guichet/backend/Credentials.hpp"
#include "guichet/backend/Throttle.hpp"
#include "guichet/core/Result.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace guichet::backend {

/// "Mozilla/5.0 (X11; Linux x86_64) Guichet/<version>": passes DomiFa's bot detector.
std::string defaultUserAgent();

struct ClientConfig {
    std::string baseUrl = "http://127.0.0.1:8787"; ///< API root (defaults to the local stand-in)
    std::string origin = "http://localhost:4200";  ///< the platform's configured front-end URL
    std::string userAgent = defaultUserAgent();
    std::string email;           ///< the structure's dedicated Guichet account
    std::string caBundle;        ///< CA file for TLS; empty: the system's store. Verification is always on.
    std::string credentialsPath; ///< trust and access tokens (0600); empty: kept in memory only
    Millis connectTimeout{5000};
    Millis requestTimeout{30000};
    Millis renewBefore{std::chrono::hours(1)};     ///< renew when the token has less than this left
    Millis holdAfter429{std::chrono::minutes(30)}; ///< when a 429 carries no Retry-After
    /// Largest answer read, except the directory: history pages (100 entries of <= 5,000
    /// characters) and one usager fit well under it. A larger answer is an error, never read whole.
    std::size_t maxBodyBytes = 4u << 20;
    /// Largest directory answer (GET /search-usagers): ~4 KB per usager (DomiFa's usager JSON,
    /// options and last interaction included, is 1-3 KB) x 50,000 usagers, far above the largest
    /// structure. Read once into one string and parsed from it (no other copy).
    std::size_t maxDirectoryBytes = std::size_t{4096} * 50000;
    /// How often `onWaiting` is called while an answer is awaited.
    Millis waitingNoticeEvery{std::chrono::seconds(5)};
    ThrottleLimits limits;
};

/// Refuses what would get the site banned or mislead: an empty, non-ASCII or bot-like User-Agent
/// (curl, libcurl, wget, python, bot..., or not starting with "Mozilla/5.0"), an empty Origin, a
/// base URL that is not http(s), and plain http:// to anything but the loopback (the password
/// and the tokens would cross the network in clear).
Result<void> validateConfig(const ClientConfig& config);
/// True when the URL's host is the loopback (localhost, 127.x.x.x, [::1]).
bool isLoopbackUrl(const std::string& url);

struct InteractionItem { ///< one item of POST /interactions/{ref}
    std::string type;    ///< "courrierIn", "courrierOut", "visite"...
    std::optional<int> nbCourrier;
    std::string content;
    std::optional<int> procurationIndex;
    bool returnToSender = false;

    bool operator==(const InteractionItem&) const = default;
};

struct HistoryEntry { ///< one item of POST /interactions/search/{ref}
    std::string uuid;
    std::string type;
    std::string dateInteraction;
    std::string content;
    int nbCourrier = 0;
    std::string interactionOutUUID;
    std::string userName; ///< the staff account that created it ("prenom nom")

    bool operator==(const HistoryEntry&) const = default;
};

struct ClientStats {
    std::int64_t requests = 0; ///< requests that left (or tried to)
    std::int64_t status429 = 0;
    std::int64_t status401 = 0;
    std::int64_t status5xx = 0;
    std::int64_t transportErrors = 0;
    std::int64_t logins = 0;
};

class DomifaClient {
public:
    /// Validates the configuration and reads the credentials file. `clock` must outlive the client.
    static Result<DomifaClient> create(ClientConfig config, Clock& clock);

    DomifaClient(DomifaClient&&) noexcept;
    DomifaClient& operator=(DomifaClient&&) noexcept;
    ~DomifaClient();

    /// Kept in memory for renewals; clears a previous LoginFailed latch.
    void setPassword(std::string password);
    bool hasPassword() const;

    /// Logs in with the password, the stored trust token if any, and `otpCode` if given.
    /// CodeNeeded when the e-mailed code is required (the server has just sent it).
    ApiResult<Done> login(const std::string& otpCode = {});
    /// Makes sure a token with more than renewBefore left is held, renewing with the trust token.
    ApiResult<Done> ensureSession();
    bool hasTrustToken() const;
    std::optional<TimePoint> tokenExpiry() const;
    /// Why the client refuses to send, if it does (403 latch, failed login); empty otherwise.
    std::string blockedReason() const;

    ApiResult<nlohmann::json> me();
    /// GET /search-usagers: {usagersRadiesTotalCount, usagers[]}.
    ApiResult<nlohmann::json> usagers(bool includeStruckOff = false);
    /// The same answer as text, unparsed (up to maxDirectoryBytes): the sync engine reads the
    /// directory from it without building a JSON tree of its own. 400 here is Banned.
    ApiResult<std::string> usagersText(bool includeStruckOff);
    /// GET /search-usagers/update-manage as text (400 here is Banned).
    ApiResult<std::string> changedUsagersText();
    /// GET /search-usagers/update-manage: the usagers changed in the last 5 minutes.
    ApiResult<nlohmann::json> changedUsagers();
    ApiResult<nlohmann::json> usager(std::int64_t ref);
    /// POST /interactions/{ref}: the updated usager. A 5xx, a timeout or an unreadable answer is
    /// Unknown: the interactions may have been created; reconcile through history() first.
    ApiResult<nlohmann::json> postInteractions(std::int64_t ref, const std::vector<InteractionItem>& items);
    /// POST /interactions/search/{ref}, newest first. take is clamped to 1..500.
    ApiResult<std::vector<HistoryEntry>> history(std::int64_t ref, int page, int take);
    ApiResult<Done> deleteInteraction(std::int64_t ref, const std::string& uuid);

    /// GET on the local stand-in's admin endpoints (`/_admin/...` only; anything else is refused
    /// locally): for the demo, which shows the stand-in's SMS queue. Same headers and throttle.
    ApiResult<nlohmann::json> standInAdmin(const std::string& path);

    /// Called after the throttle let a request go and before it leaves, with the send times of the
    /// last hour (this one included). Returning false stops the request (NotSent): the sync engine
    /// saves the times in the store here, so that a killed process leaves no send unrecorded.
    void setSendRecorder(std::function<bool(const std::vector<TimePoint>&)> recorder);
    /// Called every waitingNoticeEvery while an answer is awaited (what, time waited so far).
    void setWaitingNotice(std::function<void(const std::string&, Millis)> notice);

    Throttle& throttle();
    const ClientStats& stats() const;
    const ClientConfig& config() const;

private:
    struct Impl;
    explicit DomifaClient(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace guichet::backend
