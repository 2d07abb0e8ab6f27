#pragma once
// The Review queue: the letters the recogniser did not attribute. The item's address crop large,
// the lines read when there are some, the ranked candidates with their "why" and dossier ref always
// visible, the queue on the left. Keys: 1–3 pick a candidate (so a first-ranked candidate is one
// keystroke), Enter the focused one, ↑ ↓ move the focus, / opens a search over every dossier
// (type, ↑ ↓, Enter picks, Esc closes), U sends it back as unknown, R returns it with a reason
// (1–4 or ↑ ↓ Enter, Esc). The app removes a decided item from the view at once, so the next item
// comes up in the same place of the list. Nothing here touches a store.

#include "guichet/core/MailItem.hpp"
#include "guichet/ui/Context.hpp"
#include "guichet/ui/desk/Common.hpp"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace guichet::ui::desk {

struct CandidateRow {
    DossierRef ref = 0;
    std::string box;  ///< customRef, as staff see it
    std::string name; ///< "NOM Prénom"
    std::string why;  ///< why the recogniser proposes it (score, what matched, the dossier's state)
    bool operator==(const CandidateRow&) const = default;
};

struct ReviewItem {
    MailItemId id = 0;
    MailKind kind = MailKind::Courrier;
    std::string arrived; ///< "06/12/2026 09:41"
    std::string tracking;
    ui::Texture crop;                     ///< the address block; id 0 when there is none
    std::vector<std::string> linesRead;   ///< what the OCR read, when the store has it
    std::vector<CandidateRow> candidates; ///< ranked, best first
    bool operator==(const ReviewItem&) const = default;
};

enum class ReviewMode { Choosing, Searching, Returning };

/// The reasons staff may give with R (U is the unknown recipient).
enum class ReturnChoice { Refused, Npai, Radie, HoldingExpired };
inline constexpr ReturnChoice kReturnChoices[] = {ReturnChoice::Refused, ReturnChoice::Npai,
                                                  ReturnChoice::Radie, ReturnChoice::HoldingExpired};

struct ReviewView {
    Language language = Language::French;
    HeaderView header;
    std::vector<ReviewItem> items; ///< the queue, oldest first
    std::size_t current = 0;       ///< the item shown
    ReviewMode mode = ReviewMode::Choosing;
    std::size_t focus = 0;             ///< the candidate, the search result or the reason under the focus
    std::string query;                 ///< Searching
    std::vector<CandidateRow> results; ///< Searching: what the query found
    bool operator==(const ReviewView&) const = default;
};

struct PickDossier {
    MailItemId item = 0;
    DossierRef dossier = 0;
    bool operator==(const PickDossier&) const = default;
};
struct MarkUnknown {
    MailItemId item = 0;
    bool operator==(const MarkUnknown&) const = default;
};
struct ReturnItem {
    MailItemId item = 0;
    ReturnChoice reason = ReturnChoice::Refused;
    bool operator==(const ReturnItem&) const = default;
};
struct ShowItem { ///< a click in the queue
    std::size_t index = 0;
    bool operator==(const ShowItem&) const = default;
};
struct SetReviewMode {
    ReviewMode mode = ReviewMode::Choosing;
    bool operator==(const SetReviewMode&) const = default;
};
struct SetSearchText { ///< the app searches and fills `results`
    std::string text;
    bool operator==(const SetSearchText&) const = default;
};
struct MoveReviewFocus {
    std::size_t target = 0;
    bool operator==(const MoveReviewFocus&) const = default;
};

using ReviewIntent = std::variant<SwitchScreen, PickDossier, MarkUnknown, ReturnItem, ShowItem, SetReviewMode,
                                  SetSearchText, MoveReviewFocus>;

/// Draws one frame; returns this frame's intents.
std::vector<ReviewIntent> reviewScreen(const ReviewView& view, const Frame& frame);

/// The view after an intent that only changes the view (ShowItem, SetReviewMode, SetSearchText,
/// MoveReviewFocus); a decision (PickDossier, MarkUnknown, ReturnItem) removes the item and keeps
/// `current` where it was, so the next item shows at once. Pure.
ReviewView applyReviewIntent(ReviewView view, const ReviewIntent& intent);

} // namespace guichet::ui::desk
