#include "guichet/store/Store.hpp"

#include "Migrations.hpp"
#include "Sqlite.hpp"
#include "StoreCodec.hpp"

#include <exception>

namespace guichet::store {

using sql::Statement;

struct Store::Impl {
    sql::DbHandle db;
    std::string path;
    int version = 0;
    int transactionDepth = 0;

    Error fail(int code, std::string_view what) const { return sql::describe(db.get(), code, path, what); }

    Result<void> exec(const char* statements, std::string_view what) {
        char* message = nullptr;
        int rc = sqlite3_exec(db.get(), statements, nullptr, nullptr, &message);
        sqlite3_free(message);
        if (rc != SQLITE_OK) return fail(rc, what);
        return {};
    }

    Result<std::int64_t> pragmaInt(const char* pragma) {
        sqlite3_stmt* raw = nullptr;
        int rc = sqlite3_prepare_v2(db.get(), pragma, -1, &raw, nullptr);
        if (rc != SQLITE_OK) {
            sqlite3_finalize(raw);
            return fail(rc, "reading the file header");
        }
        rc = sqlite3_step(raw);
        std::int64_t value = rc == SQLITE_ROW ? sqlite3_column_int64(raw, 0) : 0;
        sqlite3_finalize(raw);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) return fail(rc, "reading the file header");
        return value;
    }

    /// Runs `body` and turns a thrown vendor error (prepare failing on a damaged or locked file)
    /// into an Error naming the file.
    template <typename T, typename F>
    Result<T> guarded(std::string_view what, F&& body) {
        try {
            return body();
        } catch (const std::exception& e) {
            return Error{path + ": " + std::string(what) + ": " + e.what()};
        }
    }

    /// Every row of a query, each read by `read`.
    template <typename T, typename Bind, typename Read>
    Result<std::vector<T>> rows(const std::string& what, const std::string& sql, Bind&& bind, Read&& read) {
        return guarded<std::vector<T>>(what, [&]() -> Result<std::vector<T>> {
            Statement s(db.get(), sql);
            bind(s);
            std::vector<T> out;
            int rc;
            while ((rc = s.step()) == SQLITE_ROW)
                out.push_back(read(s));
            if (rc != SQLITE_DONE) return fail(rc, what);
            return out;
        });
    }

    /// The first row of a query, if there is one.
    template <typename T, typename Bind, typename Read>
    Result<std::optional<T>> row(const std::string& what, const std::string& sql, Bind&& bind, Read&& read) {
        return guarded<std::optional<T>>(what, [&]() -> Result<std::optional<T>> {
            Statement s(db.get(), sql);
            bind(s);
            int rc = s.step();
            if (rc == SQLITE_ROW) return std::optional<T>(read(s));
            if (rc == SQLITE_DONE) return std::optional<T>();
            return fail(rc, what);
        });
    }

    Result<EventId> insertEvent(const Event& e, std::optional<MailItemId> mailItem);

    Result<void> step(Statement& stmt, std::string_view what) {
        int rc = stmt.step();
        if (rc != SQLITE_DONE && rc != SQLITE_ROW) return fail(rc, what);
        return {};
    }
};

namespace {

std::int64_t seconds(Instant t) {
    return t.time_since_epoch().count();
}
Instant instant(std::int64_t s) {
    return Instant{std::chrono::seconds{s}};
}

const char* kDossierColumns =
    "ref, custom_ref, nom, prenom, surnom, date_naissance, statut, date_debut, date_fin, "
    "details, pending_courrier, pending_recommande, pending_colis, last_visit";

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
        .bind(15, updatedAt);
}

const char* kMailColumns =
    "id, kind, count, arrived_at, dossier_ref, method, matched_by, confidence, tracking, "
    "source, state, crop_path, candidates";

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
    return m;
}

void bindMailItem(Statement& s, const MailItem& m) {
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
        .bind(13, seconds(now()));
}

const char* kEventColumns =
    "id, type, dossier_ref, count, procuration_index, return_to_sender, content, batch_key, "
    "created_at, state, attempts, next_try, last_error, remote_uuid, mail_item";

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
    sqlite3* raw = nullptr;
    int flags = options.readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    impl->db.reset(raw);
    if (rc != SQLITE_OK) return impl->fail(rc, "cannot open the store");
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
        if (auto r = impl->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
                                "setting up the journal");
            !r)
            return r.error();
        const auto& steps = migrations();
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
    }
    return Store(std::move(impl));
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

