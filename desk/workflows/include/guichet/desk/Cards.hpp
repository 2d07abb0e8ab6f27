#pragma once
// Cards: issuing a person's QR card bumps its serial (every older card is refused from then on),
// revoking one refuses it at once. Issuing is in two steps so that a card whose printing failed
// never invalidates the card the person still holds: prepare (tokens and faces, nothing written),
// print, then commit (serials saved, audit rows) in one transaction.

#include "guichet/cards/CardRender.hpp"
#include "guichet/cards/Keys.hpp"
#include "guichet/cards/Verifier.hpp"
#include "guichet/core/Card.hpp"
#include "guichet/core/Result.hpp"
#include "guichet/core/ports/Clock.hpp"
#include "guichet/store/Store.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace guichet::desk {

struct RevokedCard {
    Card card;            ///< as it is now (revoked)
    bool already = false; ///< it was revoked before: nothing changed, no audit row
};

struct PreparedCards {
    std::vector<cards::CardFace> faces; ///< what is printed (token, first name, structure, date)
    std::vector<Card> records;          ///< what is saved once printed
};

class Cards {
public:
    Cards(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

    /// Tokens for `dossiers` with the next serial of each. Refused for an unknown dossier, or one
    /// struck off / refused (no card for someone whose mail goes back).
    Result<PreparedCards> prepare(const std::vector<DossierRef>& dossiers, const cards::SecretKey& key,
                                  const std::string& structureId, const std::string& structureName);
    /// Saves the serials of printed cards, all or none, with an audit row each.
    Result<void> commit(const PreparedCards& cards, const std::string& staff);
    /// Refuses the dossier's current card from now on. An Error when no card was issued for it.
    Result<RevokedCard> revoke(DossierRef dossier, const std::string& structureId, const std::string& staff);
    /// Checks a card token as the kiosk and the desk do, with an audit row ("card.accepted" or
    /// "card.refused.<reason>", the dossier id only). The reason is for staff; the person is only
    /// told to see the desk.
    Result<cards::Verdict> check(std::string_view token, const cards::VerifyPolicy& policy,
                                 const std::string& actor);

private:
    store::Store& store_;
    const Clock& clock_;
};

} // namespace guichet::desk
