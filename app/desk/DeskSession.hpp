#pragma once
// The desk app's UI side: which screen shows, the view states, and what their intents do.
// Once per frame: drain the worker's results into the views, draw the current screen, apply its
// intents after the frame (the view-only ones at once, the others as worker commands). No rule of
// its own: every decision is a desk workflow's, run on the worker. The Person view is cleared as
// soon as the Person screen closes or another screen is chosen.

#include "DeskWorker.hpp"
#include "IntakeWorker.hpp"
#include "guichet/ui/Context.hpp"
#include "guichet/ui/desk/IntakeScreen.hpp"

#include <chrono>
#include <functional>
#include <map>

namespace guichet::deskapp {

/// Uploads a crop for the Review screen (Window::uploadTexture), and releases it. Headless runs
/// give none: the screen then says there is no image.
struct TextureHost {
    std::function<ui::TextureId(const ui::Image&)> upload;
    std::function<void(ui::TextureId)> release;
};

struct SessionOptions {
    std::chrono::seconds undoFor{10}; ///< how long the last automatic record may be undone
    std::chrono::seconds showFor{6};  ///< how long a decision stays drawn over the live view
    std::size_t stripLength = 12;     ///< envelopes kept in the strip
};

class DeskSession {
public:
    /// `intake` may be null (no camera, no reader: the Intake screen says so).
    DeskSession(DeskWorker& worker, ui::Language language, TextureHost textures = {},
                IntakeWorker* intake = nullptr, SessionOptions options = {});
    ~DeskSession();
    DeskSession(const DeskSession&) = delete;
    DeskSession& operator=(const DeskSession&) = delete;

    /// One frame: results in, the current screen drawn, its intents applied. Between the frame's
    /// start and end (UI thread).
    void frame(const ui::Frame& frame);

    ui::desk::DeskScreen screen() const { return screen_; }
    void show(ui::desk::DeskScreen screen);
    const ui::desk::ReviewView& review() const { return review_; }
    const ui::desk::PersonView& person() const { return person_; }
    const ui::desk::QueueView& queue() const { return queue_; }
    const ui::desk::IntakeView& intake() const { return intake_; }
    const ui::desk::ReturnsView& returns() const { return returns_; }
    const ui::desk::StatsView& stats() const { return stats_; }
    const ui::desk::SyncView& sync() const { return sync_; }
    /// The camera frame each envelope read at the desk was captured from, in the order read.
    const std::vector<std::uint64_t>& readFromFrames() const { return readFromFrames_; }
    const ui::desk::HeaderView& header() const { return header_; }
    bool busy() const { return !worker_.idle(); }

private:
    void absorb(Result result);
    void apply(const ui::desk::ReviewIntent& intent);
    void apply(const ui::desk::PersonIntent& intent);
    void apply(const ui::desk::QueueIntent& intent);
    void apply(const ui::desk::IntakeIntent& intent);
    void apply(const ui::desk::ReturnsIntent& intent);
    void apply(const ui::desk::StatsIntent& intent);
    void apply(const ui::desk::SyncIntent& intent);
    void absorb(IntakeUpdate update);
    void refreshFor(ui::desk::DeskScreen screen);
    void closePerson();
    void releaseCrops();

    DeskWorker& worker_;
    ui::Language language_;
    TextureHost textures_;
    IntakeWorker* intakeWorker_ = nullptr;
    SessionOptions options_;
    ui::desk::DeskScreen screen_ = ui::desk::DeskScreen::Review;
    ui::desk::IntakeView intake_;
    ui::desk::ReturnsView returns_;
    ui::desk::StatsView stats_;
    ui::desk::SyncView sync_;
    std::string cameraProblem_;
    std::string readerProblem_;
    std::chrono::steady_clock::time_point undoUntil_{};
    std::chrono::steady_clock::time_point shownUntil_{};
    std::vector<std::uint64_t> readFromFrames_;
    std::map<MailItemId, ReadingNotes> notes_; ///< the lines and the whys of the envelopes read here
    ui::desk::HeaderView header_;
    ui::desk::ReviewView review_;
    ui::desk::PersonView person_;
    ui::desk::QueueView queue_;
    std::map<MailItemId, ui::TextureId> crops_;
};

} // namespace guichet::deskapp
