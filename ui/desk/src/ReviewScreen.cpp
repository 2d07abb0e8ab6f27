#include "guichet/ui/desk/ReviewScreen.hpp"

#include "Draw.hpp"
#include "guichet/ui/DeskStrings.hpp"
#include "guichet/ui/Input.hpp"

#include <algorithm>
#include <imgui.h>

namespace guichet::ui::desk {
namespace {

DeskText reasonText(ReturnChoice reason) {
    switch (reason) {
    case ReturnChoice::Refused:
        return DeskText::ReasonRefused;
    case ReturnChoice::Npai:
        return DeskText::ReasonNpai;
    case ReturnChoice::Radie:
        return DeskText::ReasonRadie;
    case ReturnChoice::HoldingExpired:
        return DeskText::ReasonHolding;
    }
    return DeskText::ReasonRefused;
}

std::string dropLastCharacter(std::string text) {
    while (!text.empty()) {
        const auto last = static_cast<unsigned char>(text.back());
        text.pop_back();
        if ((last & 0xC0) != 0x80) break; // stop after the first byte of a UTF-8 character
    }
    return text;
}

/// Printable characters only (no control characters that a keyboard may send as text).
std::string printable(const std::string& typed) {
    std::string out;
    for (char c : typed)
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out += c;
    return out;
}

std::string candidateLine(const CandidateRow& row, Language language) {
    return row.name + "  \u2014  " + std::string(deskText(DeskText::Ref, language)) + " " +
           std::to_string(row.ref) + "  \u00B7  " + std::string(deskText(DeskText::Box, language)) + " " +
           row.box;
}

struct Layout {
    Rect queue;
    Rect crop;
    Rect details;
    Rect choices; ///< candidates, search or reasons
    Rect actions;
};

Layout layout(const Frame& frame) {
    const float s = frame.scale;
    const float top = draw::headerHeight(frame) + 12 * s;
    const float m = 12 * s;
    Layout l;
    l.queue = {m, top, 280 * s, draw::contentBottom(frame) - top - m};
    const float x = l.queue.right() + 16 * s;
    const float w = frame.width - x - m;
    l.crop = {x, top, w * 0.62f, 290 * s};
    l.details = {l.crop.right() + 16 * s, top, w - l.crop.width - 16 * s, l.crop.height};
    l.actions = {x, draw::contentBottom(frame) - m - 60 * s, w, 60 * s};
    l.choices = {x, l.crop.bottom() + 14 * s, w, l.actions.y - l.crop.bottom() - 28 * s};
    return l;
}

void drawQueue(const draw::Painter& p, const ReviewView& view, const Rect& area,
               std::vector<ReviewIntent>& out) {
    const Palette& palette = *p.frame.palette;
    const float row = p.s(62);
    const std::size_t visible = std::max<std::size_t>(1, static_cast<std::size_t>(area.height / row));
    // The list keeps its place: it scrolls only when the current item would leave it.
    const std::size_t first = view.current >= visible ? view.current - visible + 1 : 0;
    for (std::size_t i = first; i < view.items.size() && i < first + visible; ++i) {
        const ReviewItem& item = view.items[i];
        const Rect r{area.x, area.y + static_cast<float>(i - first) * row, area.width, row - p.s(6)};
        const bool current = i == view.current;
        const draw::Press press = draw::hit("queue", static_cast<int>(i), r);
        const Ink ink = current         ? palette.selected
                        : press.hovered ? palette.secondaryActive
                                        : palette.secondary;
        p.fill(r, ink.background, p.s(6));
        p.outline(r, palette.border, p.s(current ? 3 : 1), p.s(6));
        const std::string title = (current ? "\u2192 " : "") + std::string("n\u00B0 ") +
                                  std::to_string(item.id) + "  " +
                                  countOf(item.kind, 1, view.language).substr(2);
        p.text({r.x + p.s(8), r.y + p.s(4)}, ink.text, title, p.body(), current);
        p.text({r.x + p.s(8), r.y + p.s(4) + p.body() * 1.1f}, ink.text, item.arrived, p.body() * 0.85f);
        if (press.clicked) out.emplace_back(ShowItem{i});
    }
}

void drawItem(const draw::Painter& p, const ReviewView& view, const ReviewItem& item, const Layout& l) {
    const Palette& palette = *p.frame.palette;
    p.fill(l.crop, palette.page.background);
    p.outline(l.crop, palette.border, p.s(2));
    if (item.crop.id != 0 && item.crop.width > 0 && item.crop.height > 0) {
        const float fit = std::min((l.crop.width - p.s(8)) / static_cast<float>(item.crop.width),
                                   (l.crop.height - p.s(8)) / static_cast<float>(item.crop.height));
        const float w = static_cast<float>(item.crop.width) * fit;
        const float h = static_cast<float>(item.crop.height) * fit;
        const ImVec2 min{l.crop.x + (l.crop.width - w) / 2, l.crop.y + (l.crop.height - h) / 2};
        p.list.AddImage(reinterpret_cast<ImTextureID>(item.crop.id), min, {min.x + w, min.y + h});
    } else {
        const std::string_view none = deskText(DeskText::NoImage, view.language);
        const ImVec2 size = p.measure(none, p.body());
        p.text({l.crop.x + (l.crop.width - size.x) / 2, l.crop.y + (l.crop.height - size.y) / 2},
               palette.pageQuiet.text, none, p.body());
    }
    float y = l.details.y;
    const float wrap = l.details.width;
    y += p.text({l.details.x, y}, palette.page.text,
                "n\u00B0 " + std::to_string(item.id) + "  " + countOf(item.kind, 1, view.language).substr(2),
                p.heading(), true, wrap)
             .y;
    y += p.text({l.details.x, y}, palette.page.text,
                std::string(deskText(DeskText::ArrivedOn, view.language)) + " " + item.arrived, p.body(),
                false, wrap)
             .y;
    if (!item.tracking.empty())
        y += p.text({l.details.x, y}, palette.page.text,
                    std::string(deskText(DeskText::Tracking, view.language)) + " " + item.tracking, p.body(),
                    false, wrap)
                 .y;
    if (!item.linesRead.empty()) {
        y += p.s(10);
        y += p.text({l.details.x, y}, palette.pageQuiet.text, deskText(DeskText::LinesRead, view.language),
                    p.body(), false, wrap)
                 .y;
        for (const std::string& line : item.linesRead)
            y += p.text({l.details.x, y}, palette.page.text, line, p.body(), false, wrap).y;
    }
}

void drawRows(const draw::Painter& p, const char* id, const Rect& area, float top,
              const std::vector<std::string>& keys, const std::vector<std::string>& lines,
              const std::vector<std::string>& whys, std::size_t focus, std::vector<std::size_t>& clicked) {
    const float row = p.s(whys.empty() ? 48 : 66);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Rect r{area.x, top + static_cast<float>(i) * (row + p.s(8)), area.width, row};
        if (r.bottom() > area.bottom()) break;
        const Palette& palette = *p.frame.palette;
        const draw::Press press = draw::hit(id, static_cast<int>(i), r);
        const Ink ink = press.hovered || press.held ? palette.secondaryActive : palette.secondary;
        p.fill(r, ink.background, p.s(8));
        p.outline(r, palette.border, p.s(2), p.s(8));
        const std::string key = i < keys.size() && !keys[i].empty() ? "[" + keys[i] + "] " : "";
        p.text({r.x + p.s(10), r.y + p.s(6)}, ink.text, key + lines[i], p.body(), true);
        if (i < whys.size())
            p.text({r.x + p.s(10) + p.measure(key, p.body(), true).x, r.y + p.s(8) + p.body() * 1.15f},
                   press.hovered || press.held ? ink.text : palette.pageQuiet.text, whys[i], p.body() * 0.9f);
        if (i == focus) p.focusRing(r);
        if (press.clicked) clicked.push_back(i);
    }
}

} // namespace

