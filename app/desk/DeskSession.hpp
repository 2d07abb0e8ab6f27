#pragma once
// The desk app's UI side: which screen shows, the three view states, and what their intents do.
// Once per frame: drain the worker's results into the views, draw the current screen, apply its
// intents after the frame (the view-only ones at once, the others as worker commands). No rule of
// its own: every decision is a desk workflow's, run on the worker. The Person view is cleared as
// soon as the Person screen closes or another screen is chosen.

#include "DeskWorker.hpp"
#include "guichet/ui/Context.hpp"

#include <functional>
#include <map>

namespace guichet::deskapp {

/// Uploads a crop for the Review screen (Window::uploadTexture), and releases it. Headless runs
/// give none: the screen then says there is no image.
struct TextureHost {
    std::function<ui::TextureId(const ui::Image&)> upload;
    std::function<void(ui::TextureId)> release;
};

class DeskSession {
public:
    DeskSession(DeskWorker& worker, ui::Language language, TextureHost textures = {});
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
    const ui::desk::HeaderView& header() const { return header_; }
    bool busy() const { return !worker_.idle(); }

private:
    void absorb(Result result);
    void apply(const ui::desk::ReviewIntent& intent);
    void apply(const ui::desk::PersonIntent& intent);
    void apply(const ui::desk::QueueIntent& intent);
    void closePerson();
    void releaseCrops();

    DeskWorker& worker_;
    ui::Language language_;
    TextureHost textures_;
    ui::desk::DeskScreen screen_ = ui::desk::DeskScreen::Review;
    ui::desk::HeaderView header_;
    ui::desk::ReviewView review_;
    ui::desk::PersonView person_;
    ui::desk::QueueView queue_;
    std::map<MailItemId, ui::TextureId> crops_;
};

} // namespace guichet::deskapp
