#pragma once
// Statistics of the desk, per day or per month: what arrived (by kind), how it was attributed
// (automatically, confirmed by staff among the candidates, searched by staff, still waiting),
// what was handed over (to the person, to a proxy), returned, the visits, and the median number
// of days between arrival and collection. Counts only: no name, no dossier.

#include "guichet/core/Dossier.hpp"
#include "guichet/core/Result.hpp"
#include "guichet/store/Store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace guichet::desk {

enum class Period { Day, Month };

struct StatsRow {
    std::string period; ///< "2026-12-06" or "2026-12"; "total" for the sum
    PendingCounts received;
    int automatic = 0;
    int confirmed = 0;
    int manual = 0;
    int awaitingReview = 0;
    int handedToPerson = 0;
    int handedToProxy = 0;
    int returned = 0;
    int visits = 0;
    std::optional<double> medianDaysToCollection; ///< over the items collected in the period
    bool operator==(const StatsRow&) const = default;
};

struct Statistics {
    std::vector<StatsRow> rows; ///< one per day or month of [from, to], in order, empty ones included
    StatsRow total;
};

/// From `from` to `to`, both included (UTC days).
Result<Statistics> statistics(store::Store& store, Date from, Date to, Period period);

/// One header line and one line per row, then the total; ',' separated, '.' decimals.
std::string toCsv(const Statistics& stats);

} // namespace guichet::desk
