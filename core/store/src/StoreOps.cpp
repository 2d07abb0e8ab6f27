// The store's operations side: the chained audit log, retention, backup and restore.
#include "Migrations.hpp"
#include "StoreImpl.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <sodium.h>
#include <sstream>
#include <sys/stat.h>
#include <tuple>
#include <unistd.h>

namespace guichet::store {

namespace {

std::int64_t secondsOf(Instant t) {
    return t.time_since_epoch().count();
}
Instant instantOf(std::int64_t s) {
    return Instant{std::chrono::seconds{s}};
}

/// The hash before the first row of a store that never purged its audit log.
const std::string kGenesis(64, '0');

/// One link: BLAKE2b-256 over a domain tag, the previous link and the row's fields, each field
/// length-prefixed so that no two rows can be spelled the same.
std::string chainHash(const std::string& prev, std::int64_t id, std::int64_t at, const std::string& actor,
                      const std::string& action, const std::string& subject) {
    static const bool ready = sodium_init() >= 0;
    (void)ready;
    std::string message = "guichet-audit-v1";
    for (const std::string& field : {prev, std::to_string(id), std::to_string(at), actor, action, subject}) {
        message += '\0' + std::to_string(field.size()) + ':';
        message += field;
    }
    std::array<unsigned char, 32> out{};
    crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), nullptr, 0);
    static const char* hex = "0123456789abcdef";
    std::string text;
    for (unsigned char b : out) {
        text += hex[b >> 4];
        text += hex[b & 15];
    }
    return text;
}

struct Anchor {
    std::int64_t through = 0;
    std::string hash = kGenesis;
};

AuditEntry readAudit(const Statement& s) {
    return AuditEntry{s.getInt(0),  instantOf(s.getInt(1)), s.getText(2),
                      s.getText(3), s.getText(4),           s.getText(5)};
}

const char* kAuditColumns = "id, at, actor, action, subject, hash";

bool mentions(const std::string& subject, const std::vector<std::string>& tokens) {
    std::istringstream words(subject);
    std::string word;
    while (words >> word)
        if (std::find(tokens.begin(), tokens.end(), word) != tokens.end()) return true;
    return false;
}

} // namespace

// --- the chained audit log ------------------------------------------------------------------------

namespace {
Result<Anchor> readAnchor(Store::Impl& impl) {
    auto a = impl.row<Anchor>(
        "reading the audit anchor", "SELECT through_id, hash FROM audit_anchor WHERE id = 1",
        [](Statement&) {},
        [](const Statement& s) {
            return Anchor{s.getInt(0), s.getText(1)};
        });
    if (!a) return a.error();
    return a->value_or(Anchor{});
}
} // namespace

