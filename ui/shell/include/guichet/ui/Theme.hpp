#pragma once
// The shell's high-contrast palette (our own: not the State's DSFR, which may not be used outside
// State sites). Every colour that text is drawn in comes paired with the colour it is drawn on (an
// Ink), so the pairs can be checked: ui_shell_tests requires a WCAG 2 contrast ratio of at least
// 7:1 (level AAA) for each pair textPairs() lists, and for the pairs applyTheme() gives ImGui's
// own widgets. Colours that carry no text (focus ring, borders, pictograms) must reach 3:1 against
// the page (WCAG non-text contrast). Pure except applyTheme(); thread-safe except applyTheme().

#include <cstdint>
#include <string_view>
#include <vector>

namespace guichet::ui {

struct Rgb {
    std::uint8_t r = 0;
    std::uint8_t g = 0;
    std::uint8_t b = 0;
    bool operator==(const Rgb&) const = default;
};

/// Text drawn in `text` on `background`.
struct Ink {
    Rgb text;
    Rgb background;
    bool operator==(const Ink&) const = default;
};

struct Palette {
    Ink page;            ///< body text on the page
    Ink pageQuiet;       ///< secondary text (other languages) on the page
    Ink button;          ///< a primary button at rest
    Ink buttonHovered;   ///< under the pointer
    Ink buttonPressed;   ///< held down
    Ink selected;        ///< the chosen option (also marked by a check mark: never colour alone)
    Ink secondary;       ///< an outlined button at rest (text on the page colour)
    Ink secondaryActive; ///< an outlined button hovered or held
    Rgb focusRing;       ///< the keyboard focus ring, drawn around the focused target
    Rgb border;          ///< outlines of buttons and cards
    Rgb pictogram;       ///< the strokes and fills of pictograms
    Rgb pictogramAccent; ///< the one accent of pictograms (a card's stripe, a lens)
    bool operator==(const Palette&) const = default;
};

/// The palette both programs use.
const Palette& highContrastPalette();

/// WCAG 2 relative luminance of an sRGB colour, 0 (black) to 1 (white).
double relativeLuminance(Rgb colour);

/// WCAG 2 contrast ratio, 1 to 21, symmetric.
double contrastRatio(Rgb a, Rgb b);

struct NamedInk {
    std::string_view name;
    Ink ink;
};

/// Every text/background pair of the palette (what screens draw with).
std::vector<NamedInk> textPairs(const Palette& palette);

struct NamedColour {
    std::string_view name;
    Rgb colour;
};

/// The colours that carry no text and must stand out from the page background.
std::vector<NamedColour> nonTextColours(const Palette& palette);

/// 0xAABBGGRR, the byte order ImGui's draw lists take (IM_COL32).
std::uint32_t packColour(Rgb colour, std::uint8_t alpha = 255);

/// Sets the current ImGui context's style: colours from the palette, spacing and rounding scaled
/// by `scale` (1 at 800 px high), touch padding. Needs a current ImGui context; UI thread only.
void applyTheme(const Palette& palette, float scale);

} // namespace guichet::ui
