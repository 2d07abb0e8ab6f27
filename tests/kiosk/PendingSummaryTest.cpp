#include "guichet/kiosk/PendingSummary.hpp"

#include <catch2/catch.hpp>

using namespace guichet;
using namespace guichet::kiosk;

TEST_CASE("the kiosk says what is waiting, with plurals, in the person's language") {
    auto fr = describePending({2, 1, 0}, Language::French);
    CHECK(fr.headline == "Vous avez du courrier");
    CHECK(fr.items == std::vector<std::string>{"2 lettres", "1 avis de recommandé"});
    CHECK(fr.speech == "Vous avez 2 lettres et 1 avis de recommandé.");

    auto en = describePending({1, 0, 3}, Language::English);
    CHECK(en.items == std::vector<std::string>{"1 letter", "3 parcels"});
    CHECK(en.speech == "You have 1 letter and 3 parcels.");

    auto es = describePending({1, 2, 1}, Language::Spanish);
    CHECK(es.speech == "Tiene 1 carta, 2 avisos de certificado y 1 paquete.");
}

TEST_CASE("nothing waiting is said plainly") {
    auto none = describePending({}, Language::French);
    CHECK(none.items.empty());
    CHECK(none.headline == "Pas de courrier pour vous aujourd'hui");
}

TEST_CASE("language codes") {
    CHECK(parseLanguage("fr-FR") == Language::French);
    CHECK(parseLanguage("en") == Language::English);
    CHECK_FALSE(parseLanguage("xx"));
}
