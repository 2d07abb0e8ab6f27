#include "guichet/kiosk/Machine.hpp"

#include "guichet/cards/CardCode.hpp"

// GCC 12 at -O2 reports the unused alternatives of a std::variant built inside an initializer list
// ({session, {Speak{}}}) as "may be used uninitialized": a known false positive (GCC bug 105562
// family); the intents are always fully constructed.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include <algorithm>
#include <type_traits>

namespace guichet::kiosk {
namespace {

template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

// Moves to `state` with the keyboard focus on its first target.
void go(Session& s, State state) {
    s.state = state;
    s.focus = 0;
}

Step reset(const Session& from, Millis now, const MachineSettings& settings) {
    Session next = startSession(settings, now);
    next.devices = from.devices;
    next.request = from.request + 1; // whatever was asked before is no longer waited for
    return {next, {Cleared{}}};
}

// A press on the screen of `s.state` (never IdleWarning: handled before).
Step press(Session s, const Press& p, Millis now, const MachineSettings& settings) {
    s.lastActivity = now;
    if (p.button == Button::Repeat) return {s, {Speak{}}};
    switch (s.state) {
    case State::Welcome:
        if (p.button == Button::Language) {
            s.language = p.language;
            s.focus = ui::languageIndex(p.language); // the focus ring follows the chosen button
            return {s, {Speak{}}};
        }
        if (p.button == Button::TypeCode) {
            go(s, State::TypeCode);
            s.typed.clear();
            s.codeNotRight = false;
            return {s, {Speak{}}};
        }
        break;
    case State::TypeCode:
        if (p.button == Button::Digit && p.digit >= 0 && p.digit <= 9) {
            if (s.typed.size() < kCodeDigits) s.typed.push_back(static_cast<char>('0' + p.digit));
            s.codeNotRight = false;
            return {s, {}};
        }
        if (p.button == Button::Erase) {
            if (!s.typed.empty()) s.typed.pop_back();
            s.codeNotRight = false;
            return {s, {}};
        }
        if (p.button == Button::Validate) {
            if (!cards::codeLooksRight(s.typed)) {
                s.codeNotRight = true;
                return {s, {Speak{}}};
            }
            const std::string code = s.typed;
            s.typed.clear();
            ++s.request;
            go(s, State::Reading);
            return {s, {VerifyCode{s.request, code}, Speak{}}};
        }
        if (p.button == Button::Back) {
            s.typed.clear();
            s.codeNotRight = false;
            go(s, State::Welcome);
            return {s, {Speak{}}};
        }
        break;
    case State::YourMail:
        if (p.button == Button::AskForMail && s.person && s.person->counts.total() > 0) {
            ++s.request;
            go(s, State::Ticket);
            s.ticketNumber.reset();
            return {s, {IssueTicket{s.request, s.person->dossier}, Speak{}}};
        }
        if (p.button == Button::Finish) return reset(s, now, settings);
        break;
    case State::Refused:
    case State::Ticket:
        if (p.button == Button::Finish) return reset(s, now, settings);
        break;
    case State::Reading:
    case State::IdleWarning:
        break;
    }
    return {s, {}}; // a button this screen does not have: still the person's activity
}

Step stepUncovered(Session s, const Input& input, Millis now, const MachineSettings& settings) {
    return std::visit(
        Overloaded{
            [&](const Press& p) { return press(s, p, now, settings); },
            [&](const FocusOn& m) {
                s.focus = m.target;
                s.lastActivity = now;
                return Step{s, {}};
            },
            [&](const Activity&) {
                s.lastActivity = now;
                return Step{s, {}};
            },
            [&](const CardSeen& c) {
                // A card is read on the screens that wait for one; while a person's mail or
                // ticket is shown, another card never mixes in (they finish, or the kiosk
                // resets).
                if (s.state != State::Welcome && s.state != State::TypeCode && s.state != State::Refused)
                    return Step{s, {}};
                s.lastActivity = now;
                s.typed.clear();
                s.codeNotRight = false;
                s.person.reset();
                ++s.request;
                go(s, State::Reading);
                return Step{s, {VerifyCard{s.request, c.token}, Speak{}}};
            },
            [&](const CardAccepted& a) {
                if (s.state != State::Reading || a.request != s.request) return Step{s, {}};
                s.person = a.person;
                if (!settings.showFirstName) s.person->firstName.clear();
                go(s, State::YourMail);
                return Step{s, {Speak{}}};
            },
            [&](const CardRefused& r) {
                // Reading: refused or not checked; Ticket: the ticket could not be made (a store error).
                if ((s.state != State::Reading && s.state != State::Ticket) || r.request != s.request)
                    return Step{s, {}};
                s.person.reset();
                go(s, State::Refused);
                return Step{s, {Speak{}}};
            },
            [&](const TicketIssued& t) {
                if (s.state != State::Ticket || t.request != s.request) return Step{s, {}};
                s.ticketNumber = t.number;
                s.ticketPrinted = t.printed;
                if (!t.printed) s.devices.paperOut = true;
                return Step{s, {Speak{}}};
            },
            [&](const Tick&) {
                return Step{s, {}};
            },
            [&](const PrinterOutOfPaper&) {
                s.devices.paperOut = true;
                return Step{s, {}};
            },
            [&](const PrinterReady&) {
                s.devices.paperOut = false;
                return Step{s, {}};
            },
            [&](const CameraGone&) {
                s.devices.cameraWorks = false;
                return Step{s, {}};
            },
            [&](const CameraBack&) {
                s.devices.cameraWorks = true;
                return Step{s, {}};
            },
            [&](const BackendDown&) {
                s.devices.backendReachable = false;
                return Step{s, {}};
            },
            [&](const BackendUp&) {
                s.devices.backendReachable = true;
                return Step{s, {}};
            },
        },
        input);
}

bool isPersonsAction(const Input& input) {
    return std::holds_alternative<Press>(input) || std::holds_alternative<FocusOn>(input) ||
           std::holds_alternative<Activity>(input) || std::holds_alternative<CardSeen>(input);
}

} // namespace

std::string_view stateName(State state) {
    switch (state) {
    case State::Welcome:
        return "Welcome";
    case State::TypeCode:
        return "TypeCode";
    case State::Reading:
        return "Reading";
    case State::Refused:
        return "Refused";
    case State::YourMail:
        return "YourMail";
    case State::Ticket:
        return "Ticket";
    case State::IdleWarning:
        return "IdleWarning";
    }
    return "?";
}

Session startSession(const MachineSettings& settings, Millis now) {
    Session s;
    s.language = settings.language;
    s.lastActivity = now;
    return s;
}

bool pristine(const Session& s, const MachineSettings& settings) {
    return s.state == State::Welcome && s.language == settings.language && s.typed.empty() && !s.person &&
           s.focus == 0;
}

Millis untilReset(const Session& s, Millis now, const MachineSettings& settings) {
    const Millis left = s.lastActivity + settings.idle - now;
    return left > Millis{0} ? left : Millis{0};
}

Step step(const Session& session, const Input& input, Millis now, const MachineSettings& settings) {
    // The idle rule first, in every state: a person's action is never lost to a reset that was not
    // yet due, and nothing else delays one that is.
    if (!pristine(session, settings) && !isPersonsAction(input) &&
        now - session.lastActivity >= settings.idle)
        return reset(session, now, settings);

    if (session.state == State::IdleWarning) {
        if (isPersonsAction(input)) {
            // "Continue", or anything the person does: back where they were, nothing else happens
            // (a tap meant for the warning never presses the button under it).
            Session back = session;
            back.state = session.covered;
            back.lastActivity = now;
            if (const auto* card = std::get_if<CardSeen>(&input)) return step(back, *card, now, settings);
            return {back, {}};
        }
        // A result or a device: it changes the state under the warning, which stays up.
        Session under = session;
        under.state = session.covered;
        Step next = stepUncovered(under, input, now, settings);
        next.session.covered = next.session.state;
        next.session.state = State::IdleWarning;
        next.intents.erase(std::remove_if(next.intents.begin(), next.intents.end(),
                                          [](const Intent& i) { return std::holds_alternative<Speak>(i); }),
                           next.intents.end());
        return next;
    }

    Step next = stepUncovered(session, input, now, settings);
    const Session& s = next.session;
    if (!pristine(s, settings) && now - s.lastActivity >= settings.idle - settings.warning) {
        next.session.covered = s.state;
        next.session.state = State::IdleWarning;
        next.session.focus = 0;
        next.intents.push_back(Speak{});
    }
    return next;
}

} // namespace guichet::kiosk
