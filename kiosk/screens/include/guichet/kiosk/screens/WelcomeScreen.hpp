#pragma once
// The kiosk's first screen: a pictogram of a card held up to the camera, "Montrez votre carte" in
// large type in the kiosk's language and in smaller type in the others, a button for people with
// no card (they type their code), and a row of language buttons, each named in its own language.
//
// Touch, mouse, keyboard and keypad: arrows move a focus ring, Enter (or keypad Enter, Space)
// presses the focused button, Tab goes round. Every target is at least 15 mm square. The chosen
// language is marked by a check mark and a border as well as by colour.
//
// welcomeScreen() draws one frame of `view` and returns what the person asked for; the kiosk
// applies the intents after the frame (applyWelcomeIntent for the ones that only change the view).
// Call it between a Frame's start and end (UI thread). Nothing here touches a store or a device.

#include "guichet/ui/Context.hpp"
#include "guichet/ui/Geometry.hpp"
#include "guichet/ui/Input.hpp"
#include "guichet/ui/Language.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <variant>
#include <vector>

namespace guichet::kiosk {

/// The focusable targets: the language buttons in ui::kLanguages order, then the typed-code one.
inline constexpr std::size_t kTypeCodeTarget = ui::kLanguages.size();
inline constexpr std::size_t kWelcomeTargets = kTypeCodeTarget + 1;

/// The target of a language's button.
constexpr std::size_t languageTarget(ui::Language language) {
    return static_cast<std::size_t>(language);
}

struct WelcomeView {
    ui::Language language = ui::Language::French;             ///< the language the kiosk speaks now
    std::size_t focus = languageTarget(ui::Language::French); ///< below kWelcomeTargets
    bool cameraWorks = true; ///< false: the headline asks for the typed code and says the camera is out
    bool operator==(const WelcomeView&) const = default;
};

/// The person chose a language (touch, click, or Enter on its button).
struct ChooseLanguage {
    ui::Language language = ui::Language::French;
    bool operator==(const ChooseLanguage&) const = default;
};
/// The person has no card and wants to type their code.
struct TypeCode {
    bool operator==(const TypeCode&) const = default;
};
/// The keyboard focus moves to another target.
struct MoveFocus {
    std::size_t target = 0;
    bool operator==(const MoveFocus&) const = default;
};

using WelcomeIntent = std::variant<ChooseLanguage, TypeCode, MoveFocus>;

/// Where everything sits in a window of `width` x `height` pixels; targets are at least
/// 15 * pixelsPerMm on each side and fit the window. Pure.
struct WelcomeLayout {
    ui::Rect pictogram;
    ui::Rect sentences; ///< the column of text, the typed-code button at its foot
    std::array<ui::Rect, ui::kLanguages.size()> languageButtons;
    ui::Rect typeCodeButton;

    const ui::Rect& target(std::size_t index) const;
};
WelcomeLayout layoutWelcome(float width, float height, float pixelsPerMm);

/// Where the column of sentences ends (y, pixels) for `view.language` in `frame`: the typed-code
/// button must start below it. Needs the frame's fonts (a Context), not a frame in progress.
float welcomeSentencesBottom(const WelcomeView& view, const ui::Frame& frame);

/// Where `key` moves the focus from `view.focus`: Left/Right along the language row, Up from the
/// row to the typed-code button, Down from it back to the chosen language, Tab to the next target
/// (round). nullopt when the key does not move it (at an end of the row, or another key).
std::optional<std::size_t> welcomeFocusAfter(const WelcomeView& view, ui::Key key);

/// Draws one frame; returns the intents of this frame's input (usually none).
std::vector<WelcomeIntent> welcomeScreen(const WelcomeView& view, const ui::Frame& frame);

/// The view after an intent: ChooseLanguage switches the language (and puts the focus on its
/// button), MoveFocus moves the focus; TypeCode leaves the view as it is (the kiosk moves on to the
/// code screen). Pure.
WelcomeView applyWelcomeIntent(WelcomeView view, const WelcomeIntent& intent);

} // namespace guichet::kiosk
