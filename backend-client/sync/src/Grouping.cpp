#include "guichet/sync/Grouping.hpp"

#include <algorithm>
#include <ctime>
#include <map>
#include <set>

namespace guichet::sync {

namespace {

std::string localTime(Instant instant, const char* format) {
    const std::time_t t = std::chrono::system_clock::to_time_t(instant);
    std::tm parts{};
    localtime_r(&t, &parts);
    char buffer[64];
    std::strftime(buffer, sizeof buffer, format, &parts);
    return buffer;
}

} // namespace

std::vector<Unit> groupEvents(const std::vector<Event>& input) {
    std::vector<Event> events = input;
    std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.id < b.id; });
    std::vector<Unit> units;
    // Per person: the open arrival group of each (batch, type).
    std::map<DossierRef, std::map<std::pair<std::string, EventType>, std::size_t>> open;
    for (const Event& e : events) {
        auto& groups = open[e.dossier];
        if (isArrival(e.type) && !e.batchKey.empty()) {
            const auto key = std::make_pair(e.batchKey, e.type);
            const auto it = groups.find(key);
            if (it != groups.end() && units[it->second].count + e.count <= 100) {
                units[it->second].count += e.count;
                units[it->second].events.push_back(e.id);
                continue;
            }
            groups[key] = units.size();
        } else if (!isArrival(e.type)) {
            if (const auto family = familyOf(e.type)) {
                const EventType in = arrivalEvent(*family);
                for (auto it = groups.begin(); it != groups.end();)
                    it = it->first.second == in ? groups.erase(it) : std::next(it);
            }
        }
        units.push_back(Unit{e.dossier, e.type, isArrival(e.type) ? e.count : 0, {e.id}, {}, {}});
    }
    return units;
}

std::string markerText(const std::string& prefix, EventId firstEvent) {
    return "(réf. " + prefix + "-" + std::to_string(firstEvent) + ")";
}

std::string composeContent(const std::vector<Event>& events, EventType type, const std::string& marker,
                           Instant uploadTime, std::chrono::seconds lateAfter) {
    std::string text;
    std::set<std::string> seen;
    Instant first = events.empty() ? uploadTime : events.front().createdAt;
    for (const Event& e : events) {
        first = std::min(first, e.createdAt);
        if (!e.content.empty() && seen.insert(e.content).second) {
            if (!text.empty()) text += " ; ";
            text += e.content;
        }
    }
    if (text.size() > 1000) text.resize(1000); // the portal shows it; keep it short (limit 5,000)
    const bool late = uploadTime - first > lateAfter;
    std::string when;
    if (late) when = localTime(first, "le %d/%m/%Y à %H:%M");
    std::string verb;
    switch (type) {
    case EventType::CourrierIn:
    case EventType::RecommandeIn:
    case EventType::ColisIn:
        verb = "Arrivé";
        break;
    case EventType::CourrierOut:
    case EventType::RecommandeOut:
    case EventType::ColisOut:
        verb = "Remis";
        break;
    case EventType::Visite:
        verb = "Passage";
        break;
    }
    std::string head = late ? verb + " " + when : (text.empty() ? "Guichet" : "");
    std::string out = text;
    if (!head.empty()) out += (out.empty() ? "" : " ; ") + head;
    return out + " " + marker;
}

} // namespace guichet::sync
