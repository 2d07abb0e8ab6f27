#pragma once
// The kiosk's state machine: pure, no clock of its own, no device, no store. The app feeds it
// inputs (what the person pressed, what the camera and the workflows answered, the time) and
// carries out the intents it returns (verify a card, issue a ticket, speak); the screens draw the
// Session and return Press inputs. Tests run every state against every input as tables.
//
//   Welcome ──card seen──▶ Reading ──accepted──▶ YourMail ──ask for mail──▶ Ticket
//      │ type code             │ refused / failed         │ finish                  │ finish
//      ▼                       ▼                          ▼                         ▼
//   TypeCode ──12 digits──▶ Reading        Refused ──finish──▶ Welcome (everything cleared)
//
// IdleWarning covers any state but a pristine Welcome `warning` before `idle` has passed since
// the person last did something; "continue" (or any press) goes back to the state it covers,
// and at `idle` the kiosk goes back to Welcome with the person's data cleared. A result that
// comes back for a request the kiosk no longer waits for (the person left, the kiosk reset) is
// dropped: every Reading and Ticket has its own request number.

#include "guichet/core/Date.hpp"
#include "guichet/core/Dossier.hpp"
#include "guichet/ui/Language.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace guichet::kiosk {

using Millis = std::chrono::milliseconds;

enum class State { Welcome, TypeCode, Reading, Refused, YourMail, Ticket, IdleWarning };
inline constexpr std::array<State, 7> kStates{State::Welcome,    State::TypeCode, State::Reading,
                                              State::Refused,    State::YourMail, State::Ticket,
                                              State::IdleWarning};
std::string_view stateName(State state);

/// How many digits a typed code has (the last is a check digit: cards/CardCode.hpp).
inline constexpr std::size_t kCodeDigits = 12;

