// Nicknames, two-letter surnames and names outside Latin-1 (issue 22, classes 3, 4 and 5), with
// absent look-alikes one letter away. Invented names.
#include "guichet/match/Matcher.hpp"

#include <catch2/catch.hpp>

using namespace guichet;
using namespace guichet::match;

namespace {

Dossier person(DossierRef ref, const char* nom, const char* prenom, const char* surnom = "") {
    Dossier d;
    d.ref = ref;
    d.nom = nom;
    d.prenom = prenom;
    d.surnom = surnom;
    return d;
}

Directory directory() {
    return Directory({
        person(1, "DIALLOU", "Mariama", "Tata"),
        person(2, "MORVELLE", "Jean", "P'tit Jean"),
        person(3, "KOFFANE", "Yao", "Le Grand"),
        person(4, "LEFAVRE", "Josiane", "Mimi"),
        person(5, "PRADOUX", "Irène", "Mimi"),
        person(6, "LI", "Hao"),
        person(7, "WU", "Mei"),
        person(8, "NG", "Wai"),
        person(9, "LÊ", "Thị Thu Hằng"),
        person(10, "DƯƠNG", "Văn Đức"),
        person(11, "ȚĂRANU", "Ștefan"),
        person(12, "ŞAHİN", "Işıl"),
        person(13, "WAŁĘSA", "Łukasz"),
        person(14, "GROß", "Jürgen"),
        person(15, "ØDEGÅRD", "Bjørn"),
        person(16, "GUÐMUNDSDÓTTIR", "Þóra"),
        person(17, "YE", "Lan"),
        person(18, "TATANE", "Rokia"),
        person(19, "CHATELOTTE", "Hélène", "Eric"), // a nickname that is someone's given name
        person(20, "FORNIER", "Eric"),
    });
}

} // namespace

TEST_CASE("Nicknames, two-letter surnames and names from other alphabets are matched exactly",
          "[matcher][names]") {
    const Directory d = directory();
    struct Row {
        std::vector<std::string> lines;
        Decision decision;
        DossierRef top; ///< 0: no candidate may be Auto, any listed
    };
    const std::vector<Row> rows = {
        // Nicknames beside the surname.
        {{"TATA DIALLOU", "69003 LYON"}, Decision::Auto, 1},
        {{"P'tit Jean MORVELLE", "69003 LYON"}, Decision::Auto, 2},
        {{"KOFFANE dit « Le Grand »", "69003 LYON"}, Decision::Auto, 3},
        {{"LEFAVRE dit « Mimi »", "69003 LYON"}, Decision::Auto, 4},
        // A nickname alone that two dossiers share: staff decide.
        {{"« Mimi »", "69003 LYON"}, Decision::Confirm, 4},
        // A nickname that is also a given name: an absent Eric CHATELOTTE is not Hélène.
        {{"M. Eric CHATELOTTE", "69003 LYON"}, Decision::Unknown, 0},
        // A look-alike one letter away with the nickname: not Auto.
        {{"TATA DIALLOT", "69003 LYON"}, Decision::Confirm, 1},
        // Two-letter surnames read exactly.
        {{"M. Hao LI", "69003 LYON"}, Decision::Auto, 6},
        {{"M. LI Hao", "69003 LYON"}, Decision::Auto, 6},
        {{"Mme WU Mei", "69003 LYON"}, Decision::Auto, 7},
        {{"M. NG Wai", "69003 LYON"}, Decision::Auto, 8},
        {{"Mme YE Lan", "69003 LYON"}, Decision::Auto, 17},
        {{"Mme LE Thi Thu Hang", "69003 LYON"}, Decision::Auto, 9},
        {{"Mme THI THU HANG LE", "69003 LYON"}, Decision::Auto, 9},
        // ... and not given to a look-alike: another given name, another two letters.
        {{"Mme WU Mai", "69003 LYON"}, Decision::Unknown, 0},
        {{"M. LU Hao", "69003 LYON"}, Decision::Unknown, 0},
        // Letters outside Latin-1, written with or without their accents.
        {{"M. DƯƠNG Văn Đức", "69003 LYON"}, Decision::Auto, 10},
        {{"M. DUONG Van Duc", "69003 LYON"}, Decision::Auto, 10},
        {{"M. Ștefan ȚĂRANU", "69003 LYON"}, Decision::Auto, 11},
        {{"M. Stefan TARANU", "69003 LYON"}, Decision::Auto, 11},
        {{"Mme SAHIN Isil", "69003 LYON"}, Decision::Auto, 12},
        {{"M. Lukasz WALESA", "69003 LYON"}, Decision::Auto, 13},
        {{"M. GROSS Jürgen", "69003 LYON"}, Decision::Auto, 14},
        {{"M. ODEGARD Bjorn", "69003 LYON"}, Decision::Auto, 15},
        {{"Mme GUDMUNDSDOTTIR Thora", "69003 LYON"}, Decision::Auto, 16},
        // One letter away from a name that folds from another alphabet: not Auto.
        {{"M. DUONG Van Dic", "69003 LYON"}, Decision::Confirm, 10},
    };
    for (const Row& row : rows) {
        CAPTURE(row.lines);
        const MatchResult r = d.match(row.lines);
        CAPTURE(r.reason);
        CHECK(r.decision == row.decision);
        if (row.top != 0) {
            REQUIRE_FALSE(r.candidates.empty());
            CHECK(r.candidates[0].dossier == row.top);
        }
    }
}

