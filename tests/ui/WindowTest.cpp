// Runs under SDL_VIDEODRIVER=offscreen (set by CTest): a real SDL2 + OpenGL3 window, no display.
#include "guichet/ui/Window.hpp"

#include "guichet/ui/Screenshot.hpp"

#include <SDL.h>
#include <catch2/catch.hpp>
#include <imgui.h>

using namespace guichet::ui;

namespace {

WindowOptions smallWindow() {
    WindowOptions options;
    options.context.width = 320;
    options.context.height = 200;
    options.vsync = false;
    return options;
}

std::array<std::uint8_t, 3> pixel(const Image& image, int x, int y) {
    const auto p = static_cast<std::size_t>((y * image.width + x) * 4);
    return {image.rgba[p], image.rgba[p + 1], image.rgba[p + 2]};
}

} // namespace

TEST_CASE("an offscreen window renders and reads back what was drawn, top row first") {
    auto window = Window::open(smallWindow());
    REQUIRE(window.has_value());
    const auto draw = [](const Frame&) {
        ImDrawList& list = *ImGui::GetForegroundDrawList();
        list.AddRectFilled({10, 20}, {60, 40}, IM_COL32(255, 0, 0, 255));
        list.AddRectFilled({200, 150}, {300, 190}, IM_COL32(0, 0, 255, 255));
    };
    const Image shot = renderFrames(**window, draw, {});
    REQUIRE(shot.width == 320);
    REQUIRE(shot.height == 200);
    CHECK(pixel(shot, 30, 30) == std::array<std::uint8_t, 3>{255, 0, 0});
    CHECK(pixel(shot, 250, 170) == std::array<std::uint8_t, 3>{0, 0, 255});
    const Rgb page = highContrastPalette().page.background;
    CHECK(pixel(shot, 5, 5) == std::array<std::uint8_t, 3>{page.r, page.g, page.b});
    CHECK(pixel(shot, 100, 100) == std::array<std::uint8_t, 3>{page.r, page.g, page.b});
}

TEST_CASE("injected taps and keys reach ImGui through the window") {
    auto window = Window::open(smallWindow());
    REQUIRE(window.has_value());
    int clicks = 0;
    int enters = 0;
    const auto draw = [&](const Frame&) {
        ImGui::SetNextWindowPos({0, 0});
        ImGui::SetNextWindowSize({320, 200});
        ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoDecoration);
        ImGui::SetCursorScreenPos({100, 100});
        if (ImGui::Button("OK", {80, 60})) ++clicks;
        if (keyPressed(Key::Enter)) ++enters;
        ImGui::End();
    };
    renderFrames(**window, draw, tapFrames({140, 130}));
    CHECK(clicks == 1);
    renderFrames(**window, draw, tapFrames({20, 20})); // beside the button
    CHECK(clicks == 1);
    renderFrames(**window, draw, keyFrames(Key::Enter));
    renderFrames(**window, draw, keyFrames(Key::Enter));
    CHECK(enters == 2);
    CHECK(clicks == 1);
}

TEST_CASE("the frame loop runs a given number of frames") {
    auto window = Window::open(smallWindow());
    REQUIRE(window.has_value());
    CHECK((*window)->videoDriver() == "offscreen");
    int drawn = 0;
    const LoopStats stats = runLoop(
        **window,
        [&](const Frame& frame) {
            ++drawn;
            CHECK(frame.width == 320);
            CHECK(frame.height == 200);
            CHECK(frame.fonts->normal != nullptr);
        },
        5);
    CHECK(stats.frames == 5);
    CHECK(drawn == 5);
    CHECK(stats.meanFrameMs > 0);
}

namespace {

void pushKey(Uint32 type, SDL_Scancode scancode, Uint16 mod) {
    SDL_Event event{};
    event.type = type;
    event.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
    event.key.keysym.scancode = scancode;
    event.key.keysym.mod = mod;
    REQUIRE(SDL_PushEvent(&event) == 1);
}

/// Presses and releases `scancode` through SDL's event queue (the path a real keyboard takes) and
/// returns the keys the screen saw pressed.
std::vector<Key> pressThroughSdl(Window& window, SDL_Scancode scancode, Uint16 mod) {
    std::vector<Key> seen;
    auto frame = [&] {
        REQUIRE(window.beginFrame());
        for (Key key : {Key::Left, Key::Right, Key::Up, Key::Down, Key::Enter, Key::KeypadEnter})
            if (keyPressed(key)) seen.push_back(key);
        window.endFrame();
        window.present();
    };
    pushKey(SDL_KEYDOWN, scancode, mod);
    frame();
    pushKey(SDL_KEYUP, scancode, mod);
    frame();
    return seen;
}

} // namespace

TEST_CASE("real key events: arrows, Enter, and a keypad's arrows when Num Lock is off") {
    auto window = Window::open(smallWindow());
    REQUIRE(window.has_value());
    CHECK(pressThroughSdl(**window, SDL_SCANCODE_LEFT, KMOD_NONE) == std::vector<Key>{Key::Left});
    CHECK(pressThroughSdl(**window, SDL_SCANCODE_RETURN, KMOD_NONE) == std::vector<Key>{Key::Enter});
    CHECK(pressThroughSdl(**window, SDL_SCANCODE_KP_ENTER, KMOD_NUM) == std::vector<Key>{Key::KeypadEnter});
    CHECK(pressThroughSdl(**window, SDL_SCANCODE_KP_4, KMOD_NONE) == std::vector<Key>{Key::Left});
    CHECK(pressThroughSdl(**window, SDL_SCANCODE_KP_6, KMOD_NONE) == std::vector<Key>{Key::Right});
    CHECK(pressThroughSdl(**window, SDL_SCANCODE_KP_8, KMOD_NONE) == std::vector<Key>{Key::Up});
    CHECK(pressThroughSdl(**window, SDL_SCANCODE_KP_2, KMOD_NONE) == std::vector<Key>{Key::Down});
    // Num Lock on: the keypad types digits, it does not move the focus.
    CHECK(pressThroughSdl(**window, SDL_SCANCODE_KP_4, KMOD_NUM).empty());
}
