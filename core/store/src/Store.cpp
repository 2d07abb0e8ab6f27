#include "guichet/store/Store.hpp"

#include "Migrations.hpp"
#include "Sqlite.hpp"
#include "StoreCodec.hpp"
#include "StoreImpl.hpp"

#include <cctype>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace guichet::store {

using sql::Statement;

namespace {

std::int64_t seconds(Instant t) {
    return t.time_since_epoch().count();
}
Instant instant(std::int64_t s) {
    return Instant{std::chrono::seconds{s}};
}

const char* kDossierColumns =
    "ref, custom_ref, nom, prenom, surnom, date_naissance, statut, date_debut, date_fin, "
    "details, pending_courrier, pending_recommande, pending_colis, last_visit, uuid";

Dossier readDossier(const Statement& s) {
    Dossier d;
    d.ref = s.getInt(0);
    d.customRef = s.getText(1);
    d.nom = s.getText(2);
    d.prenom = s.getText(3);
    d.surnom = s.getText(4);
    d.dateNaissance = codec::textDate(s.getText(5));
    d.statut = parseStatut(s.getText(6)).value_or(Statut::Instruction);
    d.dateDebut = codec::textDate(s.getText(7));
    d.dateFin = codec::textDate(s.getText(8));
    codec::decodeDetails(s.getText(9), d);
    d.pending.courrier = static_cast<int>(s.getInt(10));
    d.pending.recommande = static_cast<int>(s.getInt(11));
    d.pending.colis = static_cast<int>(s.getInt(12));
    if (auto v = s.getOptionalInt(13)) d.lastVisit = instant(*v);
    d.uuid = s.getText(14);
    return d;
}

void bindDossier(Statement& s, const Dossier& d, std::int64_t updatedAt) {
    s.bind(1, d.ref)
        .bind(2, d.customRef)
        .bind(3, d.nom)
        .bind(4, d.prenom)
        .bind(5, d.surnom)
        .bind(6, codec::dateText(d.dateNaissance))
        .bind(7, toString(d.statut))
        .bind(8, codec::dateText(d.dateDebut))
        .bind(9, codec::dateText(d.dateFin))
        .bind(10, codec::encodeDetails(d))
        .bind(11, d.pending.courrier)
        .bind(12, d.pending.recommande)
        .bind(13, d.pending.colis)
        .bind(14, d.lastVisit ? std::optional<std::int64_t>(seconds(*d.lastVisit)) : std::nullopt)
        .bind(15, d.uuid)
        .bind(16, updatedAt);
}

const char* kMailColumns =
    "id, kind, count, arrived_at, dossier_ref, method, matched_by, confidence, tracking, "
    "source, state, crop_path, candidates, return_reason, closed_at, closed_by, handed_to_proxy";

MailItem readMailItem(const Statement& s) {
    MailItem m;
    m.id = s.getInt(0);
    m.kind = parseMailKind(s.getText(1)).value_or(MailKind::Courrier);
    m.count = static_cast<int>(s.getInt(2));
    m.arrivedAt = instant(s.getInt(3));
    m.dossier = s.getOptionalInt(4);
    m.method = parseMatchMethod(s.getText(5)).value_or(MatchMethod::Unmatched);
    m.matchedBy = s.getText(6);
    m.confidence = s.getDouble(7);
    m.tracking = s.getText(8);
    m.source = s.getText(9);
    m.state = parseMailState(s.getText(10)).value_or(MailState::AwaitingReview);
    m.cropPath = s.getText(11);
    m.candidates = codec::decodeCandidates(s.getText(12));
    m.returnReason = s.getText(13);
    if (auto v = s.getOptionalInt(14)) m.closedAt = instant(*v);
    m.closedBy = s.getText(15);
    if (auto v = s.getOptionalInt(16)) m.handedToProxy = static_cast<int>(*v);
    return m;
}

void bindMailItem(Statement& s, const MailItem& m, Instant stamp) {
    s.bind(1, toString(m.kind))
        .bind(2, m.count)
        .bind(3, seconds(m.arrivedAt))
        .bind(4, m.dossier)
        .bind(5, toString(m.method))
        .bind(6, m.matchedBy)
        .bind(7, m.confidence)
        .bind(8, m.tracking)
        .bind(9, m.source)
        .bind(10, toString(m.state))
        .bind(11, m.cropPath)
        .bind(12, codec::encodeCandidates(m.candidates))
        .bind(13, seconds(stamp))
        .bind(14, m.returnReason)
        .bind(15, m.closedAt ? std::optional<std::int64_t>(seconds(*m.closedAt)) : std::nullopt)
        .bind(16, m.closedBy)
        .bind(17, m.handedToProxy);
}

const char* kEventColumns =
    "id, type, dossier_ref, count, procuration_index, return_to_sender, content, batch_key, "
    "created_at, state, attempts, next_try, last_error, remote_uuid, mail_item, dossier_uuid";

Event readEvent(const Statement& s) {
    Event e;
    e.id = s.getInt(0);
    e.type = parseEventType(s.getText(1)).value_or(EventType::CourrierIn);
    e.dossier = s.getInt(2);
    e.count = static_cast<int>(s.getInt(3));
    if (auto v = s.getOptionalInt(4)) e.procurationIndex = static_cast<int>(*v);
    e.returnToSender = s.getInt(5) != 0;
    e.content = s.getText(6);
    e.batchKey = s.getText(7);
    e.createdAt = instant(s.getInt(8));
    e.state = parseEventState(s.getText(9)).value_or(EventState::Pending);
    e.attempts = static_cast<int>(s.getInt(10));
    e.nextTry = instant(s.getInt(11));
    e.lastError = s.getText(12);
    e.remoteUuid = s.getText(13);
    e.mailItem = s.getOptionalInt(14);
    e.dossierUuid = s.getText(15);
    return e;
}

} // namespace

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

