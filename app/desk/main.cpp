// guichet-desk: the desk app. Intake (F1: the camera, the strip of envelopes read), Review queue
// (F2), Person (F3), the kiosk's queue (F4), Returns (F5), Statistics (F6), Sync (F7); every action has a
// key. A worker thread with its own store connection runs the desk workflows; the intake's camera and reading
// threads film and read envelopes; the UI thread only draws and posts.
//
//   guichet-desk --db demo-data/guichet.db              # the camera twin plays the sample envelopes
//   guichet-desk --camera /dev/video0 --hot-folder inbox
//   SDL_VIDEODRIVER=offscreen guichet-desk --frames 120 --screen person --person 1005 --screenshot p.png
#include "DeskSession.hpp"
#include "EnvelopeTwin.hpp"
#include "guichet/hardware/OpenCvCamera.hpp"
#include "guichet/store/Store.hpp"
#include "guichet/ui/Input.hpp"
#include "guichet/ui/Window.hpp"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <thread>

using namespace guichet;

int main(int argc, char** argv) {
    CLI::App app{"Guichet's desk app: review, hand-over, the kiosk's queue"};
    ui::WindowOptions options;
    options.title = "Guichet — accueil";
    std::string db = "demo-data/guichet.db";
    std::string staff = "desk";
    std::string language = "fr";
    std::string screen = "intake";
    std::string camera;
    std::string hotFolder;
    std::string exports;
    std::optional<DossierRef> person;
    std::optional<int> frames;
    std::string screenshot;
    app.add_option("--db", db, "the store")->capture_default_str();
    app.add_option("--staff", staff, "the staff id written in the audit (an id, not a name)")
        ->capture_default_str();
    app.add_option("--lang", language, "fr or en")->capture_default_str();
    app.add_option("--width", options.context.width, "window width, pixels")->capture_default_str();
    app.add_option("--height", options.context.height, "window height, pixels")->capture_default_str();
    app.add_option("--screen", screen,
                   "the first screen: intake, review, person, queue, returns, stats or sync")
        ->capture_default_str();
    app.add_option("--camera", camera,
                   "twin (plays data/samples/envelopes), none, a V4L2 device (/dev/video0) or a video file; "
                   "default: the store's setting device.camera, else twin");
    app.add_option("--hot-folder", hotFolder, "watch this folder for the sheet-fed scanner's files");
    app.add_option("--exports", exports, "where slips and CSV files go (default: exports/ beside the store)");
    app.add_option("--person", person, "open this dossier on the Person screen");
    app.add_option("--frames", frames, "stop after N frames and print the mean frame time");
    app.add_option("--screenshot", screenshot, "write the last frame to this PNG file");
    CLI11_PARSE(app, argc, argv);

    const auto parsed = ui::parseLanguageCode(language);
    if (!parsed || (*parsed != ui::Language::French && *parsed != ui::Language::English)) {
        std::fprintf(stderr, "guichet-desk: the desk speaks fr or en, not '%s'\n", language.c_str());
        return 2;
    }
    std::optional<ui::desk::DeskScreen> first;
    if (screen == "review") first = ui::desk::DeskScreen::Review;
    if (screen == "person") first = ui::desk::DeskScreen::Person;
    if (screen == "queue") first = ui::desk::DeskScreen::Queue;
    if (screen == "intake") first = ui::desk::DeskScreen::Intake;
    if (screen == "returns") first = ui::desk::DeskScreen::Returns;
    if (screen == "stats") first = ui::desk::DeskScreen::Statistics;
    if (screen == "sync") first = ui::desk::DeskScreen::Sync;
    if (!first) {
        std::fprintf(stderr,
                     "guichet-desk: --screen is intake, review, person, queue, returns, stats or sync\n");
        return 2;
    }
    if (camera.empty()) {
        // The camera chosen with `guichet devices set camera ...`, else the twin (the demo).
        store::Options readOnly;
        readOnly.readOnly = true;
        if (auto store = store::Store::open(db, readOnly))
            if (auto setting = store->setting("device.camera"); setting && *setting && !(*setting)->empty())
                camera = **setting;
        if (camera.empty()) camera = "twin";
    }
    std::shared_ptr<Camera> device;
    if (camera == "twin") {
        deskapp::TwinOptions twin;
        twin.images = deskapp::sampleEnvelopes(argv[0]);
        if (twin.images.empty()) {
            std::fprintf(
                stderr,
                "guichet-desk: no sample envelope found (data/samples/envelopes) for the camera twin; "
                "give --camera DEVICE or --camera none\n");
            return 2;
        }
        device = std::make_shared<deskapp::EnvelopeTwin>(twin);
    } else if (camera != "none") {
        hardware::CameraSettings settings;
        settings.source = camera;
        device = std::make_shared<hardware::OpenCvCamera>(settings);
    }
    if ((frames && *frames <= 0) || (!screenshot.empty() && !frames)) {
        std::fprintf(stderr, "guichet-desk: --frames wants a positive number; --screenshot needs --frames\n");
        return 2;
    }
    options.vsync = !frames;
    auto window = ui::Window::open(options);
    if (!window) {
        std::fprintf(stderr, "guichet-desk: %s\n", window.error().message.c_str());
        return 1;
    }
    ui::Window& w = **window;
    deskapp::DeskWorker worker({db, staff, *parsed, nullptr, exports, {}});
    deskapp::IntakeOptions intakeOptions;
    intakeOptions.dbPath = db;
    intakeOptions.staff = staff;
    intakeOptions.language = *parsed;
    intakeOptions.camera = device;
    intakeOptions.cameraName = camera;
    intakeOptions.hotFolder = hotFolder;
    deskapp::IntakeWorker intake(intakeOptions);
    deskapp::DeskSession session(worker, *parsed,
                                 {[&w](const ui::Image& image) { return w.uploadTexture(image); },
                                  [&w](ui::TextureId texture) { w.releaseTexture(texture); }},
                                 &intake);
    session.show(*first);
    if (person) worker.post(deskapp::command::LoadPerson{*person});

    int shown = 0;
    double totalMs = 0;
    ui::Image last;
    while (!frames || shown < *frames) {
        // A timed headless run lets the worker answer before the frames are counted.
        if (frames && shown == 0)
            while (session.busy() || !intake.ready())
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
        const auto start = std::chrono::steady_clock::now();
        if (!w.beginFrame()) break;
        session.frame(w.frame());
        w.endFrame();
        if (!screenshot.empty() && shown + 1 == *frames) last = w.readPixels();
        w.present();
        totalMs +=
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        ++shown;
        // A timed run has no vsync: it is paced at 60 Hz as a display would, so that the camera and
        // reading threads get the cores a real desk leaves them.
        if (frames) std::this_thread::sleep_until(start + std::chrono::microseconds(16667));
    }
    if (!w.lastError().empty()) {
        std::fprintf(stderr, "guichet-desk: %s\n", w.lastError().c_str());
        return 1;
    }
    if (frames)
        std::printf("%d frames at %dx%d (%s video), mean %.2f ms a frame\n", shown, options.context.width,
                    options.context.height, w.videoDriver().c_str(), shown > 0 ? totalMs / shown : 0.0);
    if (!screenshot.empty()) {
        if (auto written = ui::writePng(screenshot, last); !written) {
            std::fprintf(stderr, "guichet-desk: %s\n", written.error().message.c_str());
            return 1;
        }
    }
    return 0;
}