TEST_CASE("Extra given names, particles and initials: the exact dossier wins, a subset asks",
          "[matcher][names]") {
    const Directory d({person(1, "MBAYORE", "Ousmane"), person(2, "MBAYORE", "Ousmane Alpha"),
                       person(3, "RAHIMOVA", "Mariam"), person(4, "DE LA FONTENOY", "Frédéric"),
                       person(5, "BEN SALEMI", "Walid"), person(6, "KERMADI", "Inès"),
                       person(7, "KERMADI", "Ilyes")});
    struct Row {
        std::vector<std::string> lines;
        Decision decision;        ///< default options
        Decision withSubsetNames; ///< Options::subsetNamesAuto
        DossierRef top;
    };
    const std::vector<Row> rows = {
        // The dossier that has every given name exactly is not ambiguous with one that has part.
        {{"M. MBAYORE Ousmane Alpha", "69003 LYON"}, Decision::Auto, Decision::Auto, 2},
        {{"M. Ousmane Alpha MBAYORE", "69003 LYON"}, Decision::Auto, Decision::Auto, 2},
        // An extra given name before or after the dossier's: Confirm, Auto only with the option.
        {{"Mme RAHIMOVA Thi Mariam", "69003 LYON"}, Decision::Confirm, Decision::Auto, 3},
        {{"Mme RAHIMOVA Mariam Aïcha", "69003 LYON"}, Decision::Confirm, Decision::Auto, 3},
        {{"M. Frédéric Pierre DE LA FONTENOY", "69003 LYON"}, Decision::Confirm, Decision::Auto, 4},
        // Particles written apart, glued or title-cased.
        {{"M. Frédéric DELAFONTENOY", "69003 LYON"}, Decision::Auto, Decision::Auto, 4},
        {{"M. Frédéric De La Fontenoy", "69003 LYON"}, Decision::Auto, Decision::Auto, 4},
        {{"M. Walid BENSALEMI", "69003 LYON"}, Decision::Auto, Decision::Auto, 5},
        // Initials never go Auto on their own, even with the option; shared initials list both.
        {{"Mme RAHIMOVA M.", "69003 LYON"}, Decision::Confirm, Decision::Confirm, 3},
        {{"KERMADI I.", "69003 LYON"}, Decision::Confirm, Decision::Confirm, 6},
        // Another given name entirely is not a subset.
        {{"Mme RAHIMOVA Leila", "69003 LYON"}, Decision::Unknown, Decision::Unknown, 3},
    };
    Options subset;
    subset.subsetNamesAuto = true;
    for (const Row& row : rows) {
        CAPTURE(row.lines);
        const MatchResult r = d.match(row.lines);
        const MatchResult s = d.match(row.lines, subset);
        CAPTURE(r.reason, s.reason);
        CHECK(r.decision == row.decision);
        CHECK(s.decision == row.withSubsetNames);
        REQUIRE_FALSE(r.candidates.empty());
        CHECK(r.candidates[0].dossier == row.top);
    }
}
