// kiosk_bench: the kiosk's two time promises, measured.
//
// 1. Card shown → "your mail" on screen, with a 720p camera at 30 fps: a scripted camera serves
//    the frames of a camera twin (a printed card slid in, then held still) in real time; the clock
//    starts when the first frame with the whole card is served and stops when the YourMail frame
//    has been drawn (a headless ImGui frame: the screen's CPU work, no GL). In between: the camera
//    worker's QR decode (ZXing), the store worker's signature check and `visite` transaction
//    (SQLite, WAL, synchronous=FULL, on the disk the bench runs from), the hand-back to the UI
//    thread. Not in it: the camera's own exposure and USB transfer (one or two frames on a real
//    webcam) and the GL draw and swap (2-5 ms offscreen, see ui/README.md). Target: p95 <= 1 s.
// 2. Idle → Welcome: 1,000 random sessions on a simulated clock (idle setting 30-180 s, frames
//    every 16-250 ms as on a loaded machine, random presses, cards, answers and pauses, with and
//    without "continue"); the time from the person's last action to the pristine Welcome. Target:
//    always within the setting + 1 s.
#include "KioskWorker.hpp"
#include "guichet/cards/CardRender.hpp"
#include "guichet/cards/Keys.hpp"
#include "guichet/cards/Token.hpp"
#include "guichet/codes/ImageFile.hpp"
#include "guichet/hardware/OpenCvCamera.hpp"
#include "guichet/kiosk/screens/KioskScreens.hpp"
#include "guichet/store/Store.hpp"
#include "guichet/ui/Context.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <mutex>
#include <random>
#include <thread>
#include <unistd.h>

using namespace guichet;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

