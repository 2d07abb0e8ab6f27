// Arabic as ImGui must draw it: joined letters (presentation forms) in visual order (FriBidi);
// lines broken on the logical text.
#include "guichet/ui/Shaping.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace guichet::ui;

TEST_CASE("Arabic letters are joined and put right to left") {
    // مرحبا = meem reh hah beh alef: meem initial, reh final (it does not join on), hah initial,
    // beh medial, alef final; drawn from the left starting with the last letter.
    CHECK(visualLine("مرحبا", Language::Arabic) == "\uFE8E\uFE92\uFEA3\uFEAE\uFEE3");
    // lam + alef is one ligature.
    CHECK(visualLine("لا", Language::Arabic) == "\uFEFB");
    // A lone letter keeps its isolated form.
    CHECK(visualLine("ب", Language::Arabic) == "\uFE8F");
}

TEST_CASE("digits and Latin inside Arabic keep their own direction") {
    // "رقمك هو 12." — the number reads 12, not 21, and the sentence's full stop ends on the left.
    const std::string visual = visualLine("رقمك هو 12.", Language::Arabic);
    CHECK(visual.find("12") != std::string::npos);
    CHECK(visual.find("21") == std::string::npos);
    CHECK(visual.front() == '.');
}

TEST_CASE("left-to-right text is left as it is") {
    CHECK(visualLine("Montrez votre carte", Language::French) == "Montrez votre carte");
    CHECK(visualLine("Покажіть свою картку", Language::Ukrainian) == "Покажіть свою картку");
    CHECK(visualLine("", Language::Arabic).empty());
}

TEST_CASE("lines are broken on the logical text, first words on the first line") {
    const auto measure = [](std::string_view visual) { return static_cast<float>(visual.size()); };
    const auto lines = wrapLines("aa bb cc dd", 5.0f, Language::French, measure);
    CHECK(lines == std::vector<std::string>{"aa bb", "cc dd"});
    const auto arabic = wrapLines("أظهر بطاقتك أمام الكاميرا", 24.0f, Language::Arabic, measure);
    REQUIRE(arabic.size() >= 2);
    CHECK(arabic.front().rfind("أظهر", 0) == 0); // the sentence's first word starts the first line
    CHECK(wrapLines("one\ntwo", 100.0f, Language::English, measure) ==
          std::vector<std::string>{"one", "two"});
    CHECK(wrapLines("unbreakable", 3.0f, Language::English, measure) ==
          std::vector<std::string>{"unbreakable"});
}
