#pragma once
// guichet-backend-sim: a local stand-in for DomiFa's REST API (docs/domifa-api.md, last section),
// for the tests and the demo. It binds 127.0.0.1 only. Data lives in SQLite (in memory unless a
// file is given); sessions, bans and rate windows live in memory.
//
// Reproduced: login with the e-mailed code (written to a file and kept for the admin endpoint) and
// the 30-day trust token, 12-hour tokens, one session per user, the User-Agent rule (a bot-like
// agent gets 403 and a permanent ban of the IP), the Origin rule, the rate limits (429 and a block;
// hammering while blocked bans the IP), the usager list and its 5-minute change feed, the array
// interactions endpoint with its validation, Out-closes-In and 500 on a missing procuration,
// history, delete, and the queued-SMS table with its merge/delete rules and the known defect (a
// merged SMS shows only the last count). Fault switches: latency, 5xx, 429, connection dropped
// before or after the write commits, slow answers after the commit, malformed JSON.
// Admin endpoints under /_admin/ (no rules applied) read the SMS queue, the interactions, the
// request log and the last code, set faults, advance the clock and lift bans.
// Thread-safety: every public method may be called from any thread while the server runs.

#include "guichet/backend/Clock.hpp"
#include "guichet/core/Result.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace guichet::sim {

struct SimUser {
    std::string email = "guichet@ccas-demo.fr";
    std::string password = "guichet-demo";
    std::string role = "agent"; ///< "agent" or "facteur" may write interactions; others get 403
    std::string name = "Guichet";
    bool active = true; ///< an inactive account answers 401 ACCOUNT_NOT_ACTIVE at login
};

struct Faults {
    int latencyMs = 0;          ///< added to every API request
    int fail5xx = 0;            ///< the next N API requests answer 503 without doing anything
    int fail5xxAfterCommit = 0; ///< the next N writes are applied, then answer 502
    int fail429 = 0;            ///< the next N API requests answer 429 (Retry-After: 60)
    int fail403 = 0;            ///< the next N API requests answer 403 (a firewall or role refusal)
    int resetBeforeCommit = 0;  ///< the next N writes: connection dropped, nothing applied
    int resetAfterCommit = 0;   ///< the next N writes: applied, then the connection dropped
    int slowAfterCommit = 0;    ///< the next N writes: applied, answer delayed by slowMs
    int slowBeforeCommit = 0;   ///< the next N writes: delayed by slowMs, then applied (lands late)
    int malformedJson = 0;      ///< the next N writes: applied, answer is truncated JSON
    /// The next N writes are held as DomiFa does behind a locked interactions table: the client
    /// waits slowMs (real time) and the connection drops, but the write is NOT cancelled: it is
    /// applied lateApplyMs later on the stand-in's clock (DomiFa's server timeout is 5 minutes).
    /// Until then the history does not show it.
    int lateApply = 0;
    std::int64_t lateApplyMs = 290'000;
    /// A banned IP as DomiFa answers it: 400 with the same body on every route, login included.
    bool ipBan400 = false;
    int slowMs = 1500;
    double randomWriteFaultRate = 0.0; ///< each write draws one of the above faults at this rate
    std::uint64_t randomSeed = 1;

    bool operator==(const Faults&) const = default;
};
nlohmann::json toJson(const Faults& faults);
Faults faultsFromJson(const nlohmann::json& json, Faults base);

