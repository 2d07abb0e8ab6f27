#pragma once
// Input as screens read it, and as tests and the screenshot harness inject it.
//
// A screen asks keyPressed(Key::Enter) during its frame. The keys are ImGui's named keys, so the
// same code serves a keyboard, a kiosk keypad (its arrows and Enter are the same keys) and an
// injected FrameInput. ImGui 1.86 has no AddMousePosEvent/AddKeyEvent: an injected FrameInput
// sets io.MousePos, io.MouseDown and io.KeysDown directly for one frame (Context::startFrame).

#include "guichet/ui/Geometry.hpp"

#include <optional>
#include <string>
#include <vector>

namespace guichet::ui {

enum class Key {
    Left,
    Right,
    Up,
    Down,
    Enter,
    KeypadEnter,
    Space,
    Tab,
    Escape,
    Backspace,
    F1,
    F2,
    F3,
    F4,
    F5,
    F6,
    F7,
    F8
};

/// The whole input state of one frame. A key is "pressed" in the frame where it goes down, so a
/// key press is one frame with the key in `keysDown` after one without it; a click (or a tap) is
/// a frame with the pointer over the target, one with `mouseDown`, one without (ImGui buttons
/// fire on release).
struct FrameInput {
    std::optional<Point> mouse; ///< nullopt: no pointer (a touch screen between touches)
    bool mouseDown = false;
    std::vector<Key> keysDown;
    std::string text; ///< characters typed in this frame (UTF-8), as the keyboard layout gave them
};

/// The frames of a tap at `at`: hover, press, release.
std::vector<FrameInput> tapFrames(Point at);

/// The frames of a key press: key down, key up.
std::vector<FrameInput> keyFrames(Key key);

/// The frames of typing `text`: one frame with the characters, one without.
std::vector<FrameInput> textFrames(const std::string& text);

/// The characters typed in this frame (UTF-8): what the keyboard layout produced ("1" is Shift+&
/// on a French AZERTY row, or the numeric keypad), so a screen's shortcut is a character, not a
/// key position. Only between a frame's start and end (UI thread).
std::string typedText();

/// True in the frame where `key` went down (no key repeat). Only between a frame's start and
/// end (UI thread).
bool keyPressed(Key key);

} // namespace guichet::ui
