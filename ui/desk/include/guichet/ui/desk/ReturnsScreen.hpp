#pragma once
// Returns: today's return-to-sender list (mail number, kind, tracking, arrival, reason; no name),
// how many more items are proposed for return (holding period over, struck off...), and the La
// Poste slip. Keys: M marks the proposals, P writes the slip (PDF), C exports the list as CSV;
// Tab / ↑ ↓ move the focus, Enter presses the focused button.

#include "guichet/core/MailItem.hpp"
#include "guichet/ui/Context.hpp"
#include "guichet/ui/desk/Common.hpp"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace guichet::ui::desk {

struct ReturnRow {
    MailItemId item = 0;
    MailKind kind = MailKind::Courrier;
    std::string tracking;
    std::string arrived; ///< "06/12/2026"
    std::string reason;  ///< in the desk's language
    std::optional<DossierRef> dossier;
    bool operator==(const ReturnRow&) const = default;
};

enum class ReturnsFocus { Mark, Slip, Csv };
inline constexpr ReturnsFocus kReturnsFocusOrder[] = {ReturnsFocus::Mark, ReturnsFocus::Slip,
                                                      ReturnsFocus::Csv};

struct ReturnsView {
    Language language = Language::French;
    HeaderView header;
    std::string day;             ///< "06/12/2026"
    std::vector<ReturnRow> rows; ///< marked today, in the order marked
    std::size_t proposals = 0;   ///< proposed and not marked yet
    ReturnsFocus focus = ReturnsFocus::Mark;
    bool operator==(const ReturnsView&) const = default;
};

struct MarkProposals {
    bool operator==(const MarkProposals&) const = default;
};
struct PrintSlip {
    bool operator==(const PrintSlip&) const = default;
};
struct ExportReturnsCsv {
    bool operator==(const ExportReturnsCsv&) const = default;
};
struct MoveReturnsFocus {
    ReturnsFocus target = ReturnsFocus::Mark;
    bool operator==(const MoveReturnsFocus&) const = default;
};

using ReturnsIntent =
    std::variant<SwitchScreen, MarkProposals, PrintSlip, ExportReturnsCsv, MoveReturnsFocus>;

std::vector<ReturnsIntent> returnsScreen(const ReturnsView& view, const Frame& frame);

/// MoveReturnsFocus moves the focus; the others are the app's. Pure.
ReturnsView applyReturnsIntent(ReturnsView view, const ReturnsIntent& intent);

} // namespace guichet::ui::desk
