#include "guichet/desk/Cards.hpp"

#include "Lookup.hpp"
#include "guichet/cards/CardCode.hpp"
#include "guichet/cards/Token.hpp"
#include "guichet/desk/TypedCodes.hpp"
#include "guichet/desk/Visits.hpp"

namespace guichet::desk {

Result<PreparedCards> Cards::prepare(const std::vector<DossierRef>& dossiers, const cards::SecretKey& key,
                                     const std::string& structureId, const std::string& structureName) {
    if (dossiers.empty()) return Error{"no dossier given"};
    const Date today = clock_.today();
    PreparedCards out;
    for (DossierRef ref : dossiers) {
        auto dossier = requireDossier(store_, ref);
        if (!dossier) return dossier.error();
        if (dossier->statut == Statut::Radie || dossier->statut == Statut::Refus)
            return Error{"dossier " + std::to_string(ref) + " is " + toString(dossier->statut) +
                         ": no card for a person whose mail goes back"};
        auto previous = store_.findCard(structureId, ref);
        if (!previous) return previous.error();
        const Card card{structureId, ref, *previous ? (*previous)->serial + 1 : 1, today, false};
        auto token = cards::issueToken({structureId, ref, card.serial, today}, key);
        if (!token) return token.error();
        // The typed fallback's code (the structure's code key is made on first use).
        auto code = codeForCard(store_, card);
        if (!code) return code.error();
        out.faces.push_back({*token, dossier->prenom, structureName, today, cards::groupedCode(*code)});
        out.records.push_back(card);
    }
    return out;
}

Result<void> Cards::commit(const PreparedCards& prepared, const std::string& staff) {
    return store_.transaction([&]() -> Result<void> {
        for (const Card& card : prepared.records) {
            if (auto r = store_.saveCard(card); !r) return r;
            if (auto r = store_.audit(staff, "card.issued",
                                      "dossier:" + std::to_string(card.dossier) +
                                          " serial:" + std::to_string(card.serial));
                !r)
                return r;
        }
        return {};
    });
}

Result<RevokedCard> Cards::revoke(DossierRef ref, const std::string& structureId, const std::string& staff) {
    RevokedCard out;
    auto done = store_.transaction([&]() -> Result<void> {
        auto card = store_.findCard(structureId, ref);
        if (!card) return card.error();
        if (!*card) return Error{"no card was issued for dossier " + std::to_string(ref)};
        out.card = **card;
        out.already = out.card.revoked;
        if (out.already) return {};
        out.card.revoked = true;
        if (auto r = store_.saveCard(out.card); !r) return r;
        return store_.audit(staff, "card.revoked",
                            "dossier:" + std::to_string(ref) + " serial:" + std::to_string(out.card.serial));
    });
    if (!done) return done.error();
    return out;
}

Result<cards::Verdict> Cards::check(std::string_view token, const cards::VerifyPolicy& policy,
                                    const std::string& actor) {
    const StoreCardRecords records(store_);
    const cards::Verdict verdict = cards::verifyToken(token, policy, records);
    auto audited = store_.audit(
        actor,
        verdict.accepted() ? "card.accepted"
                           : std::string("card.refused.") + cards::reasonCode(verdict.reason),
        verdict.claim ? "dossier:" + std::to_string(verdict.claim->dossier) : std::string("unknown"));
    if (!audited) return audited.error();
    return verdict;
}

} // namespace guichet::desk
