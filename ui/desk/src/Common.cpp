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

namespace draw {
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

std::optional<DeskScreen> header(const Painter& p, const HeaderView& view, Language language) {
    const Palette& palette = *p.frame.palette;
    const float h = headerHeight(p.frame);
    p.list.AddLine({0, h - p.s(1)}, {p.frame.width, h - p.s(1)}, packColour(palette.border), p.s(2));
    struct Tab {
        DeskScreen screen;
        DeskText name;
        const char* key;
        Key fkey;
        std::size_t count;
    };
    const Tab tabs[] = {{DeskScreen::Review, DeskText::TabReview, "F1", Key::F1, view.reviewWaiting},
                        {DeskScreen::Person, DeskText::TabPerson, "F2", Key::F2, 0},
                        {DeskScreen::Queue, DeskText::TabQueue, "F3", Key::F3, view.ticketsWaiting}};
    std::optional<DeskScreen> chosen;
    float x = p.s(12);
    int index = 0;
    for (const Tab& tab : tabs) {
        std::string label = "[" + std::string(tab.key) + "] " + std::string(deskText(tab.name, language));
        if (tab.screen != DeskScreen::Person) label += " (" + std::to_string(tab.count) + ")";
        const bool current = tab.screen == view.screen;
        if (current) label = "\u2192 " + label; // the current tab: a marker and a fill, not a colour alone
        const ImVec2 size = p.measure(label, p.body(), current);
        const Rect rect{x, p.s(8), size.x + p.s(24), h - p.s(16)};
        const Press press = hit("tab", index++, rect);
        const Ink ink = current         ? palette.selected
                        : press.hovered ? palette.secondaryActive
                                        : palette.secondary;
        p.fill(rect, ink.background, p.s(6));
        p.outline(rect, palette.border, p.s(current ? 3 : 1), p.s(6));
        p.text({rect.x + p.s(12), rect.y + (rect.height - size.y) / 2}, ink.text, label, p.body(), current);
        if (press.clicked || keyPressed(tab.fkey)) chosen = tab.screen;
        x = rect.right() + p.s(12);
    }
    std::string status = view.busy ? std::string(deskText(DeskText::Working, language)) : view.status;
    if (!status.empty()) {
        const Rgb colour = palette.page.text;
        const ImVec2 size = p.measure(status, p.body());
        const float left = std::max(x + p.s(12), p.frame.width - p.s(16) - size.x);
        if (view.statusIsRefusal && !view.busy)
            p.warningSign({left - p.s(36), (h - p.s(26)) / 2, p.s(28), p.s(26)});
        p.text({left, (h - size.y) / 2}, colour, status, p.body(), view.statusIsRefusal);
    }
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
