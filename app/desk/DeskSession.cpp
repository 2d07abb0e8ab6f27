#include "DeskSession.hpp"

#include "guichet/ui/DeskStrings.hpp"

namespace guichet::deskapp {

using namespace ui::desk;

DeskSession::DeskSession(DeskWorker& worker, ui::Language language, TextureHost textures,
                         IntakeWorker* intake, SessionOptions options)
    : worker_(worker), language_(language), textures_(std::move(textures)), intakeWorker_(intake),
      options_(options) {
    review_.language = language;
    queue_.language = language;
    intake_.language = language;
    returns_.language = language;
    stats_.language = language;
    sync_.language = language;
    if (intakeWorker_ == nullptr)
        cameraProblem_ = std::string(ui::deskText(ui::DeskText::CameraMissing, language));
    closePerson();
    worker_.post(command::Refresh{});
}

DeskSession::~DeskSession() {
    releaseCrops();
    if (textures_.release && intake_.live.id != 0) textures_.release(intake_.live.id);
}

void DeskSession::releaseCrops() {
    if (textures_.release)
        for (const auto& [item, texture] : crops_)
            textures_.release(texture);
    crops_.clear();
}

void DeskSession::closePerson() {
    person_ = PersonView{};
    person_.language = language_;
}

void DeskSession::refreshFor(DeskScreen screen) {
    if (screen == DeskScreen::Returns) worker_.post(command::LoadReturns{});
    if (screen == DeskScreen::Statistics) worker_.post(command::LoadStats{stats_.period});
    if (screen == DeskScreen::Sync) worker_.post(command::LoadSync{});
}

void DeskSession::show(DeskScreen screen) {
    if (screen_ == DeskScreen::Person && screen != DeskScreen::Person) closePerson();
    if (screen != screen_ && screen != DeskScreen::Person) {
        worker_.post(command::Refresh{});
        refreshFor(screen);
    }
    screen_ = screen;
}

void DeskSession::absorb(IntakeUpdate update) {
    const auto now = std::chrono::steady_clock::now();
    if (update.preview) {
        if (textures_.upload) {
            const ui::TextureId previous = intake_.live.id;
            intake_.live = {textures_.upload(*update.preview), update.preview->width, update.preview->height};
            if (textures_.release && previous != 0) textures_.release(previous);
        } else {
            intake_.live = {0, update.preview->width, update.preview->height};
        }
    }
    intake_.outline = update.outline;
    intake_.stillness = update.stillness;
    intake_.cameraLive = update.cameraLive;
    intake_.reading = update.reading;
    cameraProblem_ = update.cameraLive ? std::string{} : update.cameraProblem;
    readerProblem_ = update.readerProblem;
    if (update.hotFolder) {
        intake_.hotFolderWatched = true;
        intake_.hotFolder = *update.hotFolder;
    }
    for (std::size_t i = 0; i < update.read.size(); ++i) {
        const EnvelopeRow& row = update.read[i];
        readFromFrames_.push_back(i < update.readFromFrame.size() ? update.readFromFrame[i] : 0);
        intake_.strip.insert(intake_.strip.begin(), row);
        if (intake_.strip.size() > options_.stripLength) intake_.strip.resize(options_.stripLength);
        intake_.shown = row;
        shownUntil_ = now + options_.showFor;
        if (row.outcome == EnvelopeOutcome::Auto && row.item != 0) {
            intake_.undoItem = row.item;
            undoUntil_ = now + options_.undoFor;
        }
        if (row.outcome == EnvelopeOutcome::Review) worker_.post(command::Refresh{}); // the review queue grew
    }
    for (ReadingNotes& notes : update.notes) {
        if (notes_.size() >= 500) notes_.erase(notes_.begin()); // the oldest first: ids grow
        const MailItemId item = notes.item;
        notes_[item] = std::move(notes);
    }
    for (const auto& [item, refusal] : update.undone) {
        if (refusal.empty()) {
            for (EnvelopeRow& row : intake_.strip)
                if (row.item == item) row.outcome = EnvelopeOutcome::Review;
            if (intake_.shown && intake_.shown->item == item)
                intake_.shown->outcome = EnvelopeOutcome::Review;
            header_.status = std::string(ui::deskText(ui::DeskText::Done, language_)) + "\u202f: n\u00B0 " +
                             std::to_string(item) + " \u2192 " +
                             std::string(ui::deskText(ui::DeskText::TabReview, language_));
            header_.statusIsRefusal = false;
            worker_.post(command::Refresh{});
        } else {
            header_.status =
                std::string(ui::deskText(ui::DeskText::Refused, language_)) + "\u202f: " + refusal;
            header_.statusIsRefusal = true;
        }
    }
}

void DeskSession::absorb(Result result) {
    if (auto* review = std::get_if<result::Review>(&result)) {
        releaseCrops();
        for (std::size_t i = 0; i < review->items.size(); ++i) {
            ReviewItem& item = review->items[i];
            // What the reader said of an envelope read here: its lines, and why each candidate.
            if (auto notes = notes_.find(item.id); notes != notes_.end()) {
                if (item.linesRead.empty()) item.linesRead = notes->second.lines;
                for (CandidateRow& candidate : item.candidates)
                    for (const auto& [ref, why] : notes->second.why)
                        if (ref == candidate.ref && !why.empty()) candidate.why += " \u00B7 " + why;
            }
            if (textures_.upload && !review->crops[i].rgba.empty()) {
                item.crop = {textures_.upload(review->crops[i]), review->crops[i].width,
                             review->crops[i].height};
                crops_[item.id] = item.crop.id;
            }
        }
        // The list keeps its place: the same item stays current when it is still there.
        const MailItemId shown =
            review_.current < review_.items.size() ? review_.items[review_.current].id : 0;
        std::size_t current = std::min(review_.current, review->items.empty() ? 0 : review->items.size() - 1);
        for (std::size_t i = 0; i < review->items.size(); ++i)
            if (review->items[i].id == shown) current = i;
        review_.items = std::move(review->items);
        review_.current = current;
    } else if (auto* tickets = std::get_if<result::Tickets>(&result)) {
        queue_.tickets = std::move(tickets->tickets);
        if (queue_.focus >= queue_.tickets.size())
            queue_.focus = queue_.tickets.empty() ? 0 : queue_.tickets.size() - 1;
    } else if (auto* found = std::get_if<result::Found>(&result)) {
        if (found->forReview && review_.mode == ReviewMode::Searching && found->text == review_.query)
            review_.results = std::move(found->rows);
        if (!found->forReview && person_.finding && found->text == person_.query) {
            person_.found.clear();
            for (const CandidateRow& row : found->rows)
                person_.found.push_back({row.ref, row.box, row.name});
        }
    } else if (auto* person = std::get_if<result::Person>(&result)) {
        // Only while the Person screen is open: a late answer after it closed is dropped.
        if (screen_ == DeskScreen::Person) {
            const std::size_t focus = person->view.ref == person_.ref ? person_.focus : 0;
            person_ = std::move(person->view);
            person_.language = language_;
            person_.focus = focus;
        }
    } else if (auto* returns = std::get_if<result::Returns>(&result)) {
        returns_.day = std::move(returns->day);
        returns_.rows = std::move(returns->rows);
        returns_.proposals = returns->proposals;
    } else if (auto* stats = std::get_if<result::Stats>(&result)) {
        if (stats->period == stats_.period) {
            stats_.days = std::move(stats->days);
            stats_.total = std::move(stats->total);
        }
    } else if (auto* syncState = std::get_if<result::Sync>(&result)) {
        const std::size_t focus = sync_.focus;
        sync_ = std::move(syncState->view);
        sync_.language = language_;
        sync_.focus = sync_.parked.empty() ? 0 : std::min(focus, sync_.parked.size() - 1);
    } else if (auto* outcome = std::get_if<result::Outcome>(&result)) {
        header_.status = outcome->status;
        header_.statusIsRefusal = outcome->refusal;
    }
}

void DeskSession::frame(const ui::Frame& frame) {
    for (Result& result : worker_.drain())
        absorb(std::move(result));
    if (intakeWorker_ != nullptr) absorb(intakeWorker_->drain());
    const auto now = std::chrono::steady_clock::now();
    if (intake_.undoItem && now >= undoUntil_) intake_.undoItem.reset();
    intake_.undoSeconds =
        intake_.undoItem ? static_cast<int>(std::chrono::ceil<std::chrono::seconds>(undoUntil_ - now).count())
                         : 0;
    if (intake_.shown && now >= shownUntil_) intake_.shown.reset();
    header_.screen = screen_;
    header_.reviewWaiting = review_.items.size();
    header_.ticketsWaiting = queue_.tickets.size();
    header_.busy = !worker_.idle();
    header_.problems.clear();
    if (!cameraProblem_.empty()) header_.problems.push_back(cameraProblem_);
    if (!readerProblem_.empty()) header_.problems.push_back(readerProblem_);
    switch (screen_) {
    case DeskScreen::Intake: {
        intake_.header = header_;
        for (const IntakeIntent& intent : intakeScreen(intake_, frame))
            apply(intent);
        break;
    }
    case DeskScreen::Returns: {
        returns_.header = header_;
        for (const ReturnsIntent& intent : returnsScreen(returns_, frame))
            apply(intent);
        break;
    }
    case DeskScreen::Statistics: {
        stats_.header = header_;
        for (const StatsIntent& intent : statsScreen(stats_, frame))
            apply(intent);
        break;
    }
    case DeskScreen::Sync: {
        sync_.header = header_;
        for (const SyncIntent& intent : syncScreen(sync_, frame))
            apply(intent);
        break;
    }
    case DeskScreen::Review: {
        review_.header = header_;
        for (const ReviewIntent& intent : reviewScreen(review_, frame))
            apply(intent);
        break;
    }
    case DeskScreen::Person: {
        person_.header = header_;
        for (const PersonIntent& intent : personScreen(person_, frame))
            apply(intent);
        break;
    }
    case DeskScreen::Queue: {
        queue_.header = header_;
        for (const QueueIntent& intent : queueScreen(queue_, frame))
            apply(intent);
        break;
    }
    }
}

void DeskSession::apply(const ReviewIntent& intent) {
    if (const auto* tab = std::get_if<SwitchScreen>(&intent)) return show(tab->screen);
    // A decision leaves the view at once (the next item comes up); the worker records it.
    MailItemId decided = 0;
    if (const auto* pick = std::get_if<PickDossier>(&intent)) {
        worker_.post(command::Pick{pick->item, pick->dossier});
        decided = pick->item;
    } else if (const auto* unknown = std::get_if<MarkUnknown>(&intent)) {
        worker_.post(command::Unknown{unknown->item});
        decided = unknown->item;
    } else if (const auto* back = std::get_if<ReturnItem>(&intent)) {
        worker_.post(command::Return{back->item, back->reason});
        decided = back->item;
    } else if (const auto* search = std::get_if<SetSearchText>(&intent)) {
        worker_.post(command::Search{search->text, true});
    }
    // The current item was decided this frame once only: a second decision in the same frame
    // (two keys at once) would decide the next item unseen.
    if (decided != 0 &&
        (review_.current >= review_.items.size() || review_.items[review_.current].id != decided))
        return;
    if (decided != 0) {
        if (auto texture = crops_.find(decided); texture != crops_.end()) {
            if (textures_.release) textures_.release(texture->second);
            crops_.erase(texture);
        }
    }
    review_ = applyReviewIntent(std::move(review_), intent);
}

void DeskSession::apply(const PersonIntent& intent) {
    if (const auto* tab = std::get_if<SwitchScreen>(&intent)) return show(tab->screen);
    if (const auto* open = std::get_if<OpenPerson>(&intent)) {
        worker_.post(command::LoadPerson{open->ref});
        return;
    }
    if (const auto* hand = std::get_if<HandOverMail>(&intent)) {
        worker_.post(command::HandOver{*hand});
        return;
    }
    if (std::holds_alternative<ClosePerson>(intent)) {
        closePerson();
        return;
    }
    if (const auto* query = std::get_if<SetPersonQuery>(&intent))
        worker_.post(command::Search{query->text, false});
    person_ = applyPersonIntent(std::move(person_), intent);
}

void DeskSession::apply(const QueueIntent& intent) {
    if (const auto* tab = std::get_if<SwitchScreen>(&intent)) return show(tab->screen);
    if (const auto* open = std::get_if<OpenTicket>(&intent)) {
        worker_.post(command::ServeTicket{open->ticket});
        show(DeskScreen::Person);
        closePerson();
        worker_.post(command::LoadPerson{open->dossier});
        return;
    }
    queue_ = applyQueueIntent(std::move(queue_), intent);
}

} // namespace guichet::deskapp

