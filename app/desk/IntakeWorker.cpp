#include "IntakeWorker.hpp"

#include "guichet/desk/HotFolder.hpp"
#include "guichet/desk/Intake.hpp"
#include "guichet/hardware/OpenCvCamera.hpp"
#include "guichet/match/Matcher.hpp"
#include "guichet/reader/Reader.hpp"
#include "guichet/store/Store.hpp"
#include "guichet/ui/DeskStrings.hpp"

#include <algorithm>
#include <cstdio>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace guichet::deskapp {

namespace {

cv::Mat view(const Frame& frame) {
    return cv::Mat(frame.height, frame.width, CV_8UC3, const_cast<std::uint8_t*>(frame.bgr.data()),
                   static_cast<std::size_t>(frame.stride));
}

/// The envelope: the largest bright quadrilateral on the desk, in `small`'s pixels.
std::optional<std::array<cv::Point2f, 4>> findEnvelope(const cv::Mat& small) {
    cv::Mat grey, mask;
    cv::cvtColor(small, grey, cv::COLOR_BGR2GRAY);
    cv::GaussianBlur(grey, grey, cv::Size(5, 5), 0);
    cv::threshold(grey, mask, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    cv::morphologyEx(mask, mask, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(9, 9)));
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(mask, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    const double total = static_cast<double>(small.cols) * small.rows;
    const std::vector<cv::Point>* best = nullptr;
    double bestArea = 0;
    for (const auto& contour : contours) {
        const double area = cv::contourArea(contour);
        if (area > bestArea) {
            bestArea = area;
            best = &contour;
        }
    }
    // Too small is a scrap of paper; the whole picture is a bright desk, not an envelope.
    if (best == nullptr || bestArea < 0.08 * total || bestArea > 0.97 * total) return std::nullopt;
    std::array<cv::Point2f, 4> corners;
    cv::minAreaRect(*best).points(corners.data());
    // Clockwise from the top left: the smallest x + y first.
    const cv::Point2f centre = (corners[0] + corners[1] + corners[2] + corners[3]) * 0.25f;
    std::sort(corners.begin(), corners.end(), [&](const cv::Point2f& a, const cv::Point2f& b) {
        return std::atan2(a.y - centre.y, a.x - centre.x) < std::atan2(b.y - centre.y, b.x - centre.x);
    });
    return corners;
}

ui::desk::EnvelopeOutcome outcomeOf(MailState state) {
    switch (state) {
    case MailState::Pending:
        return ui::desk::EnvelopeOutcome::Auto;
    case MailState::ReturnToSender:
        return ui::desk::EnvelopeOutcome::Return;
    default:
        return ui::desk::EnvelopeOutcome::Review;
    }
}

std::string timeOfDay(const Clock& clock) {
    return formatInstant(clock.now()).substr(11, 8);
}

} // namespace

struct IntakeWorker::Job {
    enum class Kind { Read, Undo, Folder } kind = Kind::Read;
    Frame frame;
    MailItemId item = 0;
};

IntakeWorker::IntakeWorker(IntakeOptions options) : options_(std::move(options)) {
    pending_.cameraLive = false;
    if (!options_.camera)
        pending_.cameraProblem = std::string(ui::deskText(ui::DeskText::CameraMissing, options_.language));
    reader_ = std::thread([this] { readerLoop(); });
    if (options_.camera) camera_ = std::thread([this] { cameraLoop(); });
}

IntakeWorker::~IntakeWorker() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        jobs_.clear();
    }
    wake_.notify_all();
    if (camera_.joinable()) camera_.join();
    if (reader_.joinable()) reader_.join();
    if (options_.camera) options_.camera->stop();
}

void IntakeWorker::captureNow() {
    captureAsked_ = true;
}

void IntakeWorker::undo(MailItemId item) {
    auto job = std::make_unique<Job>();
    job->kind = Job::Kind::Undo;
    job->item = item;
    {
        std::lock_guard lock(mutex_);
        jobs_.push_front(std::move(job)); // an undo is urgent: the seconds run
    }
    wake_.notify_all();
}

void IntakeWorker::readFolderNow() {
    auto job = std::make_unique<Job>();
    job->kind = Job::Kind::Folder;
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(std::move(job));
    }
    wake_.notify_all();
}

