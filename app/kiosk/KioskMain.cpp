// guichet-kiosk: the self-service kiosk. A person shows their card to the camera (or types the
// code printed on it), learns whether they have mail, in their language and aloud, and asks for
// it: a numbered ticket, printed without a name, goes into the desk's queue. The visit is recorded
// once (DomiFa's `visite`). After `idle` seconds without an action (a warning with "continue" 20 s
// before) the kiosk goes back to Welcome and forgets everything of the person.
//
//   guichet-kiosk --db demo-data/guichet.db --camera card.png --printer tickets.escpos
//       --camera: a V4L2 device, a video, an image sequence, or one image (a camera twin is made
//       that shows it to the camera, as a card held up); --printer: a device node or a file (twin)
//   SDL_VIDEODRIVER=offscreen guichet-kiosk ... --frames 300 --screenshot kiosk.png   (no display)
#include "KioskWorker.hpp"
#include "guichet/hardware/EscPos.hpp"
#include "guichet/hardware/EspeakSpeech.hpp"
#include "guichet/hardware/OpenCvCamera.hpp"
#include "guichet/kiosk/Spoken.hpp"
#include "guichet/kiosk/screens/KioskScreens.hpp"
#include "guichet/store/Store.hpp"
#include "guichet/ui/Input.hpp"
#include "guichet/ui/Window.hpp"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <unistd.h>

using namespace guichet;
namespace fs = std::filesystem;

namespace {

bool isStillImage(const std::string& source) {
    const std::string ext = fs::path(source).extension().string();
    return fs::is_regular_file(source) && (ext == ".png" || ext == ".jpg" || ext == ".jpeg");
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"guichet-kiosk: show your card, know if you have mail, in your language, read aloud"};
    ui::WindowOptions window;
    window.title = "Guichet — borne";
    window.context.dpiScale = 1.3f;
    kioskapp::WorkerOptions worker;
    std::string camera;
    std::string printerPath;
    std::string language = "fr";
    std::optional<int> idleSeconds;
    std::optional<int> frames;
    std::string screenshot;
    bool noSpeech = false;
    std::string stopAt;
    app.add_option("--db", worker.dbPath, "the store")->required();
    app.add_option("--camera", camera,
                   "a camera device, a video, an image sequence or one card image (twin)");
    app.add_option("--printer", printerPath, "the receipt printer: a device node, or a file (twin)");
    app.add_option("--lang", language, "the kiosk's own language: fr, en, es, ar, ro or uk")
        ->capture_default_str();
    app.add_option("--idle-seconds", idleSeconds,
                   "back to Welcome after this (else setting kiosk.idle_seconds, 90)");
    app.add_option("--kiosk-id", worker.kioskId, "this kiosk's id (its typed-code tries)")
        ->capture_default_str();
    app.add_option("--text-scale", window.context.dpiScale, "text size (1.3: capitals of 6.5 mm at 100 ppi)")
        ->capture_default_str();
    app.add_option("--width", window.context.width)->capture_default_str();
    app.add_option("--height", window.context.height)->capture_default_str();
    app.add_flag("--fullscreen", window.fullscreen, "the whole screen, as a kiosk");
    app.add_flag("--no-speech", noSpeech, "silent (the speech still shows in the log)");
    app.add_option("--frames", frames, "stop after N frames");
    app.add_option("--screenshot", screenshot, "write the last frame to this PNG");
    app.add_option("--stop-at", stopAt,
                   "stop 3 frames after the kiosk reaches this state (YourMail, Ticket...)");
    CLI11_PARSE(app, argc, argv);

    kiosk::MachineSettings settings;
    const auto parsed = ui::parseLanguageCode(language);
    if (!parsed) {
        std::fprintf(stderr, "guichet-kiosk: unknown language '%s' (fr, en, es, ar, ro, uk)\n",
                     language.c_str());
        return 2;
    }
    settings.language = *parsed;
    {
        auto store = store::Store::open(worker.dbPath);
        if (!store) {
            std::fprintf(stderr, "guichet-kiosk: %s\n", store.error().message.c_str());
            return 1;
        }
        if (auto idle = store->setting("kiosk.idle_seconds"); idle && *idle && !idleSeconds)
            idleSeconds = std::atoi((*idle)->c_str());
        if (auto speak = store->setting("kiosk.speak_private"); speak && *speak)
            settings.speakPrivate = !(**speak == "false" || **speak == "0");
        if (auto first = store->setting("kiosk.show_first_name"); first && *first)
            settings.showFirstName = worker.showFirstName = (**first == "true" || **first == "1");
    }
    if (idleSeconds) {
        if (*idleSeconds < 30) {
            std::fprintf(stderr,
                         "guichet-kiosk: the idle time is %d s; it must be at least 30 s (a 20 s warning "
                         "comes before it)\n",
                         *idleSeconds);
            return 2;
        }
        settings.idle = std::chrono::seconds(*idleSeconds);
    }

