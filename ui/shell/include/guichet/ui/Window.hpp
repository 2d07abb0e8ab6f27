#pragma once
// A window and its frame loop: SDL2 + OpenGL 3.3 core + ImGui's SDL2 and OpenGL3 backends, with
// the shell's Context (fonts, theme). The same code runs on a desktop or a kiosk screen and, with
// SDL_VIDEODRIVER=offscreen in the environment, with no display at all (Mesa's software GL): that
// is how tests and the documentation's screenshots run it.
//
//     auto window = ui::Window::open({});              // an Error if SDL or GL cannot start
//     ui::runLoop(**window, [&](const ui::Frame& f) { intents = welcomeScreen(view, f); });
//
// One Window per process at a time (SDL and ImGui's current context are process-wide); every call
// on the thread that opened it.

#include "guichet/core/Result.hpp"
#include "guichet/ui/Context.hpp"
#include "guichet/ui/Image.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>

struct SDL_Window;

namespace guichet::ui {

struct WindowOptions {
    std::string title = "Guichet";
    ContextOptions context;  ///< its width and height are the window's at opening
    bool fullscreen = false; ///< a kiosk: the whole screen, no decorations
    bool vsync = true;       ///< wait for the display between frames (no effect offscreen)
};

class Window {
public:
    /// Initialises SDL's video, opens the window with a GL context and the ImGui backends. An Error
    /// naming SDL's or the font loader's complaint when any of it fails.
    static Result<std::unique_ptr<Window>> open(const WindowOptions& options);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    /// Handles pending window events and starts a frame. With `injected`, the mouse and keys are
    /// taken from it instead of the devices (tests, screenshots). Resizing the window rebuilds the
    /// fonts for the new height. False when the window was closed (or the fonts could not be
    /// rebuilt, see lastError()): no frame was started then.
    bool beginFrame(const FrameInput* injected = nullptr);
    /// What the screen draws with in the current frame.
    Frame frame() const { return context_->frame(); }
    /// Renders the frame into the back buffer.
    void endFrame();
    /// The back buffer as endFrame() left it (call before present()), rows top first.
    Image readPixels() const;
    /// Shows the back buffer.
    void present();

    /// Uploads an RGBA image as a GL texture a screen can draw (ui::TextureId, Context.hpp); 0 when
    /// the image is empty. Release it with releaseTexture when its screen no longer shows it.
    TextureId uploadTexture(const Image& image);
    void releaseTexture(TextureId texture);

    std::string videoDriver() const;
    const std::string& lastError() const { return lastError_; }

private:
    Window() = default;

    SDL_Window* window_ = nullptr;
    void* glContext_ = nullptr;
    std::unique_ptr<Context> context_;
    bool sdlStarted_ = false;
    bool backendsStarted_ = false;
    std::string lastError_;
};

using DrawFunction = std::function<void(const Frame&)>;

struct LoopStats {
    int frames = 0;
    double meanFrameMs = 0; ///< wall time from beginFrame to present, averaged
};

/// Runs frames of `draw` until the window is closed or `maxFrames` were shown.
LoopStats runLoop(Window& window, const DrawFunction& draw, std::optional<int> maxFrames = std::nullopt);

} // namespace guichet::ui
