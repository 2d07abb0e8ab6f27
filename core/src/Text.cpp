#include "guichet/core/Text.hpp"

#include <array>
#include <memory>
#include <string>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unordered_map>

namespace guichet {
namespace {

// Folded forms of U+00C0..U+017F (Latin-1 Supplement letters and Latin Extended-A), lower case,
// accents removed; "" means "not a letter" (× and ÷), which becomes a space.
constexpr std::array<const char*, 0x180 - 0xC0> kLatin{
    // C0
    "a",
    "a",
    "a",
    "a",
    "a",
    "a",
    "ae",
    "c",
    "e",
    "e",
    "e",
    "e",
    "i",
    "i",
    "i",
    "i",
    // D0
    "d",
    "n",
    "o",
    "o",
    "o",
    "o",
    "o",
    "",
    "o",
    "u",
    "u",
    "u",
    "u",
    "y",
    "th",
    "ss",
    // E0
    "a",
    "a",
    "a",
    "a",
    "a",
    "a",
    "ae",
    "c",
    "e",
    "e",
    "e",
    "e",
    "i",
    "i",
    "i",
    "i",
    // F0
    "d",
    "n",
    "o",
    "o",
    "o",
    "o",
    "o",
    "",
    "o",
    "u",
    "u",
    "u",
    "u",
    "y",
    "th",
    "y",
    // 100
    "a",
    "a",
    "a",
    "a",
    "a",
    "a",
    "c",
    "c",
    "c",
    "c",
    "c",
    "c",
    "c",
    "c",
    "d",
    "d",
    // 110
    "d",
    "d",
    "e",
    "e",
    "e",
    "e",
    "e",
    "e",
    "e",
    "e",
    "e",
    "e",
    "g",
    "g",
    "g",
    "g",
    // 120
    "g",
    "g",
    "g",
    "g",
    "h",
    "h",
    "h",
    "h",
    "i",
    "i",
    "i",
    "i",
    "i",
    "i",
    "i",
    "i",
    // 130
    "i",
    "i",
    "ij",
    "ij",
    "j",
    "j",
    "k",
    "k",
    "k",
    "l",
    "l",
    "l",
    "l",
    "l",
    "l",
    "l",
    // 140
    "l",
    "l",
    "l",
    "n",
    "n",
    "n",
    "n",
    "n",
    "n",
    "n",
    "n",
    "n",
    "o",
    "o",
    "o",
    "o",
    // 150
    "o",
    "o",
    "oe",
    "oe",
    "r",
    "r",
    "r",
    "r",
    "r",
    "r",
    "s",
    "s",
    "s",
    "s",
    "s",
    "s",
    // 160
    "s",
    "s",
    "t",
    "t",
    "t",
    "t",
    "t",
    "t",
    "u",
    "u",
    "u",
    "u",
    "u",
    "u",
    "u",
    "u",
    // 170
    "u",
    "u",
    "u",
    "u",
    "w",
    "w",
    "y",
    "y",
    "y",
    "z",
    "z",
    "z",
    "z",
    "z",
    "z",
    "s",
};

// Windows-1252 0x80..0x9F (the rest of the range maps to the same code point as Latin-1).
constexpr std::array<char32_t, 32> kCp1252{
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

char32_t cp1252At(unsigned char byte) {
    return byte >= 0x80 && byte < 0xA0 ? kCp1252[byte - 0x80] : byte;
}

// Decodes one code point at `pos` and advances it; malformed bytes decode as Windows-1252.
char32_t nextCodePoint(std::string_view s, size_t& pos) {
    auto b0 = static_cast<unsigned char>(s[pos]);
    if (b0 < 0x80) {
        ++pos;
        return b0;
    }
    int len = b0 >= 0xF0 && b0 < 0xF5 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 && b0 < 0xE0 ? 2 : 0;
    if (len == 0 || pos + static_cast<size_t>(len) > s.size()) {
        ++pos;
        return cp1252At(b0);
    }
    char32_t cp = b0 & (0x7F >> len);
    for (int i = 1; i < len; ++i) {
        auto b = static_cast<unsigned char>(s[pos + static_cast<size_t>(i)]);
        if ((b & 0xC0) != 0x80) {
            ++pos;
            return cp1252At(b0);
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        ++pos;
        return cp1252At(b0);
    }
    pos += static_cast<size_t>(len);
    return cp;
}

void appendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Any other code point, through ICU ("Any-Latin; Latin-ASCII": Vietnamese ư ơ ệ, Cyrillic,
// Greek, Arabic, Icelandic þ ð...), cached per thread (a Transliterator is not shared between
// threads). Letters and digits folded to a-z0-9; "" for a mark (dropped); " " for anything else.
std::string_view foldOther(char32_t cp) {
    thread_local std::unordered_map<char32_t, std::string> cache;
    if (auto it = cache.find(cp); it != cache.end()) return it->second;
    thread_local std::unique_ptr<icu::Transliterator> latin = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> t(
            icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
        return U_SUCCESS(status) ? std::move(t) : nullptr;
    }();
    std::string folded;
    const auto category = static_cast<UCharCategory>(u_charType(static_cast<UChar32>(cp)));
    const bool mark = category == U_NON_SPACING_MARK || category == U_COMBINING_SPACING_MARK ||
                      category == U_ENCLOSING_MARK;
    if (!mark && u_isalnum(static_cast<UChar32>(cp)) && latin) {
        icu::UnicodeString text(static_cast<UChar32>(cp));
        latin->transliterate(text);
        std::string utf8;
        text.toUTF8String(utf8);
        for (char c : utf8)
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) folded += c;
    }
    // A letter ICU cannot write in Latin (or no ICU data) becomes a space, as before.
    if (folded.empty() && !mark) folded.push_back(' ');
    return cache.emplace(cp, std::move(folded)).first->second;
}

// The folded form of one code point: letters, digits, "" for a combining mark (dropped), " " else.
std::string_view fold(char32_t cp, char (&ascii)[2]) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
        ascii[0] = static_cast<char>(cp);
        return {ascii, 1};
    }
    if (cp >= 'A' && cp <= 'Z') {
        ascii[0] = static_cast<char>(cp - 'A' + 'a');
        return {ascii, 1};
    }
    if (cp >= 0xC0 && cp < 0x180) {
        std::string_view f = kLatin[cp - 0xC0];
        return f.empty() ? std::string_view(" ") : f;
    }
    if (cp >= 0x300 && cp <= 0x36F) return {}; // combining accents of decomposed input
    switch (cp) {
    case 0x218:
    case 0x219:
        return "s"; // Ș ș (Romanian)
    case 0x21A:
    case 0x21B:
        return "t"; // Ț ț
    case 0x1E9E:
        return "ss";
    case 0x18F:
    case 0x259:
        return "a"; // Ə ə (Azerbaijani: Əliyev is written Aliyev)
    case 0x186:
    case 0x254:
        return "o"; // Ɔ ɔ (Akan, Ewe)
    case 0xFB00:
        return "ff";
    case 0xFB01:
        return "fi";
    case 0xFB02:
        return "fl";
    default:
        return foldOther(cp);
    }
}

} // namespace

std::string foldForSearch(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    bool pendingSpace = false;
    char ascii[2] = {0, 0};
    for (size_t pos = 0; pos < utf8.size();) {
        std::string_view f = fold(nextCodePoint(utf8, pos), ascii);
        if (f.empty()) continue;
        if (f == " ") {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace) out += ' ';
        pendingSpace = false;
        out.append(f);
    }
    return out;
}

bool isValidUtf8(std::string_view bytes) {
    for (size_t pos = 0; pos < bytes.size();) {
        auto b0 = static_cast<unsigned char>(bytes[pos]);
        if (b0 < 0x80) {
            ++pos;
            continue;
        }
        size_t before = pos;
        nextCodePoint(bytes, pos);
        // A well-formed non-ASCII sequence is at least two bytes; one byte means a fallback.
        if (pos == before + 1) return false;
    }
    return true;
}

std::string cp1252ToUtf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (char c : bytes)
        appendUtf8(out, cp1252At(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trim(std::string_view text) {
    const char* ws = " \t\r\n\f\v";
    size_t b = text.find_first_not_of(ws);
    if (b == std::string_view::npos) return {};
    size_t e = text.find_last_not_of(ws);
    return text.substr(b, e - b + 1);
}

} // namespace guichet
