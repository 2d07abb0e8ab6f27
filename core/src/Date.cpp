#include "guichet/core/Date.hpp"

#include <charconv>
#include <cstdio>

namespace guichet {
namespace {

bool readInt(std::string_view text, size_t pos, size_t len, int& out) {
    if (pos + len > text.size()) return false;
    for (size_t i = pos; i < pos + len; ++i)
        if (text[i] < '0' || text[i] > '9') return false;
    auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, out);
    return ec == std::errc() && ptr == text.data() + pos + len;
}

std::optional<Date> makeDate(int y, int m, int d) {
    Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
              std::chrono::day{static_cast<unsigned>(d)}};
    if (!date.ok() || y < 1850 || y > 2200) return std::nullopt;
    return date;
}

} // namespace

std::optional<Date> parseDate(std::string_view text) {
    int y = 0, m = 0, d = 0;
    if (text.size() >= 10 && text[4] == '-' && text[7] == '-') {
        if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') return std::nullopt;
        if (!readInt(text, 0, 4, y) || !readInt(text, 5, 2, m) || !readInt(text, 8, 2, d))
            return std::nullopt;
        return makeDate(y, m, d);
    }
    if (text.size() == 10 && text[2] == '/' && text[5] == '/') {
        if (!readInt(text, 0, 2, d) || !readInt(text, 3, 2, m) || !readInt(text, 6, 4, y))
            return std::nullopt;
        return makeDate(y, m, d);
    }
    return std::nullopt;
}

std::string formatDate(const Date& date) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buf;
}

std::string formatDateFr(const Date& date) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", static_cast<unsigned>(date.day()),
                  static_cast<unsigned>(date.month()), static_cast<int>(date.year()));
    return buf;
}

std::optional<Instant> parseInstant(std::string_view text) {
    auto date = parseDate(text.substr(0, std::min<size_t>(text.size(), 10)));
    if (!date || text.size() < 19 || (text[10] != 'T' && text[10] != ' ') || text[13] != ':' ||
        text[16] != ':')
        return std::nullopt;
    int hh = 0, mm = 0, ss = 0;
    if (!readInt(text, 11, 2, hh) || !readInt(text, 14, 2, mm) || !readInt(text, 17, 2, ss))
        return std::nullopt;
    if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
    size_t pos = 19;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
            ++pos;
    }
    std::string_view zone = text.substr(pos);
    if (!(zone.empty() || zone == "Z" || zone == "+00:00" || zone == "+0000")) return std::nullopt;
    return std::chrono::sys_days{*date} + std::chrono::hours{hh} + std::chrono::minutes{mm} +
           std::chrono::seconds{ss};
}

std::string formatInstant(Instant instant) {
    auto days = std::chrono::floor<std::chrono::days>(instant);
    Date date{days};
    std::chrono::hh_mm_ss tod{instant - days};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", formatDate(date).c_str(),
                  static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
                  static_cast<int>(tod.seconds().count()));
    return buf;
}

Date dateOf(Instant instant) {
    return Date{std::chrono::floor<std::chrono::days>(instant)};
}

Instant now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

} // namespace guichet
