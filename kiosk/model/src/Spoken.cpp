#include "guichet/kiosk/Spoken.hpp"

#include "guichet/kiosk/PendingSummary.hpp"
#include "guichet/kiosk/Words.hpp"

namespace guichet::kiosk {
namespace {

std::string join(std::initializer_list<std::string> parts) {
    std::string out;
    for (const std::string& part : parts) {
        if (part.empty()) continue;
        if (!out.empty()) out += ' ';
        out += part;
    }
    return out;
}

} // namespace

std::string spokenText(const Session& s, const MachineSettings& settings) {
    const ui::Language l = s.language;
    auto say = [l](KioskText key) { return std::string(kioskText(key, l)); };
    switch (s.state) {
    case State::Welcome:
        return join(
            {say(KioskText::WelcomeSpeech), s.devices.cameraWorks ? "" : say(KioskText::CameraBroken)});
    case State::TypeCode:
        return join({s.codeNotRight ? say(KioskText::CodeNotRight) : say(KioskText::TypeYourCode) + ".",
                     s.codeNotRight ? "" : say(KioskText::CodeHelp),
                     s.typed.empty() ? "" : fill(KioskText::DigitsTyped, l, std::to_string(s.typed.size()))});
    case State::Reading:
        return join({say(KioskText::OneMoment), say(KioskText::ReadingCard)});
    case State::Refused:
        return join({say(KioskText::AskAtDesk), say(KioskText::AskAtDeskWhy), say(KioskText::PressFinish)});
    case State::YourMail: {
        if (!s.person) return say(KioskText::AskAtDesk);
        const Person& p = *s.person;
        if (!settings.speakPrivate) return join({say(KioskText::OnScreen), say(KioskText::PressFinish)});
        const PendingSummary summary = describePending(p.counts, l);
        return join(
            {settings.showFirstName && !p.firstName.empty() ? fill(KioskText::Hello, l, p.firstName) : "",
             summary.speech, p.endsOn ? fill(KioskText::EndsOn, l, dateInWords(*p.endsOn, l)) : "",
             p.endsOn ? say(KioskText::RenewAtDesk) : "",
             p.counts.total() > 0 ? say(KioskText::PressButtonToAsk) : "",
             p.counts.total() > 0 && s.devices.paperOut ? say(KioskText::NoPaper) : "",
             say(KioskText::PressFinish)});
    }
    case State::Ticket: {
        if (!s.ticketNumber) return say(KioskText::Printing);
        const std::string counts =
            s.person && settings.speakPrivate ? describePending(s.person->counts, l).speech : std::string();
        return join({fill(KioskText::TicketNumberIs, l, std::to_string(*s.ticketNumber)),
                     s.ticketPrinted ? say(KioskText::TakeTicket) : say(KioskText::TicketNotPrinted), counts,
                     say(KioskText::WaitForNumber), say(KioskText::PressFinish)});
    }
    case State::IdleWarning:
        return join({say(KioskText::StillThere), say(KioskText::StopsIn), say(KioskText::PressContinue)});
    }
    return {};
}

} // namespace guichet::kiosk
