#include "CardFixtures.hpp"
#include "guichet/cards/Base32.hpp"
#include "guichet/cards/Token.hpp"
#include "guichet/codes/Codes.hpp"

#include <catch2/catch.hpp>
#include <cctype>
#include <set>

using namespace guichet;
using namespace guichet::cards;
using guichet::cards::testing::day;
using guichet::cards::testing::keyFromByte;

namespace {

std::vector<std::uint8_t> bytesOf(const std::string& token) {
    auto bytes = base32Decode(token);
    REQUIRE(bytes.has_value());
    return *bytes;
}

std::string tokenOf(const std::vector<std::uint8_t>& bytes) {
    return base32Encode(bytes);
}

} // namespace

TEST_CASE("base32 round trips and rejects non-canonical text", "[cards][base32]") {
    for (std::size_t n = 0; n < 20; ++n) {
        std::vector<std::uint8_t> bytes(n);
        for (std::size_t i = 0; i < n; ++i)
            bytes[i] = static_cast<std::uint8_t>(i * 37 + n);
        const std::string text = base32Encode(bytes);
        CHECK(text.size() == (n * 8 + 4) / 5);
        CHECK(base32Decode(text) == bytes);
    }
    CHECK(base32Encode(std::vector<std::uint8_t>{'f', 'o', 'o', 'b', 'a', 'r'}) == "MZXW6YTBOI"); // RFC 4648
    CHECK_FALSE(base32Decode("mzxw6ytboi").has_value()); // lower case
    CHECK_FALSE(base32Decode("MZXW6YTBO1").has_value()); // '1' not in the alphabet
    CHECK_FALSE(base32Decode("MZXW6YTBOJ").has_value()); // non-zero trailing bits
    CHECK_FALSE(base32Decode("MZX").has_value());        // impossible length
    CHECK_FALSE(base32Decode("MZXW6YTBOI======").has_value());
}

TEST_CASE("a token round trips and carries no personal data in clear", "[cards][token]") {
    const SecretKey key = keyFromByte(1);
    const CardClaim claim{"1234", 987654, 3, day(2026, 11, 23)};
    const auto token = issueToken(claim, key);
    REQUIRE(token.has_value());
    CHECK(token->front() == kTokenMark);
    const ParseResult parsed = parseToken(*token);
    REQUIRE(parsed.reason == Reason::Valid);
    REQUIRE(parsed.token.has_value());
    CHECK(parsed.token->version == 1);
    CHECK(parsed.token->claim == claim);
    CHECK(verifySignature(key.publicKey(), parsed.token->signedMessage, parsed.token->signature));
    // Deterministic (Ed25519) and compact.
    CHECK(issueToken(claim, key).value() == *token);
    CHECK(token->size() <= 124);
    CHECK(token->find("987654") == std::string::npos);
}

