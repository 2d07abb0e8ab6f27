#pragma once
// The outbox: what must reach the central backend, exactly once.

#include "guichet/core/Dossier.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace guichet {

using EventId = std::int64_t;

/// DomiFa interaction types Guichet produces.
enum class EventType { CourrierIn, RecommandeIn, ColisIn, CourrierOut, RecommandeOut, ColisOut, Visite };
const char* toString(EventType type); ///< DomiFa spelling: "courrierIn", "visite"...
std::optional<EventType> parseEventType(std::string_view text);
EventType arrivalEvent(MailKind kind);
EventType handOverEvent(MailKind kind);
bool isArrival(EventType type);
/// The mail kind an arrival or hand-over belongs to; none for a visit.
std::optional<MailKind> familyOf(EventType type);

enum class EventState {
    Pending,   ///< to send
    Uncertain, ///< sent, outcome unknown (timeout...): reconcile through the history first
    Delivered, ///< the backend has it
    Parked,    ///< refused by the backend (400...): kept with its reason for staff
};
const char* toString(EventState state);
std::optional<EventState> parseEventState(std::string_view text);

struct Event {
    EventId id = 0; ///< assigned by the store
    EventType type = EventType::CourrierIn;
    DossierRef dossier = 0;
    int count = 1; ///< nbCourrier for arrivals
    std::optional<int> procurationIndex;
    bool returnToSender = false;
    std::string content;  ///< free text the person sees in their portal
    std::string batchKey; ///< intake session: arrivals of one person in one batch are grouped
    Instant createdAt{};
    EventState state = EventState::Pending;
    int attempts = 0;
    Instant nextTry{};
    std::string lastError;
    std::string remoteUuid;
    std::optional<std::int64_t> mailItem; ///< the mail item this event reports, if any
    /// The uuid of the dossier when the event was recorded (filled by the store from the replica
    /// when left empty): an event is never sent to another person who got the same ref since.
    std::string dossierUuid;

    bool operator==(const Event&) const = default;
};

} // namespace guichet
