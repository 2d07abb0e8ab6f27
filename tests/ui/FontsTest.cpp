#include "guichet/ui/Fonts.hpp"

#include "guichet/ui/Context.hpp"
#include "guichet/ui/Language.hpp"
#include "guichet/ui/Shaping.hpp"
#include "guichet/ui/Strings.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>
#include <string>

using namespace guichet::ui;

TEST_CASE("text sizes follow the window height and the DPI factor") {
    struct Row {
        float height;
        float dpi;
        FontSizes expected;
    };
    const Row rows[] = {
        {800, 1.0f, {27, 54}},  // the kiosk's 1280 x 800
        {1080, 1.0f, {37, 74}}, // a full-HD screen
        {600, 1.0f, {20, 40}},  // a 1024 x 600 panel
        {800, 2.0f, {54, 108}}, // "200 %"
        {300, 1.0f, {16, 32}},  // never under 16 px
        {800, 0.0f, {27, 54}},  // an unknown DPI factor counts as 1
    };
    for (const Row& row : rows) {
        INFO("height " << row.height << ", dpi " << row.dpi);
        const FontSizes sizes = fontSizesFor(row.height, row.dpi);
        CHECK(sizes.normal == row.expected.normal);
        CHECK(sizes.large == row.expected.large);
    }
}

TEST_CASE("both fonts have a glyph for every sentence and language name") {
    auto context = Context::create({});
    REQUIRE(context.has_value());
    const Fonts& fonts = (*context)->fonts();
    REQUIRE(fonts.normal != nullptr);
    REQUIRE(fonts.large != nullptr);
    for (const ImFont* font : {fonts.normal, fonts.large}) {
        for (Language language : kLanguages) {
            INFO(nativeName(language));
            CHECK(fontCovers(*font, visualLine(nativeName(language), language)));
            for (std::size_t k = 0; k < kTextCount; ++k) {
                // What ImGui draws: Arabic in its joined presentation forms.
                const std::string sentence = visualLine(text(static_cast<Text>(k), language), language);
                INFO(sentence);
                CHECK(fontCovers(*font, sentence));
            }
        }
        // What French, Romanian and Ukrainian text and prices need beyond the tables today.
        CHECK(fontCovers(*font, "— € œ Œ « » ’ … ă â î ș ț Ș Ț ÿ Ÿ ç É À ґ Ґ є Є і ї Ї ✓"));
    }
}

TEST_CASE("a character outside the loaded ranges is reported, not drawn as a silent question mark") {
    auto context = Context::create({});
    REQUIRE(context.has_value());
    const Fonts& fonts = (*context)->fonts();
    CHECK_FALSE(fontCovers(*fonts.normal, "שלום"));         // Hebrew: not loaded
    CHECK_FALSE(fontCovers(*fonts.normal, "\u4E2D\u6587")); // CJK
    CHECK(fontCovers(*fonts.normal, ""));
}

TEST_CASE("a missing font folder is an error, not a crash") {
    ContextOptions options;
    options.fontFolder = "/nonexistent/fonts";
    auto context = Context::create(options);
    REQUIRE_FALSE(context.has_value());
    CHECK(context.error().message.find("DejaVuSans.ttf") != std::string::npos);
}
