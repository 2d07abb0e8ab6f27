#include "NameKey.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace guichet::match {

namespace {

/// Maps folded text to key characters, calling emit(keyChar, sourceChar) for each; sourceChar is
/// the folded character it came from ('\0' for the two-letter confusions rn, cl, vv).
template <typename Emit>
void mapKey(std::string_view folded, bool collapseRuns, Emit emit) {
    // First the one-character confusions (spaces dropped), then the two-letter ones.
    std::string mapped, sources;
    mapped.reserve(folded.size());
    sources.reserve(folded.size());
    for (char source : folded) {
        char c = source;
        switch (c) {
        case ' ':
            continue;
        case '0':
            c = 'o';
            break;
        case '1':
        case 'i':
            c = 'l';
            break;
        case '2':
            c = 'z';
            break;
        case '3':
            c = 'e';
            break;
        case '4':
            c = 'a';
            break;
        case '5':
            c = 's';
            break;
        case '6':
        case '8':
            c = 'b';
            break;
        case '7':
            c = 't';
            break;
        case '9':
            c = 'g';
            break;
        default:
            break;
        }
        mapped += c;
        sources += source;
    }
    char last = '\0';
    for (size_t i = 0; i < mapped.size(); ++i) {
        char c = mapped[i];
        char from = sources[i];
        const char next = i + 1 < mapped.size() ? mapped[i + 1] : '\0';
        if ((c == 'r' && next == 'n') || (c == 'c' && next == 'l') || (c == 'v' && next == 'v')) {
            c = c == 'r' ? 'm' : c == 'c' ? 'd' : 'w';
            from = '\0';
            ++i;
        }
        if (collapseRuns && last == c) continue;
        last = c;
        emit(c, from);
    }
}

} // namespace

std::string ocrKey(std::string_view folded, bool collapseRuns) {
    std::string out;
    out.reserve(folded.size());
    mapKey(folded, collapseRuns, [&](char c, char) { out += c; });
    return out;
}

bool capitalsSwapIL(std::string_view ocr, std::string_view name) {
    std::string a, b;
    mapKey(ocr, false, [&](char, char from) { a += from; });
    mapKey(name, false, [&](char, char from) { b += from; });
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if ((a[i] == 'l' && b[i] == 'i') || (a[i] == 'i' && b[i] == 'l')) return true;
    return false;
}

std::uint64_t hashKey(std::string_view key) {
    std::uint64_t h = 1469598103934665603ULL;
    for (char c : key) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return h;
}

int boundedDistance(std::string_view a, std::string_view b, int maxDistance) {
    // Names longer than this are OCR garbage; comparing their first 63 characters is enough.
    constexpr size_t kMax = 63;
    a = a.substr(0, kMax);
    b = b.substr(0, kMax);
    int la = static_cast<int>(a.size()), lb = static_cast<int>(b.size());
    if (std::abs(la - lb) > maxDistance) return maxDistance + 1;
    if (la == 0 || lb == 0) return std::max(la, lb);
    // Three rolling rows are enough for the adjacent-swap rule.
    std::array<std::array<int, kMax + 1>, 3> rows;
    for (int j = 0; j <= lb; ++j)
        rows[1][static_cast<size_t>(j)] = j;
    for (int i = 1; i <= la; ++i) {
        auto& prev2 = rows[(static_cast<size_t>(i) + 2) % 3];
        auto& prev = rows[static_cast<size_t>(i) % 3];
        auto& cur = rows[(static_cast<size_t>(i) + 1) % 3];
        cur[0] = i;
        int rowMin = cur[0];
        for (int j = 1; j <= lb; ++j) {
            auto ju = static_cast<size_t>(j);
            int cost = a[static_cast<size_t>(i - 1)] == b[ju - 1] ? 0 : 1;
            int v = std::min({prev[ju] + 1, cur[ju - 1] + 1, prev[ju - 1] + cost});
            if (i > 1 && j > 1 && a[static_cast<size_t>(i - 1)] == b[ju - 2] &&
                a[static_cast<size_t>(i - 2)] == b[ju - 1])
                v = std::min(v, prev2[ju - 2] + 1);
            cur[ju] = v;
            rowMin = std::min(rowMin, v);
        }
        if (rowMin > maxDistance) return maxDistance + 1;
    }
    int d = rows[(static_cast<size_t>(la) + 1) % 3][static_cast<size_t>(lb)];
    return d > maxDistance ? maxDistance + 1 : d;
}

} // namespace guichet::match
