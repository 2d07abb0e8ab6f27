#pragma once
// An ImGui context with the shell's fonts and theme, and the Frame a screen is given.
//
// A screen is a function of a view-state struct that draws one frame and returns intents:
//
//     std::vector<WelcomeIntent> welcomeScreen(const WelcomeView& view, const ui::Frame& frame);
//
// The caller applies the intents after the frame; nothing in a screen touches a store, the
// network or a device. A Context alone runs frames with no window and no GL (beginFrame/endFrame):
// tests of what a screen returns for a given input use it. A Window (Window.hpp) owns one and adds
// SDL2 + OpenGL3 to show the frames and read their pixels.

#include "guichet/core/Result.hpp"
#include "guichet/ui/Fonts.hpp"
#include "guichet/ui/Input.hpp"
#include "guichet/ui/Theme.hpp"

#include <cstdint>
#include <memory>
#include <string>

struct ImGuiContext;

namespace guichet::ui {

struct ContextOptions {
    int width = 1280; ///< of headless frames, and of a Window when it opens (then it follows the window)
    int height = 800;
    float dpiScale = 1.0f;        ///< font and spacing factor on top of the height rule
    float pixelsPerInch = 100.0f; ///< of the screen, for sizes given in millimetres (touch targets)
    std::string fontFolder = defaultFontFolder();
};

/// A texture the renderer knows (Window::uploadTexture), as a view-state carries it: plain data, 0
/// for none. A screen passes `id` to ImGui as its ImTextureID.
using TextureId = std::uintptr_t;
struct Texture {
    TextureId id = 0;
    int width = 0;
    int height = 0;
    bool operator==(const Texture&) const = default;
};

/// What a screen draws with during one frame.
struct Frame {
    float width = 0; ///< of the window, pixels
    float height = 0;
    float scale = 1;       ///< layout factor, the height / 800 (strokes, gaps); text sizes are in fonts
    float pixelsPerMm = 4; ///< for physical sizes: a 15 mm target is 15 * pixelsPerMm
    const Fonts* fonts = nullptr;
    const Palette* palette = nullptr;
};

class Context {
public:
    /// Creates an ImGui context, loads the fonts for the options' height and applies the theme.
    /// An Error when the fonts cannot be loaded. The new context is made current; one Context at
    /// a time per thread (ImGui's current context is a global).
    static Result<std::unique_ptr<Context>> create(const ContextOptions& options);
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    /// Headless frame, no renderer: sets the display size from the options, injects `input`, starts
    /// the ImGui frame. Pair with endFrame().
    void beginFrame(const FrameInput& input);
    /// Ends the frame (ImGui::Render); the draw data is there for a renderer to use or to ignore.
    void endFrame();

    /// For Window: after the platform backend's NewFrame, injects `input` if there is one (else the
    /// backend's real input stands) and starts the ImGui frame.
    void startFrame(const FrameInput* input);

    /// Rebuilds the fonts (and the theme's spacing) when `logicalHeight` calls for other sizes.
    /// True when it did: the renderer must recreate its font texture. On an error the old fonts are
    /// gone and the error is returned; the caller should stop.
    Result<bool> fitToHeight(float logicalHeight);

    Frame frame() const;
    const Fonts& fonts() const { return fonts_; }
    const ContextOptions& options() const { return options_; }
    ImGuiContext* imgui() const { return context_; }

private:
    explicit Context(const ContextOptions& options);

    ContextOptions options_;
    ImGuiContext* context_ = nullptr;
    Fonts fonts_;
    float scale_ = 1.0f;
};

} // namespace guichet::ui
