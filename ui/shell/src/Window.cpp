#include "guichet/ui/Window.hpp"

#include <SDL.h>
#include <SDL_opengl.h>
#include <chrono>
#include <cstring>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>

namespace guichet::ui {
namespace {

Error sdlError(const std::string& what) {
    return makeError(what + ": " + SDL_GetError());
}

// A numeric keypad with Num Lock off is a kiosk's arrow pad: its 8, 4, 6 and 2 say Up, Left,
// Right and Down. ImGui 1.86's SDL2 backend keys on scancodes, which ignore Num Lock, so the
// scancodes are rewritten before ImGui sees them.
void keypadAsArrows(SDL_Keysym& key) {
    if ((key.mod & KMOD_NUM) != 0) return;
    switch (key.scancode) {
    case SDL_SCANCODE_KP_8:
        key.scancode = SDL_SCANCODE_UP;
        break;
    case SDL_SCANCODE_KP_4:
        key.scancode = SDL_SCANCODE_LEFT;
        break;
    case SDL_SCANCODE_KP_6:
        key.scancode = SDL_SCANCODE_RIGHT;
        break;
    case SDL_SCANCODE_KP_2:
        key.scancode = SDL_SCANCODE_DOWN;
        break;
    default:
        break;
    }
}

} // namespace

Result<std::unique_ptr<Window>> Window::open(const WindowOptions& options) {
    std::unique_ptr<Window> window(new Window());
    if (SDL_Init(SDL_INIT_VIDEO) != 0) return sdlError("cannot start SDL video");
    window->sdlStarted_ = true;

    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE;
    if (options.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    window->window_ = SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                       options.context.width, options.context.height, flags);
    if (window->window_ == nullptr) return sdlError("cannot open a window");
    window->glContext_ = SDL_GL_CreateContext(window->window_);
    if (window->glContext_ == nullptr) return sdlError("cannot create an OpenGL 3.3 context");
    SDL_GL_MakeCurrent(window->window_, window->glContext_);
    SDL_GL_SetSwapInterval(options.vsync ? 1 : 0);

    ContextOptions contextOptions = options.context;
    SDL_GetWindowSize(window->window_, &contextOptions.width, &contextOptions.height);
    auto context = Context::create(contextOptions);
    if (!context) return context.error();
    window->context_ = std::move(*context);

    if (!ImGui_ImplSDL2_InitForOpenGL(window->window_, window->glContext_))
        return makeError("ImGui's SDL2 backend did not start");
    if (!ImGui_ImplOpenGL3_Init("#version 330 core")) {
        ImGui_ImplSDL2_Shutdown();
        return makeError("ImGui's OpenGL3 backend did not start");
    }
    window->backendsStarted_ = true;
    return window;
}

Window::~Window() {
    if (backendsStarted_) {
        ImGui::SetCurrentContext(context_->imgui());
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplSDL2_Shutdown();
    }
    context_.reset();
    if (glContext_ != nullptr) SDL_GL_DeleteContext(glContext_);
    if (window_ != nullptr) SDL_DestroyWindow(window_);
    if (sdlStarted_) SDL_Quit();
}

bool Window::beginFrame(const FrameInput* injected) {
    ImGui::SetCurrentContext(context_->imgui());
    bool closed = false;
    SDL_Event event;
    while (SDL_PollEvent(&event) != 0) {
        if (event.type == SDL_QUIT) closed = true;
        if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE &&
            event.window.windowID == SDL_GetWindowID(window_))
            closed = true;
        if (event.type == SDL_KEYDOWN || event.type == SDL_KEYUP) keypadAsArrows(event.key.keysym);
        // Injected input replaces the devices': their events would only fight it.
        if (injected == nullptr) ImGui_ImplSDL2_ProcessEvent(&event);
    }
    if (closed) return false;

    int width = 0;
    int height = 0;
    SDL_GetWindowSize(window_, &width, &height);
    // A minimised window may report no height: keep the fonts for when it comes back.
    auto refitted = height > 0 ? context_->fitToHeight(static_cast<float>(height)) : Result<bool>(false);
    if (!refitted) {
        lastError_ = refitted.error().message;
        return false;
    }
    if (*refitted) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    context_->startFrame(injected);
    return true;
}

void Window::endFrame() {
    ImGui::Render();
    int width = 0;
    int height = 0;
    SDL_GL_GetDrawableSize(window_, &width, &height);
    const Rgb background = highContrastPalette().page.background;
    glViewport(0, 0, width, height);
    glClearColor(static_cast<float>(background.r) / 255.0f, static_cast<float>(background.g) / 255.0f,
                 static_cast<float>(background.b) / 255.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

Image Window::readPixels() const {
    Image image;
    SDL_GL_GetDrawableSize(window_, &image.width, &image.height);
    const auto rowBytes = static_cast<std::size_t>(image.width) * 4;
    std::vector<std::uint8_t> bottomUp(rowBytes * static_cast<std::size_t>(image.height));
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, image.width, image.height, GL_RGBA, GL_UNSIGNED_BYTE, bottomUp.data());
    // GL's rows start at the bottom; images start at the top.
    image.rgba.resize(bottomUp.size());
    for (std::size_t row = 0; row < static_cast<std::size_t>(image.height); ++row)
        std::memcpy(image.rgba.data() + row * rowBytes,
                    bottomUp.data() + (static_cast<std::size_t>(image.height) - 1 - row) * rowBytes,
                    rowBytes);
    return image;
}

void Window::present() {
    SDL_GL_SwapWindow(window_);
}

TextureId Window::uploadTexture(const Image& image) {
    if (image.width <= 0 || image.height <= 0 ||
        image.rgba.size() !=
            static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4)
        return 0;
    GLuint texture = 0;
    glGenTextures(1, &texture);
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, image.width, image.height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                 image.rgba.data());
    return static_cast<TextureId>(texture);
}

void Window::releaseTexture(TextureId texture) {
    if (texture == 0) return;
    const auto name = static_cast<GLuint>(texture);
    glDeleteTextures(1, &name);
}

std::string Window::videoDriver() const {
    const char* driver = SDL_GetCurrentVideoDriver();
    return driver != nullptr ? driver : "";
}

LoopStats runLoop(Window& window, const DrawFunction& draw, std::optional<int> maxFrames) {
    LoopStats stats;
    double totalMs = 0;
    while (!maxFrames || stats.frames < *maxFrames) {
        const auto start = std::chrono::steady_clock::now();
        if (!window.beginFrame()) break;
        draw(window.frame());
        window.endFrame();
        window.present();
        totalMs +=
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        ++stats.frames;
    }
    stats.meanFrameMs = stats.frames > 0 ? totalMs / stats.frames : 0.0;
    return stats;
}

} // namespace guichet::ui