TEST_CASE("the token QR stays small: alphanumeric, at most version 6 at level M", "[cards][token]") {
    const SecretKey key = keyFromByte(2);
    for (const CardClaim& claim :
         {CardClaim{"1", 1, 1, day(2020, 1, 1)}, CardClaim{"1234", 999999, 127, day(2063, 12, 31)},
          CardClaim{"1234", 99999999, 250, day(2119, 12, 31)},
          CardClaim{"CCAS-LYON-03", 123456789012, 100000, day(2040, 6, 1)}}) {
        const auto token = issueToken(claim, key);
        REQUIRE(token.has_value());
        for (char c : *token)
            CHECK(((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')));
        const auto qr = codes::encodeQr(*token, codes::QrErrorCorrection::M);
        REQUIRE(qr.has_value());
        CHECK(qr->qrVersion() <= 6);
        // The usual sizes (4-character structure id, ref < 2 097 152, serial < 128, issued before 2064).
        if (claim.structureId.size() <= 4 && claim.dossier < (1 << 21) && claim.serial < 128)
            CHECK(qr->qrVersion() <= 5);
    }
}

TEST_CASE("issueToken refuses claims it cannot encode", "[cards][token]") {
    const SecretKey key = keyFromByte(3);
    CHECK_FALSE(issueToken({"", 1, 1, day(2026, 1, 1)}, key).has_value());
    CHECK_FALSE(issueToken({std::string(33, 'A'), 1, 1, day(2026, 1, 1)}, key).has_value());
    CHECK_FALSE(issueToken({"a b", 1, 1, day(2026, 1, 1)}, key).has_value());
    CHECK_FALSE(issueToken({"1", -1, 1, day(2026, 1, 1)}, key).has_value());
    CHECK_FALSE(issueToken({"1", 1, 0, day(2026, 1, 1)}, key).has_value());
    CHECK_FALSE(issueToken({"1", 1, 1, day(2019, 12, 31)}, key).has_value());
    CHECK_FALSE(issueToken({"1", 1, 1, day(2120, 1, 1)}, key).has_value());
    CHECK_FALSE(issueToken({"1", 1, 1, day(2026, 2, 30)}, key).has_value());
}

TEST_CASE("parseToken names what is wrong with a token", "[cards][token]") {
    const SecretKey key = keyFromByte(4);
    const std::string token = issueToken({"77", 42, 2, day(2026, 3, 1)}, key).value();
    const std::vector<std::uint8_t> bytes = bytesOf(token);

    CHECK(parseToken("").reason == Reason::NotACard);
    CHECK(parseToken("HTTPS://EXAMPLE.ORG").reason == Reason::NotACard);
    CHECK(parseToken("GUICHET").reason != Reason::Valid);
    std::vector<std::uint8_t> notOurs = bytes;
    notOurs[0] = 0x3F; // starts with 'H': not the mark
    CHECK(parseToken(tokenOf(notOurs)).reason == Reason::NotACard);
    CHECK(parseToken("G").reason == Reason::Truncated);
    CHECK(parseToken("GE").reason == Reason::Truncated);
    CHECK(parseToken(" " + token).reason == Reason::NotACard);
    CHECK(parseToken(token + " ").reason == Reason::Malformed);
    std::string lower = token;
    lower[5] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[5])));
    CHECK(parseToken(lower).reason == Reason::Malformed);

    // Every shorter prefix of the bytes is truncated (the signature is the last field).
    for (std::size_t n = 1; n < bytes.size(); ++n) {
        const std::vector<std::uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
        INFO("bytes kept: " << n);
        CHECK(parseToken(tokenOf(cut)).reason == Reason::Truncated);
    }
    // Every shorter prefix of the text is refused, mostly as truncated.
    for (std::size_t n = 2; n < token.size(); ++n)
        CHECK(parseToken(token.substr(0, n)).reason != Reason::Valid);

    std::vector<std::uint8_t> longer = bytes;
    longer.push_back(0);
    CHECK(parseToken(tokenOf(longer)).reason == Reason::Malformed);

    std::vector<std::uint8_t> version2 = bytes;
    version2[0] = 0x32;
    CHECK(parseToken(tokenOf(version2)).reason == Reason::UnsupportedVersion);

    std::vector<std::uint8_t> noStructure = bytes;
    noStructure[1] = 0;
    CHECK(parseToken(tokenOf(noStructure)).reason == Reason::Malformed);

    std::vector<std::uint8_t> hugeStructure = bytes;
    hugeStructure[1] = 200;
    CHECK(parseToken(tokenOf(hugeStructure)).reason == Reason::Malformed);

    // Overlong varint for the dossier ref (42 written as 0xAA 0x00) is not canonical.
    std::vector<std::uint8_t> overlong(bytes.begin(), bytes.begin() + 4);
    REQUIRE(bytes[4] == 42);
    overlong.push_back(0xAA);
    overlong.push_back(0x00);
    overlong.insert(overlong.end(), bytes.begin() + 5, bytes.end());
    CHECK(parseToken(tokenOf(overlong)).reason == Reason::Malformed);
}

TEST_CASE("reason codes are distinct and the person always hears the same refusal", "[cards][token]") {
    std::set<std::string> codes;
    const std::string refusal = personMessage(Reason::Revoked);
    for (int r = 0; r <= static_cast<int>(Reason::DossierClosed); ++r) {
        const auto reason = static_cast<Reason>(r);
        codes.insert(reasonCode(reason));
        CHECK(std::string(staffMessage(reason)).size() > 5);
        if (reason != Reason::Valid) CHECK(personMessage(reason) == refusal);
    }
    CHECK(codes.size() == static_cast<std::size_t>(Reason::DossierClosed) + 1);
    CHECK(personMessage(Reason::Valid) != refusal);
}
