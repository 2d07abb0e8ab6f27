#pragma once
// RFC 4648 base32 (alphabet A-Z 2-7), without padding: every character is in the QR code's
// alphanumeric set, so a token is encoded at 5.5 bits per character. Pure, thread-safe.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace guichet::cards {

std::string base32Encode(std::span<const std::uint8_t> bytes);

/// Decodes canonical unpadded base32: upper case only, no padding, unused trailing bits zero.
/// nullopt for anything else (so that one byte string has exactly one text form).
std::optional<std::vector<std::uint8_t>> base32Decode(std::string_view text);

} // namespace guichet::cards
