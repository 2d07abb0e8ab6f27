#pragma once
// The Person screen: a person found by ref, box number or name; their pending mail per kind with
// arrival dates and tracking numbers; who collects (the person, or a proxy with their procuration's
// dates: one that has expired or not started is disabled and says why); what is handed over
// (letters ticked when there are some; registered mail and parcels only by an explicit tick); one
// banner for the warnings (struck off, npai, ending within 60 days, forwarding). Keys: / find,
// 0 the person, 1–5 a proxy, L R C tick letters / registered / parcels, V hand over, Esc close,
// ↑ ↓ Tab move the focus, Enter or Space press it. The only screen that shows a person's data;
// the app clears the view when it closes.

#include "guichet/core/Date.hpp"
#include "guichet/core/MailItem.hpp"
#include "guichet/ui/Context.hpp"
#include "guichet/ui/desk/Common.hpp"

#include <array>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace guichet::ui::desk {

struct PendingRow {
    MailItemId id = 0;
    MailKind kind = MailKind::Courrier;
    int count = 1;
    std::string arrived; ///< "06/12/2026"
    std::string tracking;
    bool operator==(const PendingRow&) const = default;
};

struct ProxyRow {
    int index = 0; ///< DomiFa's procurationIndex
    std::string name;
    std::optional<Date> from;
    std::optional<Date> to;
    bool valid = false; ///< as the hand-over rules say for today
    bool operator==(const ProxyRow&) const = default;
};

struct FoundRow {
    DossierRef ref = 0;
    std::string box;
    std::string name;
    bool operator==(const FoundRow&) const = default;
};

struct PersonView {
    Language language = Language::French;
    HeaderView header;
    Date today{};
    // Finding (no person open, or / pressed)
    bool finding = true;
    std::string query;
    std::vector<FoundRow> found;
    // The person
    DossierRef ref = 0;
    std::string box;
    std::string name;
    std::optional<Date> endsOn;
    PendingCounts counts;
    std::vector<PendingRow> items; ///< oldest first
    std::vector<ProxyRow> proxies;
    std::vector<std::string>
        warnings;                 ///< codes: radie, refus, npai, ends_soon, ended, transfert, not_granted
    bool mayCollect = true;       ///< false: nobody may collect today (the banner says why)
    std::size_t collector = 0;    ///< 0 the person, i + 1 proxies[i]
    std::array<bool, 3> ticked{}; ///< per MailKind: courrier, recommande, colis
    std::size_t focus = 0;        ///< personTargets order; the found row while finding
    bool operator==(const PersonView&) const = default;
};

struct SetPersonQuery {
    std::string text;
    bool operator==(const SetPersonQuery&) const = default;
};
struct OpenPerson {
    DossierRef ref = 0;
    bool operator==(const OpenPerson&) const = default;
};
struct StartFinding {
    bool operator==(const StartFinding&) const = default;
};
struct ChooseCollector {
    std::size_t collector = 0; ///< 0 the person, i + 1 proxies[i]
    bool operator==(const ChooseCollector&) const = default;
};
struct ToggleKind {
    MailKind kind = MailKind::Courrier;
    bool operator==(const ToggleKind&) const = default;
};
struct HandOverMail {
    DossierRef dossier = 0;
    std::optional<int> proxy; ///< procuration index; empty: the person
    std::vector<MailKind> kinds;
    bool operator==(const HandOverMail&) const = default;
};
struct ClosePerson {
    bool operator==(const ClosePerson&) const = default;
};
struct MovePersonFocus {
    std::size_t target = 0;
    bool operator==(const MovePersonFocus&) const = default;
};

using PersonIntent = std::variant<SwitchScreen, SetPersonQuery, OpenPerson, StartFinding, ChooseCollector,
                                  ToggleKind, HandOverMail, ClosePerson, MovePersonFocus>;

/// The focus order with a person open: the collectors (1 + proxies), the three kinds, Hand over,
/// Close.
std::size_t personTargetCount(const PersonView& view);
inline std::size_t kindTarget(const PersonView& view, MailKind kind) {
    return 1 + view.proxies.size() + static_cast<std::size_t>(kind);
}
inline std::size_t handOverTarget(const PersonView& view) {
    return 1 + view.proxies.size() + 3;
}
inline std::size_t closeTarget(const PersonView& view) {
    return handOverTarget(view) + 1;
}

/// True when the collector may be chosen (the person, or a proxy valid today) and the person may
/// collect at all.
bool collectorEnabled(const PersonView& view, std::size_t collector);
/// The hand-over the view asks for, or nullopt when nothing is ticked or the collector is disabled.
std::optional<HandOverMail> handOverOf(const PersonView& view);

std::vector<PersonIntent> personScreen(const PersonView& view, const Frame& frame);

/// The view after an intent that only changes the view (query, collector, ticks, focus,
/// StartFinding). OpenPerson, HandOverMail and ClosePerson are the app's. Pure.
PersonView applyPersonIntent(PersonView view, const PersonIntent& intent);

} // namespace guichet::ui::desk
