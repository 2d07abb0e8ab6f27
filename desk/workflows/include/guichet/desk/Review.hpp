#pragma once
// Review: the letters the recogniser did not attribute on its own. Staff pick one of the ranked
// candidates (StaffConfirmed), search and pick any dossier (StaffManual), or send it back to the
// sender (unknown recipient, refused...). Each decision is one transaction with its outbox event
// and an audit row naming the staff id; deciding an item twice is refused (a double click or two
// desks at once), deciding it the same way twice is a no-op.

#include "guichet/core/MailItem.hpp"
#include "guichet/core/Result.hpp"
#include "guichet/core/ports/Clock.hpp"
#include "guichet/store/Store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace guichet::desk {

/// Why an item goes back. The codes are what DomiFa and La Poste understand.
enum class ReturnReason {
    UnknownRecipient, ///< "inconnu": nobody of that name here
    Radie,            ///< struck off
    Refus,            ///< domiciliation refused
    Npai,             ///< "n'habite pas à l'adresse indiquée"
    Refused,          ///< "refuse": the person refused the item
    HoldingExpired,   ///< "delai": kept past the structure's holding period
};
const char* toString(ReturnReason reason); ///< "inconnu", "radie", "refus", "npai", "refuse", "delai"
std::optional<ReturnReason> parseReturnReason(std::string_view text);
/// The French words on the La Poste slip ("Destinataire inconnu à l'adresse", "N'habite pas à
/// l'adresse indiquée"...).
const char* slipText(ReturnReason reason);

struct Decided {
    MailItemId item = 0;
    MailState state = MailState::Pending;
    std::optional<DossierRef> dossier;
    MatchMethod method = MatchMethod::Unmatched;
    bool alreadyDone = false; ///< the same decision had been taken before: nothing written
    std::string warning;      ///< e.g. "the domiciliation ended on 2026-10-01", or empty
};

class Review {
public:
    Review(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

    /// Items waiting for staff, oldest first.
    Result<std::vector<MailItem>> queue();

    /// Attributes the item to `dossier`: StaffConfirmed when it was among the candidates, else
    /// StaffManual. A dossier that may not receive mail today is refused with the reason (struck
    /// off, refused, npai: return it instead; not granted, ended or not started: refused unless
    /// `force`, and the warning says why).
    Result<Decided> pick(MailItemId item, DossierRef dossier, const std::string& staff, bool force = false);

    /// Sends the item back to its sender (it goes on the day's return slip).
    Result<Decided> returnToSender(MailItemId item, ReturnReason reason, const std::string& staff);

private:
    store::Store& store_;
    const Clock& clock_;
};

} // namespace guichet::desk
