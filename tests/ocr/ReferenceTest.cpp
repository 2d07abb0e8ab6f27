// Printed dossier references (issue 22, class 2): the domiciliation's own reference is a strong
// second key; other bodies' numbers are set aside and never spoil the name. Invented names.
#include "guichet/match/Matcher.hpp"

#include <catch2/catch.hpp>

using namespace guichet;
using namespace guichet::match;

namespace {

Dossier person(DossierRef ref, const char* box, const char* nom, const char* prenom) {
    Dossier d;
    d.ref = ref;
    d.customRef = box;
    d.nom = nom;
    d.prenom = prenom;
    return d;
}

Directory directory() {
    return Directory({person(48213, "", "VARENNE", "Lucile"), person(51977, "", "VARENNE", "Lucile"),
                      person(60412, "318", "QUINTARD", "Mathis"), person(70001, "", "BRELOT", "Agathe"),
                      person(70002, "", "OSSIANE", "Pablo")});
}

} // namespace

TEST_CASE("Reference lines are read as the domiciliation's reference or set aside",
          "[recipient][reference]") {
    struct Row {
        std::string line;
        std::optional<std::string> ref; ///< nullopt: no reference (set aside or not a reference line)
        bool ignored;                   ///< the line is not a name line
    };
    const std::vector<Row> rows = {
        {"Réf. dossier 48213", "48213", true},
        {"Dossier n° 48213", "48213", true},
        {"Votre référence domiciliation : 48213", "48213", true},
        {"N° domiciliation : 0318", "0318", true},
        {"Réf. DOM 48213", "48213", true},
        {"DOSSIEI N° 48213", "48213", true}, // OCR slip in the label
        {"Identifiant : 7283649102", std::nullopt, true},
        {"N° allocataire : 1234567", std::nullopt, true},
        {"ND ALLOLATAIRE : 913 W29", std::nullopt, true},
        {"Vos références : 2025/123456", std::nullopt, true},
        {"N° fiscal : 1234567890123", std::nullopt, true},
        {"N° sécurité sociale : 1 85 03 75 112 048 33", std::nullopt, true},
        {"Réf. client : C-27551604", std::nullopt, true},
        {"N° de dossier CAF 460406", std::nullopt, true},
        {"Réf. dossier 4821 3", std::nullopt, true}, // not one number: no key
        {"DOMICILIATION – BP 90", std::nullopt, true},
    };
    for (const Row& row : rows) {
        CAPTURE(row.line);
        const Recipient r = parseRecipient({row.line, "Mme VARENNE Lucile", "69003 LYON"});
        CHECK(r.dossierRef == row.ref);
        REQUIRE(r.names.size() == 1);
        CHECK(r.names[0].tokens == std::vector<std::string>{"varenne", "lucile"});
        CHECK(std::find(r.ignored.begin(), r.ignored.end(), row.line) != r.ignored.end());
    }
}

TEST_CASE("A printed dossier reference settles homonyms and one-letter slips, never another body's number",
          "[matcher][reference]") {
    const Directory d = directory();
    struct Row {
        std::vector<std::string> lines;
        Decision decision;
        DossierRef top;
    };
    const std::vector<Row> rows = {
        // Homonyms: the name alone asks; the reference separates.
        {{"Mme VARENNE Lucile", "69003 LYON"}, Decision::Confirm, 48213},
        {{"Réf. dossier 51977", "Mme VARENNE Lucile", "69003 LYON"}, Decision::Auto, 51977},
        {{"Mme VARENNE Lucile", "Dossier n° 48213", "69003 LYON"}, Decision::Auto, 48213},
        // Another body's number equal to a dossier's ref is not ours.
        {{"N° allocataire : 51977", "Mme VARENNE Lucile", "69003 LYON"}, Decision::Confirm, 48213},
        {{"Identifiant : 48213", "Mme VARENNE Lucile", "69003 LYON"}, Decision::Confirm, 48213},
        // A one-letter slip with the reference: Auto; without: asks.
        {{"M. QUINTARO Mathis", "69003 LYON"}, Decision::Confirm, 60412},
        {{"Votre référence domiciliation : 60412", "M. QUINTARO Mathis", "69003 LYON"},
         Decision::Auto,
         60412},
        {{"N° domiciliation : 318", "M. QUINTARD Mathls", "69003 LYON"}, Decision::Auto, 60412},
        // The reference of another dossier contradicts an exact name.
        {{"Réf. dossier 70002", "Mme BRELOT Agathe", "69003 LYON"}, Decision::Confirm, 70001},
        // A reference that is no dossier's says nothing.
        {{"Réf. dossier 99999", "Mme BRELOT Agathe", "69003 LYON"}, Decision::Auto, 70001},
        // Two slips are not one, even with the reference.
        {{"Réf. dossier 60412", "M. QUINTARO Mathus", "69003 LYON"}, Decision::Confirm, 60412},
        // Other ids above the name do not spoil it.
        {{"Identifiant : 7283649102", "N° allocataire : 1234567", "Vos références : 2025/123456",
          "Mme BRELOT Agathe", "12 rue des Lilas", "69003 LYON"},
         Decision::Auto,
         70001},
    };
    for (const Row& row : rows) {
        CAPTURE(row.lines);
        const MatchResult r = d.match(row.lines);
        CAPTURE(r.reason);
        CHECK(r.decision == row.decision);
        REQUIRE_FALSE(r.candidates.empty());
        CHECK(r.candidates[0].dossier == row.top);
    }
    // The reference alone (a name nobody has) lists its dossier for staff, never Auto.
    const MatchResult alone = d.match({"Réf. dossier 70002", "M. ZORGLUB Ernest", "69003 LYON"});
    CHECK(alone.decision != Decision::Auto);
    REQUIRE_FALSE(alone.candidates.empty());
    CHECK(alone.candidates[0].dossier == 70002);
}
