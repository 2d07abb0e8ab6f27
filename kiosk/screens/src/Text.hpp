#pragma once
// Drawing sentences in any of the kiosk's languages: broken into lines on the logical text, each
// line shaped and reordered (ui::visualLine) before ImGui draws it, right-aligned for a
// right-to-left language. Private to the screens.

#include "guichet/ui/Geometry.hpp"
#include "guichet/ui/Language.hpp"
#include "guichet/ui/Theme.hpp"

#include <string_view>

struct ImDrawList;
struct ImFont;

namespace guichet::kiosk {

enum class Align { Start, Centre };

/// Draws `text` from `at` (top) within `width`, wrapped, into `list` unless it is null; returns the
/// height used. Start is the left edge for a left-to-right language and the right edge for Arabic.
float drawParagraph(ImDrawList* list, const ImFont& font, float size, ui::Point at, float width,
                    ui::Rgb colour, std::string_view text, ui::Language language, Align align = Align::Start);

/// The width of one line of `text` as drawn (shaped).
float lineWidth(const ImFont& font, float size, std::string_view text, ui::Language language);

} // namespace guichet::kiosk
