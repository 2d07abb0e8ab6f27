// guichet devices [test NAME | set NAME VALUE]: what is connected and configured, and a self-test per
// device (camera, scanner, printer, reader, speech). --twin runs a test on the device's simulated twin.
#include "commands/Commands.hpp"
#include "guichet/hardware/EscPos.hpp"
#include "guichet/hardware/EspeakSpeech.hpp"
#include "guichet/hardware/EvdevReader.hpp"
#include "guichet/hardware/OpenCvCamera.hpp"
#include "guichet/hardware/SaneScanner.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <unistd.h>

namespace guichet::app {

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* kCommand = "devices";

/// The settings this command reads, with their defaults ("" = the first device found).
struct DeviceSetting {
    const char* name;
    const char* fallback;
    const char* meaning;
};
constexpr DeviceSetting kDevices[] = {
    {"camera", "/dev/video0", "V4L2 node, or a video file / image pattern (twin)"},
    {"scanner", "", "SANE device name (guichet devices lists them); empty: the first one"},
    {"printer", "/dev/usb/lp0", "device node, host:9100 for a network printer, or a file (twin)"},
    {"reader", "", "/dev/input/by-id/...-event-kbd of the handheld reader, or a .keys recording (twin)"},
    {"speech", "fr", "the kiosk's spoken language: fr, en, es, ro, uk, ar"},
};

std::string configured(store::Store* store, const std::string& name) {
    std::string fallback;
    for (const auto& d : kDevices)
        if (name == d.name) fallback = d.fallback;
    if (!store) return fallback;
    auto v = store->setting("device." + name);
    return (v && *v && !(**v).empty()) ? **v : fallback;
}

std::unique_ptr<ReceiptPrinter> makePrinter(const std::string& target) {
    // host:port (no slash) is a network printer; anything else a path.
    if (auto colon = target.rfind(':'); colon != std::string::npos && target.find('/') == std::string::npos)
        return std::make_unique<hardware::NetworkEscPosPrinter>(target.substr(0, colon),
                                                                std::atoi(target.c_str() + colon + 1));
    return std::make_unique<hardware::EscPosPrinter>(target);
}

std::vector<std::string> usbPrinters() {
    std::vector<std::string> found;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("/dev/usb", ec))
        if (e.path().filename().string().rfind("lp", 0) == 0) found.push_back(e.path().string());
    return found;
}

void printList(const char* what, const std::vector<std::string>& items) {
    std::printf("  %-9s %s\n", what, items.empty() ? "(none connected)" : items.front().c_str());
    for (std::size_t i = 1; i < items.size(); ++i)
        std::printf("  %-9s %s\n", "", items[i].c_str());
}

int listDevices(store::Store* store) {
    std::printf("connected:\n");
    printList("cameras", hardware::listCameras());
    std::vector<std::string> scanners;
    if (auto all = hardware::listScanners())
        for (const auto& s : *all)
            scanners.push_back(s.name + "  (" + s.vendor + " " + s.model + ", " + s.type + ")");
    else
        scanners.push_back(all.error().message);
    printList("scanners", scanners);
    printList("printers", usbPrinters());
    printList("inputs", hardware::listKeyboardInputs());
    std::printf("configured (guichet devices set NAME VALUE):\n");
    for (const auto& d : kDevices) {
        std::string value = configured(store, d.name);
        std::printf("  %-9s %-32s %s\n", d.name, value.empty() ? "(first found)" : value.c_str(), d.meaning);
    }
    return 0;
}

