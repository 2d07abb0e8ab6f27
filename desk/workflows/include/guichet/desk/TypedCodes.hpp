#pragma once
// The kiosk's typed fallback: a person whose card the camera cannot read types the 12-digit code
// printed on it (cards/CardCode.hpp says how the code is made and why guessing one is
// impractical). A code that matches the current card of a dossier checks in as the card would
// (Visits: one `visite` per 10 minutes), with the same refusals (revoked, superseded, expired,
// struck off) and the same neutral answer for the person.
//
// Tries are limited per kiosk, and the count is in the store so a restart does not reset it:
// 3 wrong codes are free, then each wrong code locks the kiosk's code entry for 30 s, 1 min, 2 min
// ... doubling up to 1 hour; the count is forgotten 24 hours after the last wrong code. A good
// code does not reset it (someone holding one card cannot clear the count between guesses). At
// the cap that is at most 24 guesses a day, about 8,800 a year: with 2,000 cards in use and 10^11
// possible codes, the chance that a year of guessing at one kiosk finds any card is 1.8e-4. A
// typing slip caught by the check digit never reaches here. Every wrong code is audited (ids only).

#include "guichet/cards/Verifier.hpp"
#include "guichet/core/ports/Clock.hpp"
#include "guichet/desk/Visits.hpp"
#include "guichet/store/Store.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace guichet::desk {

/// The code printed on `card`: makes the structure's code key (setting card.code_key) on first use.
Result<std::string> codeForCard(store::Store& store, const Card& card);

struct CodeCheck {
    VisitOutcome visit;              ///< accepted, or refused with the staff-side reason
    bool locked = false;             ///< refused without looking: too many wrong codes lately
    std::chrono::seconds retryIn{0}; ///< when locked, or after this wrong code
};

class TypedCodes {
public:
    static constexpr int kFreeTries = 3;
    static constexpr std::chrono::seconds kFirstLock{30};
    static constexpr std::chrono::seconds kLongestLock{3600};
    static constexpr std::chrono::hours kForgetAfter{24};

    TypedCodes(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

    /// Checks `typed` (digits; spaces ignored) for the kiosk `kioskId` and, when it matches a card
    /// the policy accepts, records the visit.
    Result<CodeCheck> checkIn(std::string_view typed, const std::string& kioskId,
                              const cards::VerifyPolicy& policy);

    /// How long the kiosk's code entry is locked now (0 when it is not).
    Result<std::chrono::seconds> lockedFor(const std::string& kioskId);

    /// The lock after `failures` wrong codes in a row. Pure.
    static std::chrono::seconds lockAfter(int failures);

private:
    store::Store& store_;
    const Clock& clock_;
};

} // namespace guichet::desk
