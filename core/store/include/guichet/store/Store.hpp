#pragma once
// The local SQLite store: one file holding the dossier replica, the mail items, the outbox, the
// cards, an audit log and settings. Schema versioned by migrations (see src/Migrations.cpp).
//
// Durability: WAL mode with synchronous=FULL; every call that writes is one transaction, and a
// mail item is always written together with its outbox event. On any failure nothing is written.
// Threads: a Store is one connection; it is NOT thread-safe. Open one Store per thread on the
// same file (WAL lets readers and one writer work at once; a busy writer is waited for up to
// Options::busyTimeoutMs, then the call fails with a "locked" error).
// Errors: every call returns a Result whose Error names the file and the cause (corrupt file,
// foreign database, newer schema, disk full, read-only, locked...).

#include "guichet/core/Card.hpp"
#include "guichet/core/Dossier.hpp"
#include "guichet/core/Event.hpp"
#include "guichet/core/MailItem.hpp"
#include "guichet/core/Result.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace guichet::store {

struct Options {
    int busyTimeoutMs = 5000;
    bool readOnly = false; ///< open an existing store without creating or migrating it
    /// What time the store stamps (audit rows, updated_at, when an item was decided); the machine's
    /// clock when empty. Tests pass a ManualClock's: `o.now = [&] { return clock.now(); }`.
    std::function<Instant()> now = nullptr;
};

struct UpsertStats {
    int inserted = 0;
    int updated = 0;
    int unchanged = 0;
    bool operator==(const UpsertStats&) const = default;
};

struct AuditEntry {
    std::int64_t id = 0;
    Instant at{};
    std::string actor;   ///< staff user id, "auto", "sync"...; never a name
    std::string action;  ///< "mail.recorded", "card.revoked"...
    std::string subject; ///< ids only: "dossier:42", "mail:7"
    std::string hash;    ///< this row's link in the chain (hex BLAKE2b-256)
    bool operator==(const AuditEntry&) const = default;
};

/// What `Store::verifyAudit` found. The chain: each row's hash covers its id, time, actor, action,
/// subject and the previous row's hash; the first kept row follows the retention anchor.
struct AuditVerification {
    bool ok = true;
    std::int64_t rows = 0;            ///< rows checked
    std::int64_t anchoredThrough = 0; ///< rows 1..N were purged by retention (0: none)
    std::int64_t badRow = 0;          ///< the first row that does not verify (0 when ok)
    std::string problem;              ///< what is wrong there, in plain words
    std::string head;                 ///< the hash of the last row: note it to detect a rewrite later
};

/// How long personal data is kept (settings retention.*; see docs/OPERATIONS.md).
struct RetentionPolicy {
    int cropDays = 7;    ///< address crops, this long after the item was decided
    int mailDays = 396;  ///< closed items (and their delivered events, closed tickets, intake
                         ///< records) this long after they closed, then anonymous daily counts
    int auditDays = 365; ///< audit rows
};

struct PurgeReport {
    std::int64_t crops = 0;
    std::int64_t mailItems = 0;   ///< closed items reduced to daily counts
    std::int64_t events = 0;      ///< delivered events deleted (visits counted first)
    std::int64_t tickets = 0;     ///< closed queue tickets
    std::int64_t intakeFiles = 0; ///< done/failed intake records
    std::int64_t auditRows = 0;
    std::int64_t cardsRevoked = 0; ///< cards of dossiers no longer in the replica
    std::int64_t heldBack = 0;     ///< old closed items kept: an event about them is not delivered
    bool operator==(const PurgeReport&) const = default;
};

/// Anonymous counts of one day, what purged items and visits leave behind (statistics).
struct DailyCounts {
    Date day{};
    PendingCounts received; ///< by arrival day
    int automatic = 0;
    int confirmed = 0;
    int manual = 0;
    int handedToPerson = 0; ///< by closing day
    int handedToProxy = 0;
    int returned = 0;
    int visits = 0;
    std::vector<std::int64_t> collectionSeconds; ///< arrival to hand-over, of items handed over that day
    bool operator==(const DailyCounts&) const = default;
};

/// A file carried inside a backup (the card keys, when asked for).
struct BackupFile {
    std::string name; ///< file name only
    int mode = 0600;
    std::string bytes;
    bool operator==(const BackupFile&) const = default;
};