IntakeUpdate IntakeWorker::drain() {
    std::lock_guard lock(mutex_);
    IntakeUpdate out = std::move(pending_);
    pending_ = IntakeUpdate{};
    // The state carries over; only the news is taken.
    pending_.outline = out.outline;
    pending_.stillness = out.stillness;
    pending_.cameraLive = out.cameraLive;
    pending_.cameraProblem = out.cameraProblem;
    pending_.reading = out.reading;
    pending_.readerProblem = out.readerProblem;
    return out;
}

bool IntakeWorker::ready() const {
    std::lock_guard lock(mutex_);
    return readerReady_ && (cameraSeen_ || !options_.camera);
}

bool IntakeWorker::idle() const {
    std::lock_guard lock(mutex_);
    return readerReady_ && jobs_.empty() && !working_;
}

void IntakeWorker::cameraLoop() {
    Camera& camera = *options_.camera;
    const std::string problem = std::string(ui::deskText(ui::DeskText::CameraMissing, options_.language));
    bool started = false;
    std::uint64_t last = 0;
    std::optional<Frame> previous;
    std::optional<Frame> best;
    double bestSharpness = -1;
    int still = 0;
    int absent = 0;
    bool armed = true; // captures once per envelope: re-armed when the desk is cleared or it moves
    auto stopping = [this] {
        std::lock_guard lock(mutex_);
        return stop_;
    };
    while (!stopping()) {
        if (!started) {
            auto mode = camera.start();
            if (!mode) {
                std::fprintf(stderr, "guichet-desk: camera %s: %s\n", options_.cameraName.c_str(),
                             mode.error().message.c_str());
                {
                    std::lock_guard lock(mutex_);
                    pending_.cameraLive = false;
                    pending_.cameraProblem = problem;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(500));
                continue;
            }
            started = true;
        }
        auto frame = camera.nextFrame(last, std::chrono::milliseconds(700));
        if (!frame) {
            std::lock_guard lock(mutex_);
            pending_.cameraLive = false;
            pending_.cameraProblem = problem;
            continue;
        }
        last = frame->sequence;
        const cv::Mat picture = view(*frame);
        // The preview the UI shows, and the outline found on a small copy.
        const int pw = std::min(options_.previewWidth, frame->width);
        const int ph = std::max(1, frame->height * pw / frame->width);
        cv::Mat small, rgba;
        cv::resize(picture, small, cv::Size(pw, ph), 0, 0, cv::INTER_AREA);
        cv::cvtColor(small, rgba, cv::COLOR_BGR2RGBA);
        cv::Mat tiny;
        const int tw = 320;
        const int th = std::max(1, ph * tw / pw);
        cv::resize(small, tiny, cv::Size(tw, th), 0, 0, cv::INTER_AREA);
        const auto corners = findEnvelope(tiny);
        std::optional<ui::desk::Outline> outline;
        std::optional<hardware::Region> region;
        if (corners) {
            ui::desk::Outline o;
            float minX = 1e9f, minY = 1e9f, maxX = 0, maxY = 0;
            for (std::size_t i = 0; i < 4; ++i) {
                const float kx = static_cast<float>(pw) / static_cast<float>(tw);
                const float ky = static_cast<float>(ph) / static_cast<float>(th);
                o.corners[i] = {(*corners)[i].x * kx, (*corners)[i].y * ky};
                minX = std::min(minX, (*corners)[i].x);
                minY = std::min(minY, (*corners)[i].y);
                maxX = std::max(maxX, (*corners)[i].x);
                maxY = std::max(maxY, (*corners)[i].y);
            }
            outline = o;
            const float k = static_cast<float>(frame->width) / static_cast<float>(tw);
            region =
                hardware::Region{static_cast<int>(minX * k), static_cast<int>(minY * k),
                                 static_cast<int>((maxX - minX) * k), static_cast<int>((maxY - minY) * k)};
        }
        // Still and sharp: the sharpest frame of the still run is captured, once per envelope.
        const double moved = previous ? hardware::motion(*previous, *frame) : 255.0;
        previous = *frame;
        absent = outline ? 0 : absent + 1;
        if (absent >= 3 || moved > options_.maxMotion * 4) armed = true;
        if (moved > options_.maxMotion || !outline) {
            still = 0;
            best.reset();
            bestSharpness = -1;
        } else {
            ++still;
            const double sharp = hardware::sharpness(*frame, region);
            if (sharp > bestSharpness) {
                bestSharpness = sharp;
                best = *frame;
            }
        }
        std::optional<Frame> capture;
        if (captureAsked_.exchange(false)) {
            capture = best && still > 0 ? *best : *frame;
        } else if (armed && outline && still >= options_.stillFrames &&
                   bestSharpness >= options_.minSharpness) {
            capture = std::move(best);
        }
        if (capture) {
            armed = false;
            still = 0;
            best.reset();
            bestSharpness = -1;
        }
        ui::Image preview{pw, ph, std::vector<std::uint8_t>(rgba.data, rgba.data + rgba.total() * 4)};
        {
            std::lock_guard lock(mutex_);
            pending_.preview = std::move(preview);
            pending_.previewSequence = frame->sequence;
            pending_.outline = outline;
            pending_.stillness =
                armed && outline
                    ? std::min(1.0f, static_cast<float>(still) / static_cast<float>(options_.stillFrames))
                    : 0.0f;
            pending_.cameraLive = true;
            pending_.cameraProblem.clear();
            cameraSeen_ = true;
            if (capture) {
                auto job = std::make_unique<Job>();
                job->kind = Job::Kind::Read;
                job->frame = std::move(*capture);
                jobs_.push_back(std::move(job));
                pending_.reading = true;
            }
        }
        if (capture) wake_.notify_all();
    }
}

