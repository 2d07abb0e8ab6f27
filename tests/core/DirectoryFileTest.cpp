#include "guichet/directory/DirectoryFile.hpp"

#include "TempDir.hpp"

#include <catch2/catch.hpp>
#include <fstream>

using namespace guichet;
using namespace guichet::directory;

TEST_CASE("CSV: headers match case- and accent-insensitively, lists split into people") {
    auto r = parseCsv(
        "Réf,CUSTOMREF,Nom,Prénom,Surnom,Date Naissance,Statut,Ayants droits,Procurations,Téléphone\n"
        "1,B-12,N'DIAYE,Aminata,Ami,15/06/1990,valide,Moussa FALL;Awa Binta FALL,Marc LEROY,0600000000\n",
        "dir.csv");
    REQUIRE(r);
    REQUIRE(r->dossiers.size() == 1);
    const Dossier& d = r->dossiers[0];
    CHECK(d.ref == 1);
    CHECK(d.customRef == "B-12");
    CHECK(d.nom == "N'DIAYE");
    CHECK(d.surnom == "Ami");
    CHECK(d.dateNaissance == parseDate("1990-06-15"));
    CHECK(d.statut == Statut::Valide);
    REQUIRE(d.ayantsDroits.size() == 2);
    CHECK(d.ayantsDroits[1].prenom == "Awa Binta");
    CHECK(d.ayantsDroits[1].nom == "FALL");
    REQUIRE(d.procurations.size() == 1);
    CHECK(d.procurations[0].nom == "LEROY");
    // The phone column is personal data Guichet does not keep: ignored, with one warning.
    REQUIRE(r->warnings.size() == 1);
    CHECK_THAT(r->warnings[0], Catch::Contains("Téléphone"));
}

TEST_CASE("CSV: semicolons, quotes, CRLF, BOM and Windows-1252 as Excel writes them") {
    std::string text =
        "\xEF\xBB\xBFref;nom;prenom\r\n1;\"DUPONT; dit \"\"Jo\"\"\";Jean\r\n\r\n2;\"LE\nGOFF\";Yann\r\n";
    auto r = parseCsv(text);
    REQUIRE(r);
    REQUIRE(r->dossiers.size() == 2);
    CHECK(r->dossiers[0].nom == "DUPONT; dit \"Jo\"");
    CHECK(r->dossiers[1].nom == "LE\nGOFF");
    CHECK(r->dossiers[0].statut == Statut::Valide); // no statut column: an export of active dossiers

    auto latin = parseCsv("ref;nom;prenom\n1;LEF\xC8VRE;H\xE9l\xE8ne\n");
    REQUIRE(latin);
    CHECK(latin->dossiers[0].prenom == "Hélène");
    CHECK(latin->warnings.size() == 1);
}

TEST_CASE("CSV: every bad row is named by line and reason, and nothing is imported") {
    auto r = parseCsv("ref,nom,prenom,dateNaissance,statut\n"
                      "1,DUPONT,Jean,1980-01-01,VALIDE\n"
                      "x,MARTIN,Sophie,,VALIDE\n"
                      "3,,Paul,,VALIDE\n"
                      "4,BERNARD,Camille,1980-02-30,VALIDE\n"
                      "5,LEROY,Marc,,PARTI\n"
                      "1,DURAND,Luc,,VALIDE\n"
                      "6,SIMON,Eva\n",
                      "dir.csv");
    REQUIRE_FALSE(r);
    const std::string& m = r.error().message;
    CHECK_THAT(m, Catch::Contains("nothing imported"));
    CHECK_THAT(m, Catch::Contains("dir.csv:3: ref \"x\""));
    CHECK_THAT(m, Catch::Contains("dir.csv:4: nom is empty"));
    CHECK_THAT(m, Catch::Contains("dir.csv:5: dateNaissance \"1980-02-30\""));
    CHECK_THAT(m, Catch::Contains("dir.csv:6: statut \"PARTI\""));
    CHECK_THAT(m, Catch::Contains("dir.csv:7: ref 1 already used on line 2"));
    CHECK_THAT(m, Catch::Contains("dir.csv:8: 3 fields, the header has 5"));
}

TEST_CASE("CSV: missing required columns and unclosed quotes are reported") {
    auto noRef = parseCsv("nom,prenom\nDUPONT,Jean\n", "a.csv");
    REQUIRE_FALSE(noRef);
    CHECK_THAT(noRef.error().message, Catch::Contains("a.csv:1: the header has no \"ref\" column"));
    auto open = parseCsv("ref,nom,prenom\n1,\"DUPONT,Jean\n2,MARTIN,Sophie\n", "b.csv");
    REQUIRE_FALSE(open);
    CHECK_THAT(open.error().message, Catch::Contains("b.csv:2: quote opened here is never closed"));
    CHECK_FALSE(parseCsv("", "c.csv"));
}

