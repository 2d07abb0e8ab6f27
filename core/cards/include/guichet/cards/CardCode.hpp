#pragma once
// The code printed on a card under its QR, for when the camera cannot read the card: the person
// types it on the kiosk's keypad. Twelve digits, shown in three groups of four:
//
//   11 digits = BLAKE2b-keyed(code key, "guichet-card-code:" structure | dossier | serial | issued)
//               as a 64-bit number mod 10^11        (36.5 bits: 1 chance in 10^11 per guess)
//   1 digit   = Damm check digit of the 11          (any one wrong digit, any swap of neighbours)
//
// The code key is the structure's secret (32 random bytes, setting `card.code_key` in the store):
// without it the code of a dossier cannot be computed from what is public (ref, serial, date), and
// a new card (new serial) has a new code, so revoking or replacing a card retires its code. The
// check digit lets the kiosk tell a typing slip at once, without counting it as a try; it gives a
// guesser nothing (anyone can compute it). Guessing is bounded by the tries a kiosk allows (see
// desk/TypedCodes.hpp): with 2,000 cards in use, one guess finds some card with probability
// 2,000 / 10^11 = 2e-8. Pure; thread-safe.

#include "guichet/core/Card.hpp"
#include "guichet/core/Result.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace guichet::cards {

inline constexpr std::size_t kCardCodeDigits = 12;
using CodeKey = std::array<std::uint8_t, 32>;

/// A fresh random key (libsodium's randombytes).
CodeKey newCodeKey();
/// 64 hex digits, and back (an Error naming what is wrong).
std::string codeKeyToHex(const CodeKey& key);
Result<CodeKey> codeKeyFromHex(std::string_view hex);

/// The card's 12-digit code, digits only.
std::string cardCode(const CodeKey& key, const Card& card);
/// "4821 0937 5562", as printed.
std::string groupedCode(std::string_view code);

/// The Damm check digit of the digits in `digits` (other characters are skipped).
int dammDigit(std::string_view digits);
/// True when `code` is 12 digits whose last is the Damm digit of the other 11.
bool codeLooksRight(std::string_view code);
/// The digits of what was typed ("4821 0937-5562" → "482109375562").
std::string codeDigits(std::string_view typed);

} // namespace guichet::cards
