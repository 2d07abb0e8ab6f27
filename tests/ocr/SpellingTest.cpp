#include "guichet/match/Spelling.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

using namespace guichet;
using namespace guichet::match;

namespace {

/// One step: the listed letters ('_' = no letter) at the given probabilities, the rest 0.
LetterStep step(std::initializer_list<std::pair<char, float>> choices) {
    LetterStep s{};
    for (auto [c, p] : choices)
        s[static_cast<size_t>(c == '_' ? kNoLetter : c - 'a')] += p;
    return s;
}

/// A word as an LSTM reports it: a gap, then each letter over two steps with a gap after, each
/// step holding `alternatives` beside the letter read (a weaker second choice).
LetterSteps word(const std::string& read, const std::string& alternatives = "", float second = 0.3f) {
    LetterSteps w{step({{'_', 1.0f}})};
    for (size_t i = 0; i < read.size(); ++i) {
        const char alt = i < alternatives.size() ? alternatives[i] : ' ';
        const auto letter =
            alt == ' ' ? step({{read[i], 1.0f}}) : step({{read[i], 1 - second}, {alt, second}});
        w.push_back(letter);
        w.push_back(letter);
        w.push_back(step({{'_', 1.0f}}));
    }
    return w;
}

Dossier person(DossierRef ref, const char* nom, const char* prenom) {
    Dossier d;
    d.ref = ref;
    d.nom = nom;
    d.prenom = prenom;
    return d;
}

} // namespace

TEST_CASE("what was read spells at no cost, a letter not seen costs about 5.5") {
    const LineSteps line{word("martin"), word("paul")};
    CHECK(spellingCost(line, "martinpaul") == Approx(0.0).margin(1e-9));
    CHECK(spellingCost(line, "paulmartin") < -20);
    // One letter not among the characters seen: log(0.003) ≈ −5.8 per step it takes.
    CHECK(spellingCost(line, "martinpaol") < -5);
    CHECK(spellingCost(line, "martinpaol") > -12);
    // Whole words only: "martin" is not spelled inside "martinez".
    CHECK(spellingCost({word("martinez")}, "martin") < -5);
    // The words before and after are free (a civility, a stamp).
    CHECK(spellingCost({word("mme"), word("martin"), word("paul"), word("xyz")}, "martinpaul") ==
          Approx(0.0).margin(1e-9));
}

TEST_CASE("a misread letter whose right reading was a second choice costs little") {
    // "HEZIANE" with M as second choice at 30 %: log(0.3 / 0.7) ≈ −0.85 on each of its two steps.
    const LineSteps line{word("heziane", "m")};
    const double cost = spellingCost(line, "meziane");
    CHECK(cost > -2.0);
    CHECK(cost < -1.0);
    CHECK(spellingCost(line, "heziane") == Approx(0.0).margin(1e-9));
}

TEST_CASE("double letters need the gap the recogniser sees between them") {
    CHECK(spellingCost({word("bonnet")}, "bonnet") == Approx(0.0).margin(1e-9));
    CHECK(spellingCost({word("bonet")}, "bonnet") < -5);
}

TEST_CASE("the directory's names are spelled in both orders, homonyms share a name") {
    const std::vector<Dossier> dossiers{person(1, "MEZIANE", "Yusuf"), person(2, "MEZIANE", "Yusuf"),
                                        person(3, "MEZIANE", "Bogdan"), person(4, "KONÉ", "Marie")};
    const Spellings spellings(dossiers);
    CHECK(spellings.size() == 6);
    const std::vector<LineSteps> lines{{word("monsieur")}, {word("yutuf", "  s"), word("heziane", "m")}};
    const auto hits = spellings.best(lines, -10.0);
    REQUIRE(hits.size() >= 2);
    CHECK(hits[0].dossier == 1);
    CHECK(hits[1].dossier == 2);
    CHECK(hits[0].name == hits[1].name);
    CHECK(hits[0].line == 1);
    CHECK(hits[0].cost > -4.0);
    for (const auto& h : hits)
        CHECK(h.dossier != 4);
    // Nothing spelled well enough: nothing listed.
    CHECK(spellings.best({{word("qwxz")}}, -10.0).empty());
}

TEST_CASE("a directory too large to spell whole spells only the dossiers the readings found") {
    std::vector<Dossier> dossiers;
    // More than Spellings::kWholeScan names (two orders each): "NOMn PRENOMn" with letters only.
    const auto letters = [](size_t n) {
        std::string s;
        for (; s.size() < 4 || n > 0; n /= 26)
            s += static_cast<char>('A' + n % 26);
        return s;
    };
    const size_t count = Spellings::kWholeScan / 2 + 100;
    for (size_t i = 0; i < count; ++i)
        dossiers.push_back(person(static_cast<DossierRef>(i + 1), ("X" + letters(i)).c_str(), "Yusuf"));
    dossiers.push_back(person(999999, "MEZIANE", "Yusuf"));
    const Spellings spellings(dossiers);
    REQUIRE(spellings.size() > Spellings::kWholeScan);
    const std::vector<LineSteps> lines{{word("heziane", "m"), word("yusuf")}};
    CHECK(spellings.best(lines, -10.0).empty()); // nothing asked for
    const auto hits = spellings.best(lines, -10.0, {5, 999999});
    REQUIRE_FALSE(hits.empty());
    CHECK(hits.front().dossier == 999999);
    CHECK(hits.front().cost > -2.0);
}