const std::string& Store::path() const {
    return impl_->path;
}
int Store::schemaVersion() const {
    return impl_->version;
}
int Store::latestSchemaVersion() {
    return static_cast<int>(migrations().size());
}

Result<Store> Store::open(const std::string& path, Options options) {
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->clock = options.now;
    const bool isFile = path != ":memory:" && !path.empty();
    struct stat before {};
    const bool existed = !isFile || ::stat(path.c_str(), &before) == 0;
    sqlite3* raw = nullptr;
    int flags = options.readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    impl->db.reset(raw);
    if (rc != SQLITE_OK) return impl->fail(rc, "cannot open the store");
    // A new store holds names: its owner and group (the desk staff) only; the -wal and -shm files
    // follow its mode.
    if (!existed && !options.readOnly) ::chmod(path.c_str(), 0660);
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, options.busyTimeoutMs);

    auto appId = impl->pragmaInt("PRAGMA application_id");
    if (!appId) return appId.error();
    auto version = impl->pragmaInt("PRAGMA user_version");
    if (!version) return version.error();
    auto tables = impl->pragmaInt("SELECT count(*) FROM sqlite_master");
    if (!tables) return tables.error();

    if (*appId != kApplicationId && (*appId != 0 || *tables != 0))
        return Error{path +
                     ": not a Guichet store (another program's SQLite database); refusing to touch it"};
    if (*version > latestSchemaVersion())
        return Error{path + ": made by a newer Guichet (schema " + std::to_string(*version) +
                     ", this build knows " + std::to_string(latestSchemaVersion()) + "); upgrade Guichet"};
    impl->version = static_cast<int>(*version);

    if (!options.readOnly) {
        // WAL: readers do not block the writer; FULL: a commit survives a power cut.
        // secure_delete: what retention deletes is overwritten, not left in free pages.
        if (auto r = impl->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
                                "PRAGMA secure_delete=ON;",
                                "setting up the journal");
            !r)
            return r.error();
        const auto& steps = migrations();
        const int fromVersion = impl->version;
        while (impl->version < static_cast<int>(steps.size())) {
            int next = impl->version + 1;
            std::string script = "BEGIN IMMEDIATE;\n" +
                                 std::string(steps[static_cast<size_t>(impl->version)]) +
                                 "\nPRAGMA application_id=" + std::to_string(kApplicationId) +
                                 ";\nPRAGMA user_version=" + std::to_string(next) + ";\nCOMMIT;";
            if (auto r =
                    impl->exec(script.c_str(), "upgrading the schema to version " + std::to_string(next));
                !r) {
                impl->exec("ROLLBACK", "rolling back").has_value();
                return r.error();
            }
            impl->version = next;
        }
        // Audit rows written before the chain existed (schema < 5) are chained once, in order, when
        // the store is upgraded (a normal open does not read the audit log).
        if (fromVersion > 0 && fromVersion < 5)
            if (auto r = impl->sealLegacyAudit(); !r) return r.error();
    }
    return Store(std::move(impl));
}

