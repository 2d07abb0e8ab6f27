// What the kiosk says on each screen, through the speech twin (RecordingSpeech synthesises with
// espeak-ng and keeps the sentence, its language and its length): a whole session in every
// language, driven through the state machine, each Speak intent said as the app says it.
#include "guichet/kiosk/Spoken.hpp"

#include "guichet/hardware/EspeakSpeech.hpp"
#include "guichet/kiosk/Machine.hpp"

#include <catch2/catch.hpp>
#include <map>

using namespace guichet;
using namespace guichet::kiosk;
using namespace std::chrono_literals;

namespace {

struct Said {
    State state;
    std::string text;
};

struct Kiosk {
    MachineSettings settings{90'000ms, 20'000ms, ui::Language::French, false};
    Session session;
    hardware::RecordingSpeech speech;
    std::vector<Said> said;
    Millis now{1'000};

    explicit Kiosk(ui::Language language) {
        settings.language = language;
        session = startSession(settings, now);
    }
    void feed(const Input& input) {
        now += 1'000ms;
        Step next = step(session, input, now, settings);
        session = next.session;
        for (const Intent& i : next.intents)
            if (std::holds_alternative<Speak>(i)) {
                const std::string text = spokenText(session, settings);
                REQUIRE(speech.say(text, std::string(ui::languageCode(session.language))));
                said.push_back({session.state, text});
            }
    }
};

Press pressOf(Button b) {
    Press p;
    p.button = b;
    return p;
}

} // namespace

TEST_CASE("every screen is spoken in the person's language, written for the ear") {
    for (ui::Language language : ui::kLanguages) {
        INFO("language " << ui::languageCode(language));
        Kiosk k(ui::Language::French);
        Press choose = pressOf(Button::Language);
        choose.language = language;
        k.feed(choose);                         // Welcome, spoken in the chosen language
        k.feed(pressOf(Button::TypeCode));      // TypeCode
        k.feed(pressOf(Button::Back));          // Welcome again
        k.feed(CardSeen{"GTOKEN"});             // Reading
        k.feed(CardRefused{k.session.request}); // Refused
        k.feed(CardSeen{"GTOKEN2"});            // Reading
        Person p;
        p.dossier = 7;
        p.counts = {2, 1, 0};
        p.endsOn = Date{std::chrono::year{2027}, std::chrono::month{3}, std::chrono::day{3}};
        k.feed(CardAccepted{k.session.request, p}); // YourMail
        k.feed(pressOf(Button::AskForMail));        // Ticket, being made
        k.feed(TicketIssued{k.session.request, 12, true});
        k.feed(pressOf(Button::Repeat));
        k.now += 70'000ms;
        k.feed(Tick{}); // IdleWarning

        std::map<State, int> perScreen;
        for (const Said& s : k.said)
            ++perScreen[s.state];
        for (State state : kStates)
            CHECK(perScreen[state] >= 1);
        // Everything said went to the twin in the person's language, with a real length.
        REQUIRE(k.speech.said().size() == k.said.size());
        for (const auto& s : k.speech.said()) {
            CHECK(s.language == ui::languageCode(language));
            CHECK(s.length > 200ms);
        }
        // Dates in words, never "03/03/2027"; the ticket's number in a sentence.
        for (const Said& s : k.said) {
            CHECK(s.text.find("/2027") == std::string::npos);
            CHECK(s.text.find("03/03") == std::string::npos);
        }
        const auto yourMail = std::find_if(k.said.begin(), k.said.end(),
                                           [](const Said& s) { return s.state == State::YourMail; });
        REQUIRE(yourMail != k.said.end());
        CHECK(yourMail->text.find("2027") != std::string::npos);
        CHECK(k.said.back().state == State::IdleWarning);
    }
}

TEST_CASE("the French session, sentence by sentence") {
    Kiosk k(ui::Language::French);
    k.feed(pressOf(Button::Repeat));
    CHECK(k.said.back().text ==
          "Bonjour. Montrez votre carte devant la caméra. Vous n’avez pas de carte\u202f? "
          "Tapez votre code.");
    k.feed(CardSeen{"GTOKEN"});
    Person p;
    p.counts = {2, 1, 0};
    p.endsOn = Date{std::chrono::year{2027}, std::chrono::month{3}, std::chrono::day{3}};
    k.feed(CardAccepted{k.session.request, p});
    CHECK(k.said.back().text ==
          "Vous avez 2 lettres et 1 avis de recommandé. Votre domiciliation finit le 3 mars 2027. Pour la "
          "renouveler, allez à l’accueil. Pour avoir votre courrier, appuyez sur le bouton Je veux mon "
          "courrier. "
          "Pour finir, appuyez sur Terminer.");
    k.feed(pressOf(Button::AskForMail));
    k.feed(TicketIssued{k.session.request, 12, false});
    CHECK(k.said.back().text ==
          "Votre numéro est le 12. Le ticket n’est pas imprimé. Retenez votre numéro. Vous "
          "avez 2 lettres et 1 avis de recommandé. Attendez. L’accueil va appeler votre "
          "numéro. Pour finir, appuyez sur Terminer.");
}

TEST_CASE("a typed code is never read back, only how many digits") {
    Kiosk k(ui::Language::English);
    k.feed(pressOf(Button::TypeCode));
    for (int d : {4, 8, 2, 1}) {
        Press p = pressOf(Button::Digit);
        p.digit = d;
        k.feed(p);
    }
    k.feed(pressOf(Button::Repeat));
    CHECK(k.said.back().text ==
          "Type your code. The code has 12 digits. It is on your card. Digits typed: 4 of 12.");
    CHECK(k.said.back().text.find("4821") == std::string::npos);
}

TEST_CASE("with the printer out of paper the person is told before asking, and the number is said") {
    Kiosk k(ui::Language::French);
    k.feed(PrinterOutOfPaper{});
    k.feed(CardSeen{"GTOKEN"});
    Person p;
    p.counts = {1, 0, 0};
    k.feed(CardAccepted{k.session.request, p});
    CHECK(k.said.back().text.find("Il n’y a plus de papier. Votre numéro sera sur l’écran.") !=
          std::string::npos);
    k.feed(pressOf(Button::AskForMail));
    k.feed(TicketIssued{k.session.request, 4, false});
    CHECK(k.said.back().text.rfind("Votre numéro est le 4. Le ticket n’est pas imprimé.", 0) == 0);
}

TEST_CASE("on a loudspeaker with private speech off, nothing private is said") {
    Kiosk k(ui::Language::French);
    k.settings.speakPrivate = false;
    k.settings.showFirstName = true;
    k.feed(CardSeen{"GTOKEN"});
    Person p;
    p.counts = {2, 1, 0};
    p.firstName = "Amina";
    p.endsOn = Date{std::chrono::year{2027}, std::chrono::month{3}, std::chrono::day{3}};
    k.feed(CardAccepted{k.session.request, p});
    CHECK(k.said.back().text == "Vos informations sont sur l’écran. Pour finir, appuyez sur Terminer.");
    k.feed(pressOf(Button::AskForMail));
    k.feed(TicketIssued{k.session.request, 9, true});
    CHECK(k.said.back().text.rfind("Votre numéro est le 9. Prenez votre ticket. Attendez.", 0) == 0);
    CHECK(k.said.back().text.find("lettres") == std::string::npos);
}
