#pragma once
// Visits: a person shows their card at the kiosk (or is looked up at the desk). The visit is
// recorded as DomiFa's `visite` interaction (it updates the "last visit" date that keeps the
// domiciliation alive), once: a second check-in of the same dossier within 10 minutes (the card
// held twice, two kiosks) is the same visit. The person learns what is pending, counts per kind
// only; asking for the mail gives a queue ticket (printed, no name) and an alert for the desk.
// A refused card gets one neutral answer for the person; the reason is for staff only.

#include "guichet/cards/Verifier.hpp"
#include "guichet/core/Dossier.hpp"
#include "guichet/core/Result.hpp"
#include "guichet/core/ports/Clock.hpp"
#include "guichet/core/ports/ReceiptPrinter.hpp"
#include "guichet/store/Store.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace guichet::desk {

/// The store's dossiers and cards, as the card verifier needs them.
class StoreCardRecords final : public cards::CardRecords {
public:
    explicit StoreCardRecords(store::Store& store) : store_(&store) {}
    Result<cards::CardRecord> find(const std::string& structureId, DossierRef dossier) const override;

private:
    store::Store* store_;
};

struct VisitOutcome {
    bool accepted = false;
    std::string
        staffReason; ///< refused: "revoked", "superseded", "radie", "unknown-dossier"... (desk side only)
    DossierRef dossier = 0;     ///< accepted only
    PendingCounts counts;       ///< accepted only
    std::optional<Date> endsOn; ///< the domiciliation's end date, when within 60 days
    std::optional<EventId> visitEvent;
    bool repeated = false; ///< the same visit as one recorded less than 10 minutes ago
};

struct TicketOutcome {
    store::QueueTicket ticket;
    Ticket printed;           ///< what the printer was given (title, number, counts, time; no name)
    std::string printProblem; ///< the printer failed: the ticket is still in the desk's queue
};

class Visits {
public:
    static constexpr std::chrono::minutes kSameVisit{10};

    Visits(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

    /// A card shown to the kiosk's camera (token text, already decoded from the QR).
    Result<VisitOutcome> checkInWithCard(std::string_view token, const cards::VerifyPolicy& policy);
    /// A dossier looked up by staff (`actor` is the staff id).
    Result<VisitOutcome> checkIn(DossierRef dossier, const std::string& actor);

    /// "I want my mail": a numbered ticket for today's queue, printed when a printer is given.
    Result<TicketOutcome> askForMail(DossierRef dossier, ReceiptPrinter* printer);
    /// Tickets waiting at the desk, oldest first.
    Result<std::vector<store::QueueTicket>> queue();
    /// The desk served (or dismissed) a ticket; false when it already was.
    Result<bool> serve(std::int64_t ticket, const std::string& staff);

private:
    Result<VisitOutcome> record(DossierRef dossier, const std::string& actor);
    store::Store& store_;
    const Clock& clock_;
};

} // namespace guichet::desk