struct MachineSettings {
    Millis idle{90'000};    ///< since the person's last action, back to Welcome (setting kiosk.idle_seconds)
    Millis warning{20'000}; ///< the warning comes this long before
    ui::Language language = ui::Language::French; ///< the kiosk's own language, after each reset
    bool showFirstName = false;                   ///< setting kiosk.show_first_name
    /// Setting kiosk.speak_private: false when the kiosk's voice is on a loudspeaker and the
    /// structure wants private information only through headphones: the counts, the end date and
    /// the first name are then shown and not said (the voice says they are on the screen).
    bool speakPrivate = true;
};

/// What the kiosk knows of the person in front of it: cleared at every reset. Never anyone else's.
struct Person {
    DossierRef dossier = 0; ///< to ask for the mail; never shown nor spoken
    PendingCounts counts;
    std::optional<Date> endsOn; ///< the domiciliation's end, when within 60 days
    std::string firstName;      ///< empty unless the structure's setting allows it
    bool operator==(const Person&) const = default;
};

/// The kiosk's devices, kept across sessions (they are not the person's).
struct Devices {
    bool cameraWorks = true;
    bool paperOut = false;
    bool backendReachable = true; ///< DomiFa: visits are recorded locally either way
    bool operator==(const Devices&) const = default;
};

struct Session {
    State state = State::Welcome;
    State covered = State::Welcome; ///< IdleWarning: the state under the warning
    ui::Language language = ui::Language::French;
    std::size_t focus = 0;     ///< the keyboard focus on the current screen (its target index)
    std::string typed;         ///< TypeCode: the digits typed so far
    bool codeNotRight = false; ///< the last code typed failed its check digit
    std::optional<Person> person;
    std::optional<int> ticketNumber; ///< Ticket: once issued
    bool ticketPrinted = false;
    std::uint64_t request = 0; ///< the card check or ticket being waited for
    Millis lastActivity{0};
    Devices devices;
    bool operator==(const Session&) const = default;
};

/// A fresh session in the kiosk's language, at `now`.
Session startSession(const MachineSettings& settings, Millis now);

// --- inputs ------------------------------------------------------------------------------------

enum class Button {
    Language, ///< with Press::language
    TypeCode,
    Digit, ///< with Press::digit
    Erase,
    Validate,
    Back,
    AskForMail,
    Finish,
    Repeat,
    Continue,
};
enum class Via { Touch, Key };

struct Press { ///< a button pressed by touch (or click) or from the keypad
    Button button = Button::Repeat;
    Via via = Via::Touch;
    ui::Language language = ui::Language::French;
    int digit = 0;
    bool operator==(const Press&) const = default;
};
struct FocusOn { ///< arrows or Tab moved the keyboard focus to a target
    std::size_t target = 0;
    bool operator==(const FocusOn&) const = default;
};
struct Activity { ///< a touch or key that pressed nothing: the person is there
    Via via = Via::Touch;
    bool operator==(const Activity&) const = default;
};
struct CardSeen { ///< the camera decoded a card's QR code
    std::string token;
    bool operator==(const CardSeen&) const = default;
};
struct CardAccepted { ///< the visit is recorded: the card (or code) was good
    std::uint64_t request = 0;
    Person person;
    bool operator==(const CardAccepted&) const = default;
};
struct CardRefused { ///< refused, or the check failed: the reason stays desk side
    std::uint64_t request = 0;
    bool operator==(const CardRefused&) const = default;
};
struct TicketIssued {
    std::uint64_t request = 0;
    int number = 0;
    bool printed = true;
    bool operator==(const TicketIssued&) const = default;
};
struct Tick {
    bool operator==(const Tick&) const = default;
};
struct PrinterOutOfPaper {
    bool operator==(const PrinterOutOfPaper&) const = default;
};
struct PrinterReady {
    bool operator==(const PrinterReady&) const = default;
};
struct CameraGone {
    bool operator==(const CameraGone&) const = default;
};
struct CameraBack {
    bool operator==(const CameraBack&) const = default;
};
struct BackendDown {
    bool operator==(const BackendDown&) const = default;
};
struct BackendUp {
    bool operator==(const BackendUp&) const = default;
};

using Input = std::variant<Press, FocusOn, Activity, CardSeen, CardAccepted, CardRefused, TicketIssued, Tick,
                           PrinterOutOfPaper, PrinterReady, CameraGone, CameraBack, BackendDown, BackendUp>;

// --- intents -----------------------------------------------------------------------------------

struct Speak { ///< say what the screen now shows (speechFor)
    bool operator==(const Speak&) const = default;
};
struct VerifyCard { ///< check the card and record the visit (once), answer CardAccepted/CardRefused
    std::uint64_t request = 0;
    std::string token;
    bool operator==(const VerifyCard&) const = default;
};
struct VerifyCode { ///< the same with a typed code (the kiosk's tries are limited)
    std::uint64_t request = 0;
    std::string code;
    bool operator==(const VerifyCode&) const = default;
};
struct IssueTicket { ///< a queue ticket, printed; answer TicketIssued
    std::uint64_t request = 0;
    DossierRef dossier = 0;
    bool operator==(const IssueTicket&) const = default;
};
struct Cleared { ///< everything of the person was dropped (the app drops its copies too)
    bool operator==(const Cleared&) const = default;
};

using Intent = std::variant<Speak, VerifyCard, VerifyCode, IssueTicket, Cleared>;

struct Step {
    Session session;
    std::vector<Intent> intents;
};

/// The next session and what to do, for `input` arriving at `now` (a monotonic clock's reading).
/// Pure: tests and the benchmark run it on a simulated clock.
Step step(const Session& session, const Input& input, Millis now, const MachineSettings& settings);

/// True when the session holds nothing of a person (Welcome in the kiosk's language, nothing typed).
bool pristine(const Session& session, const MachineSettings& settings);

/// Milliseconds left before the reset, for the warning's countdown (0 when due).
Millis untilReset(const Session& session, Millis now, const MachineSettings& settings);

} // namespace guichet::kiosk
