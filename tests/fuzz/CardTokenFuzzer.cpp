// libFuzzer target: the card token parser and verifier on arbitrary text.
// Invariants checked beyond "no crash, no sanitizer report":
//   - a token that parses is canonical: re-encoding its bytes gives back the same text;
//   - nothing but the one genuine token (in the seed corpus) is ever accepted.
#include "guichet/cards/Base32.hpp"
#include "guichet/cards/Token.hpp"
#include "guichet/cards/Verifier.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using namespace guichet;
using namespace guichet::cards;

constexpr Date kIssued{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{1}};

SecretKey fuzzKey() {
    std::array<std::uint8_t, 32> seed{};
    seed.fill(7); // the key of the seed corpus's genuine token (corpus/card-token/valid)
    return SecretKey::fromSeed(seed);
}

class OneCard : public CardRecords {
public:
    Result<CardRecord> find(const std::string& structureId, DossierRef dossier) const override {
        if (structureId != "1234" || dossier != 42) return CardRecord{};
        return CardRecord{true, Card{"1234", 42, 3, kIssued, false}};
    }
};

struct Fixture {
    SecretKey key = fuzzKey();
    std::string genuine = issueToken({"1234", 42, 3, kIssued}, key).value();
    VerifyPolicy policy{"1234", key.publicKey(),
                        Date{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{23}}, 365, 1};
    OneCard records;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Fixture fixture; // built once: a key derivation per input would dominate the run
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    const ParseResult parsed = parseToken(text);
    if (parsed.token) {
        if (parsed.reason != Reason::Valid) __builtin_trap();
        const auto bytes = base32Decode(text);
        if (!bytes || base32Encode(*bytes) != text) __builtin_trap();
    } else if (parsed.reason == Reason::Valid) {
        __builtin_trap();
    }
    const Verdict verdict = verifyToken(text, fixture.policy, fixture.records);
    if (verdict.accepted() && text != fixture.genuine) __builtin_trap();
    return 0;
}
