#pragma once
// Intake: what the recogniser read becomes mail items. One call per source (a file's pages, a
// camera frame, a scanner page), one store transaction: every item, its outbox event and its
// review crop are written together or not at all.
//
//   Auto, and the dossier may receive mail today  -> Pending + arrival event (the sync pushes it)
//   Auto, but struck off / refused / npai         -> ReturnToSender with the reason, no event
//   Auto, but the domiciliation is not granted,
//         has ended or not started (Hold)         -> AwaitingReview: staff decide
//   Confirm or Unknown                            -> AwaitingReview with candidates and crop
//
// Every item writes an audit row (ids only). Not thread-safe: one Intake per store connection.

#include "guichet/core/MailItem.hpp"
#include "guichet/core/Result.hpp"
#include "guichet/core/ports/Clock.hpp"
#include "guichet/match/Matcher.hpp"
#include "guichet/reader/Reader.hpp"
#include "guichet/store/Store.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace guichet::desk {

struct Recorded {
    MailItemId item = 0;
    int page = 0;
    MailState state = MailState::Pending;
    match::Decision decision = match::Decision::Unknown;
    std::optional<DossierRef> dossier; ///< Pending or ReturnToSender
    MailKind kind = MailKind::Courrier;
    std::string tracking;
    std::string note; ///< why it waits for staff or goes back ("radie", "expired"...), or empty
    bool operator==(const Recorded&) const = default;
};

/// One line a person reads: "auto, dossier 1003, courrier, mail item 7".
std::string describe(const Recorded& recorded);

class Intake {
public:
    Intake(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

    /// Records `readings` (the pages of `source`, e.g. "scan-0042.jpg" or "camera") in one
    /// transaction. `batchKey` groups the arrivals of one session for the sync (one SMS per
    /// person and kind); empty: the day's key. `alsoInTransaction` runs inside the same
    /// transaction after the items are written (the hot folder marks its file done there).
    Result<std::vector<Recorded>>
    record(const std::vector<reader::Reading>& readings, const std::string& source,
           const std::string& batchKey = {},
           const std::function<Result<void>(const std::vector<Recorded>&)>& alsoInTransaction = {});

    /// Staff record an item by hand (a parcel whose label cannot be read, a notice handed in at
    /// the desk) for a dossier they chose: StaffManual, with the same rules as Review::pick.
    Result<Recorded> recordManual(DossierRef dossier, MailKind kind, const std::string& tracking,
                                  const std::string& staff, bool force = false);

    /// Undo of an automatic record ("not this one" on the desk's strip, within a few seconds): the
    /// item goes back to the review queue and its arrival event is withdrawn, if the sync has not
    /// taken it yet. Refused (and nothing changes) once the event was sent or the item moved on.
    Result<void> undoAuto(MailItemId item, const std::string& staff);

private:
    store::Store& store_;
    const Clock& clock_;
};

} // namespace guichet::desk
