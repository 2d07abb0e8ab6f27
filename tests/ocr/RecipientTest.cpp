#include "guichet/match/Recipient.hpp"

#include <catch2/catch.hpp>

using namespace guichet;
using namespace guichet::match;

namespace {
std::string firstReading(const Recipient& r) {
    if (r.names.empty()) return "";
    std::string out;
    for (const auto& t : r.names[0].tokens)
        out += (out.empty() ? "" : " ") + t;
    return out;
}
} // namespace

TEST_CASE("the name line is found among civility, via, street, post box and city lines") {
    struct Row {
        std::vector<std::string> lines;
        const char* name;
        const char* box;
    };
    const Row rows[] = {
        {{"M. DUPONT Jean", "Chez CCAS de Lyon", "12 rue Victor Hugo", "69003 LYON"}, "dupont jean", nullptr},
        {{"C/O Association Le Relais", "Mme Sophie MARTIN", "BP 123", "69100 VILLEURBANNE CEDEX"},
         "sophie martin",
         nullptr},
        {{"Madame, Monsieur N'DIAYE Aminata", "Boîte N° 42", "69100 Villeurbanne"}, "n diaye aminata", "42"},
        {{"MONSIEUR YANN LE GOFF BOITE 7", "69100 VILLEURBANNE"}, "yann le goff", "7"},
        {{"A l'attention de M. Karim HAMIDI", "CCAS", "1 place de la Mairie"}, "karim hamidi", nullptr},
        {{"Pour Monsieur Karim HAMIDI", "chez CCAS de Lyon"}, "karim hamidi", nullptr},
        {{"Pour Karim HAMIDI", "chez CCAS de Lyon"}, "karim hamidi", nullptr},
        {{"À Madame Awa DIOP", "69100 VILLEURBANNE"}, "awa diop", nullptr},
        {{"Destinataire : M. Karim HAMIDI"}, "karim hamidi", nullptr},
        {{"À l'intention de Mme Awa DIOP"}, "awa diop", nullptr},
        {{"Attn: Awa DIOP"}, "awa diop", nullptr},
        {{"M. Karim HAMIDI chez CCAS de Lyon", "3 rue Louis Vitet"}, "karim hamidi", nullptr},
        {{"Awa DIOP c/o Emmaüs", "69100 VILLEURBANNE"}, "awa diop", nullptr},
        {{"DIOP Awa, domiciliée au CCAS"}, "diop awa", nullptr},
        {{"Madame veuve DIOP Awa"}, "diop awa", nullptr},
        {{"M. et Mme BEN ALI", "BAL 12B", "69100"}, "ben ali", "12b"},
        {{"DUPONTJean", "Bte 3"}, "dupont jean", "3"},
        {{"Mme M. DIOP"}, "m diop", nullptr}, // after a civility, a lone M is an initial
        {{"Aux bons soins de Emmaüs", "M. Ibrahima KONATE", "Allée des Tilleuls", "France"},
         "ibrahima konate",
         nullptr},
        {{"Sidi OULD AHMED né le 04/04/1983", "69100 VILLEURBANNE"}, "sidi ould ahmed", nullptr},
        {{"12 rue de la Paix", "75002 PARIS"}, "", nullptr},
    };
    for (const auto& row : rows) {
        CAPTURE(row.lines);
        Recipient r = parseRecipient(row.lines);
        CHECK(firstReading(r) == row.name);
        if (row.box)
            CHECK(r.box == std::optional<std::string>(row.box));
        else
            CHECK_FALSE(r.box);
    }
}

TEST_CASE("a c/o on the name line is no second name") {
    for (const char* line :
         {"M. DIOP Awa chez CCAS de Lyon", "DIOP Awa domiciliée à Lyon", "DIOP Awa c/o Emmaüs"}) {
        CAPTURE(line);
        Recipient r = parseRecipient({line, "3 rue Louis Vitet", "69001 LYON"});
        REQUIRE(r.names.size() == 1); // "lyon" or "emmaus" is nobody's surname here
        CHECK(r.addressCues >= 3);    // the c/o counts as an address cue, as on its own line
    }
    // Not a c/o: two words at least must come before it, and "co" needs an organisation after it.
    CHECK(parseRecipient({"NGUYEN CO Minh"}).names.size() == 1);
    CHECK(firstReading(parseRecipient({"NGUYEN Van CO Minh"})) == "nguyen van co minh");
}

TEST_CASE("capitals are kept as a surname hint") {
    Recipient r = parseRecipient({"Mme Aminata N'DIAYE"});
    REQUIRE(r.names.size() == 1);
    CHECK(r.names[0].upper == std::vector<bool>{false, true, true});
}

