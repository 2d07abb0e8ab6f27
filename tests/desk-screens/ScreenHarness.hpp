#pragma once
// Runs a desk screen in a headless ImGui context: two settling frames, then one frame per input,
// collecting the intents.

#include "guichet/ui/Context.hpp"
#include "guichet/ui/Input.hpp"

#include <catch2/catch.hpp>
#include <memory>
#include <vector>

namespace guichet::test {

inline std::unique_ptr<ui::Context> deskContext() {
    ui::ContextOptions options;
    options.width = 1280;
    options.height = 800;
    auto context = ui::Context::create(options);
    REQUIRE(context.has_value());
    return std::move(*context);
}

template <typename View, typename Screen>
auto runScreen(ui::Context& context, const View& view, Screen screen,
               const std::vector<ui::FrameInput>& script) {
    std::vector<ui::FrameInput> frames(2);
    frames.insert(frames.end(), script.begin(), script.end());
    decltype(screen(view, context.frame())) intents;
    for (const ui::FrameInput& input : frames) {
        context.beginFrame(input);
        auto got = screen(view, context.frame());
        context.endFrame();
        intents.insert(intents.end(), got.begin(), got.end());
    }
    return intents;
}

inline std::vector<ui::FrameInput> typed(const char* text) {
    return ui::textFrames(text);
}

} // namespace guichet::test
