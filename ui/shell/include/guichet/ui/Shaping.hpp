#pragma once
// Text as ImGui 1.86 can draw it. ImGui draws one glyph per code point, left to right, with no
// shaping: Arabic would come out as isolated letters in the wrong order. visualLine() gives the
// line ImGui must draw: for a right-to-left language the letters are replaced by their joined
// forms (Arabic Presentation Forms-A/B, lam-alef ligatures included: the glyphs DejaVu Sans has)
// and put in visual order by the Unicode bidirectional algorithm (FriBidi, Debian's
// libfribidi), so digits and Latin words inside Arabic keep their own direction. Lines must be
// broken before reordering (a paragraph's first line is on the right): wrapLines() breaks the
// logical text, measuring each candidate line in its visual form. Pure; thread-safe.

#include "guichet/ui/Language.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace guichet::ui {

/// One line (no '\n') of `language` text in the order ImGui draws it (UTF-8). Unchanged for a
/// left-to-right language and for text with no right-to-left character.
std::string visualLine(std::string_view logical, Language language);

/// Breaks `text` (UTF-8, logical order; '\n' forces a break) into lines at spaces so that each
/// line's width, as `measure` gives it for the line's visual form, is at most `maxWidth`. A word
/// wider than `maxWidth` stays whole on its own line. Returns logical lines (pass each to
/// visualLine to draw it).
std::vector<std::string> wrapLines(std::string_view text, float maxWidth, Language language,
                                   const std::function<float(std::string_view visual)>& measure);

} // namespace guichet::ui
