#pragma once
// Deciding whether a card token is accepted: signature, structure, dates and the card record.
// The record comes through CardRecords (the store in the app, a table in tests), so the rules
// are tested without SQLite. Thread-safe when the CardRecords implementation is.

#include "guichet/cards/Keys.hpp"
#include "guichet/cards/Token.hpp"
#include "guichet/core/Card.hpp"
#include "guichet/core/Dossier.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace guichet::cards {

/// The structure's view of a dossier and its current card.
struct CardRecord {
    bool dossierKnown = false;
    std::optional<Card> card; ///< the latest card issued for the dossier, if any
    /// The dossier's status: RADIE (struck off) and REFUS refuse every card of the dossier.
    std::optional<Statut> statut = std::nullopt;
};

class CardRecords {
public:
    virtual ~CardRecords() = default;
    /// The record for a dossier of the structure; an Error when it cannot be read.
    virtual Result<CardRecord> find(const std::string& structureId, DossierRef dossier) const = 0;
};

struct VerifyPolicy {
    std::string structureId; ///< this structure: tokens of others are refused
    PublicKey publicKey;
    Date today{};
    /// A card is accepted until issued + validityDays; 0 = no expiry; negative: every card has
    /// expired (a mistyped setting fails closed, it never makes cards valid forever).
    int validityDays = 365;
    int clockSkewDays = 1; ///< tolerated issue dates after `today` (clocks of desk and kiosk)
};

struct Verdict {
    Reason reason = Reason::Malformed;
    std::optional<CardClaim> claim; ///< set once the signature is checked (for staff and logs)
    std::string detail;             ///< for staff and logs: ids only, never names

    bool accepted() const { return reason == Reason::Valid; }
};

/// Order of checks: syntax, structure, signature, issue date, record (dossier, its status,
/// revoked, serial), expiry. Revocation and supersession are reported before expiry, as they matter more to
/// staff.
Verdict verifyToken(std::string_view text, const VerifyPolicy& policy, const CardRecords& records);

/// The checks after the signature, on values: useful when the claim is already trusted.
Reason checkClaim(const CardClaim& claim, const CardRecord& record, const VerifyPolicy& policy);

} // namespace guichet::cards
