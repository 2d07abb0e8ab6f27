// guichet-kiosk-preview: opens the kiosk's Welcome screen in a window and applies its intents to
// the view (language, focus). Nothing is recorded anywhere; "type my code" is only reported.
//
//   guichet-kiosk-preview                          a 1280 x 800 window until it is closed (or Escape)
//   guichet-kiosk-preview --fullscreen --lang uk   as a kiosk would show it
//   SDL_VIDEODRIVER=offscreen guichet-kiosk-preview --frames 120 --screenshot welcome.png
//                                                  no display: N frames, the mean frame time, a PNG
#include "guichet/kiosk/screens/WelcomeScreen.hpp"
#include "guichet/ui/Input.hpp"
#include "guichet/ui/Window.hpp"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

using namespace guichet;

int main(int argc, char** argv) {
    CLI::App app{"The kiosk's Welcome screen in a window (no card reader, store or network behind it)"};
    ui::WindowOptions options;
    options.title = "Guichet — borne (aperçu)";
    std::string language = "fr";
    std::optional<int> frames;
    std::string screenshot;
    app.add_option("--lang", language, "fr, en, es, ar, ro or uk")->capture_default_str();
    app.add_option("--width", options.context.width, "window width, pixels")->capture_default_str();
    app.add_option("--height", options.context.height, "window height, pixels")->capture_default_str();
    app.add_option("--dpi-scale", options.context.dpiScale, "text size factor (2 on a 200 % screen)")
        ->capture_default_str();
    app.add_option("--ppi", options.context.pixelsPerInch, "the screen's pixels per inch, for 15 mm targets")
        ->capture_default_str();
    app.add_flag("--fullscreen", options.fullscreen, "the whole screen, as a kiosk");
    app.add_option("--frames", frames, "stop after N frames and print the mean frame time");
    app.add_option("--screenshot", screenshot, "write the last frame to this PNG file");
    CLI11_PARSE(app, argc, argv);

    const auto parsed = ui::parseLanguageCode(language);
    if (!parsed) {
        std::fprintf(stderr, "guichet-kiosk-preview: unknown language '%s' (fr, en, es, ar, ro, uk)\n",
                     language.c_str());
        return 2;
    }
    if (frames && *frames <= 0) {
        std::fprintf(stderr, "guichet-kiosk-preview: --frames wants a positive number\n");
        return 2;
    }
    if (!screenshot.empty() && !frames) {
        std::fprintf(stderr, "guichet-kiosk-preview: --screenshot needs --frames\n");
        return 2;
    }
    options.vsync = !frames; // a timed run measures the frame, not the display's refresh
    auto window = ui::Window::open(options);
    if (!window) {
        std::fprintf(stderr, "guichet-kiosk-preview: %s\n", window.error().message.c_str());
        return 1;
    }

    kiosk::WelcomeView view{*parsed, kiosk::languageTarget(*parsed)};
    int shown = 0;
    double totalMs = 0;
    bool quit = false;
    ui::Image last;
    while (!quit && (!frames || shown < *frames)) {
        const auto start = std::chrono::steady_clock::now();
        if (!(*window)->beginFrame()) break;
        const auto intents = kiosk::welcomeScreen(view, (*window)->frame());
        quit = ui::keyPressed(ui::Key::Escape);
        (*window)->endFrame();
        if (!screenshot.empty() && frames && shown + 1 == *frames) last = (*window)->readPixels();
        (*window)->present();
        totalMs +=
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        ++shown;
        for (const kiosk::WelcomeIntent& intent : intents) {
            if (std::holds_alternative<kiosk::TypeCode>(intent))
                std::printf("TypeCode: the code screen would open here\n");
            else if (const auto* choose = std::get_if<kiosk::ChooseLanguage>(&intent))
                std::printf("ChooseLanguage: %s\n", std::string(ui::languageCode(choose->language)).c_str());
            view = kiosk::applyWelcomeIntent(view, intent);
        }
    }
    if (!(*window)->lastError().empty()) {
        std::fprintf(stderr, "guichet-kiosk-preview: %s\n", (*window)->lastError().c_str());
        return 1;
    }
    if (frames)
        std::printf("%d frames at %dx%d (%s video), mean %.2f ms a frame\n", shown, options.context.width,
                    options.context.height, (*window)->videoDriver().c_str(),
                    shown > 0 ? totalMs / shown : 0.0);
    if (!screenshot.empty()) {
        if (auto written = ui::writePng(screenshot, last); !written) {
            std::fprintf(stderr, "guichet-kiosk-preview: %s\n", written.error().message.c_str());
            return 1;
        }
    }
    return 0;
}
