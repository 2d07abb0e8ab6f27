#include "guichet/ui/desk/ReturnsScreen.hpp"

#include "Draw.hpp"
#include "guichet/ui/DeskStrings.hpp"
#include "guichet/ui/Input.hpp"

#include <imgui.h>

namespace guichet::ui::desk {

std::vector<ReturnsIntent> returnsScreen(const ReturnsView& view, const Frame& frame) {
    std::vector<ReturnsIntent> out;
    draw::beginScreen("##returns", frame);
    const draw::Painter p{*ImGui::GetWindowDrawList(), frame};
    const Palette& palette = *frame.palette;
    const Language lang = view.language;
    if (auto tab = draw::header(p, view.header, lang)) out.emplace_back(SwitchScreen{*tab});
    const float m = p.s(16);
    float top = draw::headerHeight(frame) + p.s(12);
    top += p.text({m, top}, palette.page.text,
                  std::string(deskText(DeskText::ReturnsToday, lang)) + "  \u2014  " + view.day +
                      "  \u2014  " + std::to_string(view.rows.size()) + " " +
                      std::string(deskText(DeskText::ReturnsTotal, lang)),
                  p.heading(), true)
               .y +
           p.s(10);

    // The buttons, each with its key; the proposals' count on the first.
    const float size = p.body();
    const float bw = (frame.width - 2 * m - 2 * p.s(12)) / 3;
    const float bh = p.s(54);
    auto press = [&](ReturnsFocus which) {
        switch (which) {
        case ReturnsFocus::Mark:
            if (view.proposals > 0) out.emplace_back(MarkProposals{});
            break;
        case ReturnsFocus::Slip:
            if (!view.rows.empty()) out.emplace_back(PrintSlip{});
            break;
        case ReturnsFocus::Csv:
            if (!view.rows.empty()) out.emplace_back(ExportReturnsCsv{});
            break;
        }
    };
    const std::string mark =
        std::string(deskText(DeskText::MarkProposals, lang)) + " (" + std::to_string(view.proposals) + ")";
    if (draw::button(p, "mark", 0, {m, top, bw, bh}, "M", mark, view.focus == ReturnsFocus::Mark,
                     view.proposals > 0))
        press(ReturnsFocus::Mark);
    if (draw::button(p, "slip", 0, {m + bw + p.s(12), top, bw, bh}, "P", deskText(DeskText::PrintSlip, lang),
                     view.focus == ReturnsFocus::Slip, !view.rows.empty()))
        press(ReturnsFocus::Slip);
    if (draw::button(p, "csv", 0, {m + 2 * (bw + p.s(12)), top, bw, bh}, "C",
                     deskText(DeskText::ExportCsv, lang), view.focus == ReturnsFocus::Csv,
                     !view.rows.empty()))
        press(ReturnsFocus::Csv);
    top += bh + p.s(6);
    top +=
        p.text({m, top}, palette.pageQuiet.text,
               std::to_string(view.proposals) + " " + std::string(deskText(DeskText::Proposed, lang)), size)
            .y +
        p.s(14);

    // The list: a table with its headings; no name, the dossier number only.
    const float columns[] = {m, m + p.s(110), m + p.s(300), m + p.s(560), m + p.s(720), m + p.s(860)};
    const DeskText headings[] = {DeskText::Mail,           DeskText::KindHeading, DeskText::Tracking,
                                 DeskText::ArrivedHeading, DeskText::Dossier,     DeskText::ReasonHeading};
    for (std::size_t c = 0; c < std::size(columns); ++c)
        p.text({columns[c], top}, palette.page.text, deskText(headings[c], lang), size, true);
    top += size * 1.4f;
    p.list.AddLine({m, top}, {frame.width - m, top}, packColour(palette.border), p.s(2));
    top += p.s(6);
    if (view.rows.empty())
        p.text({m, top}, palette.pageQuiet.text, deskText(DeskText::ReturnsEmpty, lang), size);
    const float rowH = size * 1.45f;
    for (std::size_t i = 0; i < view.rows.size(); ++i) {
        const float y = top + static_cast<float>(i) * rowH;
        if (y + rowH > draw::contentBottom(frame) - m) break;
        const ReturnRow& row = view.rows[i];
        std::string kind = countOf(row.kind, 1, lang);
        kind = kind.substr(kind.find(' ') + 1);
        const std::string cells[] = {"n\u00B0 " + std::to_string(row.item),
                                     kind,
                                     row.tracking.empty() ? "\u2014" : row.tracking,
                                     row.arrived,
                                     row.dossier ? std::to_string(*row.dossier) : "\u2014",
                                     row.reason};
        for (std::size_t c = 0; c < std::size(columns); ++c)
            p.text({columns[c], y}, palette.page.text, cells[c], size);
    }

    const std::string typed = typedText();
    if (draw::typedKey(typed, 'M')) press(ReturnsFocus::Mark);
    if (draw::typedKey(typed, 'P')) press(ReturnsFocus::Slip);
    if (draw::typedKey(typed, 'C')) press(ReturnsFocus::Csv);
    if (keyPressed(Key::Enter) || keyPressed(Key::KeypadEnter)) press(view.focus);
    const auto index = static_cast<std::size_t>(view.focus);
    constexpr std::size_t count = std::size(kReturnsFocusOrder);
    if (keyPressed(Key::Tab) || keyPressed(Key::Right))
        out.emplace_back(MoveReturnsFocus{kReturnsFocusOrder[(index + 1) % count]});
    if (keyPressed(Key::Left))
        out.emplace_back(MoveReturnsFocus{kReturnsFocusOrder[(index + count - 1) % count]});
    ImGui::End();
    return out;
}

ReturnsView applyReturnsIntent(ReturnsView view, const ReturnsIntent& intent) {
    if (const auto* move = std::get_if<MoveReturnsFocus>(&intent)) view.focus = move->target;
    return view;
}

} // namespace guichet::ui::desk
