// hardware_bench [--seconds S]: figures for the devices' twins (no real device here).
//   camera   a 30-frame image-sequence twin at 1280x720 and 1920x1080 played at 30 fps: delivered fps,
//            grab-to-frame latency (the grabber publishing a frame → nextFrame() returning it, median and
//            p95), frames the grabber dropped. The twin decodes PNG where a camera decodes MJPG.
//   scanner  SANE's test backend (hardware/scanner/sane-twin), feeder batches of 10 pages, 300 dpi grey
//            on its 80x100 mm area and on A4 width (210x200 mm, the backend's largest): pages per minute.
//   printer  ESC/POS bytes per ticket: a typical kiosk ticket and the longest the kiosk prints.
#include "guichet/hardware/EscPos.hpp"
#include "guichet/hardware/OpenCvCamera.hpp"
#include "guichet/hardware/SaneScanner.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <unistd.h>
#include <vector>

using namespace guichet;
using namespace guichet::hardware;
using Clock = std::chrono::steady_clock;

namespace {

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    auto at = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
    return values[at];
}

void benchCamera(int width, int height, double seconds) {
    auto folder = std::filesystem::temp_directory_path() /
                  ("guichet-bench-camera-" + std::to_string(::getpid()) + "-" + std::to_string(height));
    auto pattern = writeCameraTwin(std::string(GUICHET_SOURCE_DIR) + "/data/samples/envelopes/photo.jpg",
                                   folder.string(), width, height, 30);
    if (!pattern) {
        std::printf("camera %dp: %s\n", height, pattern.error().message.c_str());
        return;
    }
    CameraSettings settings;
    settings.source = *pattern;
    settings.fps = 30;
    OpenCvCamera camera(settings);
    if (auto mode = camera.start(); !mode) {
        std::printf("camera %dp: %s\n", height, mode.error().message.c_str());
        return;
    }
    std::vector<double> latencyMs;
    std::uint64_t last = 0, firstSeq = 0;
    auto start = Clock::now();
    while (Clock::now() - start < std::chrono::duration<double>(seconds)) {
        auto f = camera.nextFrame(last, std::chrono::seconds(2));
        if (!f) {
            std::printf("camera %dp: %s\n", height, f.error().message.c_str());
            break;
        }
        latencyMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - f->captured).count());
        if (!firstSeq) firstSeq = f->sequence;
        last = f->sequence;
    }
    double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    camera.stop();
    std::printf("camera %4dx%-4d  %5.1f fps delivered (asked 30)  latency median %.2f ms p95 %.2f ms  "
                "%zu frames read, %llu dropped by the grabber\n",
                width, height, static_cast<double>(last - firstSeq + 1) / elapsed, percentile(latencyMs, 0.5),
                percentile(latencyMs, 0.95), latencyMs.size(),
                static_cast<unsigned long long>(camera.dropped()));
    std::filesystem::remove_all(folder);
}

void benchScanner(const char* label, std::vector<std::pair<std::string, std::string>> geometry) {
    ScannerSettings settings;
    settings.device = "test:0";
    settings.options = std::move(geometry);
    SaneScanner scanner(settings);
    int pages = 0;
    std::size_t bytes = 0;
    auto start = Clock::now();
    for (int batch = 0; batch < 3; ++batch) {
        auto r = scanner.scanBatch([&](ScannedPage&& page) {
            ++pages;
            bytes += page.grey.size();
        });
        if (!r) {
            std::printf("scanner: %s\n", r.error().message.c_str());
            return;
        }
    }
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("scanner %-22s %d pages in %.2f s: %.0f pages/min, %.1f MB/page\n", label, pages, seconds,
                pages / seconds * 60, static_cast<double>(bytes) / pages / 1e6);
}

} // namespace

int main(int argc, char** argv) {
    double seconds = 5;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--seconds") == 0) seconds = std::atof(argv[i + 1]);
    // libsane reads its configuration folder when it starts: the project's test-backend twin.
    ::setenv("SANE_CONFIG_DIR", (std::string(GUICHET_SOURCE_DIR) + "/hardware/scanner/sane-twin").c_str(), 1);

    benchCamera(1280, 720, seconds);
    benchCamera(1920, 1080, seconds);
    benchScanner("80x100 mm, 300 dpi", {});
    benchScanner("210x200 mm, 300 dpi", {{"br-x", "210"}, {"br-y", "200"}});

    Ticket typical{"Guichet — CCAS de Villeurbanne",
                   "A-042",
                   {"2 lettres", "1 avis de recommandé"},
                   "Merci de patienter, on vous appelle"};
    Ticket longest{"Guichet — Centre communal d'action sociale de Saint-Étienne",
                   "B-128",
                   {"3 lettres", "2 avis de recommandé", "1 colis", "Arrivé le 06/12/2026 à 10:42",
                    "Guichet 2 — bureau des domiciliations"},
                   "Merci de patienter, on vous appelle. Gardez ce ticket."};
    std::printf("printer typical ticket: %zu bytes of ESC/POS; longest: %zu bytes\n",
                encodeEscPos(typical).size(), encodeEscPos(longest).size());
    return 0;
}
