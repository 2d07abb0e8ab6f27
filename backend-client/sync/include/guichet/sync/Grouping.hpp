#pragma once
// How outbox events become DomiFa interactions. Pure functions of values; thread-safe.

#include "guichet/core/Dossier.hpp"
#include "guichet/core/Event.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace guichet::sync {

/// One POST /interactions/{ref} with one item: one event, or the arrivals of one kind for one
/// person in one intake batch (Event::batchKey), merged so that nbCourrier is the batch's total
/// (DomiFa's merged SMS shows only the last count). Never more than 100 per item.
struct Unit {
    DossierRef dossier = 0;
    EventType type = EventType::CourrierIn;
    int count = 0; ///< nbCourrier (arrivals)
    std::vector<EventId> events;
    std::string marker;  ///< "G-<first event id>": the unique text that finds it in the history
    std::string content; ///< what the person reads in their portal, including the marker
    bool operator==(const Unit&) const = default;
};

/// Groups events (any order; ids give the order) into units, keeping each person's order: an
/// Out closes the arrival groups of its family, so no later arrival is merged across it.
/// Events with an empty batchKey are never merged.
std::vector<Unit> groupEvents(const std::vector<Event>& events);

/// "(réf. G-1234)" for prefix "G" and id 1234: the marker put in content.
std::string markerText(const std::string& prefix, EventId firstEvent);

/// Short, human-readable content: the events' own texts, the real date and time when the upload
/// is late ("Arrivé le 23/11/2026 à 10:05"), then the marker. Local time of the machine.
std::string composeContent(const std::vector<Event>& events, EventType type, const std::string& marker,
                           Instant uploadTime, std::chrono::seconds lateAfter);

} // namespace guichet::sync
