#include "guichet/ui/Shaping.hpp"

#include <fribidi.h>

namespace guichet::ui {
namespace {

bool hasRightToLeft(std::string_view text) {
    // Hebrew and Arabic blocks start at U+0590, encoded from 0xD6 0x90; presentation forms are
    // three-byte sequences from 0xEF 0xAD 0x90. A lead byte at or above 0xD6 is worth a look.
    for (unsigned char c : text)
        if (c >= 0xD6) return true;
    return false;
}

} // namespace

std::string visualLine(std::string_view logical, Language language) {
    if (!isRightToLeft(language) && !hasRightToLeft(logical)) return std::string(logical);
    if (logical.empty()) return {};
    std::vector<FriBidiChar> in(logical.size() + 1);
    const FriBidiStrIndex length = fribidi_charset_to_unicode(
        FRIBIDI_CHAR_SET_UTF8, logical.data(), static_cast<FriBidiStrIndex>(logical.size()), in.data());
    std::vector<FriBidiChar> out(static_cast<std::size_t>(length) + 1);
    FriBidiParType base = isRightToLeft(language) ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    // fribidi_log2vis applies FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAGS_ARABIC: joining, presentation
    // forms, lam-alef ligatures and mirrored brackets, then reorders the line.
    if (fribidi_log2vis(in.data(), length, &base, out.data(), nullptr, nullptr, nullptr) == 0)
        return std::string(logical);
    // A ligature leaves a zero-width filler where its second letter was: drop it.
    std::vector<FriBidiChar> kept;
    kept.reserve(static_cast<std::size_t>(length));
    for (FriBidiStrIndex i = 0; i < length; ++i)
        if (out[static_cast<std::size_t>(i)] != 0xFEFF) kept.push_back(out[static_cast<std::size_t>(i)]);
    std::string utf8(kept.size() * 4 + 1, '\0');
    const FriBidiStrIndex bytes = fribidi_unicode_to_charset(
        FRIBIDI_CHAR_SET_UTF8, kept.data(), static_cast<FriBidiStrIndex>(kept.size()), utf8.data());
    utf8.resize(static_cast<std::size_t>(bytes));
    return utf8;
}

std::vector<std::string> wrapLines(std::string_view text, float maxWidth, Language language,
                                   const std::function<float(std::string_view visual)>& measure) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        const std::string_view paragraph = text.substr(start, end - start);
        std::string line;
        std::size_t at = 0;
        while (at < paragraph.size()) {
            std::size_t space = paragraph.find(' ', at);
            if (space == std::string_view::npos) space = paragraph.size();
            const std::string_view word = paragraph.substr(at, space - at);
            std::string candidate = line.empty() ? std::string(word) : line + " " + std::string(word);
            if (!line.empty() && measure(visualLine(candidate, language)) > maxWidth) {
                lines.push_back(line);
                line = std::string(word);
            } else {
                line = std::move(candidate);
            }
            at = space + 1;
        }
        lines.push_back(line);
        if (end >= text.size()) break;
        start = end + 1;
    }
    return lines;
}

} // namespace guichet::ui