TEST_CASE("DomiFa JSON: GET /search-usagers with options, decision and lastInteraction") {
    auto r = parseDomifaJson(R"({"usagersRadiesTotalCount": 1600, "usagers": [
      {"ref": 12, "customRef": "12", "nom": "HAMIDI", "prenom": "Karim", "surnom": null,
       "dateNaissance": "1977-10-10T00:00:00.000Z", "statut": "VALIDE",
       "decision": {"statut": "VALIDE", "dateDebut": "2026-01-01T00:00:00.000Z", "dateFin": "2027-01-01T00:00:00.000Z"},
       "ayantsDroits": [{"nom": "HAMIDI", "prenom": "Sami", "dateNaissance": "2012-03-03T00:00:00.000Z", "lien": "ENFANT"}],
       "options": {"procurations": [{"nom": "LEROY", "prenom": "Marc", "dateNaissance": "1970-01-01T00:00:00.000Z",
                                     "dateDebut": "2026-01-01T00:00:00.000Z", "dateFin": "2026-12-31T00:00:00.000Z"}],
                   "transfert": {"actif": false, "nom": null, "adresse": null},
                   "npai": {"actif": true, "dateDebut": "2026-10-01T00:00:00.000Z"}},
       "telephone": {"countryCode": "fr", "numero": "0600000000"},
       "lastInteraction": {"dateInteraction": "2026-11-20T09:30:00.000Z", "enAttente": true,
                           "courrierIn": 2, "recommandeIn": 1, "colisIn": 0}}
    ]})",
                             "usagers.json");
    REQUIRE(r);
    REQUIRE(r->dossiers.size() == 1);
    const Dossier& d = r->dossiers[0];
    CHECK(d.ref == 12);
    CHECK(d.surnom.empty());
    CHECK(d.dateFin == parseDate("2027-01-01"));
    CHECK(d.procurations.at(0).dateFin == parseDate("2026-12-31"));
    CHECK(d.npai.actif);
    CHECK(d.pending == PendingCounts{2, 1, 0});
    CHECK(d.lastVisit == parseInstant("2026-11-20T09:30:00Z"));
}

TEST_CASE("DomiFa JSON: errors name the usager and the field, nothing is imported") {
    auto bad = parseDomifaJson(R"({"usagers": [{"ref": 1, "nom": "A", "prenom": "B", "statut": "VALIDE"},
                                               {"ref": "two", "nom": "C"},
                                               {"ref": 3, "nom": "D", "statut": "VALIDE", "dateNaissance": "hier"}]})",
                               "u.json");
    REQUIRE_FALSE(bad);
    CHECK_THAT(bad.error().message, Catch::Contains("usager #1") && Catch::Contains("\"ref\""));
    CHECK_THAT(bad.error().message, Catch::Contains("usager #2 (ref 3)") && Catch::Contains("dateNaissance"));
    auto broken = parseDomifaJson(R"({"usagers": [{"ref": 1,)", "u.json");
    REQUIRE_FALSE(broken);
    CHECK_THAT(broken.error().message, Catch::Contains("u.json: not valid JSON"));
}

TEST_CASE("readDirectoryFile picks the format from the content and names unreadable files") {
    test::TempDir dir;
    std::ofstream(dir.file("a.json"))
        << R"([{"ref": 5, "nom": "LE GOFF", "prenom": "Yann", "statut": "VALIDE"}])";
    std::ofstream(dir.file("a.csv")) << "ref,nom,prenom\n5,LE GOFF,Yann\n";
    std::ofstream(dir.file("empty.csv")) << "  \n";
    CHECK(readDirectoryFile(dir.file("a.json"))->dossiers.at(0).nom == "LE GOFF");
    CHECK(readDirectoryFile(dir.file("a.csv"))->dossiers.at(0).nom == "LE GOFF");
    CHECK_THAT(readDirectoryFile(dir.file("empty.csv")).error().message, Catch::Contains("empty"));
    CHECK_THAT(readDirectoryFile(dir.file("missing.csv")).error().message,
               Catch::Contains("missing.csv: cannot open"));
}

TEST_CASE("CSV: a procuration may carry the period it is valid in") {
    auto r = parseCsv("ref,nom,prenom,procurations\n"
                      "1,DUPONT,Jean,Marc LEROY (2026-01-01..2027-06-30);Awa FALL\n",
                      "p.csv");
    REQUIRE(r);
    REQUIRE(r->dossiers.size() == 1);
    const auto& p = r->dossiers[0].procurations;
    REQUIRE(p.size() == 2);
    CHECK(p[0].nom == "LEROY");
    CHECK(p[0].prenom == "Marc");
    CHECK(p[0].dateDebut == parseDate("2026-01-01"));
    CHECK(p[0].dateFin == parseDate("2027-06-30"));
    CHECK_FALSE(p[1].dateDebut); // kept, but never valid for a hand-over
    auto bad =
        parseCsv("ref,nom,prenom,procurations\n1,DUPONT,Jean,Marc LEROY (2027-06-30..2026-01-01)\n", "p.csv");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("p.csv:2") != std::string::npos);
    CHECK(bad.error().message.find("start before end") != std::string::npos);
}