namespace {

/// The store and its folder can be written by this process (the -wal and -shm files go there).
bool writable(const std::string& path) {
    const std::filesystem::path parent = std::filesystem::absolute(std::filesystem::path(path)).parent_path();
    return ::access(path.c_str(), W_OK) == 0 && ::access(parent.c_str(), W_OK) == 0;
}

/// An SQLite URI opening `path` as immutable (no locks, no WAL index), characters percent-encoded.
std::string immutableUri(const std::string& path) {
    std::string uri = "file:";
    for (const char c : std::filesystem::absolute(std::filesystem::path(path)).string()) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
            uri += c;
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", u);
            uri += hex;
        }
    }
    return uri + "?immutable=1";
}

} // namespace

Result<Store> Store::openForReading(const std::string& path) {
    Options readOnly;
    readOnly.readOnly = true;
    auto store = open(path, readOnly);
    if (store || writable(path)) return store;
    // Only for reading, and only when we cannot write: a store that another process is writing
    // must not be read as immutable.
    auto immutable = open(immutableUri(path), readOnly);
    if (!immutable) return store;
    immutable->impl_->path = path; // errors name the file, not the URI
    return immutable;
}

Result<void> Store::transaction(const std::function<Result<void>()>& work) {
    Impl& s = *impl_;
    if (s.transactionDepth > 0) return work();
    if (auto r = s.exec("BEGIN IMMEDIATE", "starting a transaction"); !r) return r;
    ++s.transactionDepth;
    Result<void> result;
    try {
        result = work();
    } catch (...) {
        --s.transactionDepth;
        s.exec("ROLLBACK", "rolling back").has_value();
        throw;
    }
    --s.transactionDepth;
    if (!result) {
        s.exec("ROLLBACK", "rolling back").has_value();
        return result;
    }
    if (auto r = s.exec("COMMIT", "committing"); !r) {
        s.exec("ROLLBACK", "rolling back").has_value();
        return r;
    }
    return {};
}

// --- dossiers -----------------------------------------------------------------------------------

Result<UpsertStats> Store::upsertDossiers(const std::vector<Dossier>& dossiers,
                                          std::vector<DossierRef>* replaced) {
    UpsertStats stats;
    auto r = transaction([&]() -> Result<void> {
        return impl_->guarded<void>("importing dossiers", [&]() -> Result<void> {
            Statement find(impl_->db.get(),
                           std::string("SELECT ") + kDossierColumns + " FROM dossiers WHERE ref = ?1");
            Statement insert(
                impl_->db.get(),
                std::string("INSERT INTO dossiers (") + kDossierColumns +
                    ", updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16) "
                    "ON CONFLICT(ref) DO UPDATE SET custom_ref=?2, nom=?3, prenom=?4, surnom=?5, "
                    "date_naissance=?6, statut=?7, date_debut=?8, date_fin=?9, details=?10, "
                    "pending_courrier=?11, pending_recommande=?12, pending_colis=?13, last_visit=?14, "
                    "uuid=CASE WHEN ?15 = '' THEN uuid ELSE ?15 END, updated_at=?16");
            std::int64_t stamp = seconds(impl_->now());
            for (const Dossier& d : dossiers) {
                find.reset();
                find.bind(1, d.ref);
                int rc = find.step();
                if (rc == SQLITE_ROW) {
                    Dossier stored = readDossier(find);
                    // An import without uuids (CSV) keeps the uuid the replica has.
                    if (d.uuid.empty() || stored.uuid == d.uuid) {
                        if (d.uuid.empty()) stored.uuid.clear();
                        if (stored == d) {
                            ++stats.unchanged;
                            continue;
                        }
                    } else if (!stored.uuid.empty()) {
                        if (replaced) replaced->push_back(d.ref); // the ref now names another person
                    }
                    ++stats.updated;
                } else if (rc == SQLITE_DONE) {
                    ++stats.inserted;
                } else {
                    return impl_->fail(rc, "reading dossier " + std::to_string(d.ref));
                }
                insert.reset();
                bindDossier(insert, d, stamp);
                if (auto w = impl_->step(insert, "writing dossier " + std::to_string(d.ref)); !w) return w;
            }
            return {};
        });
    });
    if (!r) return r.error();
    return stats;
}

