// guichet-bench-desk: the desk app's figures (issue 19).
//  1. UI frame time on the Intake screen while the camera twin streams 1080p at 30 fps and the
//     envelopes it lays are read and recorded (a window: offscreen under SDL_VIDEODRIVER=offscreen;
//     the UI paced at 60 Hz as with vsync; a frame = drain + draw + render + present).
//  2. Envelope laid under the camera -> its decision on screen: from the twin's first still frame
//     of an envelope to the UI frame whose strip shows it.
//  3. Keystrokes to confirm a first-ranked candidate on the Review screen.
// Targets: p95 frame <= 16 ms on 2 cores; median envelope -> decision <= 1 s; 1 keystroke.
#include "DeskSession.hpp"
#include "EnvelopeTwin.hpp"
#include "IntakeWorker.hpp"
#include "guichet/directory/DirectoryFile.hpp"
#include "guichet/store/Store.hpp"
#include "guichet/ui/Context.hpp"
#include "guichet/ui/Input.hpp"
#include "guichet/ui/Window.hpp"
#include "guichet/ui/desk/ReviewScreen.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <unistd.h>

using namespace guichet;
using Steady = std::chrono::steady_clock;

namespace {

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

int keystrokesToConfirmFirst() {
    ui::ContextOptions options;
    auto context = ui::Context::create(options);
    if (!context) return -1;
    ui::desk::ReviewView view;
    view.items = {
        {7,
         MailKind::Courrier,
         "06/12/2026 09:10",
         "",
         {},
         {},
         {{1012, "12", "IVANOV Sophie", "score 91 %"}, {1031, "31", "IVANOVA Sofia", "score 64 %"}}}};
    for (int settle = 0; settle < 2; ++settle) {
        (*context)->beginFrame({});
        (void)ui::desk::reviewScreen(view, (*context)->frame());
        (*context)->endFrame();
    }
    // Staff press the candidate's number; count the key presses until the pick is made.
    int keys = 0;
    for (const ui::FrameInput& input : ui::textFrames("1")) {
        if (!input.text.empty()) ++keys;
        (*context)->beginFrame(input);
        for (const ui::desk::ReviewIntent& intent : ui::desk::reviewScreen(view, (*context)->frame()))
            if (const auto* pick = std::get_if<ui::desk::PickDossier>(&intent))
                return pick->item == 7 && pick->dossier == 1012 ? keys : -1;
        (*context)->endFrame();
    }
    return -1;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"guichet-bench-desk: the desk app's frame time, envelope -> decision, keystrokes"};
    int seconds = 30;
    int width = 1280;
    int height = 800;
    app.add_option("--seconds", seconds, "how long the camera twin plays")->capture_default_str();
    app.add_option("--width", width, "window width")->capture_default_str();
    app.add_option("--height", height, "window height")->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    const std::filesystem::path source = GUICHET_SOURCE_DIR;
    const std::filesystem::path work =
        std::filesystem::temp_directory_path() / ("guichet-bench-desk-" + std::to_string(::getpid()));
    std::filesystem::create_directories(work);
    const std::string db = (work / "guichet.db").string();
    {
        auto store = store::Store::open(db);
        auto directory =
            directory::readDirectoryFile((source / "data/samples/envelopes/directory.csv").string());
        if (!store || !directory || !store->upsertDossiers(directory->dossiers)) {
            std::fprintf(stderr, "guichet-bench-desk: cannot prepare the store in %s\n", work.c_str());
            return 1;
        }
    }
    deskapp::TwinOptions twin;
    twin.images = deskapp::sampleEnvelopes((source / "bench").string());
    twin.width = 1920;
    twin.height = 1080;
    twin.fps = 30;
    twin.slideFrames = 12;
    twin.stillFrames = 60;
    twin.emptyFrames = 30;
    auto camera = std::make_shared<deskapp::EnvelopeTwin>(twin);

