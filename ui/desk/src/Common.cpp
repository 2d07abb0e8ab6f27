#include "Draw.hpp"
#include "guichet/ui/DeskStrings.hpp"
#include "guichet/ui/Input.hpp"

#include <algorithm>
#include <cctype>
#include <cfloat>

namespace guichet::ui::desk {

std::string countOf(MailKind kind, int count, Language language) {
    DeskText key = DeskText::KindLetterOne;
    switch (kind) {
    case MailKind::Courrier:
        key = count == 1 ? DeskText::KindLetterOne : DeskText::KindLetterMany;
        break;
    case MailKind::Recommande:
        key = count == 1 ? DeskText::KindRegisteredOne : DeskText::KindRegisteredMany;
        break;
    case MailKind::Colis:
        key = count == 1 ? DeskText::KindParcelOne : DeskText::KindParcelMany;
        break;
    }
    return std::to_string(count) + " " + std::string(deskText(key, language));
}

std::string describeCounts(const PendingCounts& counts, Language language) {
    std::string out;
    for (MailKind kind : {MailKind::Courrier, MailKind::Recommande, MailKind::Colis}) {
        if (counts[kind] == 0) continue;
        if (!out.empty()) out += ", ";
        out += countOf(kind, counts[kind], language);
    }
    return out;
}

std::string outcomeWord(EnvelopeOutcome outcome, Language language) {
    switch (outcome) {
    case EnvelopeOutcome::Auto:
        return std::string(deskText(DeskText::DecisionAuto, language));
    case EnvelopeOutcome::Review:
        return std::string(deskText(DeskText::DecisionReview, language));
    case EnvelopeOutcome::Return:
        return std::string(deskText(DeskText::DecisionReturn, language));
    case EnvelopeOutcome::Failed:
        return std::string(deskText(DeskText::DecisionFailed, language));
    }
    return {};
}

Rgb outcomeColour(EnvelopeOutcome outcome) {
    switch (outcome) {
    case EnvelopeOutcome::Auto:
        return {0x1B, 0x6E, 0x34}; // green
    case EnvelopeOutcome::Review:
        return {0x8A, 0x4B, 0x00}; // amber, dark
    case EnvelopeOutcome::Return:
        return {0xA3, 0x1B, 0x2A}; // red
    case EnvelopeOutcome::Failed:
        return {0x4A, 0x4A, 0x4A}; // grey
    }
    return {0x4A, 0x4A, 0x4A};
}

namespace draw {

void outcomeIcon(const Painter& p, const Rect& r, EnvelopeOutcome outcome) {
    const ImU32 fill = packColour(outcomeColour(outcome));
    const ImU32 white = packColour({0xFF, 0xFF, 0xFF});
    const ImVec2 c{r.x + r.width / 2, r.y + r.height / 2};
    const float radius = std::min(r.width, r.height) / 2;
    const float t = std::max(2.0f, radius * 0.22f);
    p.list.AddCircleFilled(c, radius, fill, 32);
    const float k = radius * 0.5f;
    switch (outcome) {
    case EnvelopeOutcome::Auto: // a check mark
        p.list.AddLine({c.x - k, c.y}, {c.x - k * 0.25f, c.y + k * 0.75f}, white, t);
        p.list.AddLine({c.x - k * 0.25f, c.y + k * 0.75f}, {c.x + k, c.y - k * 0.7f}, white, t);
        break;
    case EnvelopeOutcome::Review: { // a question mark
        const float size = radius * 1.5f;
        const ImVec2 m = p.measure("?", size, true);
        p.list.AddText(p.frame.fonts->large, size, {c.x - m.x / 2, c.y - m.y / 2}, white, "?");
        break;
    }
    case EnvelopeOutcome::Return: // an arrow back to the left, with a hook
        p.list.AddLine({c.x + k, c.y - k * 0.4f}, {c.x + k, c.y + k * 0.5f}, white, t);
        p.list.AddLine({c.x + k, c.y + k * 0.5f}, {c.x - k, c.y + k * 0.5f}, white, t);
        p.list.AddLine({c.x - k, c.y + k * 0.5f}, {c.x - k * 0.4f, c.y}, white, t);
        p.list.AddLine({c.x - k, c.y + k * 0.5f}, {c.x - k * 0.4f, c.y + k}, white, t);
        break;
    case EnvelopeOutcome::Failed: // a cross
        p.list.AddLine({c.x - k, c.y - k}, {c.x + k, c.y + k}, white, t);
        p.list.AddLine({c.x - k, c.y + k}, {c.x + k, c.y - k}, white, t);
        break;
    }
}

namespace {

ImVec2 vec(Point p) {
    return {p.x, p.y};
}

const ImFont& fontFor(const Frame& frame, bool bold) {
    return bold ? *frame.fonts->large : *frame.fonts->normal;
}

} // namespace

ImVec2 Painter::measure(std::string_view t, float size, bool bold, float wrap) const {
    return fontFor(frame, bold).CalcTextSizeA(size, FLT_MAX, wrap, t.data(), t.data() + t.size());
}

ImVec2 Painter::text(Point at, Rgb colour, std::string_view t, float size, bool bold, float wrap) const {
    list.AddText(&fontFor(frame, bold), size, vec(at), packColour(colour), t.data(), t.data() + t.size(),
                 wrap);
    return measure(t, size, bold, wrap);
}

void Painter::fill(const Rect& r, Rgb colour, float rounding) const {
    list.AddRectFilled(vec({r.x, r.y}), vec({r.right(), r.bottom()}), packColour(colour), rounding);
}

void Painter::outline(const Rect& r, Rgb colour, float thickness, float rounding) const {
    list.AddRect(vec({r.x, r.y}), vec({r.right(), r.bottom()}), packColour(colour), rounding, 0, thickness);
}

void Painter::focusRing(const Rect& r) const {
    const float by = s(5);
    outline({r.x - by, r.y - by, r.width + 2 * by, r.height + 2 * by}, frame.palette->focusRing, s(4), s(8));
}

void Painter::checkBox(const Rect& box, bool ticked, bool enabled) const {
    const Palette& palette = *frame.palette;
    fill(box, ticked ? palette.selected.background : palette.page.background, s(4));
    outline(box, enabled ? palette.border : palette.pageQuiet.text, s(3), s(4));
    if (ticked) {
        const float w = box.width;
        list.AddLine({box.x + w * 0.2f, box.y + w * 0.52f}, {box.x + w * 0.42f, box.y + w * 0.75f},
                     packColour(palette.selected.text), s(4));
        list.AddLine({box.x + w * 0.42f, box.y + w * 0.75f}, {box.x + w * 0.8f, box.y + w * 0.25f},
                     packColour(palette.selected.text), s(4));
    }
}

void Painter::warningSign(const Rect& r) const {
    const Palette& palette = *frame.palette;
    list.AddTriangleFilled({r.x + r.width / 2, r.y}, {r.right(), r.bottom()}, {r.x, r.bottom()},
                           packColour(palette.pictogramAccent));
    list.AddTriangle({r.x + r.width / 2, r.y}, {r.right(), r.bottom()}, {r.x, r.bottom()},
                     packColour(palette.pictogram), s(2));
    const float size = r.height * 0.7f;
    const ImVec2 mark = measure("!", size, true);
    text({r.x + (r.width - mark.x) / 2, r.y + r.height * 0.28f}, palette.pictogram, "!", size, true);
}

Press hit(const char* id, int index, const Rect& rect) {
    Press press;
    if (rect.width <= 0 || rect.height <= 0) return press;
    ImGui::SetCursorScreenPos({rect.x, rect.y});
    ImGui::PushID(id);
    ImGui::PushID(index);
    press.clicked = ImGui::InvisibleButton("hit", {rect.width, rect.height});
    press.hovered = ImGui::IsItemHovered();
    press.held = ImGui::IsItemActive();
    ImGui::PopID();
    ImGui::PopID();
    return press;
}

bool button(const Painter& p, const char* id, int index, const Rect& rect, std::string_view key,
            std::string_view label, bool focused, bool enabled) {
    const Palette& palette = *p.frame.palette;
    const Press press = hit(id, index, rect);
    const bool active = enabled && (press.hovered || press.held);
    const Ink ink = !enabled ? palette.pageQuiet : active ? palette.secondaryActive : palette.secondary;
    p.fill(rect, ink.background, p.s(8));
    p.outline(rect, enabled ? palette.border : palette.pageQuiet.text, p.s(enabled ? 3 : 1), p.s(8));
    std::string caption;
    if (!key.empty()) caption = "[" + std::string(key) + "] ";
    caption += label;
    const float size = p.body();
    const ImVec2 measured = p.measure(caption, size, false, rect.width - p.s(20));
    p.text({rect.x + p.s(10), rect.y + (rect.height - measured.y) / 2}, ink.text, caption, size, false,
           rect.width - p.s(20));
    if (focused) p.focusRing(rect);
    return enabled && press.clicked;
}

void beginScreen(const char* name, const Frame& frame) {
    ImGui::SetNextWindowPos({0, 0});
    ImGui::SetNextWindowSize({frame.width, frame.height});
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0, 0});
    ImGui::Begin(name, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar();
}

float headerHeight(const Frame& frame) {
    return 64 * frame.scale;
}

float footerHeight(const Frame& frame) {
    return 40 * frame.scale;
}

float contentBottom(const Frame& frame) {
    return frame.height - footerHeight(frame);
}

namespace {

struct Tab {
    DeskText name;
    Key fkey;
};

Tab tabOf(DeskScreen screen) {
    switch (screen) {
    case DeskScreen::Intake:
        return {DeskText::TabIntake, Key::F1};
    case DeskScreen::Review:
        return {DeskText::TabReview, Key::F2};
    case DeskScreen::Person:
        return {DeskText::TabPerson, Key::F3};
    case DeskScreen::Queue:
        return {DeskText::TabQueue, Key::F4};
    case DeskScreen::Returns:
        return {DeskText::TabReturns, Key::F5};
    case DeskScreen::Statistics:
        return {DeskText::TabStats, Key::F6};
    case DeskScreen::Sync:
        return {DeskText::TabSync, Key::F7};
    }
    return {DeskText::TabIntake, Key::F1};
}

/// The foot of every screen: the problems first (each after a warning sign: what is wrong, what to
/// do), then the last outcome, or "Working…" while the worker is on it.
void footer(const Painter& p, const HeaderView& view, Language language) {
    const Palette& palette = *p.frame.palette;
    const float top = contentBottom(p.frame);
    const float h = footerHeight(p.frame);
    p.fill({0, top, p.frame.width, h}, palette.page.background);
    p.list.AddLine({0, top + p.s(1)}, {p.frame.width, top + p.s(1)}, packColour(palette.border), p.s(2));
    float x = p.s(16);
    const float size = p.body();
    for (const std::string& problem : view.problems) {
        p.warningSign({x, top + (h - p.s(26)) / 2, p.s(28), p.s(26)});
        x += p.s(36);
        const ImVec2 measured = p.measure(problem, size, true);
        p.text({x, top + (h - measured.y) / 2}, palette.page.text, problem, size, true);
        x += measured.x + p.s(24);
    }
    const std::string status = view.busy ? std::string(deskText(DeskText::Working, language)) : view.status;
    if (status.empty()) return;
    if (view.statusIsRefusal && !view.busy) {
        p.warningSign({x, top + (h - p.s(26)) / 2, p.s(28), p.s(26)});
        x += p.s(36);
    }
    const ImVec2 measured = p.measure(status, size, view.statusIsRefusal);
    p.text({x, top + (h - measured.y) / 2}, palette.page.text, status, size, view.statusIsRefusal);
}

} // namespace

std::string tabKey(DeskScreen screen) {
    return "F" + std::to_string(static_cast<int>(tabOf(screen).fkey) - static_cast<int>(Key::F1) + 1);
}

std::optional<DeskScreen> header(const Painter& p, const HeaderView& view, Language language) {
    const Palette& palette = *p.frame.palette;
    const float h = headerHeight(p.frame);
    p.list.AddLine({0, h - p.s(1)}, {p.frame.width, h - p.s(1)}, packColour(palette.border), p.s(2));
    std::optional<DeskScreen> chosen;
    float x = p.s(10);
    int index = 0;
    const float size = p.body() * 0.92f;
    for (DeskScreen screen : kDeskScreens) {
        const Tab tab = tabOf(screen);
        std::string label = tabKey(screen) + " " + std::string(deskText(tab.name, language));
        if (screen == DeskScreen::Review) label += " (" + std::to_string(view.reviewWaiting) + ")";
        if (screen == DeskScreen::Queue) label += " (" + std::to_string(view.ticketsWaiting) + ")";
        const bool current = screen == view.screen;
        if (current) label = "\u2192 " + label; // the current tab: a marker and a fill, not a colour alone
        const ImVec2 measured = p.measure(label, size, current);
        const Rect rect{x, p.s(8), measured.x + p.s(18), h - p.s(16)};
        const Press press = hit("tab", index++, rect);
        const Ink ink = current         ? palette.selected
                        : press.hovered ? palette.secondaryActive
                                        : palette.secondary;
        p.fill(rect, ink.background, p.s(6));
        p.outline(rect, palette.border, p.s(current ? 3 : 1), p.s(6));
        p.text({rect.x + p.s(9), rect.y + (rect.height - measured.y) / 2}, ink.text, label, size, current);
        if (press.clicked || keyPressed(tab.fkey)) chosen = screen;
        x = rect.right() + p.s(8);
    }
    footer(p, view, language);
    return chosen;
}

bool typedKey(std::string_view typed, char key) {
    for (char c : typed)
        if (std::toupper(static_cast<unsigned char>(c)) == std::toupper(static_cast<unsigned char>(key)))
            return true;
    return false;
}

} // namespace draw
} // namespace guichet::ui::desk