/// What a backup (or any store file) holds, read without changing it.
struct StoreFileInfo {
    bool guichetStore = false;
    int schema = 0;
    std::string storeId;
    std::string integrity; ///< "ok" or SQLite's first complaint
    std::vector<BackupFile> files;
};

struct IntakeFile {          ///< a file seen by the hot-folder intake (idempotence across restarts)
    std::string fingerprint; ///< content hash: the same scan is never processed twice
    std::string name;
    std::string state; ///< "processing", "done", "failed"
    std::optional<MailItemId> mailItem;
    std::string reason;
    int attempts = 0;  ///< readings started: a file that stopped the reader again and again is failed
    std::string owner; ///< the intake process that claimed it ("host:pid"), while "processing"
    bool operator==(const IntakeFile&) const = default;
};

struct QueueTicket { ///< a number given at the kiosk: the desk calls it. No name.
    std::int64_t id = 0;
    Date day{};
    int number = 0; ///< 1, 2, 3... each day
    DossierRef dossier = 0;
    PendingCounts counts; ///< what was pending when it was issued
    Instant createdAt{};
    std::optional<Instant> closedAt; ///< served (or dismissed) at the desk
    std::string closedBy;
    bool operator==(const QueueTicket&) const = default;
};

class Store {
public:
    /// Opens (creating and migrating if needed) the store at `path` (":memory:" for tests).
    static Result<Store> open(const std::string& path, Options options = {});
    /// Opens an existing store only to read (the matcher's directory, reports): no folder created,
    /// no migration, no journal set up. A store on a read-only disk or in a folder this process may
    /// not write is read as an immutable file (SQLite cannot set up its WAL index there).
    static Result<Store> openForReading(const std::string& path);

    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    ~Store();

    const std::string& path() const;
    int schemaVersion() const;
    static int latestSchemaVersion();

    // --- dossier replica -------------------------------------------------------------------
    /// Inserts or updates (by ref) every dossier, in one transaction: all or nothing. A dossier
    /// without a uuid (CSV) keeps the uuid the replica has. `replaced`, when given, receives the
    /// refs whose uuid changed: DomiFa gave the ref to another person.
    Result<UpsertStats> upsertDossiers(const std::vector<Dossier>& dossiers,
                                       std::vector<DossierRef>* replaced = nullptr);
    /// Removes every dossier whose ref is not in `keep` (after a full reload: deleted in DomiFa), in
    /// one transaction; returns the refs removed. Their events and mail items are left as they are.
    Result<std::vector<DossierRef>> removeDossiersExcept(const std::vector<DossierRef>& keep);
    Result<std::vector<Dossier>> loadDossiers();
    Result<std::optional<Dossier>> findDossier(DossierRef ref);
    Result<std::int64_t> dossierCount();

    // --- mail items and the outbox ---------------------------------------------------------
    /// Records the item, when given its outbox event (event.mailItem is set to the new item's id)
    /// and its address-block crop (PNG), in one transaction. Returns the item id.
    Result<MailItemId> recordMailItem(const MailItem& item, const std::optional<Event>& event,
                                      const std::vector<unsigned char>& cropPng = {});
    Result<std::optional<MailItem>> findMailItem(MailItemId id);
    /// The address-block crop kept for review (PNG bytes), empty when there is none.
    Result<std::vector<unsigned char>> mailCrop(MailItemId id);
    /// Items that arrived or were closed (handed over, returned) in [from, to), oldest first.
    Result<std::vector<MailItem>> mailItemsBetween(Instant from, Instant to);
    /// Items in a state, oldest first; all states when `state` is empty.
    Result<std::vector<MailItem>> mailItems(std::optional<MailState> state,
                                            std::optional<DossierRef> dossier = {});
    /// Updates an item (attribution, state) and enqueues `event` if given, in one transaction.
    Result<void> updateMailItem(const MailItem& item, const std::optional<Event>& event);

