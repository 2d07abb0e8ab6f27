// A bounded, deterministic random-mutation run over the token parser and verifier, so that every CI
// run exercises them like the libFuzzer target in tests/fuzz does (which needs clang and time).
#include "CardFixtures.hpp"
#include "guichet/cards/Base32.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <random>

using namespace guichet;
using namespace guichet::cards;
using guichet::cards::testing::day;
using guichet::cards::testing::keyFromByte;
using guichet::cards::testing::TableRecords;

TEST_CASE("random mutations of a token never crash and are never accepted", "[cards][mutation]") {
    const SecretKey key = keyFromByte(20);
    const CardClaim claim{"1234", 4242, 3, day(2026, 10, 1)};
    const std::string token = issueToken(claim, key).value();
    const std::vector<std::uint8_t> bytes = base32Decode(token).value();
    TableRecords records;
    records.issue(claim);
    const VerifyPolicy policy{"1234", key.publicKey(), day(2026, 11, 23), 365, 1};
    REQUIRE(verifyToken(token, policy, records).accepted());

    std::mt19937 rng(12345);
    auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567 :-a01";
    std::map<Reason, int> seen;
    for (int round = 0; round < 20000; ++round) {
        std::string mutated;
        if (round % 2 == 0) { // text-level: substitute, insert, delete, truncate, splice
            mutated = token;
            const int edits = 1 + static_cast<int>(pick(3));
            for (int e = 0; e < edits && !mutated.empty(); ++e) {
                switch (pick(4)) {
                case 0:
                    mutated[pick(mutated.size())] = alphabet[pick(alphabet.size())];
                    break;
                case 1:
                    mutated.insert(mutated.begin() + static_cast<std::ptrdiff_t>(pick(mutated.size() + 1)),
                                   alphabet[pick(alphabet.size())]);
                    break;
                case 2:
                    mutated.erase(pick(mutated.size()), 1);
                    break;
                default:
                    mutated.resize(pick(mutated.size()));
                    break;
                }
            }
        } else { // byte-level, re-encoded so that the parser gets past base32
            std::vector<std::uint8_t> b = bytes;
            const int edits = 1 + static_cast<int>(pick(4));
            for (int e = 0; e < edits && !b.empty(); ++e) {
                switch (pick(4)) {
                case 0:
                    b[pick(b.size())] ^= static_cast<std::uint8_t>(1u << pick(8));
                    break;
                case 1:
                    b[pick(b.size())] = static_cast<std::uint8_t>(pick(256));
                    break;
                case 2:
                    b.erase(b.begin() + static_cast<std::ptrdiff_t>(pick(b.size())));
                    break;
                default:
                    b.insert(b.begin() + static_cast<std::ptrdiff_t>(pick(b.size() + 1)),
                             static_cast<std::uint8_t>(pick(256)));
                    break;
                }
            }
            mutated = base32Encode(b);
        }
        if (mutated == token) continue;
        const Verdict verdict = verifyToken(mutated, policy, records);
        ++seen[verdict.reason];
        if (verdict.accepted()) FAIL("accepted a mutated token: " << mutated);
    }
    // The run reached deep into the parser, not only its first checks.
    CHECK(seen[Reason::BadSignature] > 1000);
    CHECK(seen[Reason::Truncated] > 100);
    CHECK(seen[Reason::Malformed] > 100);
    CHECK(seen[Reason::Valid] == 0);
}
