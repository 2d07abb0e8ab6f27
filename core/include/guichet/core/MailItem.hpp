#pragma once
// A piece of mail received at the desk, and how it was attributed.

#include "guichet/core/Dossier.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace guichet {

using MailItemId = std::int64_t;

enum class MatchMethod {
    Auto,           ///< recognised and recorded without asking
    StaffConfirmed, ///< staff picked one of the ranked candidates
    StaffManual,    ///< staff searched the dossier themselves
    Unmatched,      ///< nobody yet: waits in the review queue or goes back
};
const char* toString(MatchMethod method);
std::optional<MatchMethod> parseMatchMethod(std::string_view text);

enum class MailState {
    AwaitingReview, ///< needs a human to pick the dossier (Confirm / Unknown)
    Pending,        ///< attributed, waiting to be collected
    HandedOver,     ///< collected by the person or a mandated person
    ReturnToSender, ///< refused: struck-off, refused, npai or unknown recipient
};
const char* toString(MailState state);
std::optional<MailState> parseMailState(std::string_view text);

struct MailItem {
    MailItemId id = 0; ///< assigned by the store
    MailKind kind = MailKind::Courrier;
    int count = 1;
    Instant arrivedAt{};
    std::optional<DossierRef> dossier; ///< empty while unknown
    MatchMethod method = MatchMethod::Unmatched;
    std::string matchedBy;   ///< staff user id, or "auto"; never a name
    double confidence = 0.0; ///< the matcher's score for the chosen dossier
    std::string tracking;    ///< registered-mail / parcel tracking number, may be empty
    std::string source;      ///< where it came from (image file name, "desk"), may be empty
    MailState state = MailState::Pending;
    std::string cropPath; ///< legacy: a crop file written by older versions (crops now live in the store)
    std::vector<std::pair<DossierRef, double>> candidates; ///< ranked, for staff review
    std::string returnReason; ///< ReturnToSender: "radie", "refus", "npai", "inconnu", "refuse", "delai"
    std::optional<Instant> closedAt; ///< when it was handed over or marked for return
    std::string closedBy;            ///< staff id who handed it over or returned it; never a name
    std::optional<int>
        handedToProxy; ///< HandedOver: the procuration index of who collected; empty = the person

    bool operator==(const MailItem&) const = default;
};

} // namespace guichet