struct SimOptions {
    std::string frontUrl = "http://localhost:4200"; ///< the Origin every request must carry
    std::string dbPath = ":memory:";
    std::string otpFile; ///< where the "e-mailed" codes are appended; empty: none
    std::vector<SimUser> users{SimUser{}};
    bool smsEnabled = true;
    std::string smsSignature = "CCAS de Démo";
    int perSecond = 13;
    int perMinute = 113;
    int perHour = 5000;
    std::chrono::minutes rateBlock{30};
    std::chrono::hours tokenLifetime{12};
    backend::Clock* clock = nullptr; ///< time source (shared with a simulated client); null: system
    std::string tlsCertFile;  ///< PEM certificate: serve HTTPS instead of HTTP (tests of TLS verification)
    std::string tlsKeyFile;   ///< its PEM private key
    bool logRequests = false; ///< one line per request on stderr: method, path, status, ids only
    /// A login asking for the code within this delay of the last code sent sends none (the last
    /// code stays valid), as DomiFa's cooldown.
    std::chrono::seconds otpCooldown{60};
};

struct SmsRow {
    std::int64_t ref = 0;
    std::string kind; ///< "courrier", "recommande", "colis"
    int count = 0;
    std::string text;
    bool operator==(const SmsRow&) const = default;
};

struct InteractionRow {
    std::string uuid;
    std::int64_t ref = 0;
    std::string type;
    int nbCourrier = 0;
    std::string content;
    std::string dateInteraction;
    std::string interactionOutUUID;
    std::optional<int> procurationIndex;
    bool returnToSender = false;
    bool operator==(const InteractionRow&) const = default;
};

struct RequestRecord {
    std::string method;
    std::string path;
    std::string userAgent;
    std::string origin;
    bool authorised = false;
    int status = 0;
    std::int64_t atMs = 0; ///< when it arrived, on the stand-in's clock (ms since the epoch)
};

struct SimCounters {
    std::int64_t requests = 0;
    std::int64_t status429 = 0;
    std::int64_t writesCommitted = 0;
    std::int64_t bans = 0;
};

/// Usager JSON (DomiFa's shape) for `count` made-up people, reproducible from `seed`. Some are
/// struck off, some have procurations (valid or expired), most opted in to SMS.
std::vector<nlohmann::json> syntheticUsagers(int count, std::uint64_t seed);

class SimServer {
public:
    static Result<std::unique_ptr<SimServer>> create(SimOptions options);
    ~SimServer(); ///< stops the server
    SimServer(const SimServer&) = delete;
    SimServer& operator=(const SimServer&) = delete;

    /// Adds or replaces usagers (DomiFa JSON objects with at least `ref`, `nom`, `prenom`); one
    /// without a `uuid` gets a new one (an existing usager keeps its own).
    Result<void> seed(const std::vector<nlohmann::json>& usagers);
    /// Creates a usager as DomiFa does: ref = max(ref) + 1 (so a deleted last ref is given again),
    /// a new uuid. Returns the ref.
    Result<std::int64_t> createUsager(nlohmann::json usager);
    /// Deletes a usager with its interactions and queued SMS (DomiFa's deletion).
    Result<void> deleteUsager(std::int64_t ref);
    /// An interaction written by someone else (another account or desk), `ageSeconds` old.
    Result<void> addForeignInteraction(std::int64_t ref, const std::string& type, int nbCourrier,
                                       const std::string& content, const std::string& userName,
                                       std::int64_t ageSeconds);
    /// Listens on 127.0.0.1:`port` (0: any free port) on a background thread; returns the port.
    Result<int> start(int port = 0);
    void stop();
    int port() const;
    std::string baseUrl() const; ///< "http://127.0.0.1:<port>" (https with a TLS certificate)

    void setFaults(const Faults& faults);
    Faults faults() const;
    void advanceClock(std::chrono::milliseconds by);
    backend::TimePoint now() const;
    void liftBans(); ///< IP bans, account blocks and rate blocks

    std::vector<SmsRow> smsQueue() const;
    std::vector<InteractionRow> interactions(std::optional<std::int64_t> ref = std::nullopt) const;
    std::optional<nlohmann::json> usager(std::int64_t ref) const;
    std::vector<RequestRecord> requests() const;
    std::optional<std::string> lastCode(const std::string& email) const;
    SimCounters counters() const;

private:
    struct Impl;
    explicit SimServer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace guichet::sim
