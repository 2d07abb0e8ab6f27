#include "guichet/ui/Screenshot.hpp"

#include <cstdlib>
#include <string_view>

namespace guichet::ui {

Image renderFrames(Window& window, const DrawFunction& draw, std::span<const FrameInput> inputs) {
    const FrameInput none;
    const std::span<const FrameInput> script =
        inputs.empty() ? std::span<const FrameInput>(&none, 1) : inputs;
    Image last;
    for (const FrameInput& input : script) {
        if (!window.beginFrame(&input)) return last;
        draw(window.frame());
        window.endFrame();
        last = window.readPixels();
        window.present();
    }
    return last;
}

ScreenshotCheck checkScreenshot(const Image& shot, const ScreenshotPaths& paths, const Tolerance& tolerance) {
    ScreenshotCheck check;
    if (auto written = writePng(paths.published, shot); !written) {
        check.message = written.error().message;
        return check;
    }
    const char* update = std::getenv("GUICHET_UPDATE_SCREENSHOTS");
    if (update != nullptr && std::string_view(update) == "1") {
        if (auto written = writePng(paths.reference, shot); !written) {
            check.message = written.error().message;
            return check;
        }
    }
    auto reference = readPng(paths.reference);
    if (!reference) {
        check.message = reference.error().message +
                        " (a new screen: run once with GUICHET_UPDATE_SCREENSHOTS=1, look at it, commit it)";
        return check;
    }
    check.difference = compareImages(shot, *reference, tolerance.channelThreshold);
    check.matches = check.difference.sameSize && check.difference.differingShare <= tolerance.maxShare;
    if (check.matches) return check;

    const std::string name = paths.reference.stem().string();
    (void)writePng(name + ".actual.png", shot);
    (void)writePng(name + ".diff.png", differenceImage(shot, *reference, tolerance.channelThreshold));
    if (!check.difference.sameSize) {
        check.message = paths.reference.string() + ": the shot is " + std::to_string(shot.width) + "x" +
                        std::to_string(shot.height) + ", the reference " + std::to_string(reference->width) +
                        "x" + std::to_string(reference->height);
    } else {
        check.message = paths.reference.string() + ": " + std::to_string(check.difference.differingPixels) +
                        " pixels differ (" + std::to_string(check.difference.differingShare * 100) +
                        " %, allowed " + std::to_string(tolerance.maxShare * 100) + " %); see " + name +
                        ".diff.png in the test's folder";
    }
    return check;
}

} // namespace guichet::ui
