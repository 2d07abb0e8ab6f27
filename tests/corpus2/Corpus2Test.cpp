#include "guichet/corpus2/Corpus2.hpp"

#include <catch2/catch.hpp>
#include <set>

using namespace guichet::corpus2;

TEST_CASE("corpus2 directory: header, diversity, homonyms and struck-off dossiers", "[corpus2]") {
    const Directory d = makeDirectory(1, 300);
    REQUIRE(d.people.size() == 300);
    CHECK(d.csv().rfind("ref,customRef,nom,prenom,surnom,dateNaissance,statut,ayantsDroits,procurations\n",
                        0) == 0);
    std::set<std::string> origins;
    std::set<std::int64_t> refs;
    int homonyms = 0, radie = 0, nicknames = 0, twoLetters = 0;
    for (const auto& p : d.people) {
        origins.insert(p.origin);
        refs.insert(p.ref);
        homonyms += p.homonymOf >= 0;
        radie += p.statut == "RADIE";
        nicknames += !p.surnom.empty();
        twoLetters += p.nom.size() <= 4 && p.nom.find(' ') == std::string::npos;
    }
    CHECK(origins.size() >= 20);
    CHECK(refs.size() == d.people.size());
    CHECK(homonyms >= 2);
    CHECK(radie >= 1);
    CHECK(nicknames >= 10);
    CHECK(twoLetters >= 1);
}

TEST_CASE("corpus2 envelopes and cards are the same for the same seed and index", "[corpus2]") {
    const Directory d = makeDirectory(3, 60);
    const Envelope a = makeEnvelope(d, 3, 5), b = makeEnvelope(d, 3, 5);
    CHECK(a.encoded == b.encoded);
    CHECK(toJson(a.truth) == toJson(b.truth));
    CHECK_FALSE(a.encoded.empty());
    const Card c = makeCard(3, 1), e = makeCard(3, 1);
    CHECK(c.encoded == e.encoded);
    CHECK(c.truth.text.size() == 120);
}

TEST_CASE("corpus2 truth names a dossier of the directory, or none for the absent", "[corpus2]") {
    const Directory d = makeDirectory(2, 80);
    std::set<std::int64_t> refs;
    for (const auto& p : d.people)
        refs.insert(p.ref);
    for (int i = 0; i < 6; ++i) {
        const Envelope e = makeEnvelope(d, 2, i);
        if (e.truth.dossier)
            CHECK(refs.count(*e.truth.dossier) == 1);
        else
            CHECK_FALSE(e.truth.absentKind.empty());
        CHECK_FALSE(e.truth.lines.empty());
    }
}