namespace guichet::deskapp {

void DeskSession::apply(const IntakeIntent& intent) {
    if (const auto* tab = std::get_if<SwitchScreen>(&intent)) return show(tab->screen);
    if (std::holds_alternative<CaptureNow>(intent)) {
        if (intakeWorker_ != nullptr) intakeWorker_->captureNow();
        return;
    }
    if (const auto* undo = std::get_if<UndoRecord>(&intent)) {
        if (intakeWorker_ != nullptr) intakeWorker_->undo(undo->item);
        intake_.undoItem.reset(); // once: the worker answers in the status line
        return;
    }
    if (std::holds_alternative<ReadHotFolder>(intent)) {
        if (intakeWorker_ != nullptr) intakeWorker_->readFolderNow();
        return;
    }
    intake_ = applyIntakeIntent(std::move(intake_), intent);
}

void DeskSession::apply(const ReturnsIntent& intent) {
    if (const auto* tab = std::get_if<SwitchScreen>(&intent)) return show(tab->screen);
    if (std::holds_alternative<MarkProposals>(intent)) return worker_.post(command::MarkProposals{});
    if (std::holds_alternative<PrintSlip>(intent)) return worker_.post(command::WriteSlip{});
    if (std::holds_alternative<ExportReturnsCsv>(intent)) return worker_.post(command::ExportReturns{});
    returns_ = applyReturnsIntent(std::move(returns_), intent);
}

void DeskSession::apply(const StatsIntent& intent) {
    if (const auto* tab = std::get_if<SwitchScreen>(&intent)) return show(tab->screen);
    if (std::holds_alternative<ExportStatsCsv>(intent))
        return worker_.post(command::ExportStats{stats_.period});
    const StatsPeriod before = stats_.period;
    stats_ = applyStatsIntent(std::move(stats_), intent);
    if (stats_.period != before) worker_.post(command::LoadStats{stats_.period});
}

void DeskSession::apply(const SyncIntent& intent) {
    if (const auto* tab = std::get_if<SwitchScreen>(&intent)) return show(tab->screen);
    if (const auto* requeue = std::get_if<RequeueParked>(&intent))
        return worker_.post(command::Requeue{requeue->event});
    sync_ = applySyncIntent(std::move(sync_), intent);
}

} // namespace guichet::deskapp
