#include "guichet/cards/Verifier.hpp"

#include <chrono>

namespace guichet::cards {
namespace {

std::string subject(const CardClaim& claim) {
    return "dossier:" + std::to_string(claim.dossier) + " serial:" + std::to_string(claim.serial) +
           " issued:" + formatDate(claim.issued);
}

} // namespace

Reason checkClaim(const CardClaim& claim, const CardRecord& record, const VerifyPolicy& policy) {
    using std::chrono::days;
    using std::chrono::sys_days;
    if (claim.structureId != policy.structureId) return Reason::ForeignStructure;
    if (sys_days{claim.issued} > sys_days{policy.today} + days{policy.clockSkewDays})
        return Reason::IssuedInFuture;
    if (!record.dossierKnown) return Reason::UnknownDossier;
    // A struck-off or refused person is no longer domiciled here: whatever card they hold.
    if (record.statut && (*record.statut == Statut::Radie || *record.statut == Statut::Refus))
        return Reason::DossierClosed;
    if (!record.card) return Reason::NoCardOnRecord;
    const Card& card = *record.card;
    if (claim.serial < card.serial) return Reason::Superseded;
    if (claim.serial > card.serial || claim.issued != card.issued || card.dossier != claim.dossier ||
        card.structureId != claim.structureId)
        return Reason::UnknownSerial;
    if (card.revoked) return Reason::Revoked;
    if (policy.validityDays < 0) return Reason::Expired;
    if (policy.validityDays > 0 &&
        sys_days{policy.today} > sys_days{claim.issued} + days{policy.validityDays})
        return Reason::Expired;
    return Reason::Valid;
}

Verdict verifyToken(std::string_view text, const VerifyPolicy& policy, const CardRecords& records) {
    ParseResult parsed = parseToken(text);
    if (!parsed.token)
        return {parsed.reason, std::nullopt, std::string("token: ") + reasonCode(parsed.reason)};
    const ParsedToken& token = *parsed.token;
    // A foreign structure's token cannot be checked with our key: say so rather than "forged".
    if (token.claim.structureId != policy.structureId)
        return {Reason::ForeignStructure, std::nullopt, "token of structure " + token.claim.structureId};
    if (!verifySignature(policy.publicKey, token.signedMessage, token.signature))
        return {Reason::BadSignature, std::nullopt, "signature does not match the structure's public key"};

    Verdict verdict;
    verdict.claim = token.claim;
    const Result<CardRecord> record = records.find(token.claim.structureId, token.claim.dossier);
    if (!record) {
        verdict.reason = Reason::LookupFailed;
        verdict.detail = subject(token.claim) + ": " + record.error().message;
        return verdict;
    }
    verdict.reason = checkClaim(token.claim, *record, policy);
    verdict.detail = subject(token.claim);
    if (record->statut) verdict.detail += std::string(" statut:") + toString(*record->statut);
    if (record->card)
        verdict.detail += " record-serial:" + std::to_string(record->card->serial) +
                          (record->card->revoked ? " record-revoked" : "");
    return verdict;
}

} // namespace guichet::cards
