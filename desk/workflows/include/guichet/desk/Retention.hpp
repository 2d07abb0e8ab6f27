#pragma once
// Retention (RGPD): how long the desk keeps personal data, and the purge that applies it.
//
// Settings (guichet settings), with safe defaults:
//   retention.crop_days   7    address crops of decided items, and the scans filed in the intake
//                              folders' done/ and failed/ (deleted this long after they were filed)
//   retention.mail_months 13   closed items (handed over, returned) are reduced to anonymous daily
//                              counts this long after they closed; the statistics keep them. Must
//                              exceed the longest holding period plus 30 days.
//   retention.audit_days  365  audit rows (the chain keeps verifying: see Store::purge)
//   retention.folders          intake folders whose done/ and failed/ are purged ('|' between
//                              them; `guichet intake` adds its folder)
// Never purged: an item not closed, an event not delivered to DomiFa, an open ticket.

#include "guichet/core/Result.hpp"
#include "guichet/core/ports/Clock.hpp"
#include "guichet/store/Store.hpp"

#include <functional>
#include <string>
#include <vector>

namespace guichet::desk {

/// The policy from the settings, checked (a bad value is named, never replaced silently).
Result<store::RetentionPolicy> retentionPolicy(store::Store& store);

/// The intake folders retention looks into (retention.folders).
Result<std::vector<std::string>> retentionFolders(store::Store& store);
/// Adds `folder` (made absolute) to retention.folders if it is not there.
Result<void> addRetentionFolder(store::Store& store, const std::string& folder);

struct PurgeOutcome {
    store::RetentionPolicy policy;
    store::PurgeReport report;
    int scans = 0;                  ///< files deleted from done/ and failed/
    std::vector<std::string> notes; ///< folders that could not be read, ...
};

/// Applies the policy at `clock.now()`; `dryRun` only counts.
Result<PurgeOutcome> purge(store::Store& store, const Clock& clock, bool dryRun,
                           const std::function<void(const store::PurgeReport&)>& afterBatch = {});

} // namespace guichet::desk