TEST_CASE("épouse / née / dit give alternative readings of the surname") {
    Recipient r = parseRecipient({"Mme Fatima BENALI épouse MARTIN"});
    std::vector<std::string> readings;
    for (const auto& n : r.names) {
        std::string s;
        for (const auto& t : n.tokens)
            s += (s.empty() ? "" : " ") + t;
        readings.push_back(s);
    }
    CHECK(readings == std::vector<std::string>{"fatima benali", "fatima martin", "martin benali",
                                               "fatima benali martin"});

    Recipient alias = parseRecipient({"M. CISSE Ousmane dit Papis"});
    REQUIRE(alias.names.size() == 3);
    CHECK(alias.names[1].tokens == std::vector<std::string>{"papis"});
    // and the name with the nickname beside it
    CHECK(alias.names[2].tokens == std::vector<std::string>{"cisse", "ousmane", "papis"});
    CHECK(alias.names[2].derived);
}

TEST_CASE("a birth date written on the envelope is read as a second key") {
    Recipient r = parseRecipient({"M. DUPONT Jean né le 12/04/1968"});
    CHECK(r.birthDate == parseDate("1968-04-12"));
    CHECK(firstReading(r) == "dupont jean");
}

TEST_CASE("handwriting OCR: misread civilities, stamp fragments and rules are not part of the name") {
    struct Row {
        std::vector<std::string> lines;
        const char* name;
    };
    const Row rows[] = {
        {{"Nadame Awa Leblanc", "chez CCAS de Lyon"}, "awa leblanc"},     // M read as N
        {{"Nonsieur Gaël MENSAH", "3 rue Louis Vitet"}, "gael mensah"},   // both M
        {{"NNE HADDAD MARIANA"}, "haddad mariana"},                       // MME
        {{"Nadine DIALLO"}, "nadine diallo"},                             // a first name, not Madame
        {{"Anne MARTIN"}, "anne martin"},                                 // nor Mme
        {{"Mine DUPUY Sophie"}, "dupuy sophie"},                          // Mme with an i read in
        {{"NM. OUATTARA Mohamed"}, "ouattara mohamed"},                   // M. with an N read in
        {{"Nina DIALLO"}, "nina diallo"},                                 // a first name again
        {{"Hadane Nadia AHMADI"}, "nadia ahmadi"},                        // a looped script M as H
        {{"Hanane DIOP"}, "hanane diop"},                                 // a first name, not Madame
        {{"vme RAHMAN Aissatou"}, "rahman aissatou"},                     // Mme, its first stroke lost
        {{"Monsiduc Jean CHERIF"}, "jean cherif"},                        // two letters of Monsieur
        {{"onSieuc Mamadou Carpentier"}, "mamadou carpentier"},           // its M lost
        {{"Misnsieur FRANCOIS Vasile"}, "francois vasile"},               // one read in
        {{"MONNIER Paul"}, "monnier paul"},                               // a surname, a letter short
        {{"Mosnier Paul"}, "mosnier paul"},                               // another
        {{"Ame DIOP"}, "ame diop"},                                       // not a lost stroke
        {{". 2026 MME SECK HELENE", "3 rue Louis Vitet"}, "seck helene"}, // a stamp's year first
        {{"es LE 28 Nov. M. GIRARD Omar", "BP 308"}, "girard omar"},      // a stamp read before the name
        {{"{ee DE LYON || IVANOV Moussa", "69001 LYON"}, "ee de lyon"},   // split at the rule...
    };
    for (const auto& row : rows) {
        CAPTURE(row.lines);
        CHECK(firstReading(parseRecipient(row.lines)) == row.name);
    }
    // ...so that the name after the rule is a reading of its own.
    const Recipient split = parseRecipient({"{ee DE LYON || IVANOV Moussa", "69001 LYON"});
    REQUIRE(split.names.size() == 2);
    CHECK(split.names[1].tokens == std::vector<std::string>{"ivanov", "moussa"});
    CHECK(split.names[1].line == 1);
}

TEST_CASE("address cues tell an address block from garbage read upside down") {
    CHECK(parseRecipient({"Mme DIOP Awa", "chez CCAS de Lyon", "3 rue Louis Vitet", "69001 LYON"})
              .addressCues == 4);
    CHECK(parseRecipient({"NOK 10049", "FRA Sue 27 €", "7 OA1 34 SvV22"}).addressCues == 0);
}

TEST_CASE("street and town lines are told from the lines above them") {
    CHECK(isStreetOrTown("3 rue Louis Vitet"));
    CHECK(isStreetOrTown("69001 LYON"));
    CHECK(isStreetOrTown("12 avenue Jean Jaurès"));
    CHECK_FALSE(isStreetOrTown("Mme DIOP Awa"));
    CHECK_FALSE(isStreetOrTown("chez CCAS de Lyon"));
    CHECK_FALSE(isStreetOrTown("Boite 42"));
    CHECK_FALSE(isStreetOrTown("7 OA1 34 SvV22")); // digits alone are not a street
}
