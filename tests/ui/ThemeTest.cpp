#include "guichet/ui/Theme.hpp"

#include "guichet/ui/Context.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <imgui.h>

using namespace guichet::ui;

namespace {

Rgb rgb(const ImVec4& c) {
    auto channel = [](float v) { return static_cast<std::uint8_t>(std::lround(v * 255.0f)); };
    return {channel(c.x), channel(c.y), channel(c.z)};
}

} // namespace

TEST_CASE("WCAG contrast ratios of known colours") {
    CHECK(contrastRatio({0, 0, 0}, {255, 255, 255}) == Approx(21.0));
    CHECK(contrastRatio({255, 255, 255}, {0, 0, 0}) == Approx(21.0));
    CHECK(contrastRatio({0x77, 0x77, 0x77}, {255, 255, 255}) == Approx(4.48).margin(0.01));
    CHECK(contrastRatio({12, 34, 56}, {12, 34, 56}) == Approx(1.0));
    CHECK(relativeLuminance({255, 255, 255}) == Approx(1.0));
    CHECK(relativeLuminance({0, 0, 0}) == Approx(0.0));
}

TEST_CASE("every text and background pair of the palette reaches 7 to 1") {
    const Palette& palette = highContrastPalette();
    const auto pairs = textPairs(palette);
    CHECK(pairs.size() == 8);
    for (const NamedInk& pair : pairs) {
        INFO(pair.name << ": " << contrastRatio(pair.ink.text, pair.ink.background) << ":1");
        CHECK(contrastRatio(pair.ink.text, pair.ink.background) >= 7.0);
    }
}

TEST_CASE("colours without text stand out from the page by 3 to 1") {
    const Palette& palette = highContrastPalette();
    for (const NamedColour& colour : nonTextColours(palette)) {
        INFO(colour.name << ": " << contrastRatio(colour.colour, palette.page.background) << ":1");
        CHECK(contrastRatio(colour.colour, palette.page.background) >= 3.0);
    }
    // The chosen option and a button at rest differ by more than their colour (a check mark), but
    // the fills still differ clearly.
    CHECK(contrastRatio(palette.selected.background, palette.button.background) >= 3.0);
}

TEST_CASE("ImGui's own widgets draw their text at 7 to 1 or more under the theme") {
    auto context = Context::create({});
    REQUIRE(context.has_value());
    const ImGuiStyle& style = ImGui::GetStyle();
    const Rgb text = rgb(style.Colors[ImGuiCol_Text]);
    // The fills ImGui draws ImGuiCol_Text on (windows, popups, fields, buttons, headers, tabs,
    // title bars, selections).
    for (ImGuiCol fill : {ImGuiCol_WindowBg,
                          ImGuiCol_ChildBg,
                          ImGuiCol_PopupBg,
                          ImGuiCol_FrameBg,
                          ImGuiCol_FrameBgHovered,
                          ImGuiCol_FrameBgActive,
                          ImGuiCol_TitleBg,
                          ImGuiCol_TitleBgActive,
                          ImGuiCol_TitleBgCollapsed,
                          ImGuiCol_MenuBarBg,
                          ImGuiCol_Button,
                          ImGuiCol_ButtonHovered,
                          ImGuiCol_ButtonActive,
                          ImGuiCol_Header,
                          ImGuiCol_HeaderHovered,
                          ImGuiCol_HeaderActive,
                          ImGuiCol_Tab,
                          ImGuiCol_TabHovered,
                          ImGuiCol_TabActive,
                          ImGuiCol_TableHeaderBg,
                          ImGuiCol_TextSelectedBg}) {
        INFO(ImGui::GetStyleColorName(fill) << ": " << contrastRatio(text, rgb(style.Colors[fill])) << ":1");
        CHECK(style.Colors[fill].w == 1.0f); // an opaque fill, or the ratio would depend on what is under it
        CHECK(contrastRatio(text, rgb(style.Colors[fill])) >= 7.0);
    }
    const Rgb disabled = rgb(style.Colors[ImGuiCol_TextDisabled]);
    CHECK(contrastRatio(disabled, rgb(style.Colors[ImGuiCol_WindowBg])) >= 7.0);
}

TEST_CASE("colours pack in ImGui's byte order") {
    CHECK(packColour({0x11, 0x22, 0x33}) == IM_COL32(0x11, 0x22, 0x33, 0xFF));
    CHECK(packColour({0x11, 0x22, 0x33}, 0x80) == IM_COL32(0x11, 0x22, 0x33, 0x80));
}
