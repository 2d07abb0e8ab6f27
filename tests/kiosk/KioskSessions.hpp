#pragma once
// Sessions on each screen of the kiosk, reached through the state machine as a person would, for
// the screen and screenshot tests.
#include "guichet/kiosk/Machine.hpp"

namespace guichet::kiosk::test {

using namespace std::chrono_literals;

inline const MachineSettings kSettings{90'000ms, 20'000ms, ui::Language::French, false};

inline Press pressOf(Button b) {
    Press p;
    p.button = b;
    return p;
}

inline Session sessionOn(State state, ui::Language language) {
    const Millis t{1'000};
    Session s = startSession(kSettings, t);
    auto apply = [&](const Input& input, Millis at = Millis{1'000}) {
        s = step(s, input, at, kSettings).session;
    };
    Press choose = pressOf(Button::Language);
    choose.language = language;
    apply(choose);
    switch (state) {
    case State::Welcome:
        break;
    case State::TypeCode:
        apply(pressOf(Button::TypeCode));
        for (int d : {4, 8, 2, 1, 0, 9, 3}) {
            Press p = pressOf(Button::Digit);
            p.digit = d;
            apply(p);
        }
        break;
    case State::Reading:
        apply(CardSeen{"GTOKEN"});
        break;
    case State::Refused:
        apply(CardSeen{"GTOKEN"});
        apply(CardRefused{s.request});
        break;
    case State::YourMail:
    case State::Ticket:
    case State::IdleWarning: {
        apply(CardSeen{"GTOKEN"});
        Person p;
        p.dossier = 1136;
        p.counts = {2, 1, 1};
        p.endsOn = Date{std::chrono::year{2027}, std::chrono::month{1}, std::chrono::day{15}};
        apply(CardAccepted{s.request, p});
        if (state == State::Ticket) {
            apply(pressOf(Button::AskForMail));
            apply(TicketIssued{s.request, 12, true});
        }
        if (state == State::IdleWarning) apply(Tick{}, t + kSettings.idle - kSettings.warning + 6'000ms);
        break;
    }
    }
    return s;
}

} // namespace guichet::kiosk::test
