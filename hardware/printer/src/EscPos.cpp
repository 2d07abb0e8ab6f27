#include "guichet/hardware/EscPos.hpp"

#include <array>
#include <utility>

namespace guichet::hardware {
namespace {

constexpr char ESC = 0x1B;
constexpr char GS = 0x1D;

// Code page 858 positions of the Latin-1 letters French and our other languages use.
constexpr std::array<std::pair<char32_t, unsigned char>, 46> kPc858{{
    {U'Ç', 0x80}, {U'ü', 0x81}, {U'é', 0x82}, {U'â', 0x83}, {U'ä', 0x84}, {U'à', 0x85}, {U'å', 0x86},
    {U'ç', 0x87}, {U'ê', 0x88}, {U'ë', 0x89}, {U'è', 0x8A}, {U'ï', 0x8B}, {U'î', 0x8C}, {U'ì', 0x8D},
    {U'Ä', 0x8E}, {U'Å', 0x8F}, {U'É', 0x90}, {U'æ', 0x91}, {U'Æ', 0x92}, {U'ô', 0x93}, {U'ö', 0x94},
    {U'ò', 0x95}, {U'û', 0x96}, {U'ù', 0x97}, {U'ÿ', 0x98}, {U'Ö', 0x99}, {U'Ü', 0x9A}, {U'ø', 0x9B},
    {U'£', 0x9C}, {U'Ø', 0x9D}, {U'á', 0xA0}, {U'í', 0xA1}, {U'ó', 0xA2}, {U'ú', 0xA3}, {U'ñ', 0xA4},
    {U'Ñ', 0xA5}, {U'°', 0xF8}, {U'€', 0xD5}, {U'Á', 0xB5}, {U'Â', 0xB6}, {U'À', 0xB7}, {U'Ê', 0xD2},
    {U'Ë', 0xD3}, {U'È', 0xD4}, {U'Î', 0xD7}, {U'Ô', 0xE2},
}};

void center(std::string& out, const std::string& pc858, int columns) {
    out += ESC;
    out += 'a';
    out += '\x01';
    out += pc858.substr(0, static_cast<size_t>(columns));
    out += '\n';
}

} // namespace

std::string toPc858(const std::string& utf8) {
    std::string out;
    for (size_t i = 0; i < utf8.size();) {
        auto b = static_cast<unsigned char>(utf8[i]);
        char32_t cp = b;
        size_t len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        if (len > 1 && i + len <= utf8.size()) {
            cp = b & (0xFF >> (len + 1));
            for (size_t k = 1; k < len; ++k)
                cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        } else if (len > 1) {
            len = 1;
            cp = U'?';
        }
        i += len;
        if (cp < 0x80) {
            // Control characters would be read as printer commands.
            out += cp < 0x20 && cp != '\n' ? ' ' : static_cast<char>(cp);
            continue;
        }
        char mapped = '?';
        for (auto [from, to] : kPc858)
            if (from == cp) mapped = static_cast<char>(to);
        if (cp == U'œ' || cp == U'Œ') {
            out += cp == U'œ' ? "oe" : "OE";
            continue;
        }
        if (cp == U'’' || cp == U'‘') mapped = '\'';
        if (cp == U'—' || cp == U'–') mapped = '-';
        if (cp == U'«' || cp == U'»') mapped = '"';
        out += mapped;
    }
    return out;
}

std::string encodeEscPos(const Ticket& t, int columns) {
    std::string out;
    out += ESC;
    out += '@'; // initialise
    out += ESC;
    out += 't';
    out += static_cast<char>(19); // character table: PC858
    out += ESC;
    out += 'E';
    out += '\x01'; // bold
    center(out, toPc858(t.title), columns);
    out += ESC;
    out += 'E';
    out += '\x00';
    out += '\n';
    out += GS;
    out += '!';
    out += '\x33'; // quadruple width and height
    center(out, toPc858(t.number), columns / 4);
    out += GS;
    out += '!';
    out += '\x00';
    out += '\n';
    for (const auto& line : t.lines)
        center(out, toPc858(line), columns);
    out += '\n';
    center(out, toPc858(t.footer), columns);
    out += ESC;
    out += 'd';
    out += '\x04'; // feed 4 lines
    out += GS;
    out += 'V';
    out += '\x01'; // partial cut
    return out;
}

} // namespace guichet::hardware
