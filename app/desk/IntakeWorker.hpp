#pragma once
// The desk app's intake: two threads, so that neither the UI nor the camera ever waits on a
// reading. The camera thread takes every frame, makes the preview (RGBA, `previewWidth` wide),
// finds the envelope's outline, and captures by itself when the envelope is still and sharp (the
// sharpest frame of the still run; once per envelope: it waits for the desk to be cleared or the
// picture to move before capturing again), or when asked (Space). The reading thread owns its
// store connection and the Reader: it reads a capture, records it through desk::Intake, undoes
// the last automatic record when asked (desk::Intake::undoAuto), and watches the scanner's hot
// folder (desk::HotFolder) when one is given. The UI thread drains updates once per frame.
// Logs (stderr) carry ids, never names.

#include "guichet/core/ports/Camera.hpp"
#include "guichet/core/ports/Clock.hpp"
#include "guichet/ui/Image.hpp"
#include "guichet/ui/desk/IntakeScreen.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace guichet::deskapp {

struct IntakeOptions {
    std::string dbPath;
    std::string staff = "desk";
    ui::Language language = ui::Language::French;
    std::shared_ptr<Camera> camera; ///< nullptr: no camera (the status line says so)
    std::string cameraName;         ///< named in messages
    std::string hotFolder;          ///< empty: not watched
    int previewWidth = 960;
    double maxMotion = 2.0;   ///< mean grey difference (0..255) under which a frame is still
    int stillFrames = 6;      ///< still frames in a row before the automatic capture
    double minSharpness = 15; ///< variance of the Laplacian over the envelope (the sample photo: 22)
    std::chrono::milliseconds folderEvery{2000};
    const Clock* clock = nullptr; ///< nullptr: the system clock
};

/// What the reader saw of an envelope it recorded: the lines read and, per candidate, why the
/// matcher proposes it. The store keeps only (ref, score); the Review screen shows these for the
/// envelopes read at this desk since it opened.
struct ReadingNotes {
    MailItemId item = 0;
    std::vector<std::string> lines;
    std::vector<std::pair<DossierRef, std::string>> why;
};

/// What changed since the last drain.
struct IntakeUpdate {
    std::optional<ui::Image> preview;  ///< the newest preview, when there is a new one
    std::uint64_t previewSequence = 0; ///< the camera frame it shows
    std::optional<ui::desk::Outline> outline;
    float stillness = 0;
    bool cameraLive = false;
    std::string cameraProblem; ///< why there is no picture, and what to do
    bool reading = false;
    std::vector<ui::desk::EnvelopeRow> read;  ///< envelopes read since, oldest first
    std::vector<std::uint64_t> readFromFrame; ///< the camera frame each was captured from (0: the hot folder)
    std::vector<ReadingNotes> notes;          ///< for the envelopes recorded
    std::vector<std::pair<MailItemId, std::string>> undone; ///< item, "" when undone, else why not
    std::optional<std::string> hotFolder;                   ///< its status line, when it changed
    std::string readerProblem;                              ///< the Reader or the store could not start
};

class IntakeWorker {
public:
    explicit IntakeWorker(IntakeOptions options);
    ~IntakeWorker(); ///< stops the camera, finishes the reading in hand, joins
    IntakeWorker(const IntakeWorker&) = delete;
    IntakeWorker& operator=(const IntakeWorker&) = delete;

    void captureNow();
    void undo(MailItemId item);
    void readFolderNow();
    /// Never blocks on the camera or the reader.
    IntakeUpdate drain();
    /// True when the reader is loaded and nothing is being read or waits to be.
    bool idle() const;
    /// True once the camera gave a picture (or there is no camera) and the reader is loaded.
    bool ready() const;

private:
    void cameraLoop();
    void readerLoop();

    struct Job;
    IntakeOptions options_;
    SystemClock systemClock_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::unique_ptr<Job>> jobs_;
    IntakeUpdate pending_;
    bool readerReady_ = false;
    bool cameraSeen_ = false;
    bool working_ = false;
    bool stop_ = false;
    std::atomic<bool> captureAsked_{false};
    std::thread camera_;
    std::thread reader_;
};

} // namespace guichet::deskapp