Result<void> Store::Impl::appendAudit(Instant at, const std::string& actor, const std::string& action,
                                      const std::string& subject) {
    return guarded<void>("writing the audit log", [&]() -> Result<void> {
        auto anchor = readAnchor(*this);
        if (!anchor) return anchor.error();
        std::int64_t lastId = anchor->through;
        std::string lastHash = anchor->hash;
        Statement last(db.get(), "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
        int rc = last.step();
        if (rc == SQLITE_ROW) {
            lastId = last.getInt(0);
            lastHash = last.getText(1);
        } else if (rc != SQLITE_DONE) {
            return fail(rc, "writing the audit log");
        }
        // The next id after the highest ever given: rows deleted at the end leave a hole that
        // verification finds, instead of being papered over by the next row.
        auto seq =
            pragmaInt("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0)");
        if (!seq) return seq.error();
        const std::int64_t id = std::max(lastId, *seq) + 1;
        const std::int64_t stamp = secondsOf(at);
        Statement s(db.get(), "INSERT INTO audit_log (id, at, actor, action, subject, prev_hash, hash) "
                              "VALUES (?1,?2,?3,?4,?5,?6,?7)");
        s.bind(1, id).bind(2, stamp).bind(3, actor).bind(4, action).bind(5, subject).bind(6, lastHash);
        s.bind(7, chainHash(lastHash, id, stamp, actor, action, subject));
        return step(s, "writing the audit log");
    });
}

Result<void> Store::Impl::sealLegacyAudit() {
    auto unsealed = pragmaInt("SELECT count(*) FROM audit_log WHERE hash = ''");
    if (!unsealed) return unsealed.error();
    auto all = pragmaInt("SELECT count(*) FROM audit_log");
    if (!all) return all.error();
    if (*unsealed == 0 || *unsealed != *all) return {};
    if (auto r = exec("BEGIN IMMEDIATE", "chaining the audit log"); !r) return r;
    auto sealed = guarded<void>("chaining the audit log", [&]() -> Result<void> {
        Statement rows(db.get(), "SELECT id, at, actor, action, subject FROM audit_log ORDER BY id");
        Statement seal(db.get(), "UPDATE audit_log SET prev_hash = ?1, hash = ?2 WHERE id = ?3");
        std::string prev = kGenesis;
        int rc;
        while ((rc = rows.step()) == SQLITE_ROW) {
            const std::string hash = chainHash(prev, rows.getInt(0), rows.getInt(1), rows.getText(2),
                                               rows.getText(3), rows.getText(4));
            seal.reset();
            seal.bind(1, prev).bind(2, hash).bind(3, rows.getInt(0));
            if (auto w = step(seal, "chaining the audit log"); !w) return w;
            prev = hash;
        }
        if (rc != SQLITE_DONE) return fail(rc, "chaining the audit log");
        return {};
    });
    if (!sealed) {
        exec("ROLLBACK", "rolling back").has_value();
        return sealed;
    }
    return exec("COMMIT", "chaining the audit log");
}

Result<void> Store::audit(const std::string& actor, const std::string& action, const std::string& subject) {
    return transaction([&]() { return impl_->appendAudit(impl_->now(), actor, action, subject); });
}

Result<std::vector<AuditEntry>> Store::auditLog(int limit) {
    return impl_->rows<AuditEntry>(
        "reading the audit log",
        std::string("SELECT ") + kAuditColumns + " FROM audit_log ORDER BY id DESC LIMIT ?1",
        [&](Statement& s) { s.bind(1, limit); }, readAudit);
}

Result<std::vector<AuditEntry>> Store::auditMentioning(const std::vector<std::string>& tokens) {
    std::vector<AuditEntry> out;
    for (const std::string& token : tokens) {
        auto rows = impl_->rows<AuditEntry>(
            "reading the audit log",
            std::string("SELECT ") + kAuditColumns + " FROM audit_log WHERE instr(subject, ?1) > 0",
            [&](Statement& s) { s.bind(1, token); }, readAudit);
        if (!rows) return rows.error();
        for (AuditEntry& e : *rows)
            if (mentions(e.subject, tokens) &&
                std::none_of(out.begin(), out.end(), [&](const AuditEntry& o) { return o.id == e.id; }))
                out.push_back(std::move(e));
    }
    std::sort(out.begin(), out.end(), [](const AuditEntry& a, const AuditEntry& b) { return a.id < b.id; });
    return out;
}

Result<AuditVerification> Store::verifyAudit() {
    Impl& impl = *impl_;
    return impl.guarded<AuditVerification>("verifying the audit log", [&]() -> Result<AuditVerification> {
        AuditVerification v;
        auto anchor = readAnchor(impl);
        if (!anchor) return anchor.error();
        v.anchoredThrough = anchor->through;
        std::string prev = anchor->hash;
        std::int64_t expected = anchor->through + 1;
        Statement rows(impl.db.get(),
                       "SELECT id, at, actor, action, subject, prev_hash, hash FROM audit_log ORDER BY id");
        auto bad = [&](std::int64_t row, std::string problem) {
            v.ok = false;
            v.badRow = row;
            v.problem = std::move(problem);
            return v;
        };
        int rc;
        while ((rc = rows.step()) == SQLITE_ROW) {
            const std::int64_t id = rows.getInt(0);
            if (id < expected)
                return bad(id, "row " + std::to_string(id) + " is older than the retention anchor (row " +
                                   std::to_string(anchor->through) + "): it was put back");
            if (id > expected)
                return bad(expected, expected + 1 == id ? "row " + std::to_string(expected) + " was deleted"
                                                        : "rows " + std::to_string(expected) + " to " +
                                                              std::to_string(id - 1) + " were deleted");
            const std::string hash =
                chainHash(prev, id, rows.getInt(1), rows.getText(2), rows.getText(3), rows.getText(4));
            if (rows.getText(5) != prev)
                return bad(id, "row " + std::to_string(id) + " does not follow the row before it (" +
                                   (id == anchor->through + 1 ? std::string("the retention anchor")
                                                              : "row " + std::to_string(id - 1)) +
                                   " was changed, or rows were rewritten)");
            if (rows.getText(6) != hash)
                return bad(id, "row " + std::to_string(id) +
                                   " was edited (its content no longer matches its hash)");
            prev = hash;
            ++expected;
            ++v.rows;
        }
        if (rc != SQLITE_DONE) return impl.fail(rc, "verifying the audit log");
        // The highest id ever given: rows deleted at the end leave it above the last row.
        auto seq =
            impl.pragmaInt("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0)");
        if (!seq) return seq.error();
        if (*seq >= expected)
            return bad(expected, *seq == expected
                                     ? "row " + std::to_string(expected) + " (the last one) was deleted"
                                     : "rows " + std::to_string(expected) + " to " + std::to_string(*seq) +
                                           " (the last ones) were deleted");
        v.head = prev;
        return v;
    });
}

// --- retention ---------------------------------------------------------------------------------------

namespace {

const char* kClosedColumns = "id, kind, count, arrived_at, method, state, closed_at, handed_to_proxy";
constexpr int kBatch = 200;

std::string dayOf(std::int64_t at) {
    return formatDate(dateOf(instantOf(at)));
}

struct DayDelta {
    PendingCounts received;
    int automatic = 0, confirmed = 0, manual = 0, person = 0, proxy = 0, returned = 0, visits = 0;
    std::vector<std::int64_t> collection;
};

Result<void> addDays(Store::Impl& impl, const std::map<std::string, DayDelta>& days) {
    Statement up(impl.db.get(),
                 "INSERT INTO mail_daily (day, courrier, recommande, colis, automatic, confirmed, manual, "
                 "handed_to_person, handed_to_proxy, returned, visits, collection_seconds) VALUES "
                 "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12) ON CONFLICT(day) DO UPDATE SET "
                 "courrier=courrier+?2, recommande=recommande+?3, colis=colis+?4, automatic=automatic+?5, "
                 "confirmed=confirmed+?6, manual=manual+?7, handed_to_person=handed_to_person+?8, "
                 "handed_to_proxy=handed_to_proxy+?9, returned=returned+?10, visits=visits+?11, "
                 "collection_seconds = CASE WHEN collection_seconds = '' THEN ?12 WHEN ?12 = '' THEN "
                 "collection_seconds ELSE collection_seconds || ',' || ?12 END");
    for (const auto& [day, d] : days) {
        std::string seconds;
        for (std::int64_t s : d.collection)
            seconds += (seconds.empty() ? "" : ",") + std::to_string(s);
        up.reset();
        up.bind(1, day)
            .bind(2, d.received.courrier)
            .bind(3, d.received.recommande)
            .bind(4, d.received.colis)
            .bind(5, d.automatic)
            .bind(6, d.confirmed)
            .bind(7, d.manual)
            .bind(8, d.person)
            .bind(9, d.proxy)
            .bind(10, d.returned)
            .bind(11, d.visits)
            .bind(12, seconds);
        if (auto w = impl.step(up, "keeping the daily counts of " + day); !w) return w;
    }
    return {};
}

} // namespace

Result<PurgeReport> Store::purge(const RetentionPolicy& policy, Instant at, bool dryRun,
                                 const std::function<void(const PurgeReport&)>& afterBatch) {
    Impl& impl = *impl_;
    if (policy.cropDays < 1 || policy.mailDays < 1 || policy.auditDays < 1)
        return Error{impl.path + ": retention: every period must be at least 1 day"};
    const std::int64_t cropCut = secondsOf(at) - std::int64_t{policy.cropDays} * 86400;
    const std::int64_t mailCut = secondsOf(at) - std::int64_t{policy.mailDays} * 86400;
    const std::int64_t auditCut = secondsOf(at) - std::int64_t{policy.auditDays} * 86400;
    PurgeReport report;
    auto count = [&](const std::string& what, const std::string& sql,
                     std::int64_t cut) -> Result<std::int64_t> {
        auto n = impl.row<std::int64_t>(
            what, sql, [&](Statement& s) { s.bind(1, cut); }, [](const Statement& s) { return s.getInt(0); });
        if (!n) return n.error();
        return n->value_or(0);
    };
    auto run = [&](const std::function<Result<void>()>& work) -> Result<void> {
        if (auto r = transaction(work); !r) return r;
        if (afterBatch) afterBatch(report);
        return {};
    };
    static const std::string kEligible =
        " FROM mail_items m WHERE m.state IN ('handed_over','return_to_sender') AND m.closed_at IS NOT NULL "
        "AND m.closed_at < ?1 AND m.arrived_at < ?1 AND NOT EXISTS (SELECT 1 FROM events e WHERE "
        "e.mail_item = m.id AND e.state != 'delivered')";
    static const std::string kHeld =
        " FROM mail_items m WHERE m.state IN ('handed_over','return_to_sender') AND m.closed_at IS NOT NULL "
        "AND m.closed_at < ?1 AND m.arrived_at < ?1 AND EXISTS (SELECT 1 FROM events e WHERE "
        "e.mail_item = m.id AND e.state != 'delivered')";
    static const std::string kOldEvents =
        " FROM events WHERE state = 'delivered' AND created_at < ?1 AND mail_item IS NULL";
    static const std::string kCrops =
        " FROM mail_crops WHERE mail_item IN (SELECT id FROM mail_items WHERE decided_at IS NOT NULL AND "
        "decided_at < ?1)";
    static const std::string kTickets = " FROM tickets WHERE closed_at IS NOT NULL AND closed_at < ?1";
    static const std::string kIntake =
        " FROM intake_files WHERE state IN ('done','failed') AND updated_at < ?1";
    static const std::string kCards =
        " FROM cards WHERE revoked = 0 AND dossier_ref NOT IN (SELECT ref FROM dossiers) AND ?1 = ?1";

    auto held = count("counting held items", "SELECT count(*)" + kHeld, mailCut);
    if (!held) return held.error();
    report.heldBack = *held;

    if (dryRun) {
        struct Q {
            std::int64_t* into;
            std::string sql;
            std::int64_t cut;
        };
        auto auditRows = impl.row<std::int64_t>(
            "counting audit rows",
            "SELECT count(*) FROM audit_log WHERE id < coalesce((SELECT min(id) FROM audit_log WHERE at >= "
            "?1), "
            "(SELECT max(id) + 1 FROM audit_log))",
            [&](Statement& s) { s.bind(1, auditCut); }, [](const Statement& s) { return s.getInt(0); });
        if (!auditRows) return auditRows.error();
        report.auditRows = auditRows->value_or(0);
        for (const Q& q : {Q{&report.crops, "SELECT count(*)" + kCrops, cropCut},
                           Q{&report.mailItems, "SELECT count(*)" + kEligible, mailCut},
                           Q{&report.tickets, "SELECT count(*)" + kTickets, mailCut},
                           Q{&report.intakeFiles, "SELECT count(*)" + kIntake, mailCut},
                           Q{&report.cardsRevoked, "SELECT count(*)" + kCards, 0}}) {
            auto n = count("counting what retention would delete", q.sql, q.cut);
            if (!n) return n.error();
            *q.into = *n;
        }
        auto events =
            count("counting old events",
                  "SELECT (SELECT count(*)" + kOldEvents +
                      ") + (SELECT count(*) FROM events WHERE mail_item IN (SELECT id" + kEligible + "))",
                  mailCut);
        if (!events) return events.error();
        report.events = *events;
        return report;
    }

    // 1. Cards of dossiers DomiFa no longer lists: revoked.
    if (auto r = run([&]() -> Result<void> {
            Statement s(impl.db.get(),
                        "UPDATE cards SET revoked = 1 WHERE revoked = 0 AND dossier_ref NOT IN "
                        "(SELECT ref FROM dossiers)");
            if (auto w = impl.step(s, "revoking cards of removed dossiers"); !w) return w;
            report.cardsRevoked += sqlite3_changes(impl.db.get());
            return {};
        });
        !r)
        return r.error();

    // 2. Crops of items decided long enough ago.
    if (auto r = run([&]() -> Result<void> {
            Statement s(impl.db.get(), "DELETE" + kCrops);
            s.bind(1, cropCut);
            if (auto w = impl.step(s, "deleting address crops"); !w) return w;
            report.crops += sqlite3_changes(impl.db.get());
            return {};
        });
        !r)
        return r.error();

    // 3. Closed items past retention, a batch at a time: counted per day, then deleted with their
    //    (delivered) events and crops.
    for (;;) {
        bool more = false;
        auto r = run([&]() -> Result<void> {
            return impl.guarded<void>("reducing old mail to daily counts", [&]() -> Result<void> {
                Statement pick(impl.db.get(), std::string("SELECT ") + kClosedColumns + kEligible +
                                                  " ORDER BY m.id LIMIT " + std::to_string(kBatch));
                pick.bind(1, mailCut);
                std::map<std::string, DayDelta> days;
                std::vector<std::int64_t> ids;
                int rc;
                while ((rc = pick.step()) == SQLITE_ROW) {
                    ids.push_back(pick.getInt(0));
                    DayDelta& arrival = days[dayOf(pick.getInt(3))];
                    arrival.received[parseMailKind(pick.getText(1)).value_or(MailKind::Courrier)] +=
                        static_cast<int>(pick.getInt(2));
                    switch (parseMatchMethod(pick.getText(4)).value_or(MatchMethod::Unmatched)) {
                    case MatchMethod::Auto:
                        ++arrival.automatic;
                        break;
                    case MatchMethod::StaffConfirmed:
                        ++arrival.confirmed;
                        break;
                    case MatchMethod::StaffManual:
                        ++arrival.manual;
                        break;
                    case MatchMethod::Unmatched:
                        break;
                    }
                    DayDelta& closing = days[dayOf(pick.getInt(6))];
                    if (pick.getText(5) == "handed_over") {
                        ++(pick.isNull(7) ? closing.person : closing.proxy);
                        closing.collection.push_back(pick.getInt(6) - pick.getInt(3));
                    } else {
                        ++closing.returned;
                    }
                }
                if (rc != SQLITE_DONE) return impl.fail(rc, "reading old mail");
                if (ids.empty()) return {};
                more = ids.size() == static_cast<size_t>(kBatch);
                if (auto w = addDays(impl, days); !w) return w;
                Statement events(impl.db.get(), "DELETE FROM events WHERE mail_item = ?1");
                Statement crop(impl.db.get(), "DELETE FROM mail_crops WHERE mail_item = ?1");
                Statement item(impl.db.get(), "DELETE FROM mail_items WHERE id = ?1");
                for (std::int64_t id : ids) {
                    events.reset();
                    events.bind(1, id);
                    if (auto w = impl.step(events, "deleting old events"); !w) return w;
                    report.events += sqlite3_changes(impl.db.get());
                    crop.reset();
                    crop.bind(1, id);
                    if (auto w = impl.step(crop, "deleting an address crop"); !w) return w;
                    report.crops += sqlite3_changes(impl.db.get());
                    item.reset();
                    item.bind(1, id);
                    if (auto w = impl.step(item, "deleting mail item " + std::to_string(id)); !w) return w;
                }
                report.mailItems += static_cast<std::int64_t>(ids.size());
                return {};
            });
        });
        if (!r) return r.error();
        if (!more) break;
    }

    // 4. Delivered events of no item (visits counted first, hand-overs), closed tickets, intake records.
    if (auto r = run([&]() -> Result<void> {
            return impl.guarded<void>("deleting old events", [&]() -> Result<void> {
                Statement visits(impl.db.get(), "SELECT created_at" + kOldEvents + " AND type = 'visite'");
                visits.bind(1, mailCut);
                std::map<std::string, DayDelta> days;
                int rc;
                while ((rc = visits.step()) == SQLITE_ROW)
                    ++days[dayOf(visits.getInt(0))].visits;
                if (rc != SQLITE_DONE) return impl.fail(rc, "counting old visits");
                if (auto w = addDays(impl, days); !w) return w;
                for (auto [what, sql, into] :
                     {std::tuple{"deleting old events", "DELETE" + kOldEvents, &report.events},
                      std::tuple{"deleting closed tickets", "DELETE" + kTickets, &report.tickets},
                      std::tuple{"deleting intake records", "DELETE" + kIntake, &report.intakeFiles}}) {
                    Statement s(impl.db.get(), sql);
                    s.bind(1, mailCut);
                    if (auto w = impl.step(s, what); !w) return w;
                    *into += sqlite3_changes(impl.db.get());
                }
                return {};
            });
        });
        !r)
        return r.error();

    // 5. Audit rows past retention: the oldest run of them, the anchor moved to the last one deleted
    //    so the chain still verifies; the purge itself is the next row.
    if (auto r = run([&]() -> Result<void> {
            return impl.guarded<void>("purging the audit log", [&]() -> Result<void> {
                Statement last(impl.db.get(),
                               "SELECT id, hash FROM audit_log WHERE id < coalesce((SELECT min(id) FROM "
                               "audit_log WHERE at >= ?1), (SELECT max(id) + 1 FROM audit_log)) ORDER BY id "
                               "DESC LIMIT 1");
                last.bind(1, auditCut);
                int rc = last.step();
                if (rc == SQLITE_ROW) {
                    const std::int64_t through = last.getInt(0);
                    const std::string hash = last.getText(1);
                    Statement anchor(
                        impl.db.get(),
                        "INSERT INTO audit_anchor (id, through_id, hash, purged_at) VALUES (1,?1,?2,?3) "
                        "ON CONFLICT(id) DO UPDATE SET through_id=?1, hash=?2, purged_at=?3");
                    anchor.bind(1, through).bind(2, hash).bind(3, secondsOf(at));
                    if (auto w = impl.step(anchor, "moving the audit anchor"); !w) return w;
                    Statement del(impl.db.get(), "DELETE FROM audit_log WHERE id <= ?1");
                    del.bind(1, through);
                    if (auto w = impl.step(del, "purging the audit log"); !w) return w;
                    report.auditRows += sqlite3_changes(impl.db.get());
                } else if (rc != SQLITE_DONE) {
                    return impl.fail(rc, "purging the audit log");
                }
                std::ostringstream subject;
                subject << "crops:" << report.crops << " mail:" << report.mailItems
                        << " events:" << report.events << " tickets:" << report.tickets
                        << " intake:" << report.intakeFiles << " audit:" << report.auditRows
                        << " cards:" << report.cardsRevoked;
                return impl.appendAudit(at, "purge", "retention.purged", subject.str());
            });
        });
        !r)
        return r.error();

    // What was deleted leaves the write-ahead log too.
    (void)impl.exec("PRAGMA wal_checkpoint(TRUNCATE)", "checkpointing");
    return report;
}

Result<std::vector<DailyCounts>> Store::dailyCounts(Date from, Date to) {
    return impl_->rows<DailyCounts>(
        "reading daily counts",
        "SELECT day, courrier, recommande, colis, automatic, confirmed, manual, handed_to_person, "
        "handed_to_proxy, returned, visits, collection_seconds FROM mail_daily WHERE day >= ?1 AND day <= ?2 "
        "ORDER BY day",
        [&](Statement& s) { s.bind(1, formatDate(from)).bind(2, formatDate(to)); },
        [](const Statement& s) {
            DailyCounts d;
            d.day = parseDate(s.getText(0)).value_or(Date{});
            d.received.courrier = static_cast<int>(s.getInt(1));
            d.received.recommande = static_cast<int>(s.getInt(2));
            d.received.colis = static_cast<int>(s.getInt(3));
            d.automatic = static_cast<int>(s.getInt(4));
            d.confirmed = static_cast<int>(s.getInt(5));
            d.manual = static_cast<int>(s.getInt(6));
            d.handedToPerson = static_cast<int>(s.getInt(7));
            d.handedToProxy = static_cast<int>(s.getInt(8));
            d.returned = static_cast<int>(s.getInt(9));
            d.visits = static_cast<int>(s.getInt(10));
            std::istringstream list(s.getText(11));
            std::string one;
            while (std::getline(list, one, ','))
                if (!one.empty()) d.collectionSeconds.push_back(std::stoll(one));
            return d;
        });
}

// --- health, backup and restore ----------------------------------------------------------------------

Result<std::string> Store::storeId() {
    auto id = setting("store.id");
    if (!id) return id.error();
    if (!*id) return Error{impl_->path + ": the store has no id (schema older than 5)"};
    return **id;
}

Result<std::string> Store::integrityCheck() {
    auto r = impl_->row<std::string>(
        "checking the file's integrity", "PRAGMA integrity_check(1)", [](Statement&) {},
        [](const Statement& s) { return s.getText(0); });
    if (!r) return r.error();
    return r->value_or("ok");
}

namespace {

Result<void> copyDatabase(sqlite3* from, sqlite3* into, const std::string& file) {
    sqlite3_backup* backup = sqlite3_backup_init(into, "main", from, "main");
    if (!backup) return sql::describe(into, sqlite3_errcode(into), file, "starting the copy");
    // One step over every page: one read snapshot of the source (WAL: the desk keeps writing).
    int rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) return sql::describe(into, rc, file, "copying the store");
    return {};
}

Result<void> syncFile(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error{path + ": cannot open to sync: " + std::strerror(errno)};
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) return Error{path + ": cannot sync to disk: " + std::strerror(errno)};
    return {};
}

} // namespace

