#include "guichet/ui/desk/QueueScreen.hpp"

#include "Draw.hpp"
#include "guichet/ui/DeskStrings.hpp"
#include "guichet/ui/Input.hpp"

#include <imgui.h>

namespace guichet::ui::desk {

std::string ticketLine(const TicketRow& ticket, Language language) {
    std::string line =
        std::string(deskText(DeskText::Ticket, language)) + " " + std::to_string(ticket.number);
    const std::string counts = describeCounts(ticket.counts, language);
    if (!counts.empty()) line += " \u2014 " + counts;
    return line;
}

std::vector<QueueIntent> queueScreen(const QueueView& view, const Frame& frame) {
    std::vector<QueueIntent> out;
    draw::beginScreen("##queue", frame);
    const draw::Painter p{*ImGui::GetWindowDrawList(), frame};
    const Palette& palette = *frame.palette;
    if (auto tab = draw::header(p, view.header, view.language)) out.emplace_back(SwitchScreen{*tab});
    const float m = p.s(16);
    float top = draw::headerHeight(frame) + p.s(12);
    top += p.text({m, top}, palette.page.text,
                  std::string(deskText(DeskText::TabQueue, view.language)) + "  \u2014  " +
                      std::string(deskText(DeskText::EnterOpensPerson, view.language)),
                  p.heading(), true)
               .y +
           p.s(12);
    if (view.tickets.empty())
        p.text({m, top}, palette.page.text, deskText(DeskText::QueueEmpty, view.language), p.body());
    const float rowH = p.s(58);
    for (std::size_t i = 0; i < view.tickets.size(); ++i) {
        const TicketRow& ticket = view.tickets[i];
        const Rect r{m, top + static_cast<float>(i) * (rowH + p.s(10)), frame.width - 2 * m, rowH};
        if (r.bottom() > draw::contentBottom(frame) - m) break;
        const std::string line = ticketLine(ticket, view.language) + "   (" + ticket.takenAt + ")";
        if (draw::button(p, "ticket", static_cast<int>(i), r, "", line, i == view.focus))
            out.emplace_back(OpenTicket{ticket.id, ticket.dossier});
    }
    if ((keyPressed(Key::Enter) || keyPressed(Key::KeypadEnter)) && view.focus < view.tickets.size())
        out.emplace_back(OpenTicket{view.tickets[view.focus].id, view.tickets[view.focus].dossier});
    if (keyPressed(Key::Down) && view.focus + 1 < view.tickets.size())
        out.emplace_back(MoveQueueFocus{view.focus + 1});
    if (keyPressed(Key::Up) && view.focus > 0) out.emplace_back(MoveQueueFocus{view.focus - 1});
    ImGui::End();
    return out;
}

QueueView applyQueueIntent(QueueView view, const QueueIntent& intent) {
    if (const auto* move = std::get_if<MoveQueueFocus>(&intent))
        if (move->target < view.tickets.size()) view.focus = move->target;
    return view;
}

} // namespace guichet::ui::desk
