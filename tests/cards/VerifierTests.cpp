#include "CardFixtures.hpp"
#include "guichet/cards/Base32.hpp"
#include "guichet/cards/Verifier.hpp"

#include <catch2/catch.hpp>

using namespace guichet;
using namespace guichet::cards;
using guichet::cards::testing::day;
using guichet::cards::testing::keyFromByte;
using guichet::cards::testing::TableRecords;

namespace {

struct Desk {
    SecretKey key = keyFromByte(10);
    VerifyPolicy policy{"1234", key.publicKey(), day(2026, 11, 23), 365, 1};
    TableRecords records;

    std::string issue(DossierRef ref, int serial, Date issued) {
        const CardClaim claim{"1234", ref, serial, issued};
        records.issue(claim);
        return issueToken(claim, key).value();
    }
    Reason verify(const std::string& token) const { return verifyToken(token, policy, records).reason; }
};

std::string flipBit(const std::string& token, std::size_t byteIndex, int bit) {
    auto bytes = base32Decode(token).value();
    bytes.at(byteIndex) = static_cast<std::uint8_t>(bytes.at(byteIndex) ^ (1u << bit));
    return base32Encode(bytes);
}

} // namespace

TEST_CASE("a genuine current card is accepted with its claim", "[cards][verify]") {
    Desk desk;
    const std::string token = desk.issue(42, 1, day(2026, 11, 20));
    const Verdict verdict = verifyToken(token, desk.policy, desk.records);
    CHECK(verdict.accepted());
    REQUIRE(verdict.claim.has_value());
    CHECK(verdict.claim->dossier == 42);
    CHECK(verdict.detail.find("dossier:42") != std::string::npos);
}

TEST_CASE("every altered bit of a token is refused", "[cards][verify][forgery]") {
    Desk desk;
    const std::string token = desk.issue(42, 1, day(2026, 11, 20));
    const std::size_t size = base32Decode(token).value().size();
    int refused = 0, total = 0;
    for (std::size_t i = 0; i < size; ++i)
        for (int bit = 0; bit < 8; ++bit) {
            ++total;
            const Reason reason = desk.verify(flipBit(token, i, bit));
            if (reason != Reason::Valid) ++refused;
            // The payload's bits may turn into other refusals (version, structure, lengths);
            // whatever still parses fails the signature.
            if (i >= size - 64) CHECK(reason == Reason::BadSignature);
        }
    CHECK(refused == total);
}

TEST_CASE("forged and foreign tokens are refused with a precise reason", "[cards][verify][forgery]") {
    Desk desk;
    desk.issue(42, 1, day(2026, 11, 20));

    SECTION("same structure id, signed with another key") {
        const std::string forged = issueToken({"1234", 42, 1, day(2026, 11, 20)}, keyFromByte(99)).value();
        CHECK(desk.verify(forged) == Reason::BadSignature);
    }
    SECTION("another structure's genuine card") {
        const std::string foreign = issueToken({"5678", 42, 1, day(2026, 11, 20)}, keyFromByte(11)).value();
        CHECK(desk.verify(foreign) == Reason::ForeignStructure);
    }
    SECTION("a dossier the structure does not know, even correctly signed") {
        const std::string token = issueToken({"1234", 777, 1, day(2026, 11, 20)}, desk.key).value();
        CHECK(desk.verify(token) == Reason::UnknownDossier);
    }
    SECTION("a known dossier without a card issued here") {
        desk.records.dossiers[55] = std::nullopt;
        const std::string token = issueToken({"1234", 55, 1, day(2026, 11, 20)}, desk.key).value();
        CHECK(desk.verify(token) == Reason::NoCardOnRecord);
    }
    SECTION("a serial above the record (a card never issued by this store)") {
        const std::string token = issueToken({"1234", 42, 2, day(2026, 11, 20)}, desk.key).value();
        CHECK(desk.verify(token) == Reason::UnknownSerial);
    }
    SECTION("the right serial with another issue date") {
        const std::string token = issueToken({"1234", 42, 1, day(2026, 11, 21)}, desk.key).value();
        CHECK(desk.verify(token) == Reason::UnknownSerial);
    }
    SECTION("an issue date in the future") {
        const std::string token = issueToken({"1234", 42, 1, day(2026, 12, 1)}, desk.key).value();
        CHECK(desk.verify(token) == Reason::IssuedInFuture);
    }
    SECTION("another QR code, garbage and truncation") {
        CHECK(desk.verify("https://example.org") == Reason::NotACard);
        CHECK(desk.verify("G!!!") == Reason::Malformed);
        const std::string token = issueToken({"1234", 42, 1, day(2026, 11, 20)}, desk.key).value();
        CHECK(desk.verify(token.substr(0, token.size() - 8)) == Reason::Truncated);
    }
}

