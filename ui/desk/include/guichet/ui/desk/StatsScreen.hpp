#pragma once
// Statistics: today, the last 7 days or the last 30 days as bar charts drawn with ImGui's draw
// lists: what arrived by kind, how it was attributed (automatic, confirmed, searched, still to
// review), handed over, returned, visits; and, over several days, what arrived each day. Counts
// only: no name, no dossier. Keys: 1 2 3 (or ← →) choose the period, C exports it as CSV.

#include "guichet/core/Dossier.hpp"
#include "guichet/ui/Context.hpp"
#include "guichet/ui/desk/Common.hpp"

#include <string>
#include <variant>
#include <vector>

namespace guichet::ui::desk {

enum class StatsPeriod { Day, Week, Month };
inline constexpr StatsPeriod kStatsPeriods[] = {StatsPeriod::Day, StatsPeriod::Week, StatsPeriod::Month};

/// The figures of one day, or of the whole period.
struct StatsFigures {
    std::string label; ///< "06/12" for a day
    PendingCounts received;
    int automatic = 0;
    int confirmed = 0;
    int manual = 0;
    int awaitingReview = 0;
    int handedOver = 0; ///< to the person or a proxy
    int returned = 0;
    int visits = 0;
    bool operator==(const StatsFigures&) const = default;
};

struct StatsView {
    Language language = Language::French;
    HeaderView header;
    StatsPeriod period = StatsPeriod::Day;
    std::vector<StatsFigures> days; ///< oldest first
    StatsFigures total;
    bool operator==(const StatsView&) const = default;
};

struct ChoosePeriod {
    StatsPeriod period = StatsPeriod::Day;
    bool operator==(const ChoosePeriod&) const = default;
};
struct ExportStatsCsv {
    bool operator==(const ExportStatsCsv&) const = default;
};

using StatsIntent = std::variant<SwitchScreen, ChoosePeriod, ExportStatsCsv>;

std::vector<StatsIntent> statsScreen(const StatsView& view, const Frame& frame);

/// ChoosePeriod sets the period (the app then loads its figures); the others are the app's. Pure.
StatsView applyStatsIntent(StatsView view, const StatsIntent& intent);

} // namespace guichet::ui::desk
