#pragma once
// The card token: what the QR code of a card holds. Opaque, no personal data in clear, signed.
//
//   text    = base32(payload || signature)   (QR alphanumeric mode: version 5 at level M for the
//             usual sizes, 6 for long structure ids or refs)
//   payload = 0x30 | format version (1 byte; version 1 → 0x31): its top bits make every token
//             start with 'G', the mark of a Guichet card
//
// structure id (1 length byte 1..32, then printable ASCII)
//             dossier ref (LEB128 varint, canonical), card serial (varint, 1..2^31-1),
//             issue date (varint: days since 2020-01-01, up to 2119-12-31)
//   signature = Ed25519 over "guichet-card:" || payload (64 bytes)
//
// parseToken never throws and never reads out of bounds, whatever the input (fuzzed in tests/fuzz).
// Thread-safe: pure functions.

#include "guichet/cards/Keys.hpp"
#include "guichet/core/Date.hpp"
#include "guichet/core/Dossier.hpp"
#include "guichet/core/Result.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace guichet::cards {

inline constexpr int kTokenVersion = 1;
inline constexpr char kTokenMark = 'G'; ///< first character of every card token
inline constexpr std::size_t kMaxStructureIdLength = 32;

/// What a token asserts, once its signature is checked.
struct CardClaim {
    std::string structureId;
    DossierRef dossier = 0;
    int serial = 1;
    Date issued{};

    bool operator==(const CardClaim&) const = default;
};

/// Signs a claim into token text. Fails when the claim cannot be encoded: empty or over-long or
/// non-printable structure id, negative dossier ref, serial < 1, issue date outside 2020..2119.
Result<std::string> issueToken(const CardClaim& claim, const SecretKey& key);

/// Why a token or a card is refused (or Valid). Stable codes for logs: see reasonCode().
enum class Reason : std::uint8_t {
    Valid,
    NotACard,           ///< text is not a Guichet card token (another QR code)
    Malformed,          ///< bad characters, trailing bytes, non-canonical or impossible fields
    Truncated,          ///< the text ends before the token does
    UnsupportedVersion, ///< a token format this software does not know
    ForeignStructure,   ///< issued by another structure
    BadSignature,       ///< altered, or signed with another key
    IssuedInFuture,     ///< issue date after today (clock or forgery)
    Expired,            ///< older than the configured validity
    UnknownDossier,     ///< no such dossier in the local replica
    NoCardOnRecord,     ///< the dossier exists but no card was issued for it here
    Revoked,            ///< the card on record was revoked
    Superseded,         ///< a newer card (higher serial) was issued for the dossier
    UnknownSerial,      ///< serial or issue date not matching the record (store lost or foreign copy)
    LookupFailed,       ///< the card records could not be read (store error): not the person's fault
    DossierClosed,      ///< the dossier is struck off (RADIE) or refused (REFUS): no longer domiciled here
};

/// "valid", "not-a-card", "malformed", "truncated", "unsupported-version", "foreign-structure",
/// "bad-signature", "issued-in-future", "expired", "unknown-dossier", "no-card-on-record",
/// "revoked", "superseded", "unknown-serial", "lookup-failed", "dossier-closed".
const char* reasonCode(Reason reason);

/// A precise sentence for staff (French), e.g. "Carte remplacée par une carte plus récente".
const char* staffMessage(Reason reason);

/// What the person is told at the kiosk: the same neutral sentence for every refusal, so that a
/// screen never reveals whether a dossier exists or why a card failed (French then English).
const char* personMessage(Reason reason);

/// A syntactically valid token whose signature is not yet checked.
struct ParsedToken {
    int version = 0;
    CardClaim claim;
    std::vector<std::uint8_t> signedMessage; ///< domain prefix || payload: what the signature covers
    std::array<std::uint8_t, 64> signature{};
};

struct ParseResult {
    Reason reason = Reason::Malformed; ///< Valid when `token` is set
    std::optional<ParsedToken> token;
};

/// Parses token text (exact: no surrounding spaces, upper case).
ParseResult parseToken(std::string_view text);

} // namespace guichet::cards
