#include "guichet/desk/Review.hpp"

#include "Lookup.hpp"
#include "guichet/core/Rules.hpp"
#include "guichet/desk/Returns.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace guichet::desk {

namespace {

constexpr std::array<std::pair<ReturnReason, const char*>, 6> kReasons{{
    {ReturnReason::UnknownRecipient, "inconnu"},
    {ReturnReason::Radie, "radie"},
    {ReturnReason::Refus, "refus"},
    {ReturnReason::Npai, "npai"},
    {ReturnReason::Refused, "refuse"},
    {ReturnReason::HoldingExpired, "delai"},
}};

std::string itemName(MailItemId id) {
    return "mail item " + std::to_string(id);
}

} // namespace

const char* toString(ReturnReason reason) {
    for (const auto& [r, text] : kReasons)
        if (r == reason) return text;
    return "inconnu";
}

std::optional<ReturnReason> parseReturnReason(std::string_view text) {
    for (const auto& [r, name] : kReasons)
        if (text == name) return r;
    if (text == "unknown") return ReturnReason::UnknownRecipient;
    return std::nullopt;
}

const char* slipText(ReturnReason reason) {
    switch (reason) {
    case ReturnReason::UnknownRecipient:
        return "Destinataire inconnu à l'adresse";
    case ReturnReason::Radie:
    case ReturnReason::Refus:
        return "Destinataire non domicilié dans la structure";
    case ReturnReason::Npai:
        return "N'habite pas à l'adresse indiquée";
    case ReturnReason::Refused:
        return "Refusé par le destinataire";
    case ReturnReason::HoldingExpired:
        return "Non réclamé";
    }
    return "Retour à l'expéditeur";
}

Result<std::vector<MailItem>> Review::queue() {
    return store_.mailItems(MailState::AwaitingReview);
}

Result<Decided> Review::pick(MailItemId id, DossierRef ref, const std::string& staff, bool force) {
    Decided out;
    out.item = id;
    auto done = store_.transaction([&]() -> Result<void> {
        auto found = requireItem(store_, id);
        if (!found) return found.error();
        MailItem item = *found;
        if (item.state != MailState::AwaitingReview) {
            if (item.dossier == ref && item.state == MailState::Pending) {
                out.state = item.state;
                out.dossier = item.dossier;
                out.method = item.method;
                out.alreadyDone = true;
                return {};
            }
            return Error{itemName(id) + " was already decided (" + toString(item.state) +
                         (item.dossier ? ", dossier " + std::to_string(*item.dossier) : std::string()) + ")"};
        }
        auto dossier = requireDossier(store_, ref);
        if (!dossier) return dossier.error();
        const Instant at = clock_.now();
        const MailAcceptance verdict = acceptMail(*dossier, dateOf(at));
        if (verdict.verdict == MailVerdict::ReturnToSender)
            return Error{"dossier " + std::to_string(ref) + " may not receive mail (" + verdict.reason +
                         "): return the item to its sender instead"};
        if (verdict.verdict == MailVerdict::Hold) {
            std::string why = verdict.reason == "expired"       ? "the domiciliation has ended"
                              : verdict.reason == "not_started" ? "the domiciliation has not started yet"
                                                                : "the domiciliation is not granted yet";
            if (!force)
                return Error{"dossier " + std::to_string(ref) + ": " + why + "; confirm to record it anyway"};
            out.warning = why;
        }
        const bool listed = std::any_of(item.candidates.begin(), item.candidates.end(),
                                        [&](const auto& c) { return c.first == ref; });
        item.dossier = ref;
        item.method = listed ? MatchMethod::StaffConfirmed : MatchMethod::StaffManual;
        item.matchedBy = staff;
        item.state = MailState::Pending;
        Event e;
        e.type = arrivalEvent(item.kind);
        e.dossier = ref;
        e.count = item.count;
        e.createdAt = at;
        e.nextTry = at;
        e.batchKey = "review-" + formatDate(dateOf(at));
        if (auto u = store_.updateMailItem(item, e); !u) return u;
        out.state = item.state;
        out.dossier = ref;
        out.method = item.method;
        return store_.audit(staff, listed ? "mail.confirmed" : "mail.assigned",
                            "mail:" + std::to_string(id) + " dossier:" + std::to_string(ref));
    });
    if (!done) return done.error();
    return out;
}

Result<Decided> Review::returnToSender(MailItemId id, ReturnReason reason, const std::string& staff) {
    Decided out;
    out.item = id;
    auto done = store_.transaction([&]() -> Result<void> {
        auto found = requireItem(store_, id);
        if (!found) return found.error();
        MailItem item = *found;
        out.dossier = item.dossier;
        if (item.state == MailState::ReturnToSender) {
            out.state = item.state;
            out.alreadyDone = true;
            return {};
        }
        if (item.state == MailState::HandedOver) return Error{itemName(id) + " was already handed over"};
        if (item.state == MailState::Pending) {
            auto note = returnPendingItem(store_, item, reason, staff, clock_.now());
            if (!note) return note.error();
            out.state = MailState::ReturnToSender;
            out.warning = *note;
            return {};
        }
        const Instant at = clock_.now();
        item.state = MailState::ReturnToSender;
        item.returnReason = toString(reason);
        item.closedAt = at;
        item.closedBy = staff;
        if (item.method == MatchMethod::Unmatched) item.matchedBy = staff;
        if (auto u = store_.updateMailItem(item, std::nullopt); !u) return u;
        out.state = item.state;
        return store_.audit(staff, "mail.returned",
                            "mail:" + std::to_string(id) + " reason:" + toString(reason));
    });
    if (!done) return done.error();
    return out;
}

} // namespace guichet::desk