int testCamera(const std::string& source, bool twin) {
    hardware::CameraSettings settings;
    std::string temp;
    if (twin) {
        temp = (fs::temp_directory_path() / ("guichet-camera-twin-" + std::to_string(::getpid()))).string();
        auto pattern = hardware::writeCameraTwin(
            std::string(GUICHET_SOURCE_DIR) + "/data/samples/envelopes/photo.jpg", temp, 1280, 720, 30);
        if (!pattern) return failWith(kCommand, pattern.error().message);
        settings.source = *pattern;
    } else {
        settings.source = source;
    }
    hardware::OpenCvCamera camera(settings);
    auto mode = camera.start();
    if (!mode) return failWith(kCommand, mode.error().message);
    std::printf("camera %s: %dx%d %s, asks %.0f fps\n", settings.source.c_str(), mode->width, mode->height,
                mode->fourcc.empty() ? "(format unknown)" : mode->fourcc.c_str(), mode->fps);
    auto first = camera.nextFrame(0, 3s);
    if (!first) return failWith(kCommand, first.error().message);
    std::uint64_t last = first->sequence;
    int frames = 0;
    const auto start = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - start < 2s) {
        auto f = camera.nextFrame(last, 2s);
        if (!f) return failWith(kCommand, f.error().message);
        last = f->sequence;
        ++frames;
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    auto best = hardware::captureBest(camera, 5, 2s);
    camera.stop();
    std::printf("  measured %.1f fps over %.1f s, %llu frames dropped by the grabber\n", frames / seconds,
                seconds, static_cast<unsigned long long>(camera.dropped()));
    if (best) std::printf("  best of 5: sharpness %.0f\n", hardware::sharpness(*best));
    if (!temp.empty()) fs::remove_all(temp);
    return 0;
}

int testScanner(const std::string& device, bool twin) {
    hardware::ScannerSettings settings;
    settings.device = device;
    if (twin) {
        // libsane reads this when it starts (in scanBatch): the project's test-backend folder.
        ::setenv("SANE_CONFIG_DIR", (std::string(GUICHET_SOURCE_DIR) + "/hardware/scanner/sane-twin").c_str(),
                 1);
        settings.device = "test:0";
    }
    hardware::SaneScanner scanner(settings);
    std::printf("scanner %s: scanning one page from the feeder...\n",
                settings.device.empty() ? "(first found)" : settings.device.c_str());
    auto batch = scanner.scanBatch([&](ScannedPage&& page) {
        std::printf("  page %d: %dx%d px grey at %d dpi\n", page.index, page.width, page.height, page.dpi);
        scanner.cancel();
    });
    if (!batch) return failWith(kCommand, batch.error().message);
    return 0;
}

int testPrinter(const std::string& target, bool twin) {
    std::string where = twin ? (fs::temp_directory_path() / "guichet-printer-twin.bin").string() : target;
    auto printer = makePrinter(where);
    if (auto ready = printer->checkReady(); !ready) return failWith(kCommand, ready.error().message);
    Ticket ticket{"Guichet — test", "T-000", {"Imprimante OK", "Accents : é è à ç €"}, "Fin du test"};
    if (auto printed = printer->print(ticket); !printed) return failWith(kCommand, printed.error().message);
    std::printf("receipt printer %s: test ticket printed (%zu bytes of ESC/POS)\n", where.c_str(),
                hardware::encodeEscPos(ticket).size());
    return 0;
}

int testReader(const std::string& device, bool twin, int timeoutSeconds) {
    std::unique_ptr<CodeReader> reader;
    std::string name = device;
    if (twin || (device.size() > 5 && device.compare(device.size() - 5, 5, ".keys") == 0)) {
        name = twin ? std::string(GUICHET_SOURCE_DIR) + "/data/samples/reader/two-scans.keys" : device;
        auto events = hardware::readKeyRecording(name);
        if (!events) return failWith(kCommand, events.error().message);
        reader = std::make_unique<hardware::ReplayReader>(std::move(*events), true);
    } else {
        if (name.empty()) {
            auto inputs = hardware::listKeyboardInputs();
            if (inputs.empty())
                return failWith(kCommand,
                                "barcode reader: none connected; plug it in, then guichet devices set "
                                "reader /dev/input/by-id/...-event-kbd");
            return failWith(kCommand,
                            "barcode reader: not configured; choose among the inputs guichet devices "
                            "lists: guichet devices set reader PATH");
        }
        reader = std::make_unique<hardware::EvdevReader>(name);
    }
    std::printf("barcode reader %s: scan something now (%d s)...\n", name.c_str(), timeoutSeconds);
    std::fflush(stdout);
    auto code = reader->next(std::chrono::seconds(timeoutSeconds));
    if (!code) return failWith(kCommand, code.error().message);
    if (!*code) return failWith(kCommand, "barcode reader " + name + ": nothing scanned in time");
    std::printf("  read %zu characters: %s\n", (*code)->size(), (*code)->c_str());
    return 0;
}

