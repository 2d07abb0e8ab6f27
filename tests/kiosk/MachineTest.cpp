// The kiosk's state machine as tables: every state against every input, then the rules that cut
// across (the reset clears everything of the person, stale answers are dropped, the warning).
#include "guichet/kiosk/Machine.hpp"

#include "guichet/cards/CardCode.hpp"

#include <catch2/catch.hpp>
#include <map>

using namespace guichet;
using namespace guichet::kiosk;
using namespace std::chrono_literals;

namespace {

const MachineSettings kSettings{90'000ms, 20'000ms, ui::Language::French, false};
constexpr Millis kStart{1'000};

Person somebody() {
    Person p;
    p.dossier = 1136;
    p.counts = {2, 1, 0};
    p.endsOn = Date{std::chrono::year{2027}, std::chrono::month{3}, std::chrono::day{3}};
    p.firstName = "Amina";
    return p;
}

std::string goodCode() {
    std::string code = "48210937556";
    code.push_back(static_cast<char>('0' + cards::dammDigit(code)));
    return code;
}

Session apply(Session s, const Input& input, Millis at) {
    return step(s, input, at, kSettings).session;
}

Press pressOf(Button b, Via via = Via::Touch) {
    Press p;
    p.button = b;
    p.via = via;
    return p;
}

// A session in `state`, reached through the machine itself (as a person would get there).
Session inState(State state) {
    Session s = startSession(kSettings, kStart);
    switch (state) {
    case State::Welcome:
        return s;
    case State::TypeCode:
        s = apply(s, pressOf(Button::TypeCode), kStart);
        for (char c : goodCode()) {
            Press digit = pressOf(Button::Digit);
            digit.digit = c - '0';
            s = apply(s, digit, kStart);
        }
        return s;
    case State::Reading:
        return apply(s, CardSeen{"GTOKEN"}, kStart);
    case State::Refused:
        s = inState(State::Reading);
        return apply(s, CardRefused{s.request}, kStart);
    case State::YourMail:
        s = inState(State::Reading);
        return apply(s, CardAccepted{s.request, somebody()}, kStart);
    case State::Ticket:
        return apply(inState(State::YourMail), pressOf(Button::AskForMail), kStart);
    case State::IdleWarning:
        return apply(inState(State::YourMail), Tick{}, kStart + kSettings.idle - kSettings.warning);
    }
    return s;
}

// The screen's main button, as a keypad's Enter or a touch presses it.
Press primary(State state, Via via) {
    switch (state) {
    case State::Welcome: {
        Press p = pressOf(Button::Language, via);
        p.language = ui::Language::English;
        return p;
    }
    case State::TypeCode:
        return pressOf(Button::Validate, via);
    case State::Reading:
        return pressOf(Button::Repeat, via);
    case State::Refused:
    case State::Ticket:
        return pressOf(Button::Finish, via);
    case State::YourMail:
        return pressOf(Button::AskForMail, via);
    case State::IdleWarning:
        return pressOf(Button::Continue, via);
    }
    return pressOf(Button::Repeat, via);
}

enum class In {
    CardShown,
    CardGood,
    CardBad,
    Key,
    Touch,
    OtherKey,
    TickEarly,
    TickWarning,
    TickIdle,
    PaperOut,
    CameraGone,
    BackendDown,
    TicketReady,
};
constexpr std::array<In, 13> kInputs{In::CardShown,  In::CardGood, In::CardBad,    In::Key,
                                     In::Touch,      In::OtherKey, In::TickEarly,  In::TickWarning,
                                     In::TickIdle,   In::PaperOut, In::CameraGone, In::BackendDown,
                                     In::TicketReady};

std::pair<Input, Millis> make(In in, const Session& s) {
    const Millis soon = s.lastActivity + 1'000ms;
    switch (in) {
    case In::CardShown:
        return {CardSeen{"GOTHER"}, soon};
    case In::CardGood:
        return {CardAccepted{s.request, somebody()}, soon};
    case In::CardBad:
        return {CardRefused{s.request}, soon};
    case In::Key:
        return {primary(s.state, Via::Key), soon};
    case In::Touch:
        return {primary(s.state, Via::Touch), soon};
    case In::OtherKey:
        return {Activity{Via::Key}, soon};
    case In::TickEarly:
        return {Tick{}, s.lastActivity + 10'000ms};
    case In::TickWarning:
        return {Tick{}, s.lastActivity + kSettings.idle - kSettings.warning};
    case In::TickIdle:
        return {Tick{}, s.lastActivity + kSettings.idle};
    case In::PaperOut:
        return {PrinterOutOfPaper{}, soon};
    case In::CameraGone:
        return {CameraGone{}, soon};
    case In::BackendDown:
        return {BackendDown{}, soon};
    case In::TicketReady:
        return {TicketIssued{s.request, 7, true}, soon};
    }
    return {Tick{}, soon};
}

using W = State;
// The state after each input, columns in the order of kInputs.
const std::map<State, std::array<State, 13>> kTable{
    //                     card      good         bad         key          touch        other     early
    //                     warning         idle        paper   camera  backend ticket
    {W::Welcome,
     {W::Reading, W::Welcome, W::Welcome, W::Welcome, W::Welcome, W::Welcome, W::Welcome, W::Welcome,
      W::Welcome, W::Welcome, W::Welcome, W::Welcome, W::Welcome}},
    {W::TypeCode,
     {W::Reading, W::TypeCode, W::TypeCode, W::Reading, W::Reading, W::TypeCode, W::TypeCode, W::IdleWarning,
      W::Welcome, W::TypeCode, W::TypeCode, W::TypeCode, W::TypeCode}},
    {W::Reading,
     {W::Reading, W::YourMail, W::Refused, W::Reading, W::Reading, W::Reading, W::Reading, W::IdleWarning,
      W::Welcome, W::Reading, W::Reading, W::Reading, W::Reading}},
    {W::Refused,
     {W::Reading, W::Refused, W::Refused, W::Welcome, W::Welcome, W::Refused, W::Refused, W::IdleWarning,
      W::Welcome, W::Refused, W::Refused, W::Refused, W::Refused}},
    {W::YourMail,
     {W::YourMail, W::YourMail, W::YourMail, W::Ticket, W::Ticket, W::YourMail, W::YourMail, W::IdleWarning,
      W::Welcome, W::YourMail, W::YourMail, W::YourMail, W::YourMail}},
    // Ticket: a refusal is the ticket failing (a store error): the person goes to the desk.
    {W::Ticket,
     {W::Ticket, W::Ticket, W::Refused, W::Welcome, W::Welcome, W::Ticket, W::Ticket, W::IdleWarning,
      W::Welcome, W::Ticket, W::Ticket, W::Ticket, W::Ticket}},
    // Over YourMail: a card is not read there, so any action of the person goes back to YourMail.
    {W::IdleWarning,
     {W::YourMail, W::IdleWarning, W::IdleWarning, W::YourMail, W::YourMail, W::YourMail, W::IdleWarning,
      W::IdleWarning, W::Welcome, W::IdleWarning, W::IdleWarning, W::IdleWarning, W::IdleWarning}},
};

const char* inputName(In in) {
    static constexpr std::array<const char*, 13> names{
        "card shown",  "card good",    "card refused",    "key",          "touch",
        "other key",   "tick early",   "tick at warning", "tick at idle", "printer out of paper",
        "camera gone", "backend down", "ticket issued"};
    return names[static_cast<std::size_t>(in)];
}

template <class T>
bool has(const std::vector<Intent>& intents) {
    return std::any_of(intents.begin(), intents.end(),
                       [](const Intent& i) { return std::holds_alternative<T>(i); });
}

} // namespace

TEST_CASE("every state against every input goes where the table says") {
    for (State state : kStates) {
        const Session from = inState(state);
        REQUIRE(from.state == state);
        for (std::size_t i = 0; i < kInputs.size(); ++i) {
            const auto [input, at] = make(kInputs[i], from);
            INFO("state " << stateName(state) << ", input " << inputName(kInputs[i]));
            const Step next = step(from, input, at, kSettings);
            CHECK(next.session.state == kTable.at(state)[i]);
            // Whatever happened, a reset leaves nothing of the person.
            if (next.session.state == State::Welcome && state != State::Welcome) {
                CHECK_FALSE(next.session.person.has_value());
                CHECK(next.session.typed.empty());
                CHECK(next.session.language == kSettings.language);
                CHECK(has<Cleared>(next.intents));
            }
            // A screen that changes (other than to the reset Welcome) is spoken.
            if (next.session.state != state && next.session.state != State::Welcome)
                CHECK((has<Speak>(next.intents) || state == State::IdleWarning));
        }
    }
}

TEST_CASE("what each transition asks the workers to do") {
    SECTION("a card shown is verified with a fresh request number") {
        const Session welcome = inState(State::Welcome);
        const Step next = step(welcome, CardSeen{"GABC"}, kStart, kSettings);
        REQUIRE(next.intents.size() == 2);
        CHECK(next.intents[0] == Intent{VerifyCard{welcome.request + 1, "GABC"}});
        CHECK(next.intents[1] == Intent{Speak{}});
    }
    SECTION("a code is verified only when its check digit is right, and a slip is said at once") {
        Session typing = inState(State::TypeCode);
        const Step good = step(typing, pressOf(Button::Validate, Via::Key), kStart, kSettings);
        CHECK(good.intents.front() == Intent{VerifyCode{typing.request + 1, goodCode()}});
        CHECK(good.session.typed.empty());
        typing.typed.back() = typing.typed.back() == '9' ? '0' : static_cast<char>(typing.typed.back() + 1);
        const Step slip = step(typing, pressOf(Button::Validate, Via::Key), kStart, kSettings);
        CHECK(slip.session.state == State::TypeCode);
        CHECK(slip.session.codeNotRight);
        CHECK(slip.intents == std::vector<Intent>{Speak{}});
    }
    SECTION("asking for the mail issues one ticket for the person's dossier") {
        const Session mail = inState(State::YourMail);
        const Step next = step(mail, pressOf(Button::AskForMail), kStart, kSettings);
        CHECK(next.intents.front() == Intent{IssueTicket{mail.request + 1, 1136}});
        Session none = mail;
        none.person->counts = {};
        CHECK(step(none, pressOf(Button::AskForMail), kStart, kSettings).session.state == State::YourMail);
    }
    SECTION("a ticket that could not be printed is shown with its number, and the printer marked") {
        const Session ticket = inState(State::Ticket);
        const Session next = apply(ticket, TicketIssued{ticket.request, 12, false}, kStart);
        CHECK(next.ticketNumber == 12);
        CHECK_FALSE(next.ticketPrinted);
        CHECK(next.devices.paperOut);
    }
}

TEST_CASE("answers for a request the kiosk no longer waits for are dropped") {
    const Session reading = inState(State::Reading);
    const std::uint64_t old = reading.request;
    // The person leaves; the kiosk resets; the late answer must not show their mail to the next one.
    const Session reset = apply(reading, Tick{}, reading.lastActivity + kSettings.idle);
    REQUIRE(reset.state == State::Welcome);
    const Session next = apply(reset, CardSeen{"GNEXT"}, reset.lastActivity + 1'000ms);
    CHECK(apply(next, CardAccepted{old, somebody()}, next.lastActivity + 1'000ms).state == State::Reading);
    CHECK(apply(next, CardAccepted{next.request, somebody()}, next.lastActivity + 1'000ms).state ==
          State::YourMail);
}

TEST_CASE("the first name is kept only when the structure's setting shows it") {
    Session reading = inState(State::Reading);
    CHECK(apply(reading, CardAccepted{reading.request, somebody()}, kStart).person->firstName.empty());
    MachineSettings shows = kSettings;
    shows.showFirstName = true;
    CHECK(step(reading, CardAccepted{reading.request, somebody()}, kStart, shows).session.person->firstName ==
          "Amina");
}

TEST_CASE("the idle warning covers the screen and keeps what arrives under it") {
    Session reading = inState(State::Reading);
    const Session warned = apply(reading, Tick{}, reading.lastActivity + kSettings.idle - kSettings.warning);
    REQUIRE(warned.state == State::IdleWarning);
    CHECK(warned.covered == State::Reading);
    CHECK(untilReset(warned, reading.lastActivity + kSettings.idle - kSettings.warning, kSettings) ==
          20'000ms);
    // The answer arrives during the warning: the warning stays, silent, over YourMail.
    const Step answered =
        step(warned, CardAccepted{warned.request, somebody()}, reading.lastActivity + 75'000ms, kSettings);
    CHECK(answered.session.state == State::IdleWarning);
    CHECK(answered.session.covered == State::YourMail);
    CHECK_FALSE(has<Speak>(answered.intents));
    // "Continue": back to the person's mail, with a full idle time again.
    const Session back = apply(answered.session, pressOf(Button::Continue), reading.lastActivity + 80'000ms);
    CHECK(back.state == State::YourMail);
    CHECK(untilReset(back, reading.lastActivity + 80'000ms, kSettings) == kSettings.idle);
}

TEST_CASE("a pristine Welcome is never warned nor reset, a chosen language is") {
    const Session welcome = inState(State::Welcome);
    CHECK(apply(welcome, Tick{}, kStart + 10h).state == State::Welcome);
    Press english = pressOf(Button::Language);
    english.language = ui::Language::Arabic;
    const Session chosen = apply(welcome, english, kStart);
    CHECK(chosen.language == ui::Language::Arabic);
    CHECK(apply(chosen, Tick{}, kStart + 70'000ms).state == State::IdleWarning);
    CHECK(apply(chosen, Tick{}, kStart + 90'000ms).language == ui::Language::French);
}

TEST_CASE(
    "devices: a camera gone or a printer out of paper is kept across sessions, the backend changes nothing") {
    Session s = apply(inState(State::YourMail), CameraGone{}, kStart);
    s = apply(s, PrinterOutOfPaper{}, kStart);
    s = apply(s, BackendDown{}, kStart);
    CHECK(s.state == State::YourMail);
    const Session reset = apply(s, pressOf(Button::Finish), kStart);
    CHECK_FALSE(reset.devices.cameraWorks);
    CHECK(reset.devices.paperOut);
    CHECK_FALSE(reset.devices.backendReachable);
    CHECK(apply(reset, CameraBack{}, kStart).devices.cameraWorks);
}

TEST_CASE("the typed code: twelve digits at most, erase, back clears it") {
    Session s = apply(inState(State::Welcome), pressOf(Button::TypeCode), kStart);
    for (int i = 0; i < 20; ++i) {
        Press d = pressOf(Button::Digit, Via::Key);
        d.digit = i % 10;
        s = apply(s, d, kStart);
    }
    CHECK(s.typed.size() == kCodeDigits);
    s = apply(s, pressOf(Button::Erase), kStart);
    CHECK(s.typed.size() == kCodeDigits - 1);
    s = apply(s, pressOf(Button::Back), kStart);
    CHECK(s.state == State::Welcome);
    CHECK(s.typed.empty());
}
