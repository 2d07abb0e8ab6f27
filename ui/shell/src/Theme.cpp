#include "guichet/ui/Theme.hpp"

#include <algorithm>
#include <cmath>
#include <imgui.h>

namespace guichet::ui {
namespace {

constexpr Rgb kPaper{0xF7, 0xF4, 0xEC};
constexpr Rgb kInk{0x14, 0x17, 0x1C};
constexpr Rgb kQuietInk{0x3B, 0x40, 0x48};
constexpr Rgb kNavy{0x1D, 0x35, 0x57};
constexpr Rgb kNavyLight{0x2C, 0x4A, 0x75};
constexpr Rgb kNavyDark{0x0E, 0x1F, 0x36};
constexpr Rgb kWhite{0xFF, 0xFF, 0xFF};
constexpr Rgb kSun{0xFF, 0xD2, 0x3F};
constexpr Rgb kSand{0xE4, 0xDD, 0xCB};
constexpr Rgb kSandDark{0xD6, 0xCD, 0xB5};
constexpr Rgb kRust{0xA3, 0x20, 0x0A};
constexpr Rgb kOrange{0xC2, 0x41, 0x0C};

double linear(std::uint8_t channel) {
    const double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

ImVec4 vec(Rgb colour, float alpha = 1.0f) {
    return {static_cast<float>(colour.r) / 255.0f, static_cast<float>(colour.g) / 255.0f,
            static_cast<float>(colour.b) / 255.0f, alpha};
}

} // namespace

const Palette& highContrastPalette() {
    static const Palette palette{
        .page = {kInk, kPaper},
        .pageQuiet = {kQuietInk, kPaper},
        .button = {kWhite, kNavy},
        .buttonHovered = {kWhite, kNavyLight},
        .buttonPressed = {kWhite, kNavyDark},
        .selected = {kInk, kSun},
        .secondary = {kInk, kPaper},
        .secondaryActive = {kInk, kSand},
        .focusRing = kRust,
        .border = kInk,
        .pictogram = kNavy,
        .pictogramAccent = kOrange,
    };
    return palette;
}

double relativeLuminance(Rgb colour) {
    return 0.2126 * linear(colour.r) + 0.7152 * linear(colour.g) + 0.0722 * linear(colour.b);
}

double contrastRatio(Rgb a, Rgb b) {
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::vector<NamedInk> textPairs(const Palette& palette) {
    return {{"page", palette.page},
            {"pageQuiet", palette.pageQuiet},
            {"button", palette.button},
            {"buttonHovered", palette.buttonHovered},
            {"buttonPressed", palette.buttonPressed},
            {"selected", palette.selected},
            {"secondary", palette.secondary},
            {"secondaryActive", palette.secondaryActive}};
}

std::vector<NamedColour> nonTextColours(const Palette& palette) {
    return {{"focusRing", palette.focusRing},
            {"border", palette.border},
            {"pictogram", palette.pictogram},
            {"pictogramAccent", palette.pictogramAccent}};
}

std::uint32_t packColour(Rgb colour, std::uint8_t alpha) {
    return static_cast<std::uint32_t>(alpha) << 24 | static_cast<std::uint32_t>(colour.b) << 16 |
           static_cast<std::uint32_t>(colour.g) << 8 | static_cast<std::uint32_t>(colour.r);
}

void applyTheme(const Palette& palette, float scale) {
    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    // ImGui draws every widget's text in ImGuiCol_Text, so each fill it draws text on is a light
    // one taken from an Ink whose text is the page ink; ui_shell_tests checks these pairs too.
    ImVec4* colours = style.Colors;
    colours[ImGuiCol_Text] = vec(palette.page.text);
    colours[ImGuiCol_TextDisabled] = vec(palette.pageQuiet.text);
    colours[ImGuiCol_WindowBg] = vec(palette.page.background);
    colours[ImGuiCol_ChildBg] = vec(palette.page.background);
    colours[ImGuiCol_PopupBg] = vec(palette.page.background);
    colours[ImGuiCol_Border] = vec(palette.border);
    colours[ImGuiCol_FrameBg] = vec(kWhite);
    colours[ImGuiCol_FrameBgHovered] = vec(palette.secondaryActive.background);
    colours[ImGuiCol_FrameBgActive] = vec(palette.selected.background);
    colours[ImGuiCol_TitleBg] = vec(palette.secondaryActive.background);
    colours[ImGuiCol_TitleBgActive] = vec(palette.selected.background);
    colours[ImGuiCol_TitleBgCollapsed] = vec(palette.secondaryActive.background);
    colours[ImGuiCol_MenuBarBg] = vec(palette.secondaryActive.background);
    colours[ImGuiCol_Button] = vec(palette.secondaryActive.background);
    colours[ImGuiCol_ButtonHovered] = vec(kSandDark);
    colours[ImGuiCol_ButtonActive] = vec(palette.selected.background);
    colours[ImGuiCol_Header] = vec(palette.secondaryActive.background);
    colours[ImGuiCol_HeaderHovered] = vec(kSandDark);
    colours[ImGuiCol_HeaderActive] = vec(palette.selected.background);
    colours[ImGuiCol_Tab] = vec(palette.secondaryActive.background);
    colours[ImGuiCol_TabHovered] = vec(kSandDark);
    colours[ImGuiCol_TabActive] = vec(palette.selected.background);
    colours[ImGuiCol_TableHeaderBg] = vec(palette.secondaryActive.background);
    colours[ImGuiCol_TextSelectedBg] = vec(palette.selected.background);
    colours[ImGuiCol_CheckMark] = vec(palette.page.text);
    colours[ImGuiCol_SliderGrab] = vec(palette.button.background);
    colours[ImGuiCol_SliderGrabActive] = vec(palette.buttonPressed.background);
    colours[ImGuiCol_NavHighlight] = vec(palette.focusRing);
    colours[ImGuiCol_Separator] = vec(palette.border);

    style.WindowBorderSize = 0.0f;
    style.FrameBorderSize = 2.0f;
    style.WindowPadding = {24.0f, 24.0f};
    style.FramePadding = {16.0f, 12.0f};
    style.ItemSpacing = {16.0f, 16.0f};
    style.ItemInnerSpacing = {12.0f, 12.0f};
    style.FrameRounding = 8.0f;
    style.GrabMinSize = 24.0f;
    style.ScrollbarSize = 24.0f;
    // A finger is wider than a pointer: widgets react a little beyond their edges.
    style.TouchExtraPadding = {4.0f, 4.0f};
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

} // namespace guichet::ui