    Result<EventId> enqueueEvent(const Event& event);
    /// Pending or Uncertain events whose nextTry <= now, oldest first.
    Result<std::vector<Event>> dueEvents(Instant now, int limit);
    Result<std::vector<Event>> events(std::optional<EventState> state);
    /// Events of one type created in [from, to), oldest first (visits for statistics...).
    Result<std::vector<Event>> eventsCreated(EventType type, Instant from, Instant to,
                                             std::optional<DossierRef> dossier = {});
    /// One dossier's events not delivered yet (Pending or Uncertain), oldest first.
    Result<std::vector<Event>> undeliveredEvents(DossierRef dossier);
    /// The events that report one mail item (its arrival, ...), oldest first.
    Result<std::vector<Event>> eventsOfMailItem(MailItemId item);
    /// Deletes an event that was never sent (Pending, no attempt); false when it was (or is gone).
    Result<bool> withdrawEvent(EventId id);
    /// Saves the sending state of an event (state, attempts, nextTry, lastError, remoteUuid).
    Result<void> updateEvent(const Event& event);

    // --- cards -------------------------------------------------------------------------------
    Result<void> saveCard(const Card& card);
    Result<std::optional<Card>> findCard(const std::string& structureId, DossierRef dossier);

    // --- intake files ------------------------------------------------------------------------
    Result<std::optional<IntakeFile>> findIntakeFile(const std::string& fingerprint);
    Result<void> saveIntakeFile(const IntakeFile& file);

    // --- the kiosk's queue ---------------------------------------------------------------------
    /// Gives the next number of `ticket.day` (1 for the first) and saves the ticket.
    Result<QueueTicket> issueTicket(const QueueTicket& ticket);
    /// Tickets not served yet, oldest first.
    Result<std::vector<QueueTicket>> openTickets();
    Result<std::optional<QueueTicket>> findTicket(std::int64_t id);
    /// Marks a ticket served; false when it was already closed (nothing changed).
    Result<bool> closeTicket(std::int64_t id, Instant at, const std::string& staff);

    // --- settings and audit ------------------------------------------------------------------
    Result<std::optional<std::string>> setting(const std::string& key);
    Result<void> setSetting(const std::string& key, const std::string& value);
    /// Appends one row to the chained audit log, stamped with the store's clock.
    Result<void> audit(const std::string& actor, const std::string& action, const std::string& subject);
    /// The last `limit` rows, newest first.
    Result<std::vector<AuditEntry>> auditLog(int limit);
    /// Rows whose subject holds one of `tokens` ("dossier:42", "mail:7"), oldest first.
    Result<std::vector<AuditEntry>> auditMentioning(const std::vector<std::string>& tokens);
    /// Walks the whole chain: an edited, deleted or inserted row is found (see AuditVerification).
    Result<AuditVerification> verifyAudit();

    // --- retention -------------------------------------------------------------------------------
    /// Deletes what `policy` says is past its time at `now` (dryRun: only counts). Never touches
    /// an item not closed yet, an event not delivered, an open ticket. Works in batches, each one
    /// transaction (`afterBatch` is called after each commit): a purge killed half-way leaves a
    /// consistent store and the next one finishes the work. Daily counts keep the statistics.
    Result<PurgeReport> purge(const RetentionPolicy& policy, Instant now, bool dryRun,
                              const std::function<void(const PurgeReport&)>& afterBatch = {});
    /// The daily counts left by purged items in [from, to] (UTC days), in day order.
    Result<std::vector<DailyCounts>> dailyCounts(Date from, Date to);

    // --- health, backup and restore ----------------------------------------------------------
    /// This store's random id (made with the store): a backup goes back only where it came from.
    Result<std::string> storeId();
    /// PRAGMA integrity_check: "ok" or the first problem.
    Result<std::string> integrityCheck();
    /// A consistent copy of the store into `file` (SQLite's online backup API, one read snapshot:
    /// writers at the desk are not blocked in WAL mode), with `files` carried inside. Written to
    /// FILE.tmp (0600), synced, then renamed over FILE.
    Result<void> backupTo(const std::string& file, const std::vector<BackupFile>& files = {});
    /// Reads a store or backup file without changing it.
    static Result<StoreFileInfo> inspect(const std::string& file);
    /// Replaces this store's content with the backup `file` (checks are the caller's: inspect()).
    /// The carried files are dropped from the store; reopen the store afterwards (migrations).
    Result<void> restoreFrom(const std::string& file);

    /// Runs `work` inside one transaction (BEGIN IMMEDIATE): committed when it returns a value,
    /// rolled back when it returns an error or throws. Calls of this Store made inside `work`
    /// join the transaction.
    Result<void> transaction(const std::function<Result<void>()>& work);

    struct Impl; ///< the connection; defined in the store's own sources only

private:
    explicit Store(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace guichet::store