Result<void> Store::backupTo(const std::string& file, const std::vector<BackupFile>& files) {
    const std::string tmp = file + ".tmp";
    ::unlink(tmp.c_str());
    // Created 0600 before SQLite opens it: a backup holds personal data (and maybe keys).
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return Error{tmp + ": cannot create the backup: " + std::strerror(errno)};
    ::close(fd);
    auto fail = [&](Error e) -> Result<void> {
        ::unlink(tmp.c_str());
        return e;
    };
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(tmp.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
    sql::DbHandle out(raw);
    if (rc != SQLITE_OK) return fail(sql::describe(raw, rc, tmp, "cannot open the backup file"));
    if (auto r = copyDatabase(impl_->db.get(), out.get(), tmp); !r) return fail(r.error());
    char* message = nullptr;
    rc =
        sqlite3_exec(out.get(),
                     "PRAGMA journal_mode=DELETE; CREATE TABLE IF NOT EXISTS backup_files (name TEXT PRIMARY "
                     "KEY, mode INTEGER NOT NULL, bytes BLOB NOT NULL);",
                     nullptr, nullptr, &message);
    sqlite3_free(message);
    if (rc != SQLITE_OK) return fail(sql::describe(out.get(), rc, tmp, "preparing the backup"));
    try {
        for (const BackupFile& f : files) {
            Statement s(out.get(),
                        "INSERT OR REPLACE INTO backup_files (name, mode, bytes) VALUES (?1,?2,?3)");
            s.bind(1, f.name).bind(2, f.mode).bindBlob(
                3, std::vector<unsigned char>(f.bytes.begin(), f.bytes.end()));
            if (int st = s.step(); st != SQLITE_DONE)
                return fail(sql::describe(out.get(), st, tmp, "adding " + f.name + " to the backup"));
        }
    } catch (const std::exception& e) {
        return fail(Error{tmp + ": " + e.what()});
    }
    out.reset();
    if (auto r = syncFile(tmp); !r) return fail(r.error());
    if (::rename(tmp.c_str(), file.c_str()) != 0)
        return fail(Error{file + ": cannot put the backup in place: " + std::strerror(errno)});
    return {};
}

Result<StoreFileInfo> Store::inspect(const std::string& file) {
    if (::access(file.c_str(), R_OK) != 0) return Error{file + ": cannot read: " + std::strerror(errno)};
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    sql::DbHandle db(raw);
    if (rc != SQLITE_OK) return sql::describe(raw, rc, file, "cannot open");
    StoreFileInfo info;
    try {
        auto one = [&](const char* query) -> std::optional<std::string> {
            Statement s(db.get(), query);
            if (s.step() == SQLITE_ROW) return s.getText(0);
            return std::nullopt;
        };
        info.guichetStore = one("PRAGMA application_id").value_or("0") == std::to_string(kApplicationId);
        if (!info.guichetStore) return info;
        info.schema = std::stoi(one("PRAGMA user_version").value_or("0"));
        info.integrity = one("PRAGMA integrity_check(1)").value_or("ok");
        if (one("SELECT name FROM sqlite_master WHERE name = 'settings'"))
            info.storeId = one("SELECT value FROM settings WHERE key = 'store.id'").value_or("");
        if (one("SELECT name FROM sqlite_master WHERE name = 'backup_files'")) {
            Statement s(db.get(), "SELECT name, mode, bytes FROM backup_files ORDER BY name");
            while (s.step() == SQLITE_ROW) {
                auto bytes = s.getBlob(2);
                info.files.push_back(BackupFile{s.getText(0), static_cast<int>(s.getInt(1)),
                                                std::string(bytes.begin(), bytes.end())});
            }
        }
    } catch (const std::exception& e) {
        return Error{file + ": not a readable store: " + e.what()};
    }
    return info;
}

Result<void> Store::restoreFrom(const std::string& file) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    sql::DbHandle from(raw);
    if (rc != SQLITE_OK) return sql::describe(raw, rc, file, "cannot open the backup");
    if (auto r = copyDatabase(from.get(), impl_->db.get(), impl_->path); !r) return r;
    if (auto r =
            impl_->exec("PRAGMA journal_mode=WAL; DROP TABLE IF EXISTS backup_files;", "after the restore");
        !r)
        return r;
    auto version = impl_->pragmaInt("PRAGMA user_version");
    if (!version) return version.error();
    impl_->version = static_cast<int>(*version);
    return {};
}

} // namespace guichet::store
