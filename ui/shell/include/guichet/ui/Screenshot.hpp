#pragma once
// The screenshot harness: render a screen in a Window with scripted input, read the pixels, write
// a PNG and compare it with a committed reference, with a tolerance.
//
// How tests use it (tests/kiosk/WelcomeScreenshotTest.cpp is the model):
//
//     auto window = ui::Window::open({});                       // run under SDL_VIDEODRIVER=offscreen
//     ui::Image shot = ui::renderFrames(**window, draw, ui::tapFrames({640, 700}));
//     auto check = ui::checkScreenshot(shot, {
//         .reference = source / "tests/kiosk/screenshots/kiosk-welcome-fr.png",
//         .published = source / "docs/screenshots/kiosk-welcome-fr.png"});
//     CHECK(check.matches);                                      // check.message says why not
//
// The test registers with ENVIRONMENT SDL_VIDEODRIVER=offscreen (guichet_add_tests ... ENVIRONMENT)
// so it renders with Mesa's llvmpipe and no display, the way the references were made. Each run
// writes the shot to `published` (the documentation shows those files, so they are always the
// current look). When the look changes on purpose, run the test once with GUICHET_UPDATE_SCREENSHOTS=1
// to rewrite the references, LOOK at them, and commit them with the change. A missing reference
// fails the test (it is never created silently). On a mismatch the shot and a copy with the
// differing pixels in red are written to the current folder (the build tree) as
// <name>.actual.png and <name>.diff.png.

#include "guichet/ui/Image.hpp"
#include "guichet/ui/Input.hpp"
#include "guichet/ui/Window.hpp"

#include <filesystem>
#include <span>
#include <string>

namespace guichet::ui {

/// Renders one frame per element of `inputs` (one frame with no input when it is empty), each
/// with that input injected, and returns the pixels of the last. ImGui lays a window out over two
/// frames: end the script with an input-free frame or two for a settled picture.
Image renderFrames(Window& window, const DrawFunction& draw, std::span<const FrameInput> inputs);

struct Tolerance {
    int channelThreshold = 48; ///< a pixel differs when a channel moves by more than this
    double maxShare = 0.004;   ///< the share of differing pixels allowed (0.4 %: a moved button is ~1 %)
};

struct ScreenshotPaths {
    std::filesystem::path reference; ///< committed, compared with
    std::filesystem::path published; ///< written on every run (docs/screenshots)
};

struct ScreenshotCheck {
    bool matches = false;
    ImageDifference difference;
    std::string message; ///< what differed or failed, with the paths; empty when it matches
};

/// Writes `shot` to paths.published, compares it with paths.reference (rewritten first when the
/// environment has GUICHET_UPDATE_SCREENSHOTS=1). Never throws.
ScreenshotCheck checkScreenshot(const Image& shot, const ScreenshotPaths& paths,
                                const Tolerance& tolerance = {});

} // namespace guichet::ui
