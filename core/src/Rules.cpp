#include "guichet/core/Rules.hpp"

#include <algorithm>

namespace guichet {

bool isProcurationValid(const Procuration& p, Date day) {
    return p.dateDebut && p.dateFin && *p.dateDebut <= day && day <= *p.dateFin;
}

MailAcceptance acceptMail(const Dossier& d, Date day) {
    MailAcceptance out;
    out.forwarded = d.transfert.actif && (!d.transfert.dateDebut || *d.transfert.dateDebut <= day) &&
                    (!d.transfert.dateFin || day <= *d.transfert.dateFin);
    if (d.npai.actif) {
        out.verdict = MailVerdict::ReturnToSender;
        out.reason = "npai";
    } else if (d.statut == Statut::Radie) {
        out.verdict = MailVerdict::ReturnToSender;
        out.reason = "radie";
    } else if (d.statut == Statut::Refus) {
        out.verdict = MailVerdict::ReturnToSender;
        out.reason = "refus";
    } else if (d.statut == Statut::Instruction || d.statut == Statut::AttenteDecision) {
        out.verdict = MailVerdict::Hold;
        out.reason = "not_granted";
    } else if (d.dateFin && day > *d.dateFin) {
        out.verdict = MailVerdict::Hold;
        out.reason = "expired";
    } else if (d.dateDebut && day < *d.dateDebut) {
        out.verdict = MailVerdict::Hold;
        out.reason = "not_started";
    }
    return out;
}

std::string checkCollector(const Dossier& d, std::optional<int> index, Date day) {
    if (!index) return {};
    if (*index < 0 || *index >= static_cast<int>(d.procurations.size())) return "no_such_procuration";
    const Procuration& p = d.procurations[static_cast<size_t>(*index)];
    if (!p.dateDebut || !p.dateFin) return "procuration_without_dates";
    if (day < *p.dateDebut) return "procuration_not_started";
    if (day > *p.dateFin) return "procuration_expired";
    return {};
}

PendingCounts localPending(const PendingCounts& remote, DossierRef dossier,
                           const std::vector<Event>& undelivered) {
    PendingCounts counts = remote;
    std::vector<const Event*> mine;
    for (const Event& e : undelivered)
        if (e.dossier == dossier && (e.state == EventState::Pending || e.state == EventState::Uncertain))
            mine.push_back(&e);
    std::sort(mine.begin(), mine.end(), [](const Event* a, const Event* b) { return a->id < b->id; });
    for (const Event* e : mine) {
        const auto family = familyOf(e->type);
        if (!family) continue;
        if (isArrival(e->type))
            counts[*family] += e->count;
        else
            counts[*family] = 0;
    }
    return counts;
}

} // namespace guichet