namespace {

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

// Serves a blank frame until `showAt`, then the twin's frames from the one where the card is
// whole, at `fps`, in real time.
class ScriptedCamera final : public Camera {
public:
    ScriptedCamera(std::vector<guichet::Frame> card, guichet::Frame blank, double fps)
        : card_(std::move(card)), blank_(std::move(blank)),
          period_(std::chrono::duration<double>(1.0 / fps)) {}
    void showAt(Steady::time_point at) {
        std::lock_guard lock(mutex_);
        showAt_ = at;
    }
    Result<CameraMode> start() override {
        started_ = Steady::now();
        return CameraMode{blank_.width, blank_.height, 30, "BGR"};
    }
    void stop() override {}
    Result<guichet::Frame> nextFrame(std::uint64_t after, std::chrono::milliseconds) override {
        const std::uint64_t next = after + 1;
        const auto due =
            started_ + std::chrono::duration_cast<Steady::duration>(period_ * static_cast<double>(next));
        std::this_thread::sleep_until(due);
        Steady::time_point show;
        {
            std::lock_guard lock(mutex_);
            show = showAt_;
        }
        guichet::Frame f = Steady::now() < show ? blank_ : card_[next % card_.size()];
        f.sequence = next;
        f.captured = Steady::now();
        return f;
    }

private:
    std::vector<guichet::Frame> card_;
    guichet::Frame blank_;
    std::chrono::duration<double> period_;
    std::mutex mutex_;
    Steady::time_point showAt_ = Steady::time_point::max();
    Steady::time_point started_;
};

Result<guichet::Frame> loadFrame(const fs::path& file) {
    auto image = codes::readImageFile(file);
    if (!image) return image.error();
    if (image->format != codes::PixelFormat::BGR) return Error{file.string() + ": not a colour image"};
    guichet::Frame f;
    f.width = image->width;
    f.height = image->height;
    f.stride = image->width * 3;
    f.bgr = std::move(image->pixels);
    return f;
}

int cardLatency(int sessions) {
    // The store on the disk the bench runs from (not a tmpfs): its fsyncs are part of the time.
    const fs::path folder = fs::current_path() / ("guichet-kiosk-bench-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    fs::create_directories(folder);
    const fs::path db = folder / "guichet.db";
    {
        auto store = store::Store::open(db.string());
        if (!store) return std::fprintf(stderr, "%s\n", store.error().message.c_str()), 1;
        std::vector<Dossier> dossiers;
        for (DossierRef ref = 1000; ref < 3000; ++ref) { // a structure of 2,000 dossiers
            Dossier d;
            d.ref = ref;
            d.nom = "NOM" + std::to_string(ref);
            d.prenom = "P";
            d.statut = Statut::Valide;
            d.pending = {static_cast<int>(ref % 3), static_cast<int>(ref % 2), 0};
            dossiers.push_back(d);
        }
        if (!store->upsertDossiers(dossiers) || !store->setSetting("structure.id", "S1")) return 1;
        const cards::SecretKey key = cards::SecretKey::generate();
        if (!cards::writePublicKeyFile(key.publicKey(), folder / "card.pub")) return 1;
        const Date today = dateOf(guichet::now());
        if (!store->saveCard(Card{"S1", 1136, 1, today, false})) return 1;
        auto token = cards::issueToken({"S1", 1136, 1, today}, key);
        if (!token || !cards::writeCard({*token, "", "CCAS", today, "1234 5678 9012"}, folder / "card.png"))
            return 1;
    }
    constexpr int kFrames = 30; // slid in over the first 10, then still
    auto pattern = hardware::writeCameraTwin((folder / "card.png").string(), (folder / "twin").string(), 1280,
                                             720, kFrames);
    if (!pattern) return std::fprintf(stderr, "%s\n", pattern.error().message.c_str()), 1;
    std::vector<guichet::Frame> card;
    for (int i = kFrames / 3; i < kFrames; ++i) {
        char name[64];
        std::snprintf(name, sizeof name, pattern->substr(pattern->rfind('/') + 1).c_str(), i);
        auto f = loadFrame(folder / "twin" / name);
        if (!f) return std::fprintf(stderr, "%s\n", f.error().message.c_str()), 1;
        card.push_back(std::move(*f));
    }
    guichet::Frame blank = card.front();
    std::fill(blank.bgr.begin(), blank.bgr.end(), std::uint8_t{200});

    ui::ContextOptions contextOptions;
    contextOptions.dpiScale = 1.3f;
    auto context = ui::Context::create(contextOptions);
    if (!context) return std::fprintf(stderr, "%s\n", context.error().message.c_str()), 1;

    std::vector<double> latencies;
    const kiosk::MachineSettings settings;
    for (int s = 0; s < sessions; ++s) {
        ScriptedCamera camera(card, blank, 30);
        kioskapp::WorkerOptions options;
        options.dbPath = db.string();
        kioskapp::KioskWorker worker(options, &camera, nullptr, nullptr);
        worker.start();
        // The kiosk idles on Welcome; the card comes at any moment between two frames.
        std::this_thread::sleep_for(300ms + std::chrono::milliseconds(std::rand() % 100));
        const Steady::time_point shown = Steady::now();
        camera.showAt(shown);
        kiosk::Session session = kiosk::startSession(settings, kiosk::Millis{0});
        bool drawn = false;
        while (!drawn && Steady::now() - shown < 10s) {
            for (const kiosk::Input& input : worker.waitForInputs(5ms)) {
                const auto next = kiosk::step(session, input, kiosk::Millis{1}, settings);
                session = next.session;
                for (const kiosk::Intent& intent : next.intents)
                    if (!std::holds_alternative<kiosk::Speak>(intent) &&
                        !std::holds_alternative<kiosk::Cleared>(intent))
                        worker.post(intent);
            }
            if (session.state == kiosk::State::YourMail) {
                (*context)->beginFrame({});
                (void)kiosk::kioskScreen(session, (*context)->frame(), 90'000ms);
                (*context)->endFrame();
                drawn = true;
            }
        }
        const double ms = std::chrono::duration<double, std::milli>(Steady::now() - shown).count();
        worker.stop();
        if (!drawn) {
            std::printf("session %d: YourMail not reached in 10 s\n", s);
            continue;
        }
        latencies.push_back(ms);
    }
    fs::remove_all(folder);
    std::printf("card shown -> YourMail drawn, 720p at 30 fps, store of 2,000 dossiers, %zu/%d sessions:\n",
                latencies.size(), sessions);
    std::printf("  p50 %.0f ms, p95 %.0f ms, max %.0f ms (target p95 <= 1000 ms): %s\n",
                percentile(latencies, 0.5), percentile(latencies, 0.95), percentile(latencies, 1.0),
                percentile(latencies, 0.95) <= 1000 && static_cast<int>(latencies.size()) == sessions
                    ? "MET"
                    : "NOT MET");
    return 0;
}

int idleReset(int sessions) {
    std::mt19937 rng(20261206);
    auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    std::vector<double> overshoot; // reset time - (last action + idle), ms
    int worst = -1;
    double worstMs = -1e9;
    for (int s = 0; s < sessions; ++s) {
        kiosk::MachineSettings settings;
        settings.idle = kiosk::Millis{uniform(30, 180) * 1000};
        kiosk::Millis now{uniform(0, 100'000)};
        kiosk::Session session = kiosk::startSession(settings, now);
        kiosk::Millis lastAction = now;
        std::deque<std::pair<kiosk::Millis, kiosk::Input>> pending; // worker answers, delayed
        auto apply = [&](const kiosk::Input& input) {
            const kiosk::Step next = kiosk::step(session, input, now, settings);
            session = next.session;
            for (const kiosk::Intent& intent : next.intents) {
                const kiosk::Millis delay{uniform(50, 3000)};
                if (const auto* v = std::get_if<kiosk::VerifyCard>(&intent)) {
                    if (uniform(0, 3) == 0)
                        pending.emplace_back(now + delay, kiosk::CardRefused{v->request});
                    else
                        pending.emplace_back(
                            now + delay,
                            kiosk::CardAccepted{v->request, kiosk::Person{7, {1, 0, 1}, {}, ""}});
                } else if (const auto* t = std::get_if<kiosk::IssueTicket>(&intent)) {
                    pending.emplace_back(now + delay, kiosk::TicketIssued{t->request, 3, uniform(0, 4) != 0});
                }
            }
        };
        const int actions = uniform(1, 12);
        for (int a = 0; a < actions; ++a) {
            // The person pauses (sometimes long enough for the warning), the UI ticks meanwhile.
            const kiosk::Millis pause{uniform(200, static_cast<int>(settings.idle.count()) - 1'000)};
            const kiosk::Millis until = lastAction + pause;
            while (now < until) {
                now += kiosk::Millis{uniform(16, 250)};
                while (!pending.empty() && pending.front().first <= now) {
                    apply(pending.front().second);
                    pending.pop_front();
                }
                apply(kiosk::Tick{});
            }
            kiosk::Input input;
            switch (uniform(0, 6)) {
            case 0:
                input = kiosk::CardSeen{"G" + std::to_string(uniform(0, 9))};
                break;
            case 1:
                input = kiosk::Press{kiosk::Button::AskForMail, kiosk::Via::Touch};
                break;
            case 2:
                input = kiosk::Press{kiosk::Button::TypeCode, kiosk::Via::Key};
                break;
            case 3:
                input =
                    kiosk::Press{kiosk::Button::Digit, kiosk::Via::Key, ui::Language::French, uniform(0, 9)};
                break;
            case 4:
                input = kiosk::Press{kiosk::Button::Continue, kiosk::Via::Touch};
                break;
            case 5:
                input = kiosk::Press{kiosk::Button::Language, kiosk::Via::Touch,
                                     ui::kLanguages[static_cast<std::size_t>(uniform(0, 5))]};
                break;
            default:
                input = kiosk::Activity{kiosk::Via::Touch};
                break;
            }
            apply(input);
            lastAction = now;
        }
        // The person walks away: ticks (and late answers) until the pristine Welcome.
        while (!kiosk::pristine(session, settings) && now < lastAction + settings.idle + 60s) {
            now += kiosk::Millis{uniform(16, 250)};
            while (!pending.empty() && pending.front().first <= now) {
                apply(pending.front().second);
                pending.pop_front();
            }
            apply(kiosk::Tick{});
        }
        const double over = static_cast<double>((now - (lastAction + settings.idle)).count());
        overshoot.push_back(over);
        if (over > worstMs) {
            worstMs = over;
            worst = s;
        }
    }
    const auto within = std::count_if(overshoot.begin(), overshoot.end(), [](double o) { return o <= 1000; });
    std::printf("idle -> Welcome over %d random sessions (simulated clock, frames every 16-250 ms):\n",
                sessions);
    std::printf("  reset after the setting by: p50 %.0f ms, p95 %.0f ms, max %.0f ms (session %d); within "
                "setting + 1 s: "
                "%ld/%d: %s\n",
                percentile(overshoot, 0.5), percentile(overshoot, 0.95), worstMs, worst,
                static_cast<long>(within), sessions, within == sessions ? "MET" : "NOT MET");
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    int sessions = 20;
    if (argc > 1 && std::string(argv[1]) == "--sessions" && argc > 2)
        sessions = std::max(1, std::atoi(argv[2]));
    if (int r = idleReset(1000); r != 0) return r;
    return cardLatency(sessions);
}
