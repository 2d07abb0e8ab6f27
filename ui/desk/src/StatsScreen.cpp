#include "guichet/ui/desk/StatsScreen.hpp"

#include "Draw.hpp"
#include "guichet/ui/DeskStrings.hpp"
#include "guichet/ui/Input.hpp"

#include <algorithm>
#include <imgui.h>

namespace guichet::ui::desk {
namespace {

DeskText periodText(StatsPeriod period) {
    switch (period) {
    case StatsPeriod::Day:
        return DeskText::PeriodDay;
    case StatsPeriod::Week:
        return DeskText::PeriodWeek;
    case StatsPeriod::Month:
        return DeskText::PeriodMonth;
    }
    return DeskText::PeriodDay;
}

struct Bar {
    std::string label;
    int value = 0;
};

/// Horizontal bars: label, bar, figure; the longest bar fills the width.
void bars(const draw::Painter& p, const Rect& area, const std::vector<Bar>& rows) {
    const Palette& palette = *p.frame.palette;
    const float size = p.body();
    float labelW = 0;
    int most = 1;
    for (const Bar& bar : rows) {
        labelW = std::max(labelW, p.measure(bar.label, size).x);
        most = std::max(most, bar.value);
    }
    const float rowH = std::min(area.height / static_cast<float>(rows.size()), size * 1.9f);
    const float barX = area.x + labelW + p.s(16);
    const float barMax = area.right() - barX - p.s(70);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const float y = area.y + static_cast<float>(i) * rowH;
        p.text({area.x, y + (rowH - size) / 2}, palette.page.text, rows[i].label, size);
        const float w = barMax * static_cast<float>(rows[i].value) / static_cast<float>(most);
        const Rect bar{barX, y + rowH * 0.18f, std::max(w, p.s(2)), rowH * 0.64f};
        p.fill(bar, palette.pictogram, p.s(3));
        p.text({bar.right() + p.s(8), y + (rowH - size) / 2}, palette.page.text,
               std::to_string(rows[i].value), size, true);
    }
}

/// Columns: what arrived each day, the figure above each column, the day below every few.
void columns(const draw::Painter& p, const Rect& area, const std::vector<StatsFigures>& days) {
    const Palette& palette = *p.frame.palette;
    if (days.empty()) return;
    const float size = p.body() * 0.8f;
    int most = 1;
    for (const StatsFigures& day : days)
        most = std::max(most, day.received.total());
    const float base = area.bottom() - size * 1.4f;
    const float top = area.y + size * 1.4f;
    const float slot = area.width / static_cast<float>(days.size());
    const std::size_t every = days.size() > 10 ? 5 : 1;
    p.list.AddLine({area.x, base}, {area.right(), base}, packColour(palette.border), p.s(2));
    for (std::size_t i = 0; i < days.size(); ++i) {
        const int value = days[i].received.total();
        const float h = (base - top) * static_cast<float>(value) / static_cast<float>(most);
        const float x = area.x + static_cast<float>(i) * slot;
        p.fill({x + slot * 0.15f, base - h, slot * 0.7f, h}, palette.pictogram, p.s(2));
        if (value > 0) {
            const std::string figure = std::to_string(value);
            const ImVec2 m = p.measure(figure, size);
            p.text({x + (slot - m.x) / 2, base - h - m.y - p.s(2)}, palette.page.text, figure, size);
        }
        if (i % every == 0 || i + 1 == days.size()) {
            const ImVec2 m = p.measure(days[i].label, size);
            p.text({x + (slot - m.x) / 2, base + p.s(4)}, palette.page.text, days[i].label, size);
        }
    }
}

} // namespace