    std::unique_ptr<hardware::OpenCvCamera> cameraDevice;
    if (!camera.empty()) {
        hardware::CameraSettings cs;
        cs.source = camera;
        cs.width = 1280;
        cs.height = 720;
        cs.fps = 15;
        if (isStillImage(camera)) {
            const fs::path folder =
                fs::temp_directory_path() / ("guichet-kiosk-twin-" + std::to_string(::getpid()));
            auto pattern = hardware::writeCameraTwin(camera, folder.string(), 1280, 720, 45);
            if (!pattern) {
                std::fprintf(stderr, "guichet-kiosk: %s\n", pattern.error().message.c_str());
                return 1;
            }
            cs.source = *pattern;
        }
        cameraDevice = std::make_unique<hardware::OpenCvCamera>(cs);
    }
    std::unique_ptr<hardware::EscPosPrinter> printer;
    if (!printerPath.empty()) printer = std::make_unique<hardware::EscPosPrinter>(printerPath);
    std::unique_ptr<hardware::EspeakSpeech> speech;
    if (!noSpeech) speech = std::make_unique<hardware::EspeakSpeech>();

    window.vsync = !frames;
    auto opened = ui::Window::open(window);
    if (!opened) {
        std::fprintf(stderr, "guichet-kiosk: %s\n", opened.error().message.c_str());
        return 1;
    }
    ui::Window& w = **opened;
    kioskapp::KioskWorker workers(worker, cameraDevice.get(), printer.get(), speech.get());
    workers.start();

    const auto start = std::chrono::steady_clock::now();
    auto now = [&] {
        return std::chrono::duration_cast<kiosk::Millis>(std::chrono::steady_clock::now() - start);
    };
    kiosk::Session session = kiosk::startSession(settings, now());
    auto apply = [&](const kiosk::Input& input) {
        kiosk::Step next = kiosk::step(session, input, now(), settings);
        const kiosk::State before = session.state;
        session = std::move(next.session);
        if (session.state != before)
            std::fprintf(stderr, "guichet-kiosk: %s -> %s\n", std::string(kiosk::stateName(before)).c_str(),
                         std::string(kiosk::stateName(session.state)).c_str());
        for (const kiosk::Intent& intent : next.intents) {
            if (std::holds_alternative<kiosk::Speak>(intent))
                workers.say(kiosk::spokenText(session, settings),
                            std::string(ui::languageCode(session.language)));
            else if (!std::holds_alternative<kiosk::Cleared>(intent))
                workers.post(intent);
        }
    };

    int shown = 0;
    int stopIn = -1;
    ui::Image last;
    while ((!frames || shown < *frames) && stopIn != 0) {
        if (stopIn > 0) --stopIn;
        if (stopIn < 0 && !stopAt.empty() && kiosk::stateName(session.state) == stopAt) {
            stopIn = 3;
            std::printf("%s reached after %.0f ms\n", stopAt.c_str(), static_cast<double>(now().count()));
        }
        for (const kiosk::Input& input : workers.drain())
            apply(input);
        apply(kiosk::Tick{});
        if (!w.beginFrame()) break;
        const auto inputs =
            kiosk::kioskScreen(session, w.frame(), kiosk::untilReset(session, now(), settings));
        w.endFrame();
        if (!screenshot.empty()) last = w.readPixels();
        w.present();
        ++shown;
        for (const kiosk::Input& input : inputs)
            apply(input);
    }
    workers.stop();
    if (!w.lastError().empty()) {
        std::fprintf(stderr, "guichet-kiosk: %s\n", w.lastError().c_str());
        return 1;
    }
    if (!screenshot.empty())
        if (auto written = ui::writePng(screenshot, last); !written) {
            std::fprintf(stderr, "guichet-kiosk: %s\n", written.error().message.c_str());
            return 1;
        }
    return 0;
}
