#include "guichet/ui/desk/SyncScreen.hpp"

#include "Draw.hpp"
#include "guichet/ui/DeskStrings.hpp"
#include "guichet/ui/Input.hpp"

#include <imgui.h>

namespace guichet::ui::desk {

std::vector<SyncIntent> syncScreen(const SyncView& view, const Frame& frame) {
    std::vector<SyncIntent> out;
    draw::beginScreen("##sync", frame);
    const draw::Painter p{*ImGui::GetWindowDrawList(), frame};
    const Palette& palette = *frame.palette;
    const Language lang = view.language;
    auto word = [&](DeskText key) { return std::string(deskText(key, lang)); };
    if (auto tab = draw::header(p, view.header, lang)) out.emplace_back(SwitchScreen{*tab});
    const float m = p.s(16);
    const float size = p.body();
    float y = draw::headerHeight(frame) + p.s(12);
    y += p.text({m, y}, palette.page.text, word(DeskText::SyncAccount) + "\u202f: " + view.account,
                p.heading(), true)
             .y +
         p.s(8);
    const std::string when = view.lastSuccess.empty() ? word(DeskText::SyncNever) : view.lastSuccess;
    y += p.text({m, y}, palette.page.text, word(DeskText::SyncLastSuccess) + "\u202f: " + when, size).y +
         p.s(4);
    y += p.text({m, y}, palette.page.text,
                word(DeskText::SyncQueue) + "\u202f: " + std::to_string(view.pending) + " " +
                    word(DeskText::FilesWaiting) + ", " + std::to_string(view.uncertain) + " " +
                    word(DeskText::SyncUncertain) + ", " + std::to_string(view.delivered) + " " +
                    word(DeskText::SyncDelivered),
                size)
             .y +
         p.s(4);
    if (!view.login.empty())
        y += p.text({m, y}, palette.page.text, word(DeskText::SyncLogin) + "\u202f: " + view.login, size).y +
             p.s(4);
    // What stops the sync, after a warning sign: never colour alone.
    for (const std::string& problem : {view.halted, view.lastError}) {
        if (problem.empty()) continue;
        p.warningSign({m, y, p.s(28), p.s(26)});
        y += p.text({m + p.s(38), y}, palette.page.text, problem, size, true, frame.width - 2 * m - p.s(38))
                 .y +
             p.s(6);
    }
    y += p.s(10);
    y += p.text({m, y}, palette.page.text,
                word(DeskText::SyncParked) + " (" + std::to_string(view.parked.size()) + ")", p.heading(),
                true)
             .y +
         p.s(8);
    if (view.parked.empty()) p.text({m, y}, palette.pageQuiet.text, word(DeskText::SyncNothingParked), size);
    const float rowH = p.s(58);
    for (std::size_t i = 0; i < view.parked.size(); ++i) {
        const ParkedRow& row = view.parked[i];
        const Rect r{m, y + static_cast<float>(i) * (rowH + p.s(8)), frame.width - 2 * m, rowH};
        if (r.bottom() > draw::contentBottom(frame) - p.s(70)) break;
        const std::string line = "n\u00B0 " + std::to_string(row.event) + "  " + row.type + "  \u00B7  " +
                                 word(DeskText::Dossier) + " " + std::to_string(row.dossier) + "  \u00B7  " +
                                 row.created + "  \u2014  " + row.reason;
        if (draw::button(p, "parked", static_cast<int>(i), r, i == view.focus ? "Entr\u00e9e" : "", line,
                         i == view.focus))
            out.emplace_back(RequeueParked{row.event});
    }
    const Rect all{m, draw::contentBottom(frame) - m - p.s(54),
                   p.measure(word(DeskText::SyncRequeueAll), size).x + p.s(80), p.s(54)};
    if (draw::button(p, "all", 0, all, "A", word(DeskText::SyncRequeueAll), false, !view.parked.empty()))
        out.emplace_back(RequeueParked{0});

    if ((keyPressed(Key::Enter) || keyPressed(Key::KeypadEnter)) && view.focus < view.parked.size())
        out.emplace_back(RequeueParked{view.parked[view.focus].event});
    if (draw::typedKey(typedText(), 'A') && !view.parked.empty()) out.emplace_back(RequeueParked{0});
    if (keyPressed(Key::Down) && view.focus + 1 < view.parked.size())
        out.emplace_back(MoveSyncFocus{view.focus + 1});
    if (keyPressed(Key::Up) && view.focus > 0) out.emplace_back(MoveSyncFocus{view.focus - 1});
    ImGui::End();
    return out;
}

SyncView applySyncIntent(SyncView view, const SyncIntent& intent) {
    if (const auto* move = std::get_if<MoveSyncFocus>(&intent))
        if (move->target < view.parked.size()) view.focus = move->target;
    return view;
}

} // namespace guichet::ui::desk
