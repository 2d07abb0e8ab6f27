#include "guichet/ui/Strings.hpp"

#include "guichet/ui/Language.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace guichet::ui;

TEST_CASE("every key has a sentence in every language") {
    for (Language language : kLanguages) {
        for (std::size_t k = 0; k < kTextCount; ++k) {
            const auto key = static_cast<Text>(k);
            INFO("language " << languageCode(language) << ", key " << k);
            const std::string_view sentence = text(key, language);
            CHECK_FALSE(sentence.empty());
            CHECK(sentence.find_first_not_of(' ') != std::string_view::npos);
        }
    }
    CHECK(text(Text::Count, Language::French).empty());
}

TEST_CASE("languages other than French are translated, not copied") {
    for (Language language : kLanguages) {
        if (language == Language::French) continue;
        for (std::size_t k = 0; k < kTextCount; ++k) {
            const auto key = static_cast<Text>(k);
            INFO("language " << languageCode(language) << ", key " << k);
            CHECK(text(key, language) != text(key, Language::French));
        }
    }
}

TEST_CASE("the kiosk's first words in each language") {
    CHECK(text(Text::ShowYourCard, Language::French) == "Montrez votre carte");
    CHECK(text(Text::ShowYourCard, Language::English) == "Show your card");
    CHECK(text(Text::ShowYourCard, Language::Ukrainian) == "Покажіть свою картку");
    // Romanian t with a comma below (U+021B), not the cedilla look-alike (U+0163).
    CHECK(std::string(text(Text::ShowYourCard, Language::Romanian)).find("\u021B") != std::string::npos);
    CHECK(std::string(text(Text::ShowYourCard, Language::Romanian)).find("\u0163") == std::string::npos);
}

TEST_CASE("languages are named in themselves and parsed from their codes") {
    CHECK(nativeName(Language::French) == "Français");
    CHECK(nativeName(Language::Spanish) == "Español");
    CHECK(nativeName(Language::Arabic) == "العربية");
    CHECK(nativeName(Language::Romanian) == "Română");
    CHECK(nativeName(Language::Ukrainian) == "Українська");
    for (Language language : kLanguages) {
        CHECK(parseLanguageCode(languageCode(language)) == language);
        CHECK(kLanguages[languageIndex(language)] == language);
    }
    CHECK(parseLanguageCode("uk-UA") == Language::Ukrainian);
    CHECK(parseLanguageCode("ro_RO") == Language::Romanian);
    CHECK(parseLanguageCode("ar") == Language::Arabic);
    CHECK(isRightToLeft(Language::Arabic));
    CHECK_FALSE(parseLanguageCode("de").has_value());
    CHECK_FALSE(parseLanguageCode("").has_value());
}
