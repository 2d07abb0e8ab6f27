#pragma once
// Hand-over: a person (or someone holding a procuration valid today) collects their mail.
// DomiFa's Out closes every pending item of its kind, so a kind is handed over whole; each kind
// is named explicitly (registered mail and parcels are never handed over by default). One
// transaction: the items are marked, one Out event per kind is queued (with procurationIndex
// when a proxy collects), an audit row names the staff id.

#include "guichet/core/Dossier.hpp"
#include "guichet/core/MailItem.hpp"
#include "guichet/core/Result.hpp"
#include "guichet/core/ports/Clock.hpp"
#include "guichet/store/Store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace guichet::desk {

/// What is pending for a dossier: DomiFa's counts (as last pulled) plus the local events not yet
/// pushed (an Out not yet pushed empties its kind, as it will on DomiFa).
Result<PendingCounts> pendingCounts(store::Store& store, const Dossier& dossier);

struct ProxyOption {
    int index = 0; ///< DomiFa's procurationIndex
    std::string nom;
    std::string prenom;
    std::optional<Date> from;
    std::optional<Date> to;
    bool valid = false;
    std::string refusal; ///< why not today ("expired on 2026-11-30"...), empty when valid
};

/// Something staff must see before handing anything over (one banner on the Person screen).
struct Warning {
    std::string code; ///< "radie", "refus", "npai", "ends_soon", "ended", "transfert", "not_granted"
    std::string text; ///< the sentence for staff (English; the desk app translates by code)
    bool operator==(const Warning&) const = default;
};

struct PendingView {
    Dossier dossier;
    PendingCounts counts;
    std::vector<MailItem> items; ///< the local items waiting, oldest first (dates, tracking numbers)
    std::vector<ProxyOption> proxies;
    std::vector<Warning> warnings;
    std::string refusal; ///< non-empty: nobody may collect today (struck off...), and why
};

/// Warnings for a dossier on `day`: struck off / refused / npai (return to sender proposed),
/// domiciliation ended or ending within 60 days, forwarding address active.
std::vector<Warning> warningsFor(const Dossier& dossier, Date day);

struct HandoverRequest {
    DossierRef dossier = 0;
    std::optional<int> proxy;    ///< procuration index; empty: the person themself
    std::vector<MailKind> kinds; ///< each kind handed over whole; must not be empty
    std::string staff;           ///< staff id (audit, item.closedBy)
};

struct HandoverReceipt {
    std::vector<MailItemId> items; ///< local items marked handed over
    std::vector<EventId> events;   ///< one Out per kind
    PendingCounts handed;          ///< per kind, what was pending and is now collected
};

class Handover {
public:
    Handover(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

    Result<PendingView> pending(DossierRef dossier);
    /// Refused, with the reason and nothing written: unknown dossier, struck off / refused / npai,
    /// a procuration that does not exist, has no dates, has not started or has expired, a kind
    /// with nothing pending (already handed over: a double click), no kind named.
    Result<HandoverReceipt> handOver(const HandoverRequest& request);

private:
    store::Store& store_;
    const Clock& clock_;
};

} // namespace guichet::desk
