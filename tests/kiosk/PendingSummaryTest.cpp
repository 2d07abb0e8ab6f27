#include "guichet/kiosk/PendingSummary.hpp"

#include "guichet/kiosk/Words.hpp"

#include <catch2/catch.hpp>

using namespace guichet;
using namespace guichet::kiosk;
using ui::Language;

TEST_CASE("the kiosk says what is waiting, with plurals, in the person's language") {
    auto fr = describePending({2, 1, 0}, Language::French);
    CHECK(fr.headline == "Vous avez du courrier.");
    CHECK(fr.items == std::vector<std::string>{"2 lettres", "1 avis de recommandé"});
    CHECK(fr.speech == "Vous avez 2 lettres et 1 avis de recommandé.");

    auto en = describePending({1, 0, 3}, Language::English);
    CHECK(en.items == std::vector<std::string>{"1 letter", "3 parcels"});
    CHECK(en.speech == "You have 1 letter and 3 parcels.");

    auto es = describePending({1, 2, 1}, Language::Spanish);
    CHECK(es.speech == "Tiene 1 carta, 2 avisos de certificado y 1 paquete.");

    // Arabic: a dual for two, "و" written against the next word.
    auto ar = describePending({2, 0, 1}, Language::Arabic);
    CHECK(ar.items == std::vector<std::string>{"رسالتان", "طرد واحد"});
    CHECK(ar.speech == "لديك رسالتان وطرد واحد.");
}

TEST_CASE("nothing waiting is said plainly") {
    auto none = describePending({}, Language::French);
    CHECK(none.items.empty());
    CHECK(none.headline == "Pas de courrier pour vous aujourd’hui.");
}

TEST_CASE("plural forms follow each language's rules") {
    CHECK(countOf(Kind::Letter, 1, Language::Ukrainian) == "1 лист");
    CHECK(countOf(Kind::Letter, 3, Language::Ukrainian) == "3 листи");
    CHECK(countOf(Kind::Letter, 5, Language::Ukrainian) == "5 листів");
    CHECK(countOf(Kind::Letter, 11, Language::Ukrainian) == "11 листів");
    CHECK(countOf(Kind::Letter, 21, Language::Ukrainian) == "21 лист");
    CHECK(countOf(Kind::Parcel, 22, Language::Ukrainian) == "22 посилки");
    CHECK(countOf(Kind::Letter, 1, Language::Arabic) == "رسالة واحدة");
    CHECK(countOf(Kind::Letter, 3, Language::Arabic) == "3 رسائل");
    CHECK(countOf(Kind::Letter, 11, Language::Arabic) == "11 رسالة");
    CHECK(countOf(Kind::Letter, 2, Language::Romanian) == "2 scrisori");
    CHECK(countOf(Kind::Letter, 20, Language::Romanian) == "20 de scrisori");
    CHECK(countOf(Kind::Registered, 1, Language::French) == "1 avis de recommandé");
}

TEST_CASE("dates are said in words with the month's name") {
    const Date d{std::chrono::year{2027}, std::chrono::month{3}, std::chrono::day{1}};
    CHECK(dateInWords(d, Language::French) == "1er mars 2027");
    CHECK(dateInWords(d, Language::English) == "March 1, 2027");
    CHECK(dateInWords(d, Language::Spanish) == "1 de marzo de 2027");
    CHECK(dateInWords(d, Language::Ukrainian) == "1 березня 2027");
    CHECK(dateInWords(d, Language::Arabic) == "1 مارس 2027");
}

TEST_CASE("every sentence exists in every language, translated, with its placeholder") {
    for (Language language : ui::kLanguages)
        for (std::size_t k = 0; k < kKioskTextCount; ++k) {
            const auto key = static_cast<KioskText>(k);
            INFO("language " << ui::languageCode(language) << ", key " << k);
            const std::string_view sentence = kioskText(key, language);
            CHECK_FALSE(sentence.empty());
            if (language != Language::French) CHECK(sentence != kioskText(key, Language::French));
            for (std::string_view placeholder : {"{n}", "{date}", "{name}"})
                CHECK((kioskText(key, Language::French).find(placeholder) == std::string_view::npos) ==
                      (sentence.find(placeholder) == std::string_view::npos));
        }
    CHECK(kioskText(KioskText::Count, Language::French).empty());
    CHECK(fill(KioskText::TicketNumberIs, Language::French, "12") == "Votre numéro est le 12.");
}
