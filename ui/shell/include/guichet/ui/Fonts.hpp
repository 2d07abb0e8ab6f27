#pragma once
// The shell's two text sizes, drawn with DejaVu Sans (Debian's fonts-dejavu-core) through ImGui's
// FreeType builder. The glyphs loaded cover Latin-1, Latin Extended-A and -B (œ, ă, ș, ț...),
// general punctuation (— « » and the narrow no-break space French puts before ? and !), the euro
// sign, arrows, the check mark, Cyrillic (Ukrainian) and Arabic with its presentation forms
// (the joined letters Shaping.hpp produces). A character outside them is drawn as '?':
// ui_shell_tests checks that every sentence of Strings.hpp and every language name is covered.

#include "guichet/core/Result.hpp"

#include <string>

struct ImFont;

namespace guichet::ui {

/// Pixel heights of the two text sizes.
struct FontSizes {
    float normal = 0;
    float large = 0;
    bool operator==(const FontSizes&) const = default;
};

/// The sizes for a window `logicalHeight` pixels high shown at `dpiScale` (1 on a 96-dpi desktop,
/// 2 on a "200 %" screen): normal is 3.4 % of the height (27 px at 800), never under 16 px at
/// scale 1; large is twice normal. Whole pixels, so that a resize by a few pixels does not
/// rebuild the fonts.
FontSizes fontSizesFor(float logicalHeight, float dpiScale);

/// The code point ranges loaded (pairs, zero-terminated, as ImGui takes them).
const unsigned short* glyphRanges();

/// The folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf in Debian.
std::string defaultFontFolder();

/// The fonts of the current ImGui context. Owned by the context's font atlas: valid until the
/// atlas is rebuilt (Context::setFontSizes) or the context destroyed.
struct Fonts {
    ImFont* normal = nullptr; ///< DejaVu Sans
    ImFont* large = nullptr;  ///< DejaVu Sans Bold, headlines
    FontSizes sizes;
};

/// Clears the current ImGui context's font atlas and builds the two fonts from `folder` with the
/// FreeType builder. An Error when a font file is missing or the atlas cannot be built; the
/// atlas is then empty. UI thread only; the renderer's font texture must be recreated after.
Result<Fonts> loadFonts(const FontSizes& sizes, const std::string& folder);

/// True when `font` has a glyph of its own for every character of the UTF-8 `text` (the '?'
/// fallback does not count). Needs a built atlas.
bool fontCovers(const ImFont& font, const std::string& text);

} // namespace guichet::ui
