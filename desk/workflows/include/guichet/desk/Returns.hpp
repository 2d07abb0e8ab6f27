#pragma once
// Returns to sender: what goes back, the day's list, and the slip handed to La Poste.
//
// Proposed each day: items still pending past the structure's holding period (settings
// `desk.hold.courrier_days` default 90, `desk.hold.recommande_days` default 15,
// `desk.hold.colis_days` default 15) and items pending for a dossier that may no longer receive
// mail (struck off, refused, npai). Marking them is one transaction with an audit row each.
// DomiFa counts an item as pending until an Out closes its kind: an item whose arrival was never
// sent is simply withdrawn; when the returned items are all that DomiFa holds of their kind for
// the person, an Out with returnToSender goes; otherwise DomiFa keeps counting them until the
// person's next hand-over (which closes the kind), and the list says so.

#include "guichet/core/MailItem.hpp"
#include "guichet/core/Result.hpp"
#include "guichet/core/ports/Clock.hpp"
#include "guichet/desk/Review.hpp"
#include "guichet/store/Store.hpp"

#include <string>
#include <vector>

namespace guichet::desk {

struct HoldingPeriods {
    int courrierDays = 90;
    int recommandeDays = 15;
    int colisDays = 15;
    int days(MailKind kind) const;
};
/// The structure's settings, or the defaults.
Result<HoldingPeriods> holdingPeriods(store::Store& store);

struct Proposal {
    MailItem item;
    ReturnReason reason = ReturnReason::HoldingExpired;
};

struct ReturnLine {
    MailItem item;
    ReturnReason reason = ReturnReason::UnknownRecipient;
};

struct ReturnList {
    Date day{};
    std::vector<ReturnLine> lines; ///< items marked for return that day, in the order marked
};

/// Marks one item that is Pending (attributed) as returned, inside the caller's transaction:
/// withdraws its unsent arrival, or queues an Out with returnToSender when that closes exactly
/// what DomiFa holds of its kind for the person. Returns a note for staff (empty when nothing
/// is left to say).
Result<std::string> returnPendingItem(store::Store& store, MailItem item, ReturnReason reason,
                                      const std::string& staff, Instant at);

class Returns {
public:
    Returns(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

    /// What should go back today (not marked yet), oldest first.
    Result<std::vector<Proposal>> proposals();
    /// Marks every proposal; returns how many were marked and the notes for staff.
    Result<std::vector<std::string>> applyProposals(const std::string& staff);
    /// The items marked for return on `day` (whoever marked them, the intake included).
    Result<ReturnList> list(Date day);

    /// "mail_item,kind,tracking,arrived,reason,reason_text,dossier": one line per item.
    static std::string csv(const ReturnList& list);
    /// The printable slip for La Poste (A4 PDF): structure name, date, one line per item (number,
    /// kind, tracking, arrival date, reason in French), count, signature boxes. No person's name.
    static Result<void> writeSlipPdf(const ReturnList& list, const std::string& structureName,
                                     const std::string& path);

private:
    store::Store& store_;
    const Clock& clock_;
};

} // namespace guichet::desk
