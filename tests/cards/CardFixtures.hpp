#pragma once
// Shared fixtures of the card tests: a fixed key per structure, a table of card records.

#include "guichet/cards/Keys.hpp"
#include "guichet/cards/Verifier.hpp"

#include <array>
#include <map>
#include <string>
#include <utility>

namespace guichet::cards::testing {

inline SecretKey keyFromByte(std::uint8_t b) {
    std::array<std::uint8_t, 32> seed{};
    seed.fill(b);
    return SecretKey::fromSeed(seed);
}

inline Date day(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

/// CardRecords over a map; `failing` makes every lookup an error (a broken store).
class TableRecords : public CardRecords {
public:
    std::map<DossierRef, std::optional<Card>> dossiers; ///< known dossiers and their current card
    std::map<DossierRef, Statut> statuts;               ///< a dossier's status when not VALIDE
    bool failing = false;

    Result<CardRecord> find(const std::string& structureId, DossierRef dossier) const override {
        if (failing) return makeError("cards table unreadable (test)");
        const auto it = dossiers.find(dossier);
        if (it == dossiers.end()) return CardRecord{};
        CardRecord record{true, it->second, Statut::Valide};
        if (const auto st = statuts.find(dossier); st != statuts.end()) record.statut = st->second;
        if (record.card && record.card->structureId != structureId) record.card.reset();
        return record;
    }

    void issue(const CardClaim& claim) {
        dossiers[claim.dossier] = Card{claim.structureId, claim.dossier, claim.serial, claim.issued, false};
    }
};

} // namespace guichet::cards::testing