    ui::WindowOptions windowOptions;
    windowOptions.title = "guichet-bench-desk";
    windowOptions.vsync = false;
    windowOptions.context.width = width;
    windowOptions.context.height = height;
    auto window = ui::Window::open(windowOptions);
    if (!window) {
        std::fprintf(stderr, "guichet-bench-desk: %s\n", window.error().message.c_str());
        return 1;
    }
    ui::Window& w = **window;
    {
        deskapp::DeskWorker worker(
            {db, "bench", ui::Language::French, nullptr, (work / "exports").string(), {}});
        deskapp::IntakeOptions intakeOptions;
        intakeOptions.dbPath = db;
        intakeOptions.staff = "bench";
        intakeOptions.camera = camera;
        intakeOptions.cameraName = "twin";
        deskapp::IntakeWorker intake(intakeOptions);
        deskapp::DeskSession session(worker, ui::Language::French,
                                     {[&w](const ui::Image& image) { return w.uploadTexture(image); },
                                      [&w](ui::TextureId texture) { w.releaseTexture(texture); }},
                                     &intake);
        session.show(ui::desk::DeskScreen::Intake);
        while (!intake.ready())
            std::this_thread::sleep_for(std::chrono::milliseconds(10));

        std::vector<double> frameMs;
        std::vector<double> latencyMs;
        std::vector<ui::desk::EnvelopeOutcome> outcomes;
        std::size_t seen = 0;
        const auto start = Steady::now();
        const auto end = start + std::chrono::seconds(seconds);
        const auto period = std::chrono::microseconds(16667);
        auto next = start;
        while (Steady::now() < end) {
            const auto began = Steady::now();
            if (!w.beginFrame()) break;
            session.frame(w.frame());
            w.endFrame();
            w.present();
            const auto shownAt = Steady::now();
            frameMs.push_back(std::chrono::duration<double, std::milli>(shownAt - began).count());
            const auto& frames = session.readFromFrames();
            for (; seen < frames.size(); ++seen) {
                // The envelope's turn, and its first still frame: when it was laid.
                const std::uint64_t turn = (frames[seen] - 1) / static_cast<std::uint64_t>(camera->cycle());
                const std::uint64_t laid = turn * static_cast<std::uint64_t>(camera->cycle()) +
                                           static_cast<std::uint64_t>(twin.slideFrames) + 1;
                latencyMs.push_back(
                    std::chrono::duration<double, std::milli>(shownAt - camera->dueAt(laid)).count());
            }
            next += period;
            if (next > Steady::now())
                std::this_thread::sleep_until(next);
            else
                next = Steady::now();
        }
        for (const auto& row : session.intake().strip)
            outcomes.push_back(row.outcome);
        const int autos =
            static_cast<int>(std::count(outcomes.begin(), outcomes.end(), ui::desk::EnvelopeOutcome::Auto));
        std::printf("machine: %u hardware threads; %s video; window %dx%d; camera twin 1920x1080 at 30 fps\n",
                    std::thread::hardware_concurrency(), w.videoDriver().c_str(), width, height);
        std::printf("UI frames: %zu in %d s; frame time p50 %.2f ms, p95 %.2f ms, max %.2f ms (target p95 <= "
                    "16 ms)\n",
                    frameMs.size(), seconds, percentile(frameMs, 0.5), percentile(frameMs, 0.95),
                    percentile(frameMs, 1.0));
        std::printf(
            "envelopes read: %zu (%d automatic); laid -> decision on screen: median %.0f ms, min %.0f ms, "
            "max %.0f ms (target median <= 1000 ms)\n",
            latencyMs.size(), autos, percentile(latencyMs, 0.5), percentile(latencyMs, 0.0),
            percentile(latencyMs, 1.0));
    }
    std::printf("review: keystrokes to confirm a first-ranked candidate: %d (target 1)\n",
                keystrokesToConfirmFirst());
    std::error_code ec;
    std::filesystem::remove_all(work, ec);
    return 0;
}