Result<std::vector<DossierRef>> Store::removeDossiersExcept(const std::vector<DossierRef>& keep) {
    std::vector<DossierRef> removed;
    auto r = transaction([&]() -> Result<void> {
        return impl_->guarded<void>("removing dossiers", [&]() -> Result<void> {
            const std::set<DossierRef> kept(keep.begin(), keep.end());
            Statement all(impl_->db.get(), "SELECT ref FROM dossiers ORDER BY ref");
            int rc;
            while ((rc = all.step()) == SQLITE_ROW)
                if (!kept.count(all.getInt(0))) removed.push_back(all.getInt(0));
            if (rc != SQLITE_DONE) return impl_->fail(rc, "reading dossiers");
            Statement del(impl_->db.get(), "DELETE FROM dossiers WHERE ref = ?1");
            // A card of a person DomiFa no longer lists must stop opening anything.
            Statement revoke(impl_->db.get(), "UPDATE cards SET revoked = 1 WHERE dossier_ref = ?1");
            for (DossierRef ref : removed) {
                del.reset();
                del.bind(1, ref);
                if (auto w = impl_->step(del, "removing dossier " + std::to_string(ref)); !w) return w;
                revoke.reset();
                revoke.bind(1, ref);
                if (auto w = impl_->step(revoke, "revoking the card of dossier " + std::to_string(ref)); !w)
                    return w;
            }
            return {};
        });
    });
    if (!r) return r.error();
    return removed;
}

Result<std::vector<Dossier>> Store::loadDossiers() {
    return impl_->rows<Dossier>(
        "reading dossiers", std::string("SELECT ") + kDossierColumns + " FROM dossiers ORDER BY ref",
        [](Statement&) {}, readDossier);
}

Result<std::optional<Dossier>> Store::findDossier(DossierRef ref) {
    return impl_->row<Dossier>(
        "reading dossier " + std::to_string(ref),
        std::string("SELECT ") + kDossierColumns + " FROM dossiers WHERE ref = ?1",
        [&](Statement& s) { s.bind(1, ref); }, readDossier);
}

Result<std::int64_t> Store::dossierCount() {
    auto n = impl_->pragmaInt("SELECT count(*) FROM dossiers");
    if (!n) return n.error();
    return *n;
}

// --- mail items and events ------------------------------------------------------------------------

Result<MailItemId> Store::recordMailItem(const MailItem& item, const std::optional<Event>& event,
                                         const std::vector<unsigned char>& cropPng) {
    MailItemId id = 0;
    auto r = transaction([&]() -> Result<void> {
        return impl_->guarded<void>("recording a mail item", [&]() -> Result<void> {
            Statement s(impl_->db.get(), "INSERT INTO mail_items (kind, count, arrived_at, dossier_ref, "
                                         "method, matched_by, confidence, "
                                         "tracking, source, state, crop_path, candidates, updated_at, "
                                         "return_reason, closed_at, closed_by, handed_to_proxy, decided_at) "
                                         "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,"
                                         "CASE WHEN ?10 = 'awaiting_review' THEN NULL ELSE ?13 END)");
            bindMailItem(s, item, impl_->now());
            if (auto w = impl_->step(s, "recording a mail item"); !w) return w;
            id = sqlite3_last_insert_rowid(impl_->db.get());
            if (!cropPng.empty()) {
                Statement c(impl_->db.get(), "INSERT INTO mail_crops (mail_item, png) VALUES (?1, ?2)");
                c.bind(1, id).bindBlob(2, cropPng);
                if (auto w = impl_->step(c, "keeping the address crop of mail item " + std::to_string(id));
                    !w)
                    return w;
            }
            if (event) {
                auto e = impl_->insertEvent(*event, id);
                if (!e) return e.error();
            }
            return {};
        });
    });
    if (!r) return r.error();
    return id;
}

