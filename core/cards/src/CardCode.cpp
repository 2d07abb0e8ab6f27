#include "guichet/cards/CardCode.hpp"

#include <cstdio>
#include <sodium.h>

namespace guichet::cards {

CodeKey newCodeKey() {
    if (sodium_init() < 0) std::abort(); // libsodium cannot start: no randomness, nothing is safe
    CodeKey key{};
    randombytes_buf(key.data(), key.size());
    return key;
}

std::string codeKeyToHex(const CodeKey& key) {
    std::string hex(key.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), key.data(), key.size());
    hex.pop_back();
    return hex;
}

Result<CodeKey> codeKeyFromHex(std::string_view hex) {
    CodeKey key{};
    std::size_t length = 0;
    if (hex.size() != key.size() * 2 ||
        sodium_hex2bin(key.data(), key.size(), hex.data(), hex.size(), nullptr, &length, nullptr) != 0 ||
        length != key.size())
        return Error{"card code key: want 64 hex digits (setting card.code_key)"};
    return key;
}

std::string cardCode(const CodeKey& key, const Card& card) {
    const std::string message = "guichet-card-code:" + card.structureId + "|" + std::to_string(card.dossier) +
                                "|" + std::to_string(card.serial) + "|" + formatDate(card.issued);
    std::array<unsigned char, 8> hash{};
    crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), key.data(), key.size());
    std::uint64_t n = 0;
    for (unsigned char b : hash)
        n = (n << 8) | b;
    char digits[16];
    std::snprintf(digits, sizeof digits, "%011llu", static_cast<unsigned long long>(n % 100'000'000'000ULL));
    std::string code(digits);
    code.push_back(static_cast<char>('0' + dammDigit(code)));
    return code;
}

std::string groupedCode(std::string_view code) {
    std::string out;
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (i > 0 && i % 4 == 0) out.push_back(' ');
        out.push_back(code[i]);
    }
    return out;
}

int dammDigit(std::string_view digits) {
    static constexpr int table[10][10] = {{0, 3, 1, 7, 5, 9, 8, 6, 4, 2}, {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
                                          {4, 2, 0, 6, 8, 7, 1, 3, 5, 9}, {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
                                          {6, 1, 2, 3, 0, 4, 5, 9, 7, 8}, {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
                                          {5, 8, 6, 9, 7, 2, 0, 1, 3, 4}, {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
                                          {9, 4, 3, 8, 6, 1, 7, 2, 0, 5}, {2, 5, 8, 1, 4, 3, 6, 7, 9, 0}};
    int interim = 0;
    for (char c : digits)
        if (c >= '0' && c <= '9') interim = table[interim][c - '0'];
    return interim;
}

bool codeLooksRight(std::string_view code) {
    if (code.size() != kCardCodeDigits) return false;
    for (char c : code)
        if (c < '0' || c > '9') return false;
    return dammDigit(code.substr(0, kCardCodeDigits - 1)) == code.back() - '0';
}

std::string codeDigits(std::string_view typed) {
    std::string out;
    for (char c : typed)
        if (c >= '0' && c <= '9') out.push_back(c);
    return out;
}

} // namespace guichet::cards
