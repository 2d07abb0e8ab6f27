#include "EnvelopeTwin.hpp"

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <thread>

namespace guichet::deskapp {

namespace fs = std::filesystem;

struct EnvelopeTwin::Impl {
    std::mutex mutex;
    std::vector<cv::Mat> envelopes; ///< scaled to lie in the frame
    bool started = false;
    std::chrono::steady_clock::time_point start{};
};

EnvelopeTwin::EnvelopeTwin(TwinOptions options)
    : options_(std::move(options)), impl_(std::make_unique<Impl>()) {}

EnvelopeTwin::~EnvelopeTwin() = default;

Result<CameraMode> EnvelopeTwin::start() {
    if (options_.images.empty()) return Error{"camera twin: no envelope image to play"};
    if (options_.width < 64 || options_.height < 64 || options_.fps <= 0)
        return Error{"camera twin: the frame size or rate is not usable"};
    std::vector<cv::Mat> envelopes;
    for (const std::string& path : options_.images) {
        cv::Mat image = cv::imread(path, cv::IMREAD_COLOR);
        if (image.empty()) return Error{"camera twin: cannot read the envelope image " + path};
        // As a camera above the desk sees it: the envelope fills most of the picture.
        const double fit = std::min(0.94 * options_.width / image.cols, 0.9 * options_.height / image.rows);
        cv::Mat scaled;
        cv::resize(image, scaled,
                   cv::Size(std::max(1, static_cast<int>(image.cols * fit)),
                            std::max(1, static_cast<int>(image.rows * fit))),
                   0, 0, cv::INTER_AREA);
        envelopes.push_back(std::move(scaled));
    }
    std::lock_guard lock(impl_->mutex);
    impl_->envelopes = std::move(envelopes);
    impl_->started = true;
    impl_->start = std::chrono::steady_clock::now();
    return CameraMode{options_.width, options_.height, options_.fps, "twin"};
}

void EnvelopeTwin::stop() {
    std::lock_guard lock(impl_->mutex);
    impl_->started = false;
}

std::chrono::steady_clock::time_point EnvelopeTwin::dueAt(std::uint64_t sequence) const {
    const auto offset = std::chrono::duration<double>(static_cast<double>(sequence - 1) / options_.fps);
    return impl_->start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(offset);
}

std::optional<std::size_t> EnvelopeTwin::stillEnvelope(std::uint64_t sequence) const {
    if (sequence == 0 || options_.images.empty()) return std::nullopt;
    const std::uint64_t turn = (sequence - 1) / static_cast<std::uint64_t>(cycle());
    const auto phase = static_cast<int>((sequence - 1) % static_cast<std::uint64_t>(cycle()));
    if (!options_.loop && turn >= options_.images.size()) return std::nullopt;
    if (phase < options_.slideFrames || phase >= options_.slideFrames + options_.stillFrames)
        return std::nullopt;
    return static_cast<std::size_t>(turn % options_.images.size());
}

Result<Frame> EnvelopeTwin::nextFrame(std::uint64_t after, std::chrono::milliseconds timeout) {
    std::chrono::steady_clock::time_point start;
    {
        std::lock_guard lock(impl_->mutex);
        if (!impl_->started) return Error{"camera twin: not started"};
        start = impl_->start;
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    // The newest frame due now; a caller ahead of the twin waits for the next one.
    auto due = [&] {
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return static_cast<std::uint64_t>(elapsed * options_.fps) + 1;
    };
    std::uint64_t sequence = due();
    if (sequence <= after) {
        const auto next = dueAt(after + 1);
        if (next > deadline) {
            std::this_thread::sleep_until(deadline);
            return Error{"camera twin: no frame in time"};
        }
        std::this_thread::sleep_until(next);
        sequence = std::max(after + 1, due());
    }
    const std::uint64_t turn = (sequence - 1) / static_cast<std::uint64_t>(cycle());
    if (!options_.loop && turn >= options_.images.size()) return Error{"camera twin: the twin ended"};

    return frameAt(sequence);
}

Frame EnvelopeTwin::frameAt(std::uint64_t sequence) const {
    const std::uint64_t turn = (sequence - 1) / static_cast<std::uint64_t>(cycle());
    cv::Mat picture(options_.height, options_.width, CV_8UC3, cv::Scalar(58, 64, 70)); // a dark desk
    const auto phase = static_cast<int>((sequence - 1) % static_cast<std::uint64_t>(cycle()));
    if (phase < options_.slideFrames + options_.stillFrames) {
        std::lock_guard lock(impl_->mutex);
        if (impl_->envelopes.empty()) return Frame{}; // not started
        const cv::Mat& envelope = impl_->envelopes[turn % impl_->envelopes.size()];
        const int restX = (options_.width - envelope.cols) / 2;
        const int y = (options_.height - envelope.rows) / 2;
        int x = restX;
        if (phase < options_.slideFrames) // sliding in from the right edge
            x = options_.width - (options_.width - restX) * (phase + 1) / (options_.slideFrames + 1);
        const cv::Rect inside =
            cv::Rect(x, y, envelope.cols, envelope.rows) & cv::Rect(0, 0, options_.width, options_.height);
        if (inside.width > 0 && inside.height > 0)
            envelope(cv::Rect(inside.x - x, inside.y - y, inside.width, inside.height))
                .copyTo(picture(inside));
    }
    Frame frame;
    frame.width = options_.width;
    frame.height = options_.height;
    frame.stride = options_.width * 3;
    frame.bgr.assign(picture.data, picture.data + picture.total() * 3);
    frame.captured = std::chrono::steady_clock::now();
    frame.sequence = sequence;
    return frame;
}

std::vector<std::string> sampleEnvelopes(const std::string& programPath) {
    std::vector<fs::path> roots;
    std::error_code ec;
    fs::path here = fs::weakly_canonical(fs::path(programPath), ec).parent_path();
    for (int up = 0; up < 5 && !here.empty(); ++up, here = here.parent_path())
        roots.push_back(here);
    roots.push_back(fs::current_path(ec));
    for (const fs::path& root : roots) {
        const fs::path folder = root / "data" / "samples" / "envelopes";
        if (!fs::is_directory(folder, ec)) continue;
        std::vector<std::string> found;
        for (const auto& entry : fs::directory_iterator(folder, ec))
            if (entry.path().extension() == ".jpg" || entry.path().extension() == ".png")
                found.push_back(entry.path().string());
        std::sort(found.begin(), found.end());
        if (!found.empty()) return found;
    }
    return {};
}

} // namespace guichet::deskapp
