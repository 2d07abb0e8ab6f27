#include "guichet/desk/Intake.hpp"

#include "Lookup.hpp"
#include "guichet/core/Rules.hpp"
#include "guichet/desk/Review.hpp"

namespace guichet::desk {

std::string describe(const Recorded& r) {
    std::string what;
    switch (r.state) {
    case MailState::Pending:
        what = "auto, dossier " + std::to_string(*r.dossier);
        break;
    case MailState::ReturnToSender:
        what = "return to sender (" + r.note + ", dossier " + (r.dossier ? std::to_string(*r.dossier) : "?") +
               ")";
        break;
    default:
        what = std::string(match::toString(r.decision)) + ", waits for review" +
               (r.note.empty() ? "" : " (" + r.note + ")");
        break;
    }
    return what + ", " + toString(r.kind) + (r.tracking.empty() ? "" : " " + r.tracking) + ", mail item " +
           std::to_string(r.item);
}

Result<std::vector<Recorded>>
Intake::record(const std::vector<reader::Reading>& readings, const std::string& source,
               const std::string& batchKey,
               const std::function<Result<void>(const std::vector<Recorded>&)>& alsoInTransaction) {
    const Instant at = clock_.now();
    const Date today = dateOf(at);
    const std::string batch = batchKey.empty() ? "intake-" + formatDate(today) : batchKey;
    std::vector<Recorded> out;
    auto done = store_.transaction([&]() -> Result<void> {
        out.clear();
        for (const auto& r : readings) {
            MailItem item;
            item.kind = r.kind;
            item.arrivedAt = at;
            item.tracking = r.tracking;
            item.source = source + (r.pages > 1 ? "#" + std::to_string(r.page + 1) : "");
            item.confidence = r.confidence;
            for (const auto& c : r.candidates)
                item.candidates.emplace_back(c.dossier, c.score);
            Recorded rec;
            rec.page = r.page;
            rec.decision = r.decision;
            rec.kind = r.kind;
            rec.tracking = r.tracking;

            std::optional<Event> event;
            std::vector<unsigned char> crop;
            bool automatic = r.decision == match::Decision::Auto && r.dossier;
            if (automatic) {
                // The store's dossier is the one the sync will write to: its status decides.
                auto dossier = store_.findDossier(*r.dossier);
                if (!dossier) return dossier.error();
                MailAcceptance verdict;
                if (*dossier) {
                    verdict = acceptMail(**dossier, today);
                } else if (r.returnToSender) {
                    verdict = {MailVerdict::ReturnToSender, "radie", false};
                }
                if (verdict.verdict == MailVerdict::ReturnToSender) {
                    item.dossier = r.dossier;
                    item.method = MatchMethod::Auto;
                    item.matchedBy = "auto";
                    item.state = MailState::ReturnToSender;
                    item.returnReason = verdict.reason;
                    item.closedAt = at;
                    item.closedBy = "auto";
                    rec.note = verdict.reason;
                } else if (verdict.verdict == MailVerdict::Hold) {
                    automatic = false; // staff decide: the domiciliation does not cover today
                    rec.note = verdict.reason;
                } else {
                    item.dossier = r.dossier;
                    item.method = MatchMethod::Auto;
                    item.matchedBy = "auto";
                    item.state = MailState::Pending;
                    Event e;
                    e.type = arrivalEvent(r.kind);
                    e.dossier = *r.dossier;
                    e.count = 1;
                    e.createdAt = at;
                    e.nextTry = at;
                    e.batchKey = batch;
                    event = e;
                }
            }
            if (!automatic) {
                item.method = MatchMethod::Unmatched;
                item.state = MailState::AwaitingReview;
                crop = r.cropPng;
                if (rec.note.empty()) rec.note = std::to_string(r.candidates.size()) + " candidates";
            }
            auto id = store_.recordMailItem(item, event, crop);
            if (!id) return id.error();
            rec.item = *id;
            rec.state = item.state;
            rec.dossier = item.dossier;
            const char* action = item.state == MailState::Pending          ? "mail.recorded"
                                 : item.state == MailState::ReturnToSender ? "mail.returned"
                                                                           : "mail.to_review";
            if (auto a = store_.audit(
                    "auto", action,
                    "mail:" + std::to_string(*id) +
                        (item.dossier ? " dossier:" + std::to_string(*item.dossier) : std::string()));
                !a)
                return a;
            out.push_back(std::move(rec));
        }
        if (alsoInTransaction) return alsoInTransaction(out);
        return {};
    });
    if (!done) return done.error();
    return out;
}

Result<Recorded> Intake::recordManual(DossierRef dossier, MailKind kind, const std::string& tracking,
                                      const std::string& staff, bool force) {
    Recorded out;
    auto done = store_.transaction([&]() -> Result<void> {
        MailItem item;
        item.kind = kind;
        item.arrivedAt = clock_.now();
        item.tracking = tracking;
        item.source = "desk";
        item.state = MailState::AwaitingReview;
        auto id = store_.recordMailItem(item, std::nullopt);
        if (!id) return id.error();
        auto decided = Review(store_, clock_).pick(*id, dossier, staff, force);
        if (!decided) return decided.error();
        out = {*id,  0,        decided->state,  match::Decision::Confirm, decided->dossier,
               kind, tracking, decided->warning};
        return {};
    });
    if (!done) return done.error();
    return out;
}

Result<void> Intake::undoAuto(MailItemId id, const std::string& staff) {
    return store_.transaction([&]() -> Result<void> {
        auto found = requireItem(store_, id);
        if (!found) return found.error();
        MailItem item = *found;
        if (item.method != MatchMethod::Auto || item.state != MailState::Pending)
            return Error{"mail item " + std::to_string(id) +
                         " was not recorded automatically or has moved on (" + toString(item.state) +
                         "): nothing to undo"};
        auto events = store_.eventsOfMailItem(id);
        if (!events) return events.error();
        for (const Event& e : *events) {
            auto withdrawn = store_.withdrawEvent(e.id);
            if (!withdrawn) return withdrawn.error();
            if (!*withdrawn)
                return Error{"mail item " + std::to_string(id) +
                             ": its arrival was already sent to DomiFa; hand it over or return it instead"};
        }
        const DossierRef was = *item.dossier;
        item.dossier.reset();
        item.method = MatchMethod::Unmatched;
        item.matchedBy.clear();
        item.state = MailState::AwaitingReview;
        if (auto u = store_.updateMailItem(item, std::nullopt); !u) return u;
        return store_.audit(staff, "mail.undo_auto",
                            "mail:" + std::to_string(id) + " dossier:" + std::to_string(was));
    });
}

} // namespace guichet::desk
