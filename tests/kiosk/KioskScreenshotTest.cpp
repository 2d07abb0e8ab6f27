// Every screen of the kiosk in every language, at the kiosk's standard text size (1.3: capitals
// of 6.5 mm at 100 ppi) and the larger one (1.6), 1280 x 800, compared with the committed
// references in tests/kiosk/screenshots/kiosk-<screen>-<lang>[-large].png (tolerance: see
// ui/Screenshot.hpp). The standard size is published in docs/screenshots/.
#include "KioskSessions.hpp"
#include "guichet/kiosk/screens/KioskScreens.hpp"
#include "guichet/ui/Screenshot.hpp"
#include "guichet/ui/Window.hpp"

#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>

using namespace guichet;
using namespace guichet::kiosk;
using namespace guichet::kiosk::test;

namespace {

const std::filesystem::path kSource = GUICHET_SOURCE_DIR;

std::string screenName(State state) {
    std::string name;
    for (char c : stateName(state)) {
        if (std::isupper(static_cast<unsigned char>(c)) && !name.empty()) name += '-';
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return name;
}

void checkAll(float dpiScale, const std::string& suffix) {
    ui::WindowOptions options;
    options.context.width = 1280;
    options.context.height = 800;
    options.context.dpiScale = dpiScale;
    options.vsync = false;
    auto window = ui::Window::open(options);
    if (!window) FAIL(window.error().message);
    for (State state : kStates)
        for (ui::Language language : ui::kLanguages) {
            const Session s = sessionOn(state, language);
            const std::vector<ui::FrameInput> settle(3);
            const ui::Image shot = ui::renderFrames(
                **window, [&](const ui::Frame& frame) { (void)kioskScreen(s, frame, 14'000ms); }, settle);
            const std::string name = "kiosk-" + screenName(state) + "-" +
                                     std::string(ui::languageCode(language)) + suffix + ".png";
            const auto published =
                suffix.empty() ? kSource / "docs/screenshots" / name : std::filesystem::current_path() / name;
            const auto check =
                ui::checkScreenshot(shot, {kSource / "tests/kiosk/screenshots" / name, published});
            INFO(check.message);
            CHECK(check.matches);
        }
}

} // namespace

TEST_CASE("every kiosk screen looks as committed, in every language, standard text size") {
    checkAll(1.3f, "");
}

TEST_CASE("every kiosk screen looks as committed, in every language, large text size") {
    checkAll(1.6f, "-large");
}

TEST_CASE("the kiosk's device notices look as committed: camera gone, printer out of paper") {
    ui::WindowOptions options;
    options.context.width = 1280;
    options.context.height = 800;
    options.context.dpiScale = 1.3f;
    options.vsync = false;
    auto window = ui::Window::open(options);
    if (!window) FAIL(window.error().message);
    Session camera = sessionOn(State::Welcome, ui::Language::French);
    camera.devices.cameraWorks = false;
    Session paper = sessionOn(State::YourMail, ui::Language::French);
    paper.devices.paperOut = true;
    for (const auto& [session, name] : {std::pair{camera, "kiosk-welcome-camera-gone-fr.png"},
                                        std::pair{paper, "kiosk-your-mail-no-paper-fr.png"}}) {
        const std::vector<ui::FrameInput> settle(3);
        const Session s = session;
        const ui::Image shot = ui::renderFrames(
            **window, [&](const ui::Frame& frame) { (void)kioskScreen(s, frame, 14'000ms); }, settle);
        const auto check = ui::checkScreenshot(
            shot, {kSource / "tests/kiosk/screenshots" / name, kSource / "docs/screenshots" / name});
        INFO(check.message);
        CHECK(check.matches);
    }
}