Result<std::optional<MailItem>> Store::findMailItem(MailItemId id) {
    return impl_->row<MailItem>(
        "reading mail item " + std::to_string(id),
        std::string("SELECT ") + kMailColumns + " FROM mail_items WHERE id = ?1",
        [&](Statement& s) { s.bind(1, id); }, readMailItem);
}

Result<std::vector<unsigned char>> Store::mailCrop(MailItemId id) {
    auto crop = impl_->row<std::vector<unsigned char>>(
        "reading the crop of mail item " + std::to_string(id),
        "SELECT png FROM mail_crops WHERE mail_item = ?1", [&](Statement& s) { s.bind(1, id); },
        [](const Statement& s) { return s.getBlob(0); });
    if (!crop) return crop.error();
    return crop->value_or(std::vector<unsigned char>());
}

Result<std::vector<MailItem>> Store::mailItemsBetween(Instant from, Instant to) {
    return impl_->rows<MailItem>(
        "reading mail items",
        std::string("SELECT ") + kMailColumns +
            " FROM mail_items WHERE (arrived_at >= ?1 AND arrived_at < ?2) OR (closed_at >= ?1 AND closed_at "
            "< ?2)"
            " ORDER BY arrived_at, id",
        [&](Statement& s) { s.bind(1, seconds(from)).bind(2, seconds(to)); }, readMailItem);
}

Result<std::vector<MailItem>> Store::mailItems(std::optional<MailState> state,
                                               std::optional<DossierRef> dossier) {
    return impl_->rows<MailItem>(
        "reading mail items",
        std::string("SELECT ") + kMailColumns +
            " FROM mail_items WHERE (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR dossier_ref = ?2) "
            "ORDER BY arrived_at, id",
        [&](Statement& s) {
            s.bind(1, state ? std::optional<std::string>(toString(*state)) : std::nullopt).bind(2, dossier);
        },
        readMailItem);
}

Result<void> Store::updateMailItem(const MailItem& item, const std::optional<Event>& event) {
    return transaction([&]() -> Result<void> {
        return impl_->guarded<void>("updating a mail item", [&]() -> Result<void> {
            Statement s(impl_->db.get(),
                        "UPDATE mail_items SET kind=?1, count=?2, arrived_at=?3, dossier_ref=?4, method=?5, "
                        "matched_by=?6, confidence=?7, tracking=?8, source=?9, state=?10, crop_path=?11, "
                        "candidates=?12, updated_at=?13, return_reason=?14, closed_at=?15, closed_by=?16, "
                        "handed_to_proxy=?17, decided_at = CASE WHEN ?10 = 'awaiting_review' THEN NULL "
                        "WHEN decided_at IS NULL THEN ?13 ELSE decided_at END WHERE id=?18");
            bindMailItem(s, item, impl_->now());
            s.bind(18, item.id);
            if (auto w = impl_->step(s, "updating mail item " + std::to_string(item.id)); !w) return w;
            if (sqlite3_changes(impl_->db.get()) != 1)
                return Error{impl_->path + ": mail item " + std::to_string(item.id) + " does not exist"};
            if (event) {
                auto e = impl_->insertEvent(*event, item.id);
                if (!e) return e.error();
            }
            return {};
        });
    });
}

