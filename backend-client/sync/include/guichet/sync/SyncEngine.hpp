#pragma once
// The sync engine: pulls the directory from DomiFa into the store's replica and pushes the outbox,
// each event exactly once, across timeouts, dropped connections, crashes and days offline.
//
// Exactly once: before a request leaves, its events are marked Uncertain and the request (its
// unique marker, type and count) is written to the store in the same transaction. The marker holds
// the store's random install id, so two stores never write the same one. An outcome that is not a
// clear answer (timeout, reset, 5xx, unreadable answer, or a crash) leaves them Uncertain; the next
// run waits `settleDelay` (longer than DomiFa's own 5-minute request timeout), then looks for the
// marker in the person's history (POST /interactions/search/{ref}): an entry with the marker, the
// type and the count, written by this account and not before the events were recorded, proves
// delivery; an entry with the marker that fails the other checks parks the events for staff; none
// at all means the request never landed and it is sent again. Every send time is saved in the
// store before the request leaves (the throttle's windows survive a kill).
// Stops: 400 parks the events of that request (reason kept for staff) and goes on, unless /me
// answers the same 400 (a banned IP answers 400 everywhere): then the sync halts; 401 after the
// client's one renewal, a needed code or a failed login stop the run; 403 halts the sync until staff
// act (`guichet sync login` clears it); 429 holds every request until Retry-After (30 min default),
// through a login too; two timeouts in a row stop the run (DomiFa not answering).
// Never sent: events recorded for a dossier whose DomiFa uuid has changed since (the ref was given
// to a new person) or that DomiFa deleted; arrivals for a struck-off person (staff decide on the
// return to sender). They are parked with the reason.
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
    /// After an unknown outcome, before reconciling: DomiFa neither cancels a request whose client
    /// has gone nor lets it run past its 5-minute server timeout; 30 s of margin on top.
    std::chrono::seconds settleDelay{330};
    std::chrono::seconds retryBase{30}; ///< first back-off after a failure, doubled each attempt
    std::chrono::seconds retryMax{1800};
    std::chrono::seconds feedWindow{270}; ///< the change feed covers 5 min; older last pull: full reload
    std::chrono::seconds fullReloadEvery{24 * 3600}; ///< a full reload at least this often (deletions)
    /// Clock difference allowed between this machine and DomiFa when a history entry's date is
    /// compared with the time the events were recorded.
    std::chrono::seconds clockTolerance{600};
    int timeoutsToStop = 2; ///< timeouts in a row that stop the run (DomiFa not answering)
    /// A request leaves only when the directory was pulled less than this ago (else the push pulls
    /// first): bounds the time a ref given to a new person can go unnoticed. 0: never re-pull.
    std::chrono::seconds directoryFreshness{120};
    std::chrono::seconds lateAfter{900}; ///< put the real arrival time in content past this delay
    std::chrono::seconds batchQuiet{0};  ///< leave an intake batch alone until quiet this long
    std::string markerPrefix = "G";
    int historyPages = 5; ///< pages of 100 searched when reconciling
    int maxEventsPerRun = 20000;
};

struct PullReport {
    bool full = false;
    int received = 0;
    store::UpsertStats stats;
    int removed = 0;  ///< dossiers gone from DomiFa (full reload), removed from the replica
    int replaced = 0; ///< refs now given to another person (uuid changed)
    int parked = 0;   ///< events parked because their dossier was removed or replaced
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
/// Clears a halt (after staff fixed what a 403 reported) and the login state. A 429 hold stays.
Result<void> clearHalt(store::Store& store);
/// Saves every send time of `client` in `store` before the request leaves (the engine does it;
/// `guichet sync login` too). `store` must outlive the client's use of it.
void recordSendsIn(store::Store& store, backend::DomifaClient& client);
/// Gives the client's throttle the send times of the last hour saved by earlier processes.
Result<void> loadSendTimes(store::Store& store, backend::DomifaClient& client);
/// This store's install id (created once, at random, kept in the store): part of every marker.
Result<std::string> installId(store::Store& store);
/// Puts parked events back in the queue (one, or all when `event` is empty); returns them as they
/// were (with the reason they were parked). An event that was sent before (attempts > 0) goes
/// back as Uncertain: its marker is looked for in the history before any resend.
Result<std::vector<Event>> requeueParked(store::Store& store, std::optional<EventId> event);

class SyncEngine {
public:
    /// All references must outlive the engine.
    SyncEngine(store::Store& store, backend::DomifaClient& client, backend::Clock& clock,
               SyncOptions options = {});
    ~SyncEngine();
    SyncEngine(const SyncEngine&) = delete;
    SyncEngine& operator=(const SyncEngine&) = delete;

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
    /// The markers' prefix: "<markerPrefix>-<install id>".
    Result<std::string> markerPrefix();
    /// Parks the open events of `refs` (their dossier was removed or given to another person).
    Result<int> parkEventsOf(const std::vector<DossierRef>& refs, const std::string& why);
    /// A 400 on a write or a history read: the same 400 on /me means a banned IP, not a refusal.
    bool banned(const backend::ApiError& error);
    std::optional<std::string> accountName_; ///< "prenom nom" of the account, from /me
    std::string markerPrefix_;
    store::Store* store_;
    backend::DomifaClient* client_;
    backend::Clock* clock_;
    SyncOptions options_;
};

} // namespace guichet::sync