std::vector<ReviewIntent> reviewScreen(const ReviewView& view, const Frame& frame) {
    std::vector<ReviewIntent> out;
    draw::beginScreen("##review", frame);
    const draw::Painter p{*ImGui::GetWindowDrawList(), frame};
    const Palette& palette = *frame.palette;
    if (auto tab = draw::header(p, view.header, view.language)) out.emplace_back(SwitchScreen{*tab});
    const Layout l = layout(frame);
    const std::string typed = typedText();

    if (view.items.empty() || view.current >= view.items.size()) {
        p.text({l.crop.x, l.crop.y}, palette.page.text, deskText(DeskText::ReviewEmpty, view.language),
               p.heading(), true);
        ImGui::End();
        return out;
    }
    drawQueue(p, view, l.queue, out);
    const ReviewItem& item = view.items[view.current];
    drawItem(p, view, item, l);

    std::vector<std::size_t> clicked;
    float top = l.choices.y;
    const Language lang = view.language;
    if (view.mode == ReviewMode::Choosing) {
        top += p.text({l.choices.x, top}, palette.page.text, deskText(DeskText::Candidates, lang), p.body(),
                      true)
                   .y +
               p.s(8);
        std::vector<std::string> keys, lines, whys;
        for (std::size_t i = 0; i < item.candidates.size(); ++i) {
            keys.push_back(i < 3 ? std::to_string(i + 1) : "");
            lines.push_back(candidateLine(item.candidates[i], lang));
            whys.push_back(item.candidates[i].why);
        }
        if (item.candidates.empty())
            p.text({l.choices.x, top}, palette.page.text, deskText(DeskText::NoCandidate, lang), p.body());
        drawRows(p, "candidate", l.choices, top, keys, lines, whys, view.focus, clicked);
        for (std::size_t i : clicked)
            out.emplace_back(PickDossier{item.id, item.candidates[i].ref});
        for (std::size_t i = 0; i < item.candidates.size() && i < 3; ++i)
            if (typed.find(static_cast<char>('1' + i)) != std::string::npos)
                out.emplace_back(PickDossier{item.id, item.candidates[i].ref});
        if ((keyPressed(Key::Enter) || keyPressed(Key::KeypadEnter)) && view.focus < item.candidates.size())
            out.emplace_back(PickDossier{item.id, item.candidates[view.focus].ref});
        if (keyPressed(Key::Down) && view.focus + 1 < item.candidates.size())
            out.emplace_back(MoveReviewFocus{view.focus + 1});
        if (keyPressed(Key::Up) && view.focus > 0) out.emplace_back(MoveReviewFocus{view.focus - 1});
    } else if (view.mode == ReviewMode::Searching) {
        top += p.text({l.choices.x, top}, palette.page.text,
                      std::string(deskText(DeskText::SearchAny, lang)) + "  \u2014  " +
                          std::string(deskText(DeskText::EscCancel, lang)),
                      p.body(), true)
                   .y +
               p.s(8);
        const Rect field{l.choices.x, top, l.choices.width, p.s(48)};
        p.fill(field, palette.page.background);
        p.outline(field, palette.focusRing, p.s(3));
        const std::string shown =
            view.query.empty() ? std::string(deskText(DeskText::TypeToSearch, lang)) : view.query + "|";
        p.text({field.x + p.s(10), field.y + (field.height - p.body()) / 2},
               view.query.empty() ? palette.pageQuiet.text : palette.page.text, shown, p.body());
        top = field.bottom() + p.s(10);
        std::vector<std::string> lines, whys;
        for (const CandidateRow& row : view.results) {
            lines.push_back(candidateLine(row, lang));
            whys.push_back(row.why);
        }
        if (view.results.empty() && !view.query.empty())
            p.text({l.choices.x, top}, palette.page.text, deskText(DeskText::NoResult, lang), p.body());
        drawRows(p, "result", l.choices, top, {}, lines, whys, view.focus, clicked);
        for (std::size_t i : clicked)
            out.emplace_back(PickDossier{item.id, view.results[i].ref});
        const std::string text = printable(typed);
        if (keyPressed(Key::Escape)) {
            out.emplace_back(SetReviewMode{ReviewMode::Choosing});
        } else if (keyPressed(Key::Backspace) && !view.query.empty()) {
            out.emplace_back(SetSearchText{dropLastCharacter(view.query)});
        } else if (!text.empty()) {
            out.emplace_back(SetSearchText{view.query + text});
        }
        if ((keyPressed(Key::Enter) || keyPressed(Key::KeypadEnter)) && view.focus < view.results.size())
            out.emplace_back(PickDossier{item.id, view.results[view.focus].ref});
        if (keyPressed(Key::Down) && view.focus + 1 < view.results.size())
            out.emplace_back(MoveReviewFocus{view.focus + 1});
        if (keyPressed(Key::Up) && view.focus > 0) out.emplace_back(MoveReviewFocus{view.focus - 1});
    } else {
        top += p.text({l.choices.x, top}, palette.page.text,
                      std::string(deskText(DeskText::ChooseReason, lang)) + "  \u2014  " +
                          std::string(deskText(DeskText::EscCancel, lang)),
                      p.body(), true)
                   .y +
               p.s(8);
        std::vector<std::string> keys, lines;
        for (std::size_t i = 0; i < std::size(kReturnChoices); ++i) {
            keys.push_back(std::to_string(i + 1));
            lines.emplace_back(deskText(reasonText(kReturnChoices[i]), lang));
        }
        drawRows(p, "reason", l.choices, top, keys, lines, {}, view.focus, clicked);
        for (std::size_t i : clicked)
            out.emplace_back(ReturnItem{item.id, kReturnChoices[i]});
        for (std::size_t i = 0; i < std::size(kReturnChoices); ++i)
            if (typed.find(static_cast<char>('1' + i)) != std::string::npos)
                out.emplace_back(ReturnItem{item.id, kReturnChoices[i]});
        if ((keyPressed(Key::Enter) || keyPressed(Key::KeypadEnter)) &&
            view.focus < std::size(kReturnChoices))
            out.emplace_back(ReturnItem{item.id, kReturnChoices[view.focus]});
        if (keyPressed(Key::Down) && view.focus + 1 < std::size(kReturnChoices))
            out.emplace_back(MoveReviewFocus{view.focus + 1});
        if (keyPressed(Key::Up) && view.focus > 0) out.emplace_back(MoveReviewFocus{view.focus - 1});
        if (keyPressed(Key::Escape)) out.emplace_back(SetReviewMode{ReviewMode::Choosing});
    }

    // The actions row: each names its key; the current mode's own is marked by the focus ring.
    const float gap = p.s(12);
    const float w = (l.actions.width - 2 * gap) / 3;
    const Rect search{l.actions.x, l.actions.y, w, l.actions.height};
    const Rect unknown{search.right() + gap, l.actions.y, w, l.actions.height};
    const Rect back{unknown.right() + gap, l.actions.y, w, l.actions.height};
    if (draw::button(p, "action", 0, search, "/", deskText(DeskText::SearchAny, lang),
                     view.mode == ReviewMode::Searching))
        out.emplace_back(SetReviewMode{ReviewMode::Searching});
    if (draw::button(p, "action", 1, unknown, "U", deskText(DeskText::UnknownBack, lang), false))
        out.emplace_back(MarkUnknown{item.id});
    if (draw::button(p, "action", 2, back, "R", deskText(DeskText::ReturnWithReason, lang),
                     view.mode == ReviewMode::Returning))
        out.emplace_back(SetReviewMode{ReviewMode::Returning});
    if (view.mode == ReviewMode::Choosing) {
        if (typed.find('/') != std::string::npos) out.emplace_back(SetReviewMode{ReviewMode::Searching});
        if (draw::typedKey(typed, 'u')) out.emplace_back(MarkUnknown{item.id});
        if (draw::typedKey(typed, 'r')) out.emplace_back(SetReviewMode{ReviewMode::Returning});
    }
    ImGui::End();
    return out;
}

