#include "guichet/ui/Context.hpp"

#include "InputMapping.hpp"

#include <imgui.h>

namespace guichet::ui {

Context::Context(const ContextOptions& options) : options_(options) {}

Result<std::unique_ptr<Context>> Context::create(const ContextOptions& options) {
    std::unique_ptr<Context> context(new Context(options));
    context->context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(context->context_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // a kiosk keeps no window layout between runs
    io.LogFilename = nullptr;
    io.DisplaySize = {static_cast<float>(options.width), static_cast<float>(options.height)};
    // Without a platform backend, keys are their own ImGuiKey_ index; the SDL2 backend replaces
    // this map with scancodes when a Window initialises it.
    for (int key = 0; key < ImGuiKey_COUNT; ++key)
        io.KeyMap[key] = key;
    auto fitted = context->fitToHeight(static_cast<float>(options.height));
    if (!fitted) return fitted.error();
    return context;
}

Context::~Context() {
    if (context_ != nullptr) ImGui::DestroyContext(context_);
}

Result<bool> Context::fitToHeight(float logicalHeight) {
    ImGui::SetCurrentContext(context_);
    const float scale = logicalHeight / 800.0f;
    if (scale != scale_ || fonts_.normal == nullptr) {
        scale_ = scale;
        applyTheme(highContrastPalette(), scale_ * options_.dpiScale);
    }
    const FontSizes sizes = fontSizesFor(logicalHeight, options_.dpiScale);
    if (fonts_.normal != nullptr && sizes == fonts_.sizes) return false;
    auto loaded = loadFonts(sizes, options_.fontFolder);
    if (!loaded) {
        fonts_ = {};
        return loaded.error();
    }
    fonts_ = *loaded;
    ImGui::GetIO().FontDefault = fonts_.normal;
    return true;
}

void Context::beginFrame(const FrameInput& input) {
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = {static_cast<float>(options_.width), static_cast<float>(options_.height)};
    io.DeltaTime = 1.0f / 60.0f;
    startFrame(&input);
}

void Context::startFrame(const FrameInput* input) {
    ImGui::SetCurrentContext(context_);
    if (input != nullptr) injectInput(*input);
    ImGui::NewFrame();
}

void Context::endFrame() {
    ImGui::Render();
}

Frame Context::frame() const {
    const ImGuiIO& io = ImGui::GetIO();
    return Frame{io.DisplaySize.x, io.DisplaySize.y,      scale_, options_.pixelsPerInch / 25.4f,
                 &fonts_,          &highContrastPalette()};
}

} // namespace guichet::ui
