#include "guichet/desk/TypedCodes.hpp"

#include "guichet/cards/CardCode.hpp"

#include <algorithm>
#include <cstdlib>

namespace guichet::desk {
namespace {

Result<cards::CodeKey> codeKey(store::Store& store) {
    auto stored = store.setting("card.code_key");
    if (!stored) return stored.error();
    if (*stored && !(*stored)->empty()) return cards::codeKeyFromHex(**stored);
    const cards::CodeKey key = cards::newCodeKey();
    if (auto saved = store.setSetting("card.code_key", cards::codeKeyToHex(key)); !saved)
        return saved.error();
    return key;
}

// Every character compared, whatever differs first: the time taken says nothing about how close
// a guess was.
bool sameCode(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    unsigned diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned>(static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i]));
    return diff == 0;
}

struct Failures {
    int count = 0;
    Instant last{};
};

Result<Failures> readFailures(store::Store& store, const std::string& kioskId, Instant now) {
    Failures f;
    auto count = store.setting("kiosk." + kioskId + ".code_failures");
    if (!count) return count.error();
    auto last = store.setting("kiosk." + kioskId + ".code_last_failure");
    if (!last) return last.error();
    if (*count && *last) {
        f.count = std::max(0, std::atoi((*count)->c_str()));
        if (auto at = parseInstant(**last)) f.last = *at;
        if (now - f.last >= TypedCodes::kForgetAfter) f.count = 0;
    }
    return f;
}

} // namespace

Result<std::string> codeForCard(store::Store& store, const Card& card) {
    auto key = codeKey(store);
    if (!key) return key.error();
    return cards::cardCode(*key, card);
}

std::chrono::seconds TypedCodes::lockAfter(int failures) {
    if (failures <= kFreeTries) return std::chrono::seconds{0};
    const int doublings = std::min(failures - kFreeTries - 1, 20);
    return std::min(kLongestLock, kFirstLock * (1 << doublings));
}

Result<std::chrono::seconds> TypedCodes::lockedFor(const std::string& kioskId) {
    const Instant now = clock_.now();
    auto f = readFailures(store_, kioskId, now);
    if (!f) return f.error();
    const auto until = f->last + lockAfter(f->count);
    return until > now ? std::chrono::duration_cast<std::chrono::seconds>(until - now)
                       : std::chrono::seconds{0};
}

Result<CodeCheck> TypedCodes::checkIn(std::string_view typed, const std::string& kioskId,
                                      const cards::VerifyPolicy& policy) {
    CodeCheck out;
    auto locked = lockedFor(kioskId);
    if (!locked) return locked.error();
    if (locked->count() > 0) {
        out.locked = true;
        out.retryIn = *locked;
        out.visit.staffReason = "code-locked";
        (void)store_.audit("kiosk:" + kioskId, "visit.refused", "reason:code-locked");
        return out;
    }
    const std::string code = cards::codeDigits(typed);
    auto key = codeKey(store_);
    if (!key) return key.error();
    std::optional<Card> found;
    if (cards::codeLooksRight(code)) {
        auto dossiers = store_.loadDossiers();
        if (!dossiers) return dossiers.error();
        for (const Dossier& d : *dossiers) {
            auto card = store_.findCard(policy.structureId, d.ref);
            if (!card) return card.error();
            if (!*card) continue;
            const std::string expected = cards::cardCode(*key, **card);
            if (sameCode(expected, code)) found = **card;
        }
    }
    if (found) {
        StoreCardRecords records(store_);
        auto record = records.find(policy.structureId, found->dossier);
        if (!record) return record.error();
        const cards::CardClaim claim{found->structureId, found->dossier, found->serial, found->issued};
        const cards::Reason reason = cards::checkClaim(claim, *record, policy);
        if (reason == cards::Reason::Valid) {
            Visits visits(store_, clock_);
            auto visit = visits.checkIn(found->dossier, "kiosk:" + kioskId);
            if (!visit) return visit.error();
            out.visit = *visit;
            return out;
        }
        out.visit.staffReason = cards::reasonCode(reason);
        (void)store_.audit("kiosk:" + kioskId, "visit.refused",
                           "reason:" + out.visit.staffReason + " dossier:" + std::to_string(found->dossier));
        return out;
    }
    // A wrong code: counted, stored, audited.
    const Instant now = clock_.now();
    auto f = readFailures(store_, kioskId, now);
    if (!f) return f.error();
    const int count = f->count + 1;
    auto saved = store_.transaction([&]() -> Result<void> {
        if (auto r = store_.setSetting("kiosk." + kioskId + ".code_failures", std::to_string(count)); !r)
            return r;
        if (auto r = store_.setSetting("kiosk." + kioskId + ".code_last_failure", formatInstant(now)); !r)
            return r;
        return store_.audit("kiosk:" + kioskId, "visit.refused",
                            "reason:wrong-code tries:" + std::to_string(count));
    });
    if (!saved) return saved.error();
    out.visit.staffReason = "wrong-code";
    out.retryIn = lockAfter(count);
    return out;
}

} // namespace guichet::desk
