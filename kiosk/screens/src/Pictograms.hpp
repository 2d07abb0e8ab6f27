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

namespace guichet::kiosk {

/// The pictograms of the screens after Welcome, each filling the largest square centred in `box`,
/// drawn in the palette's pictogram colours (shape carries the meaning, never colour alone).
enum class Pictogram {
    Letter,     ///< an envelope
    Registered, ///< an envelope with a round seal and a signature line: a registered-mail notice
    Parcel,     ///< a box with tape
    Calendar,   ///< a calendar page: the end of the domiciliation
    Desk,       ///< a person behind a counter: go to the desk
    Ticket,     ///< a ticket with a number
    Clock,      ///< the idle warning
    Speaker,    ///< repeat aloud
    Hourglass,  ///< reading the card
    Keypad,     ///< typed code
    Check,      ///< done / continue
    Back,       ///< an arrow back
};
/// `ink` draws the strokes, `paper` fills the insides (white on the page, the button's own colour on
/// a button).
/// `mirror` flips it left to right (for Back: an arrow back points right in Arabic; the other
/// pictograms are not drawn for it).
void drawPictogram(ImDrawList& list, Pictogram pictogram, const ui::Rect& box, const ui::Palette& palette,
                   ui::Rgb ink, ui::Rgb paper = {0xFF, 0xFF, 0xFF}, bool mirror = false);

} // namespace guichet::kiosk