Result<UpsertStats> Store::upsertDossiers(const std::vector<Dossier>& dossiers) {
    UpsertStats stats;
    auto r = transaction([&]() -> Result<void> {
        return impl_->guarded<void>("importing dossiers", [&]() -> Result<void> {
            Statement find(impl_->db.get(),
                           std::string("SELECT ") + kDossierColumns + " FROM dossiers WHERE ref = ?1");
            Statement insert(
                impl_->db.get(),
                std::string("INSERT INTO dossiers (") + kDossierColumns +
                    ", updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15) "
                    "ON CONFLICT(ref) DO UPDATE SET custom_ref=?2, nom=?3, prenom=?4, surnom=?5, "
                    "date_naissance=?6, statut=?7, date_debut=?8, date_fin=?9, details=?10, "
                    "pending_courrier=?11, pending_recommande=?12, pending_colis=?13, last_visit=?14, "
                    "updated_at=?15");
            std::int64_t stamp = seconds(now());
            for (const Dossier& d : dossiers) {
                find.reset();
                find.bind(1, d.ref);
                int rc = find.step();
                if (rc == SQLITE_ROW) {
                    if (readDossier(find) == d) {
                        ++stats.unchanged;
                        continue;
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

Result<MailItemId> Store::recordMailItem(const MailItem& item, const std::optional<Event>& event) {
    MailItemId id = 0;
    auto r = transaction([&]() -> Result<void> {
        return impl_->guarded<void>("recording a mail item", [&]() -> Result<void> {
            Statement s(impl_->db.get(), "INSERT INTO mail_items (kind, count, arrived_at, dossier_ref, "
                                         "method, matched_by, confidence, "
                                         "tracking, source, state, crop_path, candidates, updated_at) "
                                         "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)");
            bindMailItem(s, item);
            if (auto w = impl_->step(s, "recording a mail item"); !w) return w;
            id = sqlite3_last_insert_rowid(impl_->db.get());
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
                        "candidates=?12, updated_at=?13 WHERE id=?14");
            bindMailItem(s, item);
            s.bind(14, item.id);
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
                "batch_key, created_at, state, attempts, next_try, last_error, remote_uuid, mail_item) "
                "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)");
    s.bind(1, toString(e.type))
        .bind(2, e.dossier)
        .bind(3, e.count)
        .bind(4, e.procurationIndex)
        .bind(5, e.returnToSender ? 1 : 0)
        .bind(6, e.content)
        .bind(7, e.batchKey)
        .bind(8, seconds(e.createdAt == Instant{} ? now() : e.createdAt))
        .bind(9, toString(e.state))
        .bind(10, e.attempts)
        .bind(11, seconds(e.nextTry))
        .bind(12, e.lastError)
        .bind(13, e.remoteUuid)
        .bind(14, mailItem ? mailItem : e.mailItem);
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
        "SELECT name, state, mail_item, reason FROM intake_files WHERE fingerprint=?1",
        [&](Statement& s) { s.bind(1, fingerprint); },
        [&](const Statement& s) {
            return IntakeFile{fingerprint, s.getText(0), s.getText(1), s.getOptionalInt(2), s.getText(3)};
        });
}

Result<void> Store::saveIntakeFile(const IntakeFile& f) {
    return transaction([&]() -> Result<void> {
        return impl_->guarded<void>("saving an intake file", [&]() -> Result<void> {
            Statement s(
                impl_->db.get(),
                "INSERT INTO intake_files (fingerprint, name, state, mail_item, reason, updated_at) "
                "VALUES (?1,?2,?3,?4,?5,?6) ON CONFLICT(fingerprint) DO UPDATE SET name=?2, state=?3, "
                "mail_item=?4, reason=?5, updated_at=?6");
            s.bind(1, f.fingerprint).bind(2, f.name).bind(3, f.state).bind(4, f.mailItem).bind(5, f.reason);
            s.bind(6, seconds(now()));
            return impl_->step(s, "saving intake file " + f.name);
        });
    });
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

Result<void> Store::audit(const std::string& actor, const std::string& action, const std::string& subject) {
    return transaction([&]() -> Result<void> {
        return impl_->guarded<void>("writing the audit log", [&]() -> Result<void> {
            Statement s(impl_->db.get(),
                        "INSERT INTO audit_log (at, actor, action, subject) VALUES (?1,?2,?3,?4)");
            s.bind(1, seconds(now())).bind(2, actor).bind(3, action).bind(4, subject);
            return impl_->step(s, "writing the audit log");
        });
    });
}

Result<std::vector<AuditEntry>> Store::auditLog(int limit) {
    return impl_->rows<AuditEntry>(
        "reading the audit log",
        "SELECT id, at, actor, action, subject FROM audit_log ORDER BY id DESC LIMIT ?1",
        [&](Statement& s) { s.bind(1, limit); },
        [](const Statement& s) {
            return AuditEntry{s.getInt(0), instant(s.getInt(1)), s.getText(2), s.getText(3), s.getText(4)};
        });
}

} // namespace guichet::store
