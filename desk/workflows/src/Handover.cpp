#include "guichet/desk/Handover.hpp"

#include "Lookup.hpp"
#include "guichet/core/Rules.hpp"

#include <chrono>

namespace guichet::desk {

namespace {

std::string collectorRefusal(const std::string& code, const Procuration* p) {
    if (code == "no_such_procuration") return "no such procuration";
    if (code == "procuration_without_dates") return "the procuration has no start or end date";
    if (code == "procuration_not_started")
        return "the procuration starts on " +
               (p && p->dateDebut ? formatDate(*p->dateDebut) : std::string("?"));
    if (code == "procuration_expired")
        return "the procuration expired on " + (p && p->dateFin ? formatDate(*p->dateFin) : std::string("?"));
    return code;
}

/// Nobody may collect for this dossier today: why, or empty.
std::string dossierRefusal(const Dossier& d) {
    if (d.npai.actif) return "the dossier is marked NPAI: its mail goes back to the sender";
    if (d.statut == Statut::Radie)
        return "the person is struck off (radié): the mail goes back to the sender";
    if (d.statut == Statut::Refus) return "the domiciliation was refused: the mail goes back to the sender";
    return {};
}

} // namespace

Result<PendingCounts> pendingCounts(store::Store& store, const Dossier& dossier) {
    auto waiting = store.undeliveredEvents(dossier.ref);
    if (!waiting) return waiting.error();
    return localPending(dossier.pending, dossier.ref, *waiting);
}

std::vector<Warning> warningsFor(const Dossier& d, Date day) {
    std::vector<Warning> out;
    if (d.statut == Statut::Radie) out.push_back({"radie", "struck off: return the mail to its sender"});
    if (d.statut == Statut::Refus)
        out.push_back({"refus", "domiciliation refused: return the mail to its sender"});
    if (d.statut == Statut::Instruction || d.statut == Statut::AttenteDecision)
        out.push_back({"not_granted", "domiciliation not granted yet"});
    if (d.npai.actif) out.push_back({"npai", "NPAI: the mail goes back to the sender"});
    if (d.dateFin) {
        const auto days = (std::chrono::sys_days{*d.dateFin} - std::chrono::sys_days{day}).count();
        if (days < 0)
            out.push_back({"ended", "the domiciliation ended on " + formatDate(*d.dateFin)});
        else if (days <= 60)
            out.push_back({"ends_soon", "the domiciliation ends on " + formatDate(*d.dateFin) + " (in " +
                                            std::to_string(days) + " days): renewal"});
    }
    if (d.transfert.actif) out.push_back({"transfert", "mail forwarding is active"});
    return out;
}

Result<PendingView> Handover::pending(DossierRef ref) {
    auto dossier = requireDossier(store_, ref);
    if (!dossier) return dossier.error();
    const Date today = clock_.today();
    PendingView view;
    view.dossier = std::move(*dossier);
    auto counts = pendingCounts(store_, view.dossier);
    if (!counts) return counts.error();
    view.counts = *counts;
    auto items = store_.mailItems(MailState::Pending, ref);
    if (!items) return items.error();
    view.items = std::move(*items);
    for (size_t i = 0; i < view.dossier.procurations.size(); ++i) {
        const Procuration& p = view.dossier.procurations[i];
        ProxyOption o{static_cast<int>(i), p.nom, p.prenom, p.dateDebut, p.dateFin, false, {}};
        const std::string code = checkCollector(view.dossier, o.index, today);
        o.valid = code.empty();
        o.refusal = collectorRefusal(code, &p);
        view.proxies.push_back(std::move(o));
    }
    view.warnings = warningsFor(view.dossier, today);
    view.refusal = dossierRefusal(view.dossier);
    return view;
}

Result<HandoverReceipt> Handover::handOver(const HandoverRequest& request) {
    if (request.kinds.empty())
        return Error{"name the kinds of mail handed over (courrier, recommande, colis)"};
    if (request.staff.empty()) return Error{"a hand-over needs the staff id of who hands it over"};
    HandoverReceipt receipt;
    auto done = store_.transaction([&]() -> Result<void> {
        const std::string who = "dossier " + std::to_string(request.dossier);
        auto dossier = requireDossier(store_, request.dossier);
        if (!dossier) return dossier.error();
        const Dossier& d = *dossier;
        if (auto why = dossierRefusal(d); !why.empty()) return Error{who + ": " + why};
        const Instant at = clock_.now();
        const Date today = dateOf(at);
        if (auto code = checkCollector(d, request.proxy, today); !code.empty()) {
            const Procuration* p = request.proxy && *request.proxy >= 0 &&
                                           *request.proxy < static_cast<int>(d.procurations.size())
                                       ? &d.procurations[static_cast<size_t>(*request.proxy)]
                                       : nullptr;
            return Error{who + ": " + collectorRefusal(code, p)};
        }
        auto counts = pendingCounts(store_, d);
        if (!counts) return counts.error();
        auto items = store_.mailItems(MailState::Pending, request.dossier);
        if (!items) return items.error();
        receipt = {};
        for (MailKind kind : request.kinds) {
            if (receipt.handed[kind] > 0) continue; // named twice
            int local = 0;
            for (MailItem item : *items) {
                if (item.kind != kind) continue;
                item.state = MailState::HandedOver;
                item.closedAt = at;
                item.closedBy = request.staff;
                item.handedToProxy = request.proxy;
                if (auto u = store_.updateMailItem(item, std::nullopt); !u) return u;
                receipt.items.push_back(item.id);
                ++local;
            }
            const int pendingOfKind = std::max((*counts)[kind], local);
            if (pendingOfKind == 0)
                return Error{who + ": no " + toString(kind) + " pending (already handed over?)"};
            Event e;
            e.type = handOverEvent(kind);
            e.dossier = d.ref;
            e.count = pendingOfKind;
            e.procurationIndex = request.proxy;
            e.createdAt = at;
            e.nextTry = at;
            auto id = store_.enqueueEvent(e);
            if (!id) return id.error();
            receipt.events.push_back(*id);
            receipt.handed[kind] = pendingOfKind;
            if (auto a = store_.audit(request.staff, "mail.handed_over",
                                      "dossier:" + std::to_string(d.ref) + " kind:" + toString(kind) +
                                          " count:" + std::to_string(pendingOfKind) +
                                          (request.proxy ? " proxy:" + std::to_string(*request.proxy)
                                                         : std::string(" to:person")));
                !a)
                return a;
        }
        return {};
    });
    if (!done) return done.error();
    return receipt;
}

} // namespace guichet::desk
