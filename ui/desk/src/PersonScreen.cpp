#include "guichet/ui/desk/PersonScreen.hpp"

#include "Draw.hpp"
#include "guichet/ui/DeskStrings.hpp"
#include "guichet/ui/Input.hpp"

#include <algorithm>
#include <imgui.h>

namespace guichet::ui::desk {
namespace {

constexpr MailKind kKinds[] = {MailKind::Courrier, MailKind::Recommande, MailKind::Colis};
constexpr char kKindKeys[] = {'L', 'R', 'C'};

DeskText headingOf(MailKind kind) {
    switch (kind) {
    case MailKind::Courrier:
        return DeskText::HeadingLetters;
    case MailKind::Recommande:
        return DeskText::HeadingRegistered;
    case MailKind::Colis:
        return DeskText::HeadingParcels;
    }
    return DeskText::HeadingLetters;
}

std::string warningText(const std::string& code, const PersonView& view) {
    const Language l = view.language;
    if (code == "radie") return std::string(deskText(DeskText::WarnRadie, l));
    if (code == "refus") return std::string(deskText(DeskText::WarnRefus, l));
    if (code == "npai") return std::string(deskText(DeskText::WarnNpai, l));
    if (code == "ended") return std::string(deskText(DeskText::WarnEnded, l));
    if (code == "transfert") return std::string(deskText(DeskText::WarnTransfert, l));
    if (code == "not_granted") return std::string(deskText(DeskText::WarnNotGranted, l));
    if (code == "ends_soon")
        return std::string(deskText(DeskText::WarnEndsSoon, l)) +
               (view.endsOn ? " " + formatDateFr(*view.endsOn) : "");
    return code;
}

/// Why a proxy may not collect today, from its dates (the hand-over rules decided `valid`).
std::string proxyRefusal(const ProxyRow& proxy, const PersonView& view) {
    const Language l = view.language;
    std::string why = std::string(deskText(DeskText::NotValid, l)) + "\u202f: ";
    if (!proxy.from || !proxy.to) return why + std::string(deskText(DeskText::NoDates, l));
    if (*proxy.to < view.today)
        return why + std::string(deskText(DeskText::ExpiredOn, l)) + " " + formatDateFr(*proxy.to);
    if (view.today < *proxy.from)
        return why + std::string(deskText(DeskText::StartsOn, l)) + " " + formatDateFr(*proxy.from);
    return why.substr(0, why.size() - 5);
}

std::string proxyLine(const ProxyRow& proxy, Language l) {
    std::string line = std::string(deskText(DeskText::Proxy, l)) + " " + proxy.name;
    if (proxy.from && proxy.to)
        line += ", " + std::string(deskText(DeskText::From, l)) + " " + formatDateFr(*proxy.from) + " " +
                std::string(deskText(DeskText::To, l)) + " " + formatDateFr(*proxy.to);
    return line;
}

std::string dropLastCharacter(std::string text) {
    while (!text.empty()) {
        const auto last = static_cast<unsigned char>(text.back());
        text.pop_back();
        if ((last & 0xC0) != 0x80) break;
    }
    return text;
}

std::string printable(const std::string& typed) {
    std::string out;
    for (char c : typed)
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out += c;
    return out;
}

void finding(const draw::Painter& p, const PersonView& view, float top, std::vector<PersonIntent>& out) {
    const Palette& palette = *p.frame.palette;
    const float m = p.s(16);
    const float w = p.frame.width - 2 * m;
    const Language l = view.language;
    top += p.text({m, top}, palette.page.text,
                  std::string(deskText(DeskText::FindPerson, l)) + "  \u2014  " +
                      std::string(deskText(DeskText::EscCancel, l)),
                  p.heading(), true)
               .y +
           p.s(10);
    const Rect field{m, top, w, p.s(52)};
    p.fill(field, palette.page.background);
    p.outline(field, palette.focusRing, p.s(3));
    const std::string shown =
        view.query.empty() ? std::string(deskText(DeskText::TypeToSearch, l)) : view.query + "|";
    p.text({field.x + p.s(10), field.y + (field.height - p.body()) / 2},
           view.query.empty() ? palette.pageQuiet.text : palette.page.text, shown, p.body());
    top = field.bottom() + p.s(12);
    if (view.found.empty() && !view.query.empty())
        p.text({m, top}, palette.page.text, deskText(DeskText::NoResult, l), p.body());
    for (std::size_t i = 0; i < view.found.size(); ++i) {
        const FoundRow& row = view.found[i];
        const Rect r{m, top + static_cast<float>(i) * p.s(56), w, p.s(48)};
        if (r.bottom() > draw::contentBottom(p.frame) - m) break;
        const std::string line = row.name + "  \u2014  " + std::string(deskText(DeskText::Ref, l)) + " " +
                                 std::to_string(row.ref) + "  \u00B7  " +
                                 std::string(deskText(DeskText::Box, l)) + " " + row.box;
        if (draw::button(p, "found", static_cast<int>(i), r, "", line, i == view.focus))
            out.emplace_back(OpenPerson{row.ref});
    }
    const std::string typed = printable(typedText());
    if (keyPressed(Key::Escape))
        out.emplace_back(ClosePerson{});
    else if (keyPressed(Key::Backspace) && !view.query.empty())
        out.emplace_back(SetPersonQuery{dropLastCharacter(view.query)});
    else if (!typed.empty())
        out.emplace_back(SetPersonQuery{view.query + typed});
    if ((keyPressed(Key::Enter) || keyPressed(Key::KeypadEnter)) && view.focus < view.found.size())
        out.emplace_back(OpenPerson{view.found[view.focus].ref});
    if (keyPressed(Key::Down) && view.focus + 1 < view.found.size())
        out.emplace_back(MovePersonFocus{view.focus + 1});
    if (keyPressed(Key::Up) && view.focus > 0) out.emplace_back(MovePersonFocus{view.focus - 1});
}

} // namespace

std::size_t personTargetCount(const PersonView& view) {
    return closeTarget(view) + 1;
}

bool collectorEnabled(const PersonView& view, std::size_t collector) {
    if (!view.mayCollect) return false;
    if (collector == 0) return true;
    return collector <= view.proxies.size() && view.proxies[collector - 1].valid;
}

std::optional<HandOverMail> handOverOf(const PersonView& view) {
    if (view.ref == 0 || !collectorEnabled(view, view.collector)) return std::nullopt;
    HandOverMail request{view.ref, std::nullopt, {}};
    if (view.collector > 0) request.proxy = view.proxies[view.collector - 1].index;
    for (MailKind kind : kKinds)
        if (view.ticked[static_cast<std::size_t>(kind)] && view.counts[kind] > 0)
            request.kinds.push_back(kind);
    if (request.kinds.empty()) return std::nullopt;
    return request;
}

std::vector<PersonIntent> personScreen(const PersonView& view, const Frame& frame) {
    std::vector<PersonIntent> out;
    draw::beginScreen("##person", frame);
    const draw::Painter p{*ImGui::GetWindowDrawList(), frame};
    const Palette& palette = *frame.palette;
    if (auto tab = draw::header(p, view.header, view.language)) out.emplace_back(SwitchScreen{*tab});
    float top = draw::headerHeight(frame) + p.s(12);
    if (view.finding || view.ref == 0) {
        finding(p, view, top, out);
        ImGui::End();
        return out;
    }
    const Language l = view.language;
    const float m = p.s(16);
    const std::string typed = typedText();

    // Who: the name large, the ref and box number beside it.
    const ImVec2 name = p.text({m, top}, palette.page.text, view.name, p.heading(), true);
    p.text({m + name.x + p.s(16), top + (name.y - p.body()) / 2}, palette.page.text,
           std::string(deskText(DeskText::Ref, l)) + " " + std::to_string(view.ref) + "  \u00B7  " +
               std::string(deskText(DeskText::Box, l)) + " " + view.box,
           p.body());
    top += name.y + p.s(10);

    // One banner for every warning: a sign, the words, a thick border.
    if (!view.warnings.empty() || !view.mayCollect) {
        std::string words;
        if (!view.mayCollect) words = std::string(deskText(DeskText::CannotHandOver, l));
        for (const std::string& code : view.warnings)
            words += (words.empty() ? "" : "  \u00B7  ") + warningText(code, view);
        const float wrap = frame.width - 2 * m - p.s(70);
        const float h = std::max(p.s(52), p.measure(words, p.body(), true, wrap).y + p.s(16));
        const Rect banner{m, top, frame.width - 2 * m, h};
        p.fill(banner, palette.page.background);
        p.outline(banner, palette.pictogramAccent, p.s(4), p.s(6));
        p.warningSign({banner.x + p.s(14), banner.y + (h - p.s(34)) / 2, p.s(38), p.s(34)});
        p.text({banner.x + p.s(64), banner.y + p.s(8)}, palette.page.text, words, p.body(), true, wrap);
        top = banner.bottom() + p.s(14);
    }

    // Left: what is waiting, per kind, with dates and tracking numbers.
    const float half = (frame.width - 3 * m) / 2;
    float y = top;
    y += p.text({m, y}, palette.page.text, deskText(DeskText::PendingMail, l), p.body(), true).y + p.s(6);
    if (view.counts.total() == 0) {
        p.text({m, y}, palette.page.text, deskText(DeskText::NothingPending, l), p.body());
    }
    for (MailKind kind : kKinds) {
        if (view.counts[kind] == 0) continue;
        y +=
            p.text({m, y}, palette.page.text,
                   std::string(deskText(headingOf(kind), l)) + " (" + std::to_string(view.counts[kind]) + ")",
                   p.body(), true)
                .y;
        for (const PendingRow& row : view.items) {
            if (row.kind != kind) continue;
            if (y > draw::contentBottom(frame) - m - p.body()) break;
            std::string line = "\u2022 " + std::string(deskText(DeskText::ArrivedOn, l)) + " " + row.arrived;
            if (row.count > 1) line += " (\u00D7" + std::to_string(row.count) + ")";
            if (!row.tracking.empty())
                line += "  \u2014  " + std::string(deskText(DeskText::Tracking, l)) + " " + row.tracking;
            y += p.text({m + p.s(12), y}, palette.page.text, line, p.body() * 0.9f, false, half).y;
        }
        y += p.s(6);
    }

    // Right: who collects, what is handed over, the two buttons.
    const float x = m * 2 + half;
    y = top;
    y += p.text({x, y}, palette.page.text, deskText(DeskText::WhoCollects, l), p.body(), true).y + p.s(6);
    const float rowH = p.s(46);
    for (std::size_t c = 0; c <= view.proxies.size(); ++c) {
        const bool enabled = collectorEnabled(view, c);
        const bool chosen = c == view.collector && enabled;
        const std::string label =
            c == 0 ? std::string(deskText(DeskText::ThePerson, l)) : proxyLine(view.proxies[c - 1], l);
        const Rect r{x, y, half, c > 0 && !view.proxies[c - 1].valid ? rowH * 1.6f : rowH};
        const draw::Press press = draw::hit("collector", static_cast<int>(c), r);
        const Ink ink = !enabled ? palette.pageQuiet : chosen ? palette.selected : palette.secondary;
        p.fill(r, ink.background, p.s(6));
        p.outline(r, enabled ? palette.border : palette.pageQuiet.text, p.s(chosen ? 3 : 1), p.s(6));
        p.checkBox({r.x + p.s(8), r.y + (rowH - p.s(26)) / 2, p.s(26), p.s(26)}, chosen, enabled);
        p.text({r.x + p.s(44), r.y + (rowH - p.body()) / 2}, ink.text, "[" + std::to_string(c) + "] " + label,
               p.body() * 0.9f, chosen, half - p.s(52));
        if (c > 0 && !view.proxies[c - 1].valid)
            p.text({r.x + p.s(44), r.y + rowH * 0.85f}, ink.text,
                   "\u00D7 " + proxyRefusal(view.proxies[c - 1], view), p.body() * 0.85f);
        if (c == view.focus) p.focusRing(r);
        if (press.clicked && enabled) out.emplace_back(ChooseCollector{c});
        if (enabled && c < 10 && typed.find(static_cast<char>('0' + c)) != std::string::npos)
            out.emplace_back(ChooseCollector{c});
        y = r.bottom() + p.s(8);
    }

    y += p.s(6);
    y += p.text({x, y}, palette.page.text, deskText(DeskText::WhatIsHanded, l), p.body(), true).y + p.s(6);
    for (MailKind kind : kKinds) {
        const auto k = static_cast<std::size_t>(kind);
        const bool enabled = view.counts[kind] > 0 && view.mayCollect;
        const bool ticked = view.ticked[k] && enabled;
        const Rect r{x, y, half, rowH};
        const draw::Press press = draw::hit("kind", static_cast<int>(k), r);
        const Ink ink = enabled ? palette.secondary : palette.pageQuiet;
        p.fill(r, ink.background, p.s(6));
        p.outline(r, enabled ? palette.border : palette.pageQuiet.text, p.s(ticked ? 3 : 1), p.s(6));
        p.checkBox({r.x + p.s(8), r.y + (rowH - p.s(26)) / 2, p.s(26), p.s(26)}, ticked, enabled);
        std::string label = "[" + std::string(1, kKindKeys[k]) + "] " +
                            std::string(deskText(headingOf(kind), l)) + " (" +
                            std::to_string(view.counts[kind]) + ")";
        if (kind != MailKind::Courrier && enabled && !ticked)
            label += "  \u2014  " + std::string(deskText(DeskText::TickToInclude, l));
        p.text({r.x + p.s(44), r.y + (rowH - p.body()) / 2}, ink.text, label, p.body() * 0.9f, ticked);
        if (kindTarget(view, kind) == view.focus) p.focusRing(r);
        if (enabled && (press.clicked || draw::typedKey(typed, kKindKeys[k])))
            out.emplace_back(ToggleKind{kind});
        y = r.bottom() + p.s(8);
    }

    y += p.s(8);
    const auto request = handOverOf(view);
    const Rect hand{x, y, half * 0.58f, p.s(56)};
    const Rect close{hand.right() + p.s(16), y, half - hand.width - p.s(16), p.s(56)};
    if (draw::button(p, "handover", 0, hand, "V", deskText(DeskText::HandOver, l),
                     view.focus == handOverTarget(view), request.has_value()) ||
        (request && draw::typedKey(typed, 'v')))
        out.emplace_back(*request);
    if (draw::button(p, "close", 0, close, "\u00C9chap", deskText(DeskText::Close, l),
                     view.focus == closeTarget(view)) ||
        keyPressed(Key::Escape))
        out.emplace_back(ClosePerson{});
    if (typed.find('/') != std::string::npos) out.emplace_back(StartFinding{});

    // Focus: ↑ ↓ Tab move it, Enter or Space press what it is on.
    const std::size_t count = personTargetCount(view);
    if (keyPressed(Key::Down) && view.focus + 1 < count) out.emplace_back(MovePersonFocus{view.focus + 1});
    if (keyPressed(Key::Up) && view.focus > 0) out.emplace_back(MovePersonFocus{view.focus - 1});
    if (keyPressed(Key::Tab)) out.emplace_back(MovePersonFocus{(view.focus + 1) % count});
    if (keyPressed(Key::Enter) || keyPressed(Key::KeypadEnter) || keyPressed(Key::Space)) {
        if (view.focus <= view.proxies.size()) {
            if (collectorEnabled(view, view.focus)) out.emplace_back(ChooseCollector{view.focus});
        } else if (view.focus < handOverTarget(view)) {
            const MailKind kind = kKinds[view.focus - 1 - view.proxies.size()];
            if (view.counts[kind] > 0 && view.mayCollect) out.emplace_back(ToggleKind{kind});
        } else if (view.focus == handOverTarget(view)) {
            if (request) out.emplace_back(*request);
        } else {
            out.emplace_back(ClosePerson{});
        }
    }
    ImGui::End();
    return out;
}

PersonView applyPersonIntent(PersonView view, const PersonIntent& intent) {
    if (const auto* query = std::get_if<SetPersonQuery>(&intent)) {
        view.query = query->text;
        view.focus = 0;
    } else if (std::holds_alternative<StartFinding>(intent)) {
        view.finding = true;
        view.query.clear();
        view.found.clear();
        view.focus = 0;
    } else if (const auto* collector = std::get_if<ChooseCollector>(&intent)) {
        if (collectorEnabled(view, collector->collector)) view.collector = collector->collector;
    } else if (const auto* toggle = std::get_if<ToggleKind>(&intent)) {
        auto& ticked = view.ticked[static_cast<std::size_t>(toggle->kind)];
        ticked = !ticked;
    } else if (const auto* move = std::get_if<MovePersonFocus>(&intent)) {
        view.focus = move->target;
    }
    return view;
}

} // namespace guichet::ui::desk
