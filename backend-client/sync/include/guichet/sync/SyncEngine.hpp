#pragma once
// The sync engine: pulls the directory from DomiFa into the store's replica and pushes the outbox,
// each event exactly once, across timeouts, dropped connections, crashes and days offline.
//
// Exactly once: before a request leaves, its events are marked Uncertain and the request (its
// unique marker, type and count) is written to the store in the same transaction. An outcome that
// is not a clear answer (timeout, reset, 5xx, unreadable answer, or a crash) leaves them Uncertain;
// the next run waits `settleDelay`, then looks for the marker in the person's history
// (POST /interactions/search/{ref}) and only resends when it is not there. Assumption: a request
// the backend has not applied `settleDelay` after the client gave up never will be.
// Stops: 400 parks the events of that request (reason kept for staff) and goes on; 401 after the
// client's one renewal, a needed code or a failed login stop the run; 403 halts the sync until staff
// act (`guichet sync login` clears it); 429 holds every request until Retry-After (30 min default).
// A person's events always go in order: when one of them cannot go, the later ones wait.
// Not thread-safe: one engine per process (the store's WAL lets the desk keep recording meanwhile).

#include "guichet/backend/DomifaClient.hpp"
#include "guichet/core/Result.hpp"
#include "guichet/store/Store.hpp"
#include "guichet/sync/Grouping.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace guichet::sync {

struct SyncOptions {
    std::chrono::seconds settleDelay{60}; ///< after an unknown outcome, before reconciling
    std::chrono::seconds retryBase{30};   ///< first back-off after a failure, doubled each attempt
    std::chrono::seconds retryMax{1800};
    std::chrono::seconds feedWindow{270}; ///< the change feed covers 5 min; older last pull: full reload
    std::chrono::seconds lateAfter{900};  ///< put the real arrival time in content past this delay
    std::chrono::seconds batchQuiet{0};   ///< leave an intake batch alone until quiet this long
    std::string markerPrefix = "G";
    int historyPages = 5; ///< pages of 100 searched when reconciling
    int maxEventsPerRun = 20000;
};

struct PullReport {
    bool full = false;
    int received = 0;
    store::UpsertStats stats;
};

struct PushReport {
    int units = 0;      ///< requests planned
    int delivered = 0;  ///< events now known to be on the backend
    int reconciled = 0; ///< of which found in the history after an unknown outcome
    int parked = 0;
    int deferred = 0; ///< events left for a later run (failure, order, back-off)
    int requests = 0; ///< interaction POSTs sent
    bool stopped = false;
    std::string stopReason;
};

struct Progress {
    int done = 0;
    int total = 0;
};

struct SyncStatus {
    std::optional<Instant> lastSuccess; ///< last pull that worked or push that went to the end
    std::optional<Instant> lastPull;
    std::optional<Instant> lastFullPull;
    std::string lastError;
    std::string login;                ///< "ok", "code needed", "login failed: ...", or empty (never tried)
    std::string halted;               ///< why the sync refuses to run (403...), empty when it may
    std::optional<Instant> holdUntil; ///< after a 429
    int pending = 0;
    int uncertain = 0;
    int delivered = 0;
    std::vector<Event> parked;
    std::optional<Instant> nextRetry; ///< the earliest nextTry among the waiting events
};

/// Reads the sync state from the store only (no network): for `guichet sync status`.
Result<SyncStatus> readStatus(store::Store& store);
/// Clears a halt (after staff fixed what a 403 reported) and the login state.
Result<void> clearHalt(store::Store& store);

class SyncEngine {
public:
    /// All references must outlive the engine.
    SyncEngine(store::Store& store, backend::DomifaClient& client, backend::Clock& clock,
               SyncOptions options = {});

    /// The directory: the change feed when the last pull is recent enough, else the full list.
    /// API failures are Errors here (nothing is written then).
    Result<PullReport> pull();
    /// The outbox. Store failures are Errors; API failures are in the report (stopped, deferred).
    Result<PushReport> push(const std::function<void(const Progress&)>& progress = {});

private:
    Instant nowInstant() const;
    /// Carries the throttle's windows across processes through the store (setting sync.sentTimes).
    Result<PullReport> pullOnce();
    Result<PushReport> pushOnce(const std::function<void(const Progress&)>& progress);
    Result<void> loadThrottle();
    Result<void> saveThrottle();
    bool throttleLoaded_ = false;
    Result<void> noteLogin(const backend::ApiError& error);
    store::Store* store_;
    backend::DomifaClient* client_;
    backend::Clock* clock_;
    SyncOptions options_;
};

} // namespace guichet::sync