int testSpeech(const std::string& language, bool twin) {
    const std::string sentence = language == "fr" ? "Bonjour. Vous avez deux lettres. Votre numéro est A 42."
                                 : language == "es" ? "Buenos días. Tiene dos cartas."
                                                    : "Hello. You have two letters. Your number is A 42.";
    if (twin) {
        hardware::RecordingSpeech speech;
        auto length = speech.say(sentence, language);
        if (!length) return failWith(kCommand, length.error().message);
        std::printf("speech (twin): \"%s\" in %s, %lld ms of audio recorded\n", sentence.c_str(),
                    language.c_str(), static_cast<long long>(length->count()));
        return 0;
    }
    hardware::EspeakSpeech speech;
    auto length = speech.say(sentence, language);
    if (!length) return failWith(kCommand, length.error().message);
    std::string device = speech.audioDevice();
    std::printf("speech: %lld ms in %s, %s\n", static_cast<long long>(length->count()), language.c_str(),
                device.empty() ? "no audio output (synthesised only)" : ("played through " + device).c_str());
    speech.drain(*length + 2s);
    return 0;
}

int runDevices(const Context& context, const std::string& action, const std::vector<std::string>& args,
               bool twin, int timeoutSeconds) {
    // The store holds the settings; without one the defaults are used (a fresh machine can be tested).
    std::optional<store::Store> store;
    if (fs::exists(context.dbPath) || action == "set") {
        auto opened = openStore(context.dbPath);
        if (!opened) return failWith(kCommand, opened.error().message);
        store.emplace(std::move(*opened));
    }
    store::Store* s = store ? &*store : nullptr;
    if (action.empty()) return listDevices(s);
    if (action == "set") {
        if (args.size() != 2) return failWith(kCommand, "usage: guichet devices set NAME VALUE", 2);
        bool known = false;
        for (const auto& d : kDevices)
            known = known || args[0] == d.name;
        if (!known)
            return failWith(kCommand,
                            "\"" + args[0] + "\" is not a device (camera, scanner, printer, reader, speech)",
                            2);
        if (auto w = s->setSetting("device." + args[0], args[1]); !w)
            return failWith(kCommand, w.error().message);
        (void)s->audit(context.staff, "setting.changed", "key:device." + args[0]);
        std::printf("device.%s = %s\n", args[0].c_str(), args[1].c_str());
        return 0;
    }
    if (action != "test" || args.size() != 1)
        return failWith(kCommand, "usage: guichet devices [test NAME [--twin] | set NAME VALUE]", 2);
    const std::string& name = args[0];
    const std::string value = configured(s, name);
    if (name == "camera") return testCamera(value, twin);
    if (name == "scanner") return testScanner(value, twin);
    if (name == "printer") return testPrinter(value, twin);
    if (name == "reader") return testReader(value, twin, timeoutSeconds);
    if (name == "speech") return testSpeech(value, twin);
    return failWith(kCommand, "\"" + name + "\" is not a device (camera, scanner, printer, reader, speech)",
                    2);
}

} // namespace

void registerDevicesCommand(CLI::App& app, Context& context) {
    auto action = std::make_shared<std::string>();
    auto args = std::make_shared<std::vector<std::string>>();
    auto twin = std::make_shared<bool>(false);
    auto timeout = std::make_shared<int>(15);
    auto* devices = app.add_subcommand("devices", "Devices: list what is connected and configured, test one, "
                                                  "set one (test NAME, set NAME VALUE)");
    devices->add_option("action", *action, "test or set (none: list)")->check(CLI::IsMember({"test", "set"}));
    devices->add_option("args", *args, "NAME (camera, scanner, printer, reader, speech) [VALUE]");
    devices->add_flag("--twin", *twin, "Test the device's simulated twin instead of the device");
    devices->add_option("--timeout", *timeout, "Seconds to wait for a scan (reader test)")
        ->check(CLI::Range(1, 600))
        ->capture_default_str();
    devices->callback([&context, action, args, twin, timeout] {
        context.run = [&context, action, args, twin, timeout] {
            return runDevices(context, *action, *args, *twin, *timeout);
        };
    });
}

} // namespace guichet::app
