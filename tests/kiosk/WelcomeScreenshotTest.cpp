// The Welcome screen as people see it, in every language, at the kiosk's 1280 x 800. Runs under
// SDL_VIDEODRIVER=offscreen (set by CTest). Writes docs/screenshots/kiosk-welcome-<lang>.png and
// compares with tests/kiosk/screenshots/kiosk-welcome-<lang>.png; see ui/Screenshot.hpp to update.
#include "guichet/kiosk/screens/WelcomeScreen.hpp"
#include "guichet/ui/Screenshot.hpp"
#include "guichet/ui/Window.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

using namespace guichet;
using namespace guichet::kiosk;

namespace {

const std::filesystem::path kSource = GUICHET_SOURCE_DIR;

std::string shotName(ui::Language language) {
    return "kiosk-welcome-" + std::string(ui::languageCode(language)) + ".png";
}

std::unique_ptr<ui::Window> openKioskWindow() {
    ui::WindowOptions options;
    options.title = "Guichet kiosk";
    options.context.width = 1280;
    options.context.height = 800;
    options.context.dpiScale = 1.3f; // the kiosk's standard text size (guichet-kiosk --text-scale)
    options.vsync = false;
    auto window = ui::Window::open(options);
    if (!window) FAIL(window.error().message);
    return std::move(*window);
}

ui::Image shoot(ui::Window& window, const WelcomeView& view) {
    const std::vector<ui::FrameInput> settle(3);
    return ui::renderFrames(
        window, [&](const ui::Frame& frame) { (void)welcomeScreen(view, frame); }, settle);
}

} // namespace

TEST_CASE("the Welcome screen looks as committed in every language") {
    auto window = openKioskWindow();
    for (ui::Language language : ui::kLanguages) {
        const ui::Image shot = shoot(*window, {language, languageTarget(language)});
        REQUIRE(shot.width == 1280);
        REQUIRE(shot.height == 800);
        const auto check =
            ui::checkScreenshot(shot, {kSource / "tests/kiosk/screenshots" / shotName(language),
                                       kSource / "docs/screenshots" / shotName(language)});
        INFO(check.message);
        CHECK(check.matches);
    }
}

TEST_CASE("the keyboard focus shows on its own, apart from the chosen language") {
    auto window = openKioskWindow();
    const ui::Image shot = shoot(*window, {ui::Language::French, kTypeCodeTarget});
    const std::string name = "kiosk-welcome-fr-focus.png";
    const auto check = ui::checkScreenshot(
        shot, {kSource / "tests/kiosk/screenshots" / name, kSource / "docs/screenshots" / name});
    INFO(check.message);
    CHECK(check.matches);
}

TEST_CASE("the screenshot tolerance catches another language and a layout moved by 8 pixels") {
    const ui::Tolerance tolerance;
    auto french = ui::readPng(kSource / "tests/kiosk/screenshots" / shotName(ui::Language::French));
    auto english = ui::readPng(kSource / "tests/kiosk/screenshots" / shotName(ui::Language::English));
    REQUIRE(french.has_value());
    REQUIRE(english.has_value());
    const auto languages = ui::compareImages(*french, *english, tolerance.channelThreshold);
    INFO("fr against en: " << languages.differingShare * 100 << " %");
    CHECK(languages.differingShare > tolerance.maxShare);

    ui::Image moved = *french;
    const auto row = static_cast<std::size_t>(moved.width) * 4;
    const std::size_t shift = 8 * 4;
    for (std::size_t y = 0; y < static_cast<std::size_t>(moved.height); ++y) {
        auto* line = moved.rgba.data() + y * row;
        std::copy_backward(line, line + row - shift, line + row);
    }
    const auto shifted = ui::compareImages(*french, moved, tolerance.channelThreshold);
    INFO("fr against itself moved right: " << shifted.differingShare * 100 << " %");
    CHECK(shifted.differingShare > tolerance.maxShare);
}

TEST_CASE("a tap on a language button shows it pressed, then chosen") {
    auto window = openKioskWindow();
    WelcomeView view;
    const WelcomeLayout layout = layoutWelcome(1280, 800, window->frame().pixelsPerMm);
    const ui::Point romanian = layout.languageButtons[languageTarget(ui::Language::Romanian)].center();
    std::vector<WelcomeIntent> intents;
    const auto draw = [&](const ui::Frame& frame) {
        auto got = welcomeScreen(view, frame);
        intents.insert(intents.end(), got.begin(), got.end());
    };
    const ui::Image before = shoot(*window, view);
    const std::vector<ui::FrameInput> pressing{{}, {}, {romanian, false, {}, {}}, {romanian, true, {}, {}}};
    const ui::Image pressed = ui::renderFrames(*window, draw, pressing);
    CHECK(intents.empty());
    // The pressed button is darker: its pixels changed, nothing else did much.
    const auto pressedDifference = ui::compareImages(before, pressed, 16);
    CHECK(pressedDifference.differingPixels > 5000);
    CHECK(pressedDifference.differingShare < 0.05);

    const std::vector<ui::FrameInput> release{{romanian, false, {}, {}}};
    ui::renderFrames(*window, draw, release);
    REQUIRE(intents == std::vector<WelcomeIntent>{ChooseLanguage{ui::Language::Romanian}});
    view = applyWelcomeIntent(view, intents.front());
    const ui::Image after = shoot(*window, view);
    auto reference = ui::readPng(kSource / "tests/kiosk/screenshots" / shotName(ui::Language::Romanian));
    REQUIRE(reference.has_value());
    const ui::Tolerance tolerance;
    // Chosen by a tap, Romanian looks as when the kiosk starts in Romanian.
    CHECK(ui::compareImages(after, *reference, tolerance.channelThreshold).differingShare <=
          tolerance.maxShare);
}
