#pragma once
// Everything the kiosk says after its Welcome screen, on screen and aloud, in every language of
// ui::kLanguages: one table per language in the order of KioskText, written in FALC ("facile à
// lire et à comprendre": one idea a sentence, digits, no abbreviations). The Welcome screen's
// three sentences are the shell's (ui/Strings.hpp). Counts of mail with each language's plural
// rules (Arabic has a dual, Ukrainian and Romanian count "few" and "many" differently), dates in
// words with the month's name. Screen text and speech text are separate where they differ: speech
// never reads a symbol, an abbreviation or a date in digits. Pure; thread-safe.

#include "guichet/core/Date.hpp"
#include "guichet/core/Dossier.hpp"
#include "guichet/ui/Language.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace guichet::kiosk {

enum class KioskText {
    OneMoment,        ///< Reading: "Un instant."
    ReadingCard,      ///< "Nous lisons votre carte."
    AskAtDesk,        ///< Refused, the one message: "Adressez-vous à l'accueil."
    AskAtDeskWhy,     ///< "La borne ne peut pas répondre pour vous."
    YouHaveMail,      ///< YourMail headline
    NoMailToday,      ///< YourMail with nothing pending
    Hello,            ///< "Bonjour {name}." (own first name, when the structure allows it)
    EndsOn,           ///< "Votre domiciliation finit le {date}."
    RenewAtDesk,      ///< "Pour la renouveler, allez à l'accueil."
    AskForMail,       ///< button
    Finish,           ///< button
    Repeat,           ///< button: say it again
    YourNumber,       ///< Ticket headline: "Votre numéro"
    TakeTicket,       ///< "Prenez votre ticket."
    TicketNotPrinted, ///< "Le ticket n'est pas imprimé. Retenez votre numéro."
    WaitForNumber,    ///< "Attendez. L'accueil va appeler votre numéro."
    Printing,         ///< while the ticket is being made
    StillThere,       ///< IdleWarning headline
    StopsIn,          ///< "La borne s'arrête dans {n} secondes."
    Continue,         ///< button
    TypeYourCode,     ///< TypeCode headline
    CodeHelp,         ///< "Le code a 12 chiffres. Il est sur votre carte."
    CodeNotRight,     ///< the check digit does not match: "Ce code n'est pas juste. Vérifiez les chiffres."
    Erase,            ///< button
    Validate,         ///< button
    Back,             ///< button
    CameraBroken,     ///< Welcome, when the camera is gone
    DigitsTyped,      ///< speech only: "Vous avez tapé {n} chiffres sur 12."
    PressButtonToAsk, ///< speech only: how to ask for the mail
    PressFinish,      ///< speech only: how to finish
    PressContinue,    ///< speech only
    WelcomeSpeech,    ///< speech only: the Welcome screen said aloud
    TicketNumberIs,   ///< speech only: "Votre numéro est le {n}."
    NoPaper,          ///< YourMail, when the printer is out of paper: the number will be on screen
    OnScreen,         ///< speech only, private speech off: "Vos informations sont sur l’écran."
    Count             ///< not a key
};

inline constexpr std::size_t kKioskTextCount = static_cast<std::size_t>(KioskText::Count);

/// The sentence (UTF-8, logical order), with {n}, {date} or {name} where the key says. Empty for
/// KioskText::Count only.
std::string_view kioskText(KioskText key, ui::Language language);

/// `key`'s sentence with its placeholder replaced by `value`.
std::string fill(KioskText key, ui::Language language, std::string_view value);

/// The kinds of mail the kiosk counts, in the order it shows them.
enum class Kind { Letter, Registered, Parcel };

/// "2 lettres", "1 avis de recommandé", "رسالتان" (Arabic dual), "5 листів"... `n` >= 1.
std::string countOf(Kind kind, int n, ui::Language language);

/// A date in words, as the screen and the voice give it: "3 mars 2027", "March 3, 2027",
/// "3 березня 2027", "3 مارس 2027".
std::string dateInWords(const Date& date, ui::Language language);

} // namespace guichet::kiosk
