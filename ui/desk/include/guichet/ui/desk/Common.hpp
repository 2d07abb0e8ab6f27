#pragma once
// What the desk's three screens share: which screen is shown, the header's tabs (F1, F2, F3), how
// a kind of mail is named with its count ("2 lettres, 1 recommandé"). Pure except the drawing
// helpers in src/.

#include "guichet/core/Dossier.hpp"
#include "guichet/ui/Language.hpp"

#include <string>

namespace guichet::ui::desk {

enum class DeskScreen { Review, Person, Queue };

/// Staff asked for another screen (a tab, or F1 / F2 / F3).
struct SwitchScreen {
    DeskScreen screen = DeskScreen::Review;
    bool operator==(const SwitchScreen&) const = default;
};

/// What the header shows on every screen.
struct HeaderView {
    DeskScreen screen = DeskScreen::Review;
    std::size_t reviewWaiting = 0;
    std::size_t ticketsWaiting = 0;
    std::string status; ///< the last outcome ("Fait : courrier 12 → dossier 1001"), ids only
    bool statusIsRefusal = false;
    bool busy = false; ///< the worker is on it
    bool operator==(const HeaderView&) const = default;
};

/// "2 lettres", "1 recommandé", "1 colis" (English: "2 letters", "1 registered", "1 parcel").
std::string countOf(MailKind kind, int count, Language language);
/// "2 lettres, 1 recommandé"; the kinds with nothing are left out; "" when all are 0.
std::string describeCounts(const PendingCounts& counts, Language language);

} // namespace guichet::ui::desk
