#include "guichet/cards/Base32.hpp"

namespace guichet::cards {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int valueOf(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= '2' && c <= '7') return c - '2' + 26;
    return -1;
}

} // namespace

std::string base32Encode(std::span<const std::uint8_t> bytes) {
    std::string out;
    out.reserve((bytes.size() * 8 + 4) / 5);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (std::uint8_t b : bytes) {
        buffer = (buffer << 8) | b;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out += kAlphabet[(buffer >> bits) & 31u];
        }
    }
    if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31u];
    return out;
}

std::optional<std::vector<std::uint8_t>> base32Decode(std::string_view text) {
    // Lengths 1, 3 and 6 (mod 8) cannot come from whole bytes.
    const std::size_t rest = text.size() % 8;
    if (rest == 1 || rest == 3 || rest == 6) return std::nullopt;
    std::vector<std::uint8_t> out;
    out.reserve(text.size() * 5 / 8);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        const int v = valueOf(c);
        if (v < 0) return std::nullopt;
        buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>((buffer >> bits) & 0xFFu));
        }
    }
    if ((buffer & ((1u << bits) - 1u)) != 0) return std::nullopt; // non-canonical trailing bits
    return out;
}

} // namespace guichet::cards
