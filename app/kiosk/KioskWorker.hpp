#pragma once
// The kiosk's workers: the UI thread never waits on the camera, the store, the printer or the
// voice. Three threads:
//   camera  reads frames, decodes QR codes (ZXing) and posts CardSeen (a token is posted again at
//           most every `repeatAfter`), CameraGone / CameraBack;
//   store   its own Store connection: checks a card or a typed code and records the visit (Visits,
//           TypedCodes), issues and prints tickets; posts CardAccepted / CardRefused /
//           TicketIssued; asks the printer when idle and posts PrinterOutOfPaper / PrinterReady;
//   voice   says the newest sentence (an older one not yet started is dropped).
// The UI thread posts the machine's intents and drains the inputs once per frame. Logs (stderr)
// carry dossier refs and reasons, never a name.

#include "guichet/core/ports/Camera.hpp"
#include "guichet/core/ports/Clock.hpp"
#include "guichet/core/ports/ReceiptPrinter.hpp"
#include "guichet/core/ports/Speech.hpp"
#include "guichet/kiosk/Machine.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace guichet::kioskapp {

struct WorkerOptions {
    std::string dbPath;
    std::string kioskId = "1"; ///< for the typed-code tries (setting kiosk.<id>.*)
    std::chrono::milliseconds repeatAfter{10'000};
    std::chrono::milliseconds printerCheck{30'000}; ///< how often an idle kiosk asks the printer
    bool showFirstName = false;                     ///< setting kiosk.show_first_name
};

class KioskWorker {
public:
    /// The devices are the caller's and must outlive the worker; any may be null (no camera: the
    /// typed code only; no printer: tickets go to the desk's queue unprinted; no speech: silent).
    KioskWorker(WorkerOptions options, Camera* camera, ReceiptPrinter* printer, Speech* speech);
    ~KioskWorker();
    KioskWorker(const KioskWorker&) = delete;
    KioskWorker& operator=(const KioskWorker&) = delete;

    /// Starts the threads (the camera's start() is called on its thread).
    void start();
    /// Stops and joins them. Idempotent.
    void stop();

    /// VerifyCard, VerifyCode, IssueTicket: for the store thread. Speak and Cleared are the UI's.
    void post(const kiosk::Intent& intent);
    /// For the voice thread.
    void say(std::string text, std::string language);
    /// The inputs that came in since the last call (UI thread, once per frame).
    std::vector<kiosk::Input> drain();
    /// Blocks until an input comes or `timeout` passes (tests and the benchmark).
    std::vector<kiosk::Input> waitForInputs(std::chrono::milliseconds timeout);

private:
    void cameraLoop();
    void storeLoop();
    void voiceLoop();
    void push(kiosk::Input input);

    WorkerOptions options_;
    Camera* camera_;
    ReceiptPrinter* printer_;
    Speech* speech_;

    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable inputsReady_;
    std::deque<kiosk::Intent> jobs_;
    std::optional<std::pair<std::string, std::string>> sentence_;
    std::vector<kiosk::Input> inputs_;
    std::atomic<bool> stopping_{false};
    std::thread cameraThread_;
    std::thread storeThread_;
    std::thread voiceThread_;
};

} // namespace guichet::kioskapp
