// The structure's own address (issue 22, class 1): its box / BP / CS number is on every letter it
// receives and is never a person's key. Invented names.
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

std::vector<Dossier> dossiers() {
    return {person(101, "14", "TRAVANI", "Odile"),  person(102, "220", "MERVAUX", "Basile"),
            person(103, "31", "KESSOURI", "Yanis"), person(104, "", "LORIVAL", "Ninon"),
            person(105, "90", "LORIVAL", "Ninon"),  person(106, "7", "PALMEDE", "Arsène"),
            person(107, "57", "PALMEDO", "Arsène")};
}

struct Row {
    std::vector<std::string> lines;
    Decision withoutAddress; ///< the structure's numbers unknown
    Decision withAddress;    ///< configured: 220, 90, 30012, 57
    DossierRef top;
};

} // namespace

TEST_CASE("The structure's own box, BP or CS number is never a person's key", "[matcher][structure]") {
    const Directory plain(dossiers());
    const Directory configured(dossiers(), StructureAddress{{"220", "90", "30012", "57"}});
    const std::vector<Row> rows = {
        // The structure's box equals another dossier's customRef: it vetoed an exact unique name.
        {{"M. TRAVANI Odile", "PAS LYON 3 – BOITE 220", "18 rue Mazenod", "69003 LYON"},
         Decision::Confirm,
         Decision::Auto,
         101},
        {{"Monsieur KESSOURI Yanis", "CCAS de Villeurbanne", "Boîte n° 57", "69100 VILLEURBANNE"},
         Decision::Confirm,
         Decision::Auto,
         103},
        // The person's own box beside the structure's: the person's still counts.
        {{"M. KESSOURI Yanis", "Boite 31", "PAS LYON 3 – BOITE 220", "69003 LYON"},
         Decision::Auto,
         Decision::Auto,
         103},
        {{"M. KESSOURI Yanis", "Boite 14", "PAS LYON 3 – BOITE 220", "69003 LYON"},
         Decision::Confirm,
         Decision::Confirm,
         103},
        // Homonyms: the structure's number, equal to one of them's box, must not separate them.
        {{"Mme LORIVAL Ninon", "Chez Association Le Relais", "BP 90", "69007 LYON"},
         Decision::Auto, // unknown, a BP on the town's line counts for the dossier whose box it is
         Decision::Confirm,
         104},
        // A name one slip away whose box looks right only because it is the structure's.
        {{"M. PALMEDOS Arsène", "CCAS", "Boîte n° 57", "69100 VILLEURBANNE"},
         Decision::Auto,
         Decision::Confirm,
         107},
        {{"M. PALMEDE Arsène", "CS 30012", "69100 VILLEURBANNE"}, Decision::Auto, Decision::Auto, 106},
    };
    for (const Row& row : rows) {
        CAPTURE(row.lines);
        const MatchResult before = plain.match(row.lines);
        const MatchResult after = configured.match(row.lines);
        CAPTURE(before.reason, after.reason);
        CHECK(before.decision == row.withoutAddress);
        CHECK(after.decision == row.withAddress);
        REQUIRE_FALSE(after.candidates.empty());
        CHECK(after.candidates[0].dossier == row.top);
    }
}

TEST_CASE("A number read on the envelopes of three people is learned as the structure's",
          "[matcher][structure]") {
    const Directory directory(dossiers());
    const std::vector<std::vector<std::string>> batch = {
        {"M. TRAVANI Odile", "PAS LYON 3 – BOITE 220", "69003 LYON"},
        {"M. KESSOURI Yanis", "Boite 31", "PAS LYON 3 – BOITE 220", "69003 LYON"},
        {"Mme LORIVAL Ninon", "PAS LYON 3 – BOITE 220", "69003 LYON"},
        {"M. TRAVANI Odile", "Boite 14", "69003 LYON"},
        {"Mme TRAVANI Odile", "Boite 14", "69003 LYON"},
        {"M. PALMEDE Arsène", "Boîte 7", "69003 LYON"},
        {"Mme ZZYXWQ Plume", "BOITE 220", "69003 LYON"}, // nobody: not counted
    };
    std::vector<Sighting> sightings;
    for (const auto& lines : batch)
        for (const auto& s : sightingsOf(directory, lines))
            sightings.push_back(s);
    // 220 is on the mail of three dossiers; 14 on one person's twice, 31 and 7 once.
    CHECK(recurringNumbers(sightings) == std::vector<std::string>{"220"});
    CHECK(recurringNumbers(sightings, 4).empty());
    Options options;
    options.structureNumbers = recurringNumbers(sightings);
    CHECK(directory.match(batch[0]).decision == Decision::Confirm);
    CHECK(directory.match(batch[0], options).decision == Decision::Auto);
    // Known numbers are not sighted again.
    CHECK(sightingsOf(directory, batch[0], options).empty());
}

TEST_CASE("The structure.numbers setting is read into numbers or refused with the part at fault",
          "[matcher][structure]") {
    CHECK(*parseStructureNumbers("220") == std::vector<std::string>{"220"});
    CHECK(*parseStructureNumbers("BP 90, CS 30012 ; Boîte n° 57") ==
          std::vector<std::string>{"90", "30012", "57"});
    CHECK(*parseStructureNumbers("12B") == std::vector<std::string>{"12b"});
    CHECK(parseStructureNumbers("").value().empty());
    auto bad = parseStructureNumbers("90, Lyon");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("lyon") != std::string::npos);
}