Result<EventId> Store::Impl::insertEvent(const Event& e, std::optional<MailItemId> mailItem) {
    Impl& impl = *this;
    Statement s(impl.db.get(),
                "INSERT INTO events (type, dossier_ref, count, procuration_index, return_to_sender, content, "
                "batch_key, created_at, state, attempts, next_try, last_error, remote_uuid, mail_item, "
                "dossier_uuid) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,"
                "COALESCE(NULLIF(?15, ''), (SELECT uuid FROM dossiers WHERE ref = ?2), ''))");
    s.bind(1, toString(e.type))
        .bind(2, e.dossier)
        .bind(3, e.count)
        .bind(4, e.procurationIndex)
        .bind(5, e.returnToSender ? 1 : 0)
        .bind(6, e.content)
        .bind(7, e.batchKey)
        .bind(8, seconds(e.createdAt == Instant{} ? impl.now() : e.createdAt))
        .bind(9, toString(e.state))
        .bind(10, e.attempts)
        .bind(11, seconds(e.nextTry))
        .bind(12, e.lastError)
        .bind(13, e.remoteUuid)
        .bind(14, mailItem ? mailItem : e.mailItem)
        .bind(15, e.dossierUuid);
    if (auto w = impl.step(s, "queueing an event"); !w) return w.error();
    return sqlite3_last_insert_rowid(impl.db.get());
}

Result<EventId> Store::enqueueEvent(const Event& event) {
    EventId id = 0;
    auto r = transaction([&]() -> Result<void> {
        return impl_->guarded<void>("queueing an event", [&]() -> Result<void> {
            auto e = impl_->insertEvent(event, std::nullopt);
            if (!e) return e.error();
            id = *e;
            return {};
        });
    });
    if (!r) return r.error();
    return id;
}

Result<std::vector<Event>> Store::dueEvents(Instant at, int limit) {
    return impl_->rows<Event>(
        "reading the outbox",
        std::string("SELECT ") + kEventColumns +
            " FROM events WHERE state IN ('pending','uncertain') AND next_try <= ?1 ORDER BY id LIMIT ?2",
        [&](Statement& s) { s.bind(1, seconds(at)).bind(2, limit); }, readEvent);
}

Result<std::vector<Event>> Store::events(std::optional<EventState> state) {
    return impl_->rows<Event>(
        "reading the outbox",
        std::string("SELECT ") + kEventColumns + " FROM events WHERE (?1 IS NULL OR state = ?1) ORDER BY id",
        [&](Statement& s) { s.bind(1, state ? std::optional<std::string>(toString(*state)) : std::nullopt); },
        readEvent);
}

Result<std::vector<Event>> Store::undeliveredEvents(DossierRef dossier) {
    return impl_->rows<Event>(
        "reading the outbox",
        std::string("SELECT ") + kEventColumns +
            " FROM events WHERE dossier_ref = ?1 AND state IN ('pending','uncertain') ORDER BY id",
        [&](Statement& s) { s.bind(1, dossier); }, readEvent);
}

Result<std::vector<Event>> Store::eventsCreated(EventType type, Instant from, Instant to,
                                                std::optional<DossierRef> dossier) {
    return impl_->rows<Event>(
        "reading the outbox",
        std::string("SELECT ") + kEventColumns +
            " FROM events WHERE type = ?1 AND created_at >= ?2 AND created_at < ?3 AND (?4 IS NULL OR "
            "dossier_ref = ?4) ORDER BY created_at, id",
        [&](Statement& s) {
            s.bind(1, toString(type)).bind(2, seconds(from)).bind(3, seconds(to)).bind(4, dossier);
        },
        readEvent);
}

Result<std::vector<Event>> Store::eventsOfMailItem(MailItemId item) {
    return impl_->rows<Event>(
        "reading the outbox",
        std::string("SELECT ") + kEventColumns + " FROM events WHERE mail_item = ?1 ORDER BY id",
        [&](Statement& s) { s.bind(1, item); }, readEvent);
}

Result<bool> Store::withdrawEvent(EventId id) {
    bool deleted = false;
    auto r = transaction([&]() -> Result<void> {
        return impl_->guarded<void>("withdrawing an event", [&]() -> Result<void> {
            Statement s(impl_->db.get(),
                        "DELETE FROM events WHERE id = ?1 AND state = 'pending' AND attempts = 0");
            s.bind(1, id);
            if (auto w = impl_->step(s, "withdrawing event " + std::to_string(id)); !w) return w;
            deleted = sqlite3_changes(impl_->db.get()) == 1;
            return {};
        });
    });
    if (!r) return r.error();
    return deleted;
}

