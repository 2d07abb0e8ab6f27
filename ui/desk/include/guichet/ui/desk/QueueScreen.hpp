#pragma once
// The kiosk's queue: the tickets people took at the kiosk, oldest first, each as "ticket 12 —
// 2 lettres, 1 recommandé" with the time it was taken (no name: the ticket carries none). ↑ ↓ move
// the focus, Enter (or a click) opens the person the ticket is for.

#include "guichet/core/Dossier.hpp"
#include "guichet/ui/Context.hpp"
#include "guichet/ui/desk/Common.hpp"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace guichet::ui::desk {

struct TicketRow {
    std::int64_t id = 0;
    int number = 0;
    DossierRef dossier = 0;
    PendingCounts counts;
    std::string takenAt; ///< "09:41"
    bool operator==(const TicketRow&) const = default;
};

struct QueueView {
    Language language = Language::French;
    HeaderView header;
    std::vector<TicketRow> tickets; ///< oldest first
    std::size_t focus = 0;
    bool operator==(const QueueView&) const = default;
};

struct OpenTicket {
    std::int64_t ticket = 0;
    DossierRef dossier = 0;
    bool operator==(const OpenTicket&) const = default;
};
struct MoveQueueFocus {
    std::size_t target = 0;
    bool operator==(const MoveQueueFocus&) const = default;
};

using QueueIntent = std::variant<SwitchScreen, OpenTicket, MoveQueueFocus>;

/// "ticket 12 — 2 lettres, 1 recommandé".
std::string ticketLine(const TicketRow& ticket, Language language);

std::vector<QueueIntent> queueScreen(const QueueView& view, const Frame& frame);

/// MoveQueueFocus moves the focus; the others are the app's. Pure.
QueueView applyQueueIntent(QueueView view, const QueueIntent& intent);

} // namespace guichet::ui::desk
