#pragma once
// Every screen of the kiosk, drawn from the state machine's Session (Machine.hpp): Welcome (the
// welcome screen of WelcomeScreen.hpp), TypeCode, Reading, Refused, YourMail, Ticket and the
// IdleWarning over any of them. kioskScreen() draws one frame and returns the machine's inputs
// the person gave in it (Press, MoveFocus, Activity); the app steps the machine with them after
// the frame. Nothing here touches a store, a device or a clock.
//
// Touch, mouse, keyboard or a numeric keypad alone: arrows and Tab move a focus ring, Enter (or
// keypad Enter, Space) presses the focused button, digits type the code, Backspace erases, and on
// the idle warning any key or touch continues. Every target is at least 15 mm on each side; every
// button has a pictogram and a word (never colour alone). Arabic is shaped, right-aligned, and
// the screens are mirrored (the pictogram on the right, buttons from the right).

#include "guichet/kiosk/Machine.hpp"
#include "guichet/ui/Context.hpp"
#include "guichet/ui/Geometry.hpp"
#include "guichet/ui/Input.hpp"

#include <optional>
#include <vector>

namespace guichet::kiosk {

/// A button of a screen: where it is and what pressing it means.
struct ScreenTarget {
    ui::Rect rect;
    Press press;
};

/// The targets of the screen `session` shows, in focus order (for Welcome: its languages, then the
/// typed-code button). Pure: tests check their sizes without drawing.
std::vector<ScreenTarget> screenTargets(const Session& session, float width, float height, float pixelsPerMm);

/// Where `key` moves the focus from `session.focus` on its screen; nullopt when it does not move.
std::optional<std::size_t> focusAfter(const Session& session, ui::Key key, std::size_t targets);

/// Draws one frame of the screen `session` is on; `untilReset` is the idle countdown the warning
/// shows. Returns the person's inputs of this frame (usually none).
std::vector<Input> kioskScreen(const Session& session, const ui::Frame& frame, Millis untilReset);

} // namespace guichet::kiosk