Result<void> Store::updateEvent(const Event& e) {
    return transaction([&]() -> Result<void> {
        return impl_->guarded<void>("updating an event", [&]() -> Result<void> {
            Statement s(impl_->db.get(),
                        "UPDATE events SET state=?1, attempts=?2, next_try=?3, last_error=?4, "
                        "remote_uuid=?5, content=?6, count=?7 WHERE id=?8");
            s.bind(1, toString(e.state))
                .bind(2, e.attempts)
                .bind(3, seconds(e.nextTry))
                .bind(4, e.lastError)
                .bind(5, e.remoteUuid)
                .bind(6, e.content)
                .bind(7, e.count)
                .bind(8, e.id);
            if (auto w = impl_->step(s, "updating event " + std::to_string(e.id)); !w) return w;
            if (sqlite3_changes(impl_->db.get()) != 1)
                return Error{impl_->path + ": event " + std::to_string(e.id) + " does not exist"};
            return {};
        });
    });
}

// --- cards ------------------------------------------------------------------------------------------

Result<void> Store::saveCard(const Card& c) {
    return transaction([&]() -> Result<void> {
        return impl_->guarded<void>("saving a card", [&]() -> Result<void> {
            Statement s(impl_->db.get(),
                        "INSERT INTO cards (structure_id, dossier_ref, serial, issued, revoked) "
                        "VALUES (?1,?2,?3,?4,?5) ON CONFLICT(structure_id, dossier_ref) DO UPDATE "
                        "SET serial=?3, issued=?4, revoked=?5");
            s.bind(1, c.structureId).bind(2, c.dossier).bind(3, c.serial).bind(4, formatDate(c.issued));
            s.bind(5, c.revoked ? 1 : 0);
            return impl_->step(s, "saving the card of dossier " + std::to_string(c.dossier));
        });
    });
}

Result<std::optional<Card>> Store::findCard(const std::string& structureId, DossierRef dossier) {
    return impl_->row<Card>(
        "reading the card of dossier " + std::to_string(dossier),
        "SELECT serial, issued, revoked FROM cards WHERE structure_id=?1 AND dossier_ref=?2",
        [&](Statement& s) { s.bind(1, structureId).bind(2, dossier); },
        [&](const Statement& s) {
            return Card{structureId, dossier, static_cast<int>(s.getInt(0)),
                        parseDate(s.getText(1)).value_or(Date{}), s.getInt(2) != 0};
        });
}

// --- intake files -------------------------------------------------------------------------------------

Result<std::optional<IntakeFile>> Store::findIntakeFile(const std::string& fingerprint) {
    return impl_->row<IntakeFile>(
        "reading intake files",
        "SELECT name, state, mail_item, reason, attempts, owner FROM intake_files WHERE fingerprint=?1",
        [&](Statement& s) { s.bind(1, fingerprint); },
        [&](const Statement& s) {
            return IntakeFile{fingerprint,         s.getText(0), s.getText(1),
                              s.getOptionalInt(2), s.getText(3), static_cast<int>(s.getInt(4)),
                              s.getText(5)};
        });
}

Result<void> Store::saveIntakeFile(const IntakeFile& f) {
    return transaction([&]() -> Result<void> {
        return impl_->guarded<void>("saving an intake file", [&]() -> Result<void> {
            Statement s(
                impl_->db.get(),
                "INSERT INTO intake_files (fingerprint, name, state, mail_item, reason, updated_at, "
                "attempts, "
                "owner) VALUES (?1,?2,?3,?4,?5,?6,?7,?8) ON CONFLICT(fingerprint) DO UPDATE SET name=?2, "
                "state=?3, mail_item=?4, reason=?5, updated_at=?6, attempts=?7, owner=?8");
            s.bind(1, f.fingerprint).bind(2, f.name).bind(3, f.state).bind(4, f.mailItem).bind(5, f.reason);
            s.bind(6, seconds(impl_->now())).bind(7, f.attempts).bind(8, f.owner);
            return impl_->step(s, "saving intake file " + f.name);
        });
    });
}

// --- the kiosk's queue ---------------------------------------------------------------------------------

