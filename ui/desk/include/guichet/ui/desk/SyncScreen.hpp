#pragma once
// Sync: where the exchange with DomiFa stands: the account in use, the last success, the last
// error, a halt or a hold, the queue (waiting, uncertain, delivered), and the parked events with
// the reason each was parked. Keys: ↑ ↓ move the focus among the parked events, Enter puts the
// focused one back in the queue, A puts them all back. Ids only: no name.

#include "guichet/ui/Context.hpp"
#include "guichet/ui/desk/Common.hpp"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace guichet::ui::desk {

struct ParkedRow {
    std::int64_t event = 0;
    std::string type; ///< "courrierIn", "visite"...
    DossierRef dossier = 0;
    std::string created; ///< "06/12/2026 09:41"
    std::string reason;  ///< why it was parked
    bool operator==(const ParkedRow&) const = default;
};

struct SyncView {
    Language language = Language::French;
    HeaderView header;
    std::string account;     ///< the DomiFa account (an e-mail address of the structure's staff)
    std::string lastSuccess; ///< "06/12/2026 09:41", or "" when never
    std::string lastError;
    std::string login;  ///< "ok", "code needed", "login failed: ...", or ""
    std::string halted; ///< why the sync refuses to run, or ""
    int pending = 0;
    int uncertain = 0;
    int delivered = 0;
    std::vector<ParkedRow> parked;
    std::size_t focus = 0;
    bool operator==(const SyncView&) const = default;
};

struct RequeueParked {
    std::int64_t event = 0; ///< 0: all of them
    bool operator==(const RequeueParked&) const = default;
};
struct MoveSyncFocus {
    std::size_t target = 0;
    bool operator==(const MoveSyncFocus&) const = default;
};

using SyncIntent = std::variant<SwitchScreen, RequeueParked, MoveSyncFocus>;

std::vector<SyncIntent> syncScreen(const SyncView& view, const Frame& frame);

/// MoveSyncFocus moves the focus; the others are the app's. Pure.
SyncView applySyncIntent(SyncView view, const SyncIntent& intent);

} // namespace guichet::ui::desk