std::vector<StatsIntent> statsScreen(const StatsView& view, const Frame& frame) {
    std::vector<StatsIntent> out;
    draw::beginScreen("##stats", frame);
    const draw::Painter p{*ImGui::GetWindowDrawList(), frame};
    const Palette& palette = *frame.palette;
    const Language lang = view.language;
    if (auto tab = draw::header(p, view.header, lang)) out.emplace_back(SwitchScreen{*tab});
    const float m = p.s(16);
    float top = draw::headerHeight(frame) + p.s(12);

    // The periods (1 2 3) and the export (C).
    float x = m;
    const float bh = p.s(50);
    for (std::size_t i = 0; i < std::size(kStatsPeriods); ++i) {
        const StatsPeriod period = kStatsPeriods[i];
        std::string label(deskText(periodText(period), lang));
        if (period == view.period) label = "\u2713 " + label; // chosen: a check mark as well as the ring
        const float w = p.measure(label, p.body()).x + p.s(80);
        if (draw::button(p, "period", static_cast<int>(i), {x, top, w, bh}, std::to_string(i + 1), label,
                         period == view.period))
            out.emplace_back(ChoosePeriod{period});
        x += w + p.s(12);
    }
    const float cw = p.measure(deskText(DeskText::ExportCsv, lang), p.body()).x + p.s(80);
    if (draw::button(p, "csv", 0, {frame.width - m - cw, top, cw, bh}, "C",
                     deskText(DeskText::ExportCsv, lang), false))
        out.emplace_back(ExportStatsCsv{});
    top += bh + p.s(18);

    const StatsFigures& t = view.total;
    auto word = [&](DeskText key) { return std::string(deskText(key, lang)); };
    std::vector<Bar> rows = {
        {word(DeskText::StatReceived) + " \u00B7 " + word(DeskText::HeadingLetters), t.received.courrier},
        {word(DeskText::StatReceived) + " \u00B7 " + word(DeskText::HeadingRegistered),
         t.received.recommande},
        {word(DeskText::StatReceived) + " \u00B7 " + word(DeskText::HeadingParcels), t.received.colis},
        {word(DeskText::StatAutomatic), t.automatic},
        {word(DeskText::StatConfirmed), t.confirmed},
        {word(DeskText::StatManual), t.manual},
        {word(DeskText::StatWaiting), t.awaitingReview},
        {word(DeskText::StatHanded), t.handedOver},
        {word(DeskText::StatReturned), t.returned},
        {word(DeskText::StatVisits), t.visits},
    };
    const float bottom = draw::contentBottom(frame) - m;
    const bool severalDays = view.period != StatsPeriod::Day && !view.days.empty();
    const float barsW = severalDays ? (frame.width - 2 * m) * 0.5f : frame.width - 2 * m;
    p.text({m, top}, palette.page.text, word(periodText(view.period)), p.heading(), true);
    bars(p, {m, top + p.heading() * 1.5f, barsW, bottom - top - p.heading() * 1.5f}, rows);
    if (severalDays) {
        const float cx = m + barsW + p.s(30);
        p.text({cx, top}, palette.page.text, word(DeskText::ReceivedPerDay), p.heading(), true);
        columns(p, {cx, top + p.heading() * 1.5f, frame.width - m - cx, bottom - top - p.heading() * 1.5f},
                view.days);
    }

    const std::string typed = typedText();
    for (std::size_t i = 0; i < std::size(kStatsPeriods); ++i)
        if (typed.find(static_cast<char>('1' + i)) != std::string::npos)
            out.emplace_back(ChoosePeriod{kStatsPeriods[i]});
    if (draw::typedKey(typed, 'C')) out.emplace_back(ExportStatsCsv{});
    const auto index = static_cast<std::size_t>(view.period);
    if (keyPressed(Key::Right) && index + 1 < std::size(kStatsPeriods))
        out.emplace_back(ChoosePeriod{kStatsPeriods[index + 1]});
    if (keyPressed(Key::Left) && index > 0) out.emplace_back(ChoosePeriod{kStatsPeriods[index - 1]});
    ImGui::End();
    return out;
}

StatsView applyStatsIntent(StatsView view, const StatsIntent& intent) {
    if (const auto* period = std::get_if<ChoosePeriod>(&intent)) view.period = period->period;
    return view;
}

} // namespace guichet::ui::desk
