#include "guichet/core/Text.hpp"

#include <catch2/catch.hpp>

using guichet::foldForSearch;

TEST_CASE("names fold like DomiFa's search: accents, case, ligatures, punctuation") {
    struct Row {
        const char* in;
        const char* out;
    };
    const Row rows[] = {
        {"Hélène", "helene"},
        {"LEFÈVRE Anne-Marie", "lefevre anne marie"},
        {"N'DIAYE", "n diaye"},
        {"N’DIAYE", "n diaye"}, // typographic apostrophe
        {"Cœur", "coeur"},
        {"Lætitia", "laetitia"},
        {"Straße", "strasse"},
        {"Ștefan Țurcan", "stefan turcan"}, // Romanian comma-below letters
        {"Łukasz Wróbel", "lukasz wrobel"},
        {"E\xCC\x81lodie", "elodie"}, // decomposed é (e + combining acute)
        {"  M.  DUPONT  ", "m dupont"},
        {"Boîte N° 42", "boite n 42"},
        {"", ""},
    };
    for (const auto& row : rows) {
        CAPTURE(row.in);
        CHECK(foldForSearch(row.in) == row.out);
    }
}

TEST_CASE("Windows-1252 bytes are read as such, not lost") {
    std::string cp1252 = "H\xE9l\xE8ne"; // "Hélène" as Excel writes it on French Windows
    CHECK_FALSE(guichet::isValidUtf8(cp1252));
    CHECK(guichet::cp1252ToUtf8(cp1252) == "Hélène");
    CHECK(foldForSearch(cp1252) == "helene");
    CHECK(guichet::isValidUtf8("Hélène Œ €"));
}
