#include "guichet/cards/Token.hpp"

#include "guichet/cards/Base32.hpp"

#include <chrono>
#include <limits>

namespace guichet::cards {
namespace {

constexpr std::string_view kSignatureDomain = "guichet-card:";
constexpr std::chrono::sys_days kEpoch{std::chrono::year{2020} / 1 / 1};
constexpr std::int64_t kMaxDay = 36523; // 2119-12-31 (2100 is not a leap year)
constexpr std::uint8_t kVersionBase = 0x30;
constexpr std::int64_t kMaxSerial = std::numeric_limits<std::int32_t>::max();
constexpr std::size_t kSignatureSize = 64;

void putVarint(std::vector<std::uint8_t>& out, std::uint64_t value) {
    while (value >= 0x80) {
        out.push_back(static_cast<std::uint8_t>(value | 0x80));
        value >>= 7;
    }
    out.push_back(static_cast<std::uint8_t>(value));
}

bool printable(std::string_view text) {
    for (char c : text)
        if (c < 0x21 || c > 0x7E) return false;
    return true;
}

// A bounded reader over the decoded bytes: every failure says whether the bytes ran out
// (Truncated) or were wrong (Malformed).
class Reader {
public:
    explicit Reader(const std::vector<std::uint8_t>& bytes) : bytes_(bytes) {}

    std::size_t position() const { return pos_; }
    std::size_t remaining() const { return bytes_.size() - pos_; }
    Reason failure() const { return failure_; }

    bool byte(std::uint8_t& out) {
        if (pos_ >= bytes_.size()) return fail(Reason::Truncated);
        out = bytes_[pos_++];
        return true;
    }

    // Canonical unsigned LEB128 no larger than `max`.
    bool varint(std::int64_t max, std::int64_t& out) {
        std::uint64_t value = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            std::uint8_t b = 0;
            if (!byte(b)) return false;
            value |= static_cast<std::uint64_t>(b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (b == 0 && shift > 0) return fail(Reason::Malformed); // overlong encoding
                if (value > static_cast<std::uint64_t>(max)) return fail(Reason::Malformed);
                out = static_cast<std::int64_t>(value);
                return true;
            }
        }
        return fail(Reason::Malformed);
    }

    bool fail(Reason reason) {
        failure_ = reason;
        return false;
    }

private:
    const std::vector<std::uint8_t>& bytes_;
    std::size_t pos_ = 0;
    Reason failure_ = Reason::Malformed;
};

} // namespace

Result<std::string> issueToken(const CardClaim& claim, const SecretKey& key) {
    if (claim.structureId.empty() || claim.structureId.size() > kMaxStructureIdLength ||
        !printable(claim.structureId))
        return makeError("card token: structure id must be 1 to 32 printable ASCII characters");
    if (claim.dossier < 0)
        return makeError("card token: negative dossier ref " + std::to_string(claim.dossier));
    if (claim.serial < 1)
        return makeError("card token: serial " + std::to_string(claim.serial) + " is below 1");
    if (!claim.issued.ok()) return makeError("card token: invalid issue date");
    const std::int64_t day = (std::chrono::sys_days{claim.issued} - kEpoch).count();
    if (day < 0 || day > kMaxDay)
        return makeError("card token: issue date " + formatDate(claim.issued) + " outside 2020-2119");

    std::vector<std::uint8_t> message;
    message.reserve(kSignatureDomain.size() + 2 + claim.structureId.size() + 3 * 10);
    message.insert(message.end(), kSignatureDomain.begin(), kSignatureDomain.end());
    message.push_back(static_cast<std::uint8_t>(kVersionBase | kTokenVersion));
    message.push_back(static_cast<std::uint8_t>(claim.structureId.size()));
    message.insert(message.end(), claim.structureId.begin(), claim.structureId.end());
    putVarint(message, static_cast<std::uint64_t>(claim.dossier));
    putVarint(message, static_cast<std::uint64_t>(claim.serial));
    putVarint(message, static_cast<std::uint64_t>(day));
    const std::array<std::uint8_t, 64> signature = key.sign(message);

    std::vector<std::uint8_t> bytes(message.begin() + static_cast<std::ptrdiff_t>(kSignatureDomain.size()),
                                    message.end());
    bytes.insert(bytes.end(), signature.begin(), signature.end());
    return base32Encode(bytes);
}

