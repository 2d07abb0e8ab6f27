#pragma once
// The kiosk's pictograms, drawn with ImGui draw-list primitives so they scale with the window and
// follow the palette. Private to the screens.

#include "guichet/ui/Geometry.hpp"
#include "guichet/ui/Theme.hpp"

struct ImDrawList;

namespace guichet::kiosk {

/// A card held up in a hand below a camera, with the camera's field of view reaching the card's
/// code. Fills the largest square centred in `box`.
void drawCardToCamera(ImDrawList& list, const ui::Rect& box, const ui::Palette& palette);

/// A check mark in `box` (the chosen language's button).
void drawCheckMark(ImDrawList& list, const ui::Rect& box, ui::Rgb colour, float thickness);

/// A keypad (three columns of four keys) in `box`: the typed-code button.
void drawKeypad(ImDrawList& list, const ui::Rect& box, ui::Rgb colour);

} // namespace guichet::kiosk
