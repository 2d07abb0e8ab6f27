#pragma once
// The rules of the desk that need no I/O. Pure functions of values; thread-safe.

#include "guichet/core/Dossier.hpp"
#include "guichet/core/Event.hpp"

#include <optional>
#include <string>
#include <vector>

namespace guichet {

/// A procuration is valid on `day` when both its dates are known and dateDebut <= day <= dateFin.
/// Missing dates make it invalid: the backend does not check, so Guichet must fail safe.
bool isProcurationValid(const Procuration& procuration, Date day);

enum class MailVerdict {
    Accept,         ///< record the item for the person
    Hold,           ///< staff must decide (domiciliation not granted yet, or expired)
    ReturnToSender, ///< struck off, refused or npai: the item goes back
};
const char* toString(MailVerdict verdict);

struct MailAcceptance {
    MailVerdict verdict = MailVerdict::Accept;
    std::string reason;     ///< short French-free code: "npai", "radie", "refus", "expired"...
    bool forwarded = false; ///< an active mail forwarding (transfert) applies on that day

    bool operator==(const MailAcceptance&) const = default;
};

/// May mail arriving on `day` be accepted for this dossier? npai wins over everything, then the
/// status (RADIE / REFUS go back; INSTRUCTION / ATTENTE_DECISION wait for staff), then the end of
/// the domiciliation period.
MailAcceptance acceptMail(const Dossier& dossier, Date day);

/// Who collects: the person themself (no index) or the holder of procurations[index].
/// Returns an empty string when allowed, else the reason it is refused.
std::string checkCollector(const Dossier& dossier, std::optional<int> procurationIndex, Date day);

/// Pending counts the desk shows: the backend's counts plus the local events not yet delivered
/// (an Out not yet delivered empties its family, as it will on the backend). Events of other
/// dossiers, delivered and parked events are ignored.
PendingCounts localPending(const PendingCounts& remote, DossierRef dossier,
                           const std::vector<Event>& undelivered);

} // namespace guichet