ReviewView applyReviewIntent(ReviewView view, const ReviewIntent& intent) {
    auto decided = [&view]() {
        if (view.current < view.items.size())
            view.items.erase(view.items.begin() + static_cast<std::ptrdiff_t>(view.current));
        if (view.current >= view.items.size() && !view.items.empty()) view.current = view.items.size() - 1;
        view.mode = ReviewMode::Choosing;
        view.focus = 0;
        view.query.clear();
        view.results.clear();
    };
    if (const auto* show = std::get_if<ShowItem>(&intent)) {
        if (show->index < view.items.size()) view.current = show->index;
        view.mode = ReviewMode::Choosing;
        view.focus = 0;
    } else if (const auto* mode = std::get_if<SetReviewMode>(&intent)) {
        view.mode = mode->mode;
        view.focus = 0;
        view.query.clear();
        view.results.clear();
    } else if (const auto* search = std::get_if<SetSearchText>(&intent)) {
        view.query = search->text;
        view.focus = 0;
    } else if (const auto* move = std::get_if<MoveReviewFocus>(&intent)) {
        view.focus = move->target;
    } else if (std::holds_alternative<PickDossier>(intent) || std::holds_alternative<MarkUnknown>(intent) ||
               std::holds_alternative<ReturnItem>(intent)) {
        decided();
    }
    return view;
}

} // namespace guichet::ui::desk