namespace {
const char* kTicketColumns =
    "id, day, number, dossier_ref, courrier, recommande, colis, created_at, closed_at, "
    "closed_by";
QueueTicket readTicket(const Statement& s) {
    QueueTicket t;
    t.id = s.getInt(0);
    t.day = parseDate(s.getText(1)).value_or(Date{});
    t.number = static_cast<int>(s.getInt(2));
    t.dossier = s.getInt(3);
    t.counts.courrier = static_cast<int>(s.getInt(4));
    t.counts.recommande = static_cast<int>(s.getInt(5));
    t.counts.colis = static_cast<int>(s.getInt(6));
    t.createdAt = instant(s.getInt(7));
    if (auto v = s.getOptionalInt(8)) t.closedAt = instant(*v);
    t.closedBy = s.getText(9);
    return t;
}
} // namespace

Result<QueueTicket> Store::issueTicket(const QueueTicket& ticket) {
    QueueTicket out = ticket;
    auto r = transaction([&]() -> Result<void> {
        return impl_->guarded<void>("issuing a ticket", [&]() -> Result<void> {
            Statement next(impl_->db.get(),
                           "SELECT coalesce(max(number), 0) + 1 FROM tickets WHERE day = ?1");
            next.bind(1, formatDate(ticket.day));
            if (next.step() != SQLITE_ROW) return impl_->fail(SQLITE_ERROR, "numbering a ticket");
            out.number = static_cast<int>(next.getInt(0));
            Statement s(impl_->db.get(),
                        "INSERT INTO tickets (day, number, dossier_ref, courrier, recommande, "
                        "colis, created_at) VALUES (?1,?2,?3,?4,?5,?6,?7)");
            s.bind(1, formatDate(ticket.day)).bind(2, out.number).bind(3, ticket.dossier);
            s.bind(4, ticket.counts.courrier).bind(5, ticket.counts.recommande).bind(6, ticket.counts.colis);
            s.bind(7, seconds(ticket.createdAt));
            if (auto w = impl_->step(s, "issuing a ticket"); !w) return w;
            out.id = sqlite3_last_insert_rowid(impl_->db.get());
            return {};
        });
    });
    if (!r) return r.error();
    return out;
}

Result<std::vector<QueueTicket>> Store::openTickets() {
    return impl_->rows<QueueTicket>(
        "reading the kiosk queue",
        std::string("SELECT ") + kTicketColumns +
            " FROM tickets WHERE closed_at IS NULL ORDER BY created_at, id",
        [](Statement&) {}, readTicket);
}

Result<std::optional<QueueTicket>> Store::findTicket(std::int64_t id) {
    return impl_->row<QueueTicket>(
        "reading ticket " + std::to_string(id),
        std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE id = ?1",
        [&](Statement& s) { s.bind(1, id); }, readTicket);
}

Result<bool> Store::closeTicket(std::int64_t id, Instant at, const std::string& staff) {
    bool changed = false;
    auto r = transaction([&]() -> Result<void> {
        return impl_->guarded<void>("closing a ticket", [&]() -> Result<void> {
            Statement s(
                impl_->db.get(),
                "UPDATE tickets SET closed_at = ?1, closed_by = ?2 WHERE id = ?3 AND closed_at IS NULL");
            s.bind(1, seconds(at)).bind(2, staff).bind(3, id);
            if (auto w = impl_->step(s, "closing ticket " + std::to_string(id)); !w) return w;
            changed = sqlite3_changes(impl_->db.get()) == 1;
            return {};
        });
    });
    if (!r) return r.error();
    return changed;
}

// --- settings and audit -----------------------------------------------------------------------------

Result<std::optional<std::string>> Store::setting(const std::string& key) {
    return impl_->row<std::string>(
        "reading setting " + key, "SELECT value FROM settings WHERE key=?1",
        [&](Statement& s) { s.bind(1, key); }, [](const Statement& s) { return s.getText(0); });
}

Result<void> Store::setSetting(const std::string& key, const std::string& value) {
    return transaction([&]() -> Result<void> {
        return impl_->guarded<void>("saving settings", [&]() -> Result<void> {
            Statement s(
                impl_->db.get(),
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value=?2");
            s.bind(1, key).bind(2, value);
            return impl_->step(s, "saving setting " + key);
        });
    });
}

} // namespace guichet::store