TEST_CASE("revoked and older cards are refused, the new card works", "[cards][verify][revocation]") {
    Desk desk;
    const std::string first = desk.issue(42, 1, day(2026, 1, 10));
    CHECK(desk.verify(first) == Reason::Valid);

    desk.records.dossiers[42]->revoked = true;
    CHECK(desk.verify(first) == Reason::Revoked);

    const std::string second = desk.issue(42, 2, day(2026, 11, 23));
    CHECK(desk.verify(first) == Reason::Superseded);
    CHECK(desk.verify(second) == Reason::Valid);
    const std::string third = desk.issue(42, 3, day(2026, 11, 23));
    CHECK(desk.verify(second) == Reason::Superseded);
    CHECK(desk.verify(third) == Reason::Valid);
}

TEST_CASE("validity is configurable and expiry comes after revocation", "[cards][verify][expiry]") {
    Desk desk;
    const std::string token = desk.issue(42, 1, day(2025, 11, 23));
    desk.policy.validityDays = 365;
    CHECK(desk.verify(token) == Reason::Valid); // exactly 365 days: last valid day
    desk.policy.today = day(2026, 11, 24);
    CHECK(desk.verify(token) == Reason::Expired);
    desk.policy.validityDays = 0;
    CHECK(desk.verify(token) == Reason::Valid);
    desk.policy.validityDays = 30;
    desk.records.dossiers[42]->revoked = true;
    CHECK(desk.verify(token) == Reason::Revoked);
}

TEST_CASE("a store error is reported as such, not as a forgery", "[cards][verify]") {
    Desk desk;
    const std::string token = desk.issue(42, 1, day(2026, 11, 20));
    desk.records.failing = true;
    const Verdict verdict = verifyToken(token, desk.policy, desk.records);
    CHECK(verdict.reason == Reason::LookupFailed);
    CHECK(verdict.detail.find("unreadable") != std::string::npos);
}

TEST_CASE("checkClaim applies the record rules to values", "[cards][verify]") {
    const VerifyPolicy policy{"S", PublicKey{}, day(2026, 6, 1), 100, 0};
    const CardClaim claim{"S", 7, 2, day(2026, 5, 1)};
    const Card card{"S", 7, 2, day(2026, 5, 1), false};
    CHECK(checkClaim(claim, {true, card}, policy) == Reason::Valid);
    CHECK(checkClaim(claim, {false, std::nullopt}, policy) == Reason::UnknownDossier);
    CHECK(checkClaim(claim, {true, std::nullopt}, policy) == Reason::NoCardOnRecord);
    CHECK(checkClaim({"T", 7, 2, day(2026, 5, 1)}, {true, card}, policy) == Reason::ForeignStructure);
    CHECK(checkClaim({"S", 7, 2, day(2026, 6, 2)}, {true, card}, policy) == Reason::IssuedInFuture);
    Card other = card;
    other.dossier = 8;
    CHECK(checkClaim(claim, {true, other}, policy) == Reason::UnknownSerial);
}

TEST_CASE("a struck-off or refused person's card is refused, whatever the card", "[cards][verify][statut]") {
    Desk desk;
    const std::string token = desk.issue(42, 1, day(2026, 11, 23));
    CHECK(desk.verify(token) == Reason::Valid);
    for (const Statut closed : {Statut::Radie, Statut::Refus}) {
        desk.records.statuts[42] = closed;
        CHECK(desk.verify(token) == Reason::DossierClosed);
        CHECK(std::string(reasonCode(Reason::DossierClosed)) == "dossier-closed");
        CHECK(personMessage(Reason::DossierClosed) == personMessage(Reason::Revoked)); // desk side only
    }
    for (const Statut open : {Statut::Valide, Statut::Instruction, Statut::AttenteDecision}) {
        desk.records.statuts[42] = open;
        CHECK(desk.verify(token) == Reason::Valid);
    }
}

TEST_CASE("a negative validity fails closed: every card has expired", "[cards][verify][expiry]") {
    Desk desk;
    const std::string token = desk.issue(42, 1, day(2026, 11, 23));
    desk.policy.validityDays = -1;
    CHECK(desk.verify(token) == Reason::Expired);
}