void IntakeWorker::readerLoop() {
    const Clock& clock = options_.clock != nullptr ? *options_.clock : systemClock_;
    auto fail = [this](const std::string& message) {
        std::fprintf(stderr, "guichet-desk: intake: %s\n", message.c_str());
        std::lock_guard lock(mutex_);
        pending_.readerProblem = message;
        readerReady_ = true;
    };
    auto opened = store::Store::open(options_.dbPath);
    if (!opened) return fail(opened.error().message);
    store::Store store = std::move(*opened);
    auto dossiers = store.loadDossiers();
    if (!dossiers) return fail(dossiers.error().message);
    match::Directory directory(std::move(*dossiers));
    reader::Options readerOptions;
    readerOptions.keepCrop = true; // the review screen shows the address block
    auto reader = reader::Reader::create(directory, readerOptions);
    if (!reader) return fail(reader.error().message);
    // The retries' second model is loaded now, not during the first envelope (seconds).
    if (const std::string& problem = reader->preloadSecondModel(); !problem.empty())
        std::fprintf(stderr, "guichet-desk: intake: %s\n", problem.c_str());
    desk::Intake intake(store, clock);
    auto words = [&](ui::DeskText key) { return std::string(ui::deskText(key, options_.language)); };

    // The hot folder: read in this thread with the same Reader (not in a forked child: the camera's
    // readings have used the image library's threads in this process).
    std::unique_ptr<desk::HotFolder> folder;
    int folderRead = 0, folderFailed = 0, folderWaiting = 0;
    std::string folderProblem;
    if (!options_.hotFolder.empty()) {
        auto hot = desk::HotFolder::open(
            options_.hotFolder, store, [&](const std::string& path) { return reader->readFile(path); }, clock,
            desk::HotFolderOptions{},
            [](const std::string& line) { std::fprintf(stderr, "guichet-desk: %s\n", line.c_str()); });
        if (hot)
            folder = std::move(*hot);
        else
            folderProblem = hot.error().message;
    }
    auto folderLine = [&] {
        if (!folderProblem.empty()) return options_.hotFolder + " \u2014 " + folderProblem;
        return options_.hotFolder + " \u2014 " + std::to_string(folderRead) + " " +
               words(ui::DeskText::FilesRead) + ", " + std::to_string(folderFailed) + " " +
               words(ui::DeskText::FilesFailed) + ", " + std::to_string(folderWaiting) + " " +
               words(ui::DeskText::FilesWaiting);
    };
    {
        std::lock_guard lock(mutex_);
        if (!options_.hotFolder.empty()) pending_.hotFolder = folderLine();
        readerReady_ = true;
    }
    auto nextPoll = std::chrono::steady_clock::now();
    for (;;) {
        std::unique_ptr<Job> job;
        {
            std::unique_lock lock(mutex_);
            auto ready = [this] { return stop_ || !jobs_.empty(); };
            if (folder)
                wake_.wait_until(lock, nextPoll, ready);
            else
                wake_.wait(lock, ready);
            if (stop_) return;
            if (!jobs_.empty()) {
                job = std::move(jobs_.front());
                jobs_.pop_front();
            }
            working_ = true;
        }
        ui::desk::EnvelopeRow row;
        std::optional<ReadingNotes> notes;
        std::optional<std::pair<MailItemId, std::string>> undone;
        std::optional<std::string> folderStatus;
        std::uint64_t fromFrame = 0;
        bool readOne = false;
        if (!job || job->kind == Job::Kind::Folder) {
            if (folder) {
                auto report = folder->poll();
                if (!report) {
                    folderProblem = report.error().message;
                    folder.reset(); // an error stops the intake of the folder, as the CLI's does
                } else {
                    folderRead += report->recorded;
                    folderFailed += report->failed;
                    folderWaiting = report->waiting;
                }
                folderStatus = folderLine();
            }
            nextPoll = std::chrono::steady_clock::now() + options_.folderEvery;
        } else if (job->kind == Job::Kind::Undo) {
            auto result = intake.undoAuto(job->item, options_.staff);
            undone = {job->item, result ? std::string{} : result.error().message};
            if (!result)
                std::fprintf(stderr, "guichet-desk: undo of mail %lld refused: %s\n",
                             static_cast<long long>(job->item), result.error().message.c_str());
        } else {
            readOne = true;
            fromFrame = job->frame.sequence;
            row.at = timeOfDay(clock);
            std::vector<unsigned char> jpeg;
            cv::imencode(".jpg", view(job->frame), jpeg, {cv::IMWRITE_JPEG_QUALITY, 95});
            const std::string name = "camera-" + std::to_string(job->frame.sequence) + ".jpg";
            const auto readStart = std::chrono::steady_clock::now();
            auto reading = reader->readBytes(jpeg, name);
            const double readMs =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - readStart)
                    .count();
            if (!reading) {
                row.outcome = ui::desk::EnvelopeOutcome::Failed;
                row.note = reading.error().message;
            } else {
                auto recorded = intake.record({*reading}, "camera");
                if (!recorded || recorded->empty()) {
                    row.outcome = ui::desk::EnvelopeOutcome::Failed;
                    row.note = recorded ? "nothing recorded" : recorded.error().message;
                } else {
                    const desk::Recorded& r = recorded->front();
                    row.item = r.item;
                    row.outcome = outcomeOf(r.state);
                    row.kind = r.kind;
                    row.tracking = r.tracking;
                    row.dossier = r.dossier;
                    row.note = r.note;
                    notes = ReadingNotes{r.item, reading->lines, {}};
                    for (const match::Candidate& candidate : reading->candidates)
                        notes->why.emplace_back(candidate.dossier, candidate.why);
                    std::fprintf(stderr, "guichet-desk: camera frame %llu: %s (read in %.0f ms)\n",
                                 static_cast<unsigned long long>(job->frame.sequence),
                                 desk::describe(r).c_str(), readMs);
                }
            }
            if (row.outcome == ui::desk::EnvelopeOutcome::Failed)
                std::fprintf(stderr, "guichet-desk: camera frame %llu not recorded: %s\n",
                             static_cast<unsigned long long>(job->frame.sequence), row.note.c_str());
        }
        std::lock_guard lock(mutex_);
        working_ = false;
        if (readOne) {
            pending_.read.push_back(std::move(row));
            pending_.readFromFrame.push_back(fromFrame);
            pending_.reading = false;
            for (const auto& waiting : jobs_)
                if (waiting->kind == Job::Kind::Read) pending_.reading = true;
        }
        if (undone) pending_.undone.push_back(*undone);
        if (notes) pending_.notes.push_back(std::move(*notes));
        if (folderStatus) pending_.hotFolder = *folderStatus;
    }
}

} // namespace guichet::deskapp
