#include "guichet/desk/Statistics.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <sstream>

namespace guichet::desk {

namespace {

std::string periodOf(Date day, Period period) {
    const std::string d = formatDate(day);
    return period == Period::Day ? d : d.substr(0, 7);
}

std::optional<double> median(std::vector<double> values) {
    if (values.empty()) return std::nullopt;
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

} // namespace

Result<Statistics> statistics(store::Store& store, Date from, Date to, Period period) {
    if (to < from)
        return Error{"statistics: the period ends (" + formatDate(to) + ") before it starts (" +
                     formatDate(from) + ")"};
    const Instant start{std::chrono::sys_days{from}};
    const Instant end{std::chrono::sys_days{to} + std::chrono::days{1}};
    auto items = store.mailItemsBetween(start, end);
    if (!items) return items.error();
    auto visits = store.eventsCreated(EventType::Visite, start, end);
    if (!visits) return visits.error();

    Statistics out;
    std::map<std::string, size_t> index;
    std::map<std::string, std::vector<double>> collection;
    for (auto day = std::chrono::sys_days{from}; day <= std::chrono::sys_days{to};
         day += std::chrono::days{1}) {
        const std::string key = periodOf(Date{day}, period);
        if (index.count(key)) continue;
        index[key] = out.rows.size();
        out.rows.push_back(StatsRow{key, {}, 0, 0, 0, 0, 0, 0, 0, 0, std::nullopt});
    }
    auto rowAt = [&](Instant t) -> StatsRow* {
        if (t < start || t >= end) return nullptr;
        return &out.rows[index.at(periodOf(dateOf(t), period))];
    };
    std::vector<double> allCollection;
    for (const MailItem& m : *items) {
        if (StatsRow* r = rowAt(m.arrivedAt)) {
            r->received[m.kind] += m.count;
            switch (m.method) {
            case MatchMethod::Auto:
                ++r->automatic;
                break;
            case MatchMethod::StaffConfirmed:
                ++r->confirmed;
                break;
            case MatchMethod::StaffManual:
                ++r->manual;
                break;
            case MatchMethod::Unmatched:
                if (m.state == MailState::AwaitingReview) ++r->awaitingReview;
                break;
            }
        }
        if (!m.closedAt) continue;
        StatsRow* r = rowAt(*m.closedAt);
        if (!r) continue;
        if (m.state == MailState::HandedOver) {
            ++(m.handedToProxy ? r->handedToProxy : r->handedToPerson);
            const double days = static_cast<double>((*m.closedAt - m.arrivedAt).count()) / 86400.0;
            collection[r->period].push_back(days);
            allCollection.push_back(days);
        } else if (m.state == MailState::ReturnToSender) {
            ++r->returned;
        }
    }
    for (const Event& v : *visits)
        if (StatsRow* r = rowAt(v.createdAt)) ++r->visits;
    // What retention reduced to anonymous daily counts (items closed long ago, old visits).
    auto daily = store.dailyCounts(from, to);
    if (!daily) return daily.error();
    for (const store::DailyCounts& d : *daily) {
        StatsRow* r = rowAt(Instant{std::chrono::sys_days{d.day}});
        if (!r) continue;
        for (MailKind k : {MailKind::Courrier, MailKind::Recommande, MailKind::Colis})
            r->received[k] += d.received[k];
        r->automatic += d.automatic;
        r->confirmed += d.confirmed;
        r->manual += d.manual;
        r->handedToPerson += d.handedToPerson;
        r->handedToProxy += d.handedToProxy;
        r->returned += d.returned;
        r->visits += d.visits;
        for (std::int64_t seconds : d.collectionSeconds) {
            collection[r->period].push_back(static_cast<double>(seconds) / 86400.0);
            allCollection.push_back(static_cast<double>(seconds) / 86400.0);
        }
    }

    out.total.period = "total";
    for (StatsRow& r : out.rows) {
        r.medianDaysToCollection = median(collection[r.period]);
        for (MailKind k : {MailKind::Courrier, MailKind::Recommande, MailKind::Colis})
            out.total.received[k] += r.received[k];
        out.total.automatic += r.automatic;
        out.total.confirmed += r.confirmed;
        out.total.manual += r.manual;
        out.total.awaitingReview += r.awaitingReview;
        out.total.handedToPerson += r.handedToPerson;
        out.total.handedToProxy += r.handedToProxy;
        out.total.returned += r.returned;
        out.total.visits += r.visits;
    }
    out.total.medianDaysToCollection = median(allCollection);
    return out;
}

std::string toCsv(const Statistics& stats) {
    std::ostringstream out;
    out << "period,courrier,recommande,colis,automatic,confirmed,manual,awaiting_review,handed_to_person,"
           "handed_to_proxy,returned,visits,median_days_to_collection\n";
    auto line = [&](const StatsRow& r) {
        out << r.period << ',' << r.received.courrier << ',' << r.received.recommande << ','
            << r.received.colis << ',' << r.automatic << ',' << r.confirmed << ',' << r.manual << ','
            << r.awaitingReview << ',' << r.handedToPerson << ',' << r.handedToProxy << ',' << r.returned
            << ',' << r.visits << ',';
        if (r.medianDaysToCollection) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.1f", *r.medianDaysToCollection);
            out << buf;
        }
        out << '\n';
    };
    for (const StatsRow& r : stats.rows)
        line(r);
    line(stats.total);
    return out.str();
}

} // namespace guichet::desk