namespace {

// Parses decoded bytes; Reason::Valid with the token, or why not.
ParseResult parseBytes(const std::vector<std::uint8_t>& bytes) {
    Reader in(bytes);
    ParsedToken token;
    std::uint8_t version = 0;
    if (!in.byte(version)) return {in.failure(), std::nullopt};
    if ((version & 0xF8u) != kVersionBase) return {Reason::NotACard, std::nullopt};
    if ((version & 0x07u) != kTokenVersion) return {Reason::UnsupportedVersion, std::nullopt};
    token.version = version & 0x07;

    std::uint8_t length = 0;
    if (!in.byte(length)) return {in.failure(), std::nullopt};
    if (length == 0 || length > kMaxStructureIdLength) return {Reason::Malformed, std::nullopt};
    if (in.remaining() < length) return {Reason::Truncated, std::nullopt};
    token.claim.structureId.assign(bytes.begin() + static_cast<std::ptrdiff_t>(in.position()),
                                   bytes.begin() + static_cast<std::ptrdiff_t>(in.position() + length));
    for (std::size_t i = 0; i < length; ++i) {
        std::uint8_t ignored = 0;
        (void)in.byte(ignored);
    }
    if (!printable(token.claim.structureId)) return {Reason::Malformed, std::nullopt};

    std::int64_t dossier = 0, serial = 0, day = 0;
    if (!in.varint(std::numeric_limits<std::int64_t>::max(), dossier)) return {in.failure(), std::nullopt};
    if (!in.varint(kMaxSerial, serial)) return {in.failure(), std::nullopt};
    if (serial < 1) return {Reason::Malformed, std::nullopt};
    if (!in.varint(kMaxDay, day)) return {in.failure(), std::nullopt};
    token.claim.dossier = dossier;
    token.claim.serial = static_cast<int>(serial);
    token.claim.issued = Date{kEpoch + std::chrono::days{day}};

    if (in.remaining() < kSignatureSize) return {Reason::Truncated, std::nullopt};
    if (in.remaining() > kSignatureSize) return {Reason::Malformed, std::nullopt};
    const std::size_t payloadEnd = in.position();
    std::copy(bytes.begin() + static_cast<std::ptrdiff_t>(payloadEnd), bytes.end(), token.signature.begin());
    token.signedMessage.assign(kSignatureDomain.begin(), kSignatureDomain.end());
    token.signedMessage.insert(token.signedMessage.end(), bytes.begin(),
                               bytes.begin() + static_cast<std::ptrdiff_t>(payloadEnd));
    return {Reason::Valid, std::move(token)};
}

bool base32Text(std::string_view text) {
    for (char c : text)
        if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) return false;
    return true;
}

} // namespace

ParseResult parseToken(std::string_view text) {
    if (text.empty() || text.front() != kTokenMark) return {Reason::NotACard, std::nullopt};
    if (!base32Text(text)) return {Reason::Malformed, std::nullopt};
    if (const auto decoded = base32Decode(text)) return parseBytes(*decoded);
    // Not canonical base32 but only valid characters: typically a text cut mid-character. Parse the
    // whole bytes it holds; if the token then ends early it is truncated, otherwise malformed.
    std::vector<std::uint8_t> whole;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        buffer = (buffer << 5) | static_cast<std::uint32_t>(c >= 'A' ? c - 'A' : c - '2' + 26);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            whole.push_back(static_cast<std::uint8_t>((buffer >> bits) & 0xFFu));
        }
    }
    const ParseResult partial = parseBytes(whole);
    return {partial.reason == Reason::Truncated ? Reason::Truncated : Reason::Malformed, std::nullopt};
}

const char* reasonCode(Reason reason) {
    switch (reason) {
    case Reason::Valid:
        return "valid";
    case Reason::NotACard:
        return "not-a-card";
    case Reason::Malformed:
        return "malformed";
    case Reason::Truncated:
        return "truncated";
    case Reason::UnsupportedVersion:
        return "unsupported-version";
    case Reason::ForeignStructure:
        return "foreign-structure";
    case Reason::BadSignature:
        return "bad-signature";
    case Reason::IssuedInFuture:
        return "issued-in-future";
    case Reason::Expired:
        return "expired";
    case Reason::UnknownDossier:
        return "unknown-dossier";
    case Reason::NoCardOnRecord:
        return "no-card-on-record";
    case Reason::Revoked:
        return "revoked";
    case Reason::Superseded:
        return "superseded";
    case Reason::UnknownSerial:
        return "unknown-serial";
    case Reason::LookupFailed:
        return "lookup-failed";
    case Reason::DossierClosed:
        return "dossier-closed";
    }
    return "malformed";
}

const char* staffMessage(Reason reason) {
    switch (reason) {
    case Reason::Valid:
        return "Carte valide";
    case Reason::NotACard:
        return "Ce code n'est pas une carte Guichet";
    case Reason::Malformed:
        return "Code de carte illisible ou altéré (format invalide)";
    case Reason::Truncated:
        return "Code de carte incomplet (tronqué)";
    case Reason::UnsupportedVersion:
        return "Format de carte inconnu de ce logiciel (version plus récente ?)";
    case Reason::ForeignStructure:
        return "Carte émise par une autre structure";
    case Reason::BadSignature:
        return "Signature invalide : carte falsifiée ou signée avec une autre clé";
    case Reason::IssuedInFuture:
        return "Date d'émission dans le futur : horloge ou carte falsifiée";
    case Reason::Expired:
        return "Carte expirée : à renouveler";
    case Reason::UnknownDossier:
        return "Dossier inconnu dans la base locale";
    case Reason::NoCardOnRecord:
        return "Aucune carte émise pour ce dossier ici";
    case Reason::Revoked:
        return "Carte révoquée (perdue ou volée)";
    case Reason::Superseded:
        return "Carte remplacée par une carte plus récente";
    case Reason::UnknownSerial:
        return "Numéro de carte ne correspondant pas au registre des cartes";
    case Reason::LookupFailed:
        return "Registre des cartes illisible : réessayer, prévenir l'administrateur";
    case Reason::DossierClosed:
        return "Dossier radié ou refusé : la domiciliation a pris fin, la carte n'est plus valable";
    }
    return "Code de carte illisible";
}

const char* personMessage(Reason reason) {
    if (reason == Reason::Valid) return "Bienvenue / Welcome";
    return "Cette carte ne peut pas être utilisée ici. Merci de vous adresser à l'accueil. / "
           "This card cannot be used here. Please ask at the desk.";
}

} // namespace guichet::cards
