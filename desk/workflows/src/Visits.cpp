#include "guichet/desk/Visits.hpp"

#include "Lookup.hpp"
#include "guichet/desk/Handover.hpp"

#include <ctime>

namespace guichet::desk {

Result<cards::CardRecord> StoreCardRecords::find(const std::string& structureId, DossierRef dossier) const {
    auto found = store_->findDossier(dossier);
    if (!found) return found.error();
    cards::CardRecord record;
    record.dossierKnown = found->has_value();
    auto card = store_->findCard(structureId, dossier);
    if (!card) return card.error();
    record.card = *card;
    return record;
}

Result<VisitOutcome> Visits::checkInWithCard(std::string_view token, const cards::VerifyPolicy& policy) {
    StoreCardRecords records(store_);
    const cards::Verdict verdict = cards::verifyToken(token, policy, records);
    if (!verdict.accepted()) {
        VisitOutcome refused;
        refused.staffReason = cards::reasonCode(verdict.reason);
        (void)store_.audit(
            "kiosk", "visit.refused",
            "reason:" + refused.staffReason +
                (verdict.claim ? " dossier:" + std::to_string(verdict.claim->dossier) : std::string()));
        return refused;
    }
    return record(verdict.claim->dossier, "kiosk");
}

Result<VisitOutcome> Visits::checkIn(DossierRef dossier, const std::string& actor) {
    return record(dossier, actor);
}

Result<VisitOutcome> Visits::record(DossierRef ref, const std::string& actor) {
    VisitOutcome out;
    auto done = store_.transaction([&]() -> Result<void> {
        out = {};
        auto dossier = store_.findDossier(ref);
        if (!dossier) return dossier.error();
        if (!*dossier) {
            out.staffReason = "unknown-dossier";
            return store_.audit(actor, "visit.refused",
                                "reason:unknown-dossier dossier:" + std::to_string(ref));
        }
        const Dossier& d = **dossier;
        if (d.statut == Statut::Radie || d.statut == Statut::Refus) {
            out.staffReason = d.statut == Statut::Radie ? "radie" : "refus";
            return store_.audit(actor, "visit.refused",
                                "reason:" + out.staffReason + " dossier:" + std::to_string(ref));
        }
        const Instant at = clock_.now();
        out.accepted = true;
        out.dossier = ref;
        auto counts = pendingCounts(store_, d);
        if (!counts) return counts.error();
        out.counts = *counts;
        if (d.dateFin) {
            const auto days = (std::chrono::sys_days{*d.dateFin} - std::chrono::sys_days{dateOf(at)}).count();
            if (days >= 0 && days <= 60) out.endsOn = d.dateFin;
        }
        auto recent =
            store_.eventsCreated(EventType::Visite, at - kSameVisit, at + std::chrono::seconds{1}, ref);
        if (!recent) return recent.error();
        if (!recent->empty()) {
            out.repeated = true;
            out.visitEvent = recent->back().id;
            return {};
        }
        Event e;
        e.type = EventType::Visite;
        e.dossier = ref;
        e.count = 1;
        e.createdAt = at;
        e.nextTry = at;
        auto id = store_.enqueueEvent(e);
        if (!id) return id.error();
        out.visitEvent = *id;
        return store_.audit(actor, "visit.recorded", "dossier:" + std::to_string(ref));
    });
    if (!done) return done.error();
    return out;
}

Result<TicketOutcome> Visits::askForMail(DossierRef ref, ReceiptPrinter* printer) {
    auto dossier = requireDossier(store_, ref);
    if (!dossier) return dossier.error();
    auto counts = pendingCounts(store_, *dossier);
    if (!counts) return counts.error();
    const Instant at = clock_.now();
    TicketOutcome out;
    auto done = store_.transaction([&]() -> Result<void> {
        // The same person asking twice (a double tap) keeps their place: one open ticket per dossier.
        auto open = store_.openTickets();
        if (!open) return open.error();
        for (const auto& t : *open)
            if (t.dossier == ref && t.day == dateOf(at)) {
                out.ticket = t;
                return {};
            }
        store::QueueTicket t;
        t.day = dateOf(at);
        t.dossier = ref;
        t.counts = *counts;
        t.createdAt = at;
        auto issued = store_.issueTicket(t);
        if (!issued) return issued.error();
        out.ticket = *issued;
        return store_.audit("kiosk", "ticket.issued",
                            "ticket:" + std::to_string(issued->id) + " dossier:" + std::to_string(ref));
    });
    if (!done) return done.error();
    auto title = store_.setting("structure.name");
    out.printed.title = title && *title && !(*title)->empty() ? **title : "Guichet";
    out.printed.number = std::to_string(out.ticket.number);
    const PendingCounts& c = out.ticket.counts;
    if (c.courrier > 0) out.printed.lines.push_back("Lettres : " + std::to_string(c.courrier));
    if (c.recommande > 0) out.printed.lines.push_back("Recommandés : " + std::to_string(c.recommande));
    if (c.colis > 0) out.printed.lines.push_back("Colis : " + std::to_string(c.colis));
    if (c.total() == 0) out.printed.lines.push_back("Pas de courrier en attente");
    char when[32];
    const std::time_t stamp = out.ticket.createdAt.time_since_epoch().count();
    std::tm local{};
    localtime_r(&stamp, &local);
    std::strftime(when, sizeof when, "%d/%m/%Y %H:%M", &local);
    out.printed.lines.emplace_back(when);
    out.printed.footer = "Merci de patienter, l'accueil va appeler votre numéro.";
    if (printer) {
        if (auto printed = printer->print(out.printed); !printed) out.printProblem = printed.error().message;
    }
    return out;
}

Result<std::vector<store::QueueTicket>> Visits::queue() {
    return store_.openTickets();
}

Result<bool> Visits::serve(std::int64_t ticket, const std::string& staff) {
    bool changed = false;
    auto done = store_.transaction([&]() -> Result<void> {
        auto closed = store_.closeTicket(ticket, clock_.now(), staff);
        if (!closed) return closed.error();
        changed = *closed;
        if (!changed) return {};
        return store_.audit(staff, "ticket.served", "ticket:" + std::to_string(ticket));
    });
    if (!done) return done.error();
    return changed;
}

} // namespace guichet::desk
