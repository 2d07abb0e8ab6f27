// String forms of the domain enums: DomiFa's spelling where DomiFa has one, else our own
// stable lower-case codes (they are stored in SQLite, so never rename one).

#include "guichet/core/Card.hpp"
#include "guichet/core/Event.hpp"
#include "guichet/core/MailItem.hpp"
#include "guichet/core/Rules.hpp"
#include "guichet/core/Text.hpp"

#include <array>
#include <utility>

namespace guichet {
namespace {

template <typename E, size_t N>
std::optional<E> lookup(const std::array<std::pair<E, const char*>, N>& table, std::string_view text) {
    for (const auto& [value, name] : table)
        if (text == name) return value;
    return std::nullopt;
}

template <typename E, size_t N>
const char* nameOf(const std::array<std::pair<E, const char*>, N>& table, E value) {
    for (const auto& [v, name] : table)
        if (v == value) return name;
    return "?";
}

constexpr std::array<std::pair<Statut, const char*>, 5> kStatut{{
    {Statut::Instruction, "INSTRUCTION"},
    {Statut::AttenteDecision, "ATTENTE_DECISION"},
    {Statut::Valide, "VALIDE"},
    {Statut::Refus, "REFUS"},
    {Statut::Radie, "RADIE"},
}};
constexpr std::array<std::pair<MailKind, const char*>, 3> kKind{{
    {MailKind::Courrier, "courrier"},
    {MailKind::Recommande, "recommande"},
    {MailKind::Colis, "colis"},
}};
constexpr std::array<std::pair<MatchMethod, const char*>, 4> kMethod{{
    {MatchMethod::Auto, "auto"},
    {MatchMethod::StaffConfirmed, "staff_confirmed"},
    {MatchMethod::StaffManual, "staff_manual"},
    {MatchMethod::Unmatched, "unmatched"},
}};
constexpr std::array<std::pair<MailState, const char*>, 4> kMailState{{
    {MailState::AwaitingReview, "awaiting_review"},
    {MailState::Pending, "pending"},
    {MailState::HandedOver, "handed_over"},
    {MailState::ReturnToSender, "return_to_sender"},
}};
constexpr std::array<std::pair<EventType, const char*>, 7> kEventType{{
    {EventType::CourrierIn, "courrierIn"},
    {EventType::RecommandeIn, "recommandeIn"},
    {EventType::ColisIn, "colisIn"},
    {EventType::CourrierOut, "courrierOut"},
    {EventType::RecommandeOut, "recommandeOut"},
    {EventType::ColisOut, "colisOut"},
    {EventType::Visite, "visite"},
}};
constexpr std::array<std::pair<EventState, const char*>, 4> kEventState{{
    {EventState::Pending, "pending"},
    {EventState::Uncertain, "uncertain"},
    {EventState::Delivered, "delivered"},
    {EventState::Parked, "parked"},
}};
constexpr std::array<std::pair<MailVerdict, const char*>, 3> kVerdict{{
    {MailVerdict::Accept, "accept"},
    {MailVerdict::Hold, "hold"},
    {MailVerdict::ReturnToSender, "return_to_sender"},
}};

} // namespace

const char* toString(Statut v) {
    return nameOf(kStatut, v);
}
std::optional<Statut> parseStatut(std::string_view text) {
    std::string folded = foldForSearch(text);
    for (char& c : folded)
        c = c == ' ' ? '_' : static_cast<char>(c - ('a' <= c && c <= 'z' ? 'a' - 'A' : 0));
    return lookup(kStatut, folded);
}

const char* toString(MailKind v) {
    return nameOf(kKind, v);
}
std::optional<MailKind> parseMailKind(std::string_view text) {
    return lookup(kKind, text);
}

const char* toString(MatchMethod v) {
    return nameOf(kMethod, v);
}
std::optional<MatchMethod> parseMatchMethod(std::string_view text) {
    return lookup(kMethod, text);
}

const char* toString(MailState v) {
    return nameOf(kMailState, v);
}
std::optional<MailState> parseMailState(std::string_view text) {
    return lookup(kMailState, text);
}

const char* toString(EventType v) {
    return nameOf(kEventType, v);
}
std::optional<EventType> parseEventType(std::string_view text) {
    return lookup(kEventType, text);
}

const char* toString(EventState v) {
    return nameOf(kEventState, v);
}
std::optional<EventState> parseEventState(std::string_view text) {
    return lookup(kEventState, text);
}

const char* toString(MailVerdict v) {
    return nameOf(kVerdict, v);
}

EventType arrivalEvent(MailKind kind) {
    switch (kind) {
    case MailKind::Courrier:
        return EventType::CourrierIn;
    case MailKind::Recommande:
        return EventType::RecommandeIn;
    case MailKind::Colis:
        return EventType::ColisIn;
    }
    return EventType::CourrierIn;
}

EventType handOverEvent(MailKind kind) {
    switch (kind) {
    case MailKind::Courrier:
        return EventType::CourrierOut;
    case MailKind::Recommande:
        return EventType::RecommandeOut;
    case MailKind::Colis:
        return EventType::ColisOut;
    }
    return EventType::CourrierOut;
}

bool isArrival(EventType type) {
    return type == EventType::CourrierIn || type == EventType::RecommandeIn || type == EventType::ColisIn;
}

std::optional<MailKind> familyOf(EventType type) {
    switch (type) {
    case EventType::CourrierIn:
    case EventType::CourrierOut:
        return MailKind::Courrier;
    case EventType::RecommandeIn:
    case EventType::RecommandeOut:
        return MailKind::Recommande;
    case EventType::ColisIn:
    case EventType::ColisOut:
        return MailKind::Colis;
    case EventType::Visite:
        return std::nullopt;
    }
    return std::nullopt;
}

int& PendingCounts::operator[](MailKind kind) {
    return kind == MailKind::Courrier ? courrier : kind == MailKind::Recommande ? recommande : colis;
}
int PendingCounts::operator[](MailKind kind) const {
    return kind == MailKind::Courrier ? courrier : kind == MailKind::Recommande ? recommande : colis;
}

} // namespace guichet
