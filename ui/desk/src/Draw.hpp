#pragma once
// Private drawing helpers of the desk screens: text in the palette's inks, buttons that name their
// key, check boxes, the focus ring, the warning banner, the header with its tabs. Every state is
// marked by a word or a sign as well as by colour.

#include "guichet/ui/Context.hpp"
#include "guichet/ui/Geometry.hpp"
#include "guichet/ui/Theme.hpp"
#include "guichet/ui/desk/Common.hpp"

#include <imgui.h>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace guichet::ui::desk::draw {

struct Painter {
    ImDrawList& list;
    const Frame& frame;

    float body() const { return frame.fonts->sizes.normal * 0.8f; } ///< lists and details
    float heading() const { return frame.fonts->sizes.normal; }     ///< names, headings
    float s(float px) const { return px * frame.scale; }

    /// Draws `text` at `at` (wrapped at `wrap` when > 0); returns its size.
    ImVec2 text(Point at, Rgb colour, std::string_view text, float size, bool bold = false,
                float wrap = 0) const;
    ImVec2 measure(std::string_view text, float size, bool bold = false, float wrap = 0) const;
    void fill(const Rect& r, Rgb colour, float rounding = 0) const;
    void outline(const Rect& r, Rgb colour, float thickness, float rounding = 0) const;
    void focusRing(const Rect& r) const;
    void checkBox(const Rect& box, bool ticked, bool enabled) const;
    void warningSign(const Rect& r) const;
};

struct Press {
    bool clicked = false;
    bool hovered = false;
    bool held = false;
};

/// An invisible ImGui button over `rect` (ImGui decides hover, press and release); `id` unique in
/// the window.
Press hit(const char* id, int index, const Rect& rect);

/// A button: "[key] label", outlined, filled when hovered or held; a disabled one is quiet and
/// crossed by its reason (drawn by the caller). Returns the click (never when disabled).
bool button(const Painter& p, const char* id, int index, const Rect& rect, std::string_view key,
            std::string_view label, bool focused, bool enabled = true);

/// A full-window ImGui window with no decoration; pair with ImGui::End().
void beginScreen(const char* name, const Frame& frame);

/// The header: the tabs (F1 ... F7) with their counts; and the status line at the foot of the
/// window (problems, then the last outcome). Returns the tab clicked or pressed. Its height is
/// headerHeight(); the screen's content ends at contentBottom().
std::optional<DeskScreen> header(const Painter& p, const HeaderView& view, Language language);
float headerHeight(const Frame& frame);
float footerHeight(const Frame& frame);
float contentBottom(const Frame& frame);
/// "F1" for the Intake screen...
std::string tabKey(DeskScreen screen);

/// A check mark (Auto), a question mark (Review), a back arrow (Return), a cross (Failed), drawn
/// in a disc of the outcome's colour.
void outcomeIcon(const Painter& p, const Rect& r, EnvelopeOutcome outcome);

/// The upper-case form of an ASCII letter typed (u → U), other characters as they are.
bool typedKey(std::string_view typed, char key);

} // namespace guichet::ui::desk::draw
