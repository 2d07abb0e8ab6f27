#include "guichet/hardware/OpenCvCamera.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <thread>
#include <unistd.h>

namespace guichet::hardware {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

bool isCameraFile(const std::string& source) {
    if (source.empty()) return false;
    if (std::all_of(source.begin(), source.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    return source.rfind("/dev/", 0) != 0;
}

std::vector<std::string> listCameras() {
    std::vector<std::string> found;
    std::error_code ec;
    if (fs::is_directory("/dev/v4l/by-id", ec)) {
        for (const auto& entry : fs::directory_iterator("/dev/v4l/by-id", ec))
            if (entry.path().filename().string().find("video-index0") != std::string::npos)
                found.push_back(entry.path().string());
    }
    if (found.empty()) {
        for (const auto& entry : fs::directory_iterator("/dev", ec))
            if (entry.path().filename().string().rfind("video", 0) == 0)
                found.push_back(entry.path().string());
    }
    std::sort(found.begin(), found.end());
    return found;
}

namespace {
Frame toFrame(const cv::Mat& image, std::uint64_t sequence, Clock::time_point captured) {
    cv::Mat bgr;
    if (image.channels() == 3)
        bgr = image;
    else if (image.channels() == 4)
        cv::cvtColor(image, bgr, cv::COLOR_BGRA2BGR);
    else
        cv::cvtColor(image, bgr, cv::COLOR_GRAY2BGR);
    if (bgr.depth() != CV_8U) bgr.convertTo(bgr, CV_8U);
    Frame f;
    f.width = bgr.cols;
    f.height = bgr.rows;
    f.stride = bgr.cols * 3;
    f.bgr.resize(static_cast<std::size_t>(f.stride) * static_cast<std::size_t>(f.height));
    for (int y = 0; y < bgr.rows; ++y)
        std::copy_n(bgr.ptr<std::uint8_t>(y), f.stride,
                    f.bgr.data() + static_cast<std::size_t>(y) * f.stride);
    f.captured = captured;
    f.sequence = sequence;
    return f;
}

std::string fourccName(double value) {
    auto v = static_cast<unsigned>(value);
    std::string s;
    for (int i = 0; i < 4; ++i) {
        char c = static_cast<char>((v >> (8 * i)) & 0xFF);
        if (c >= 32 && c < 127) s += c;
    }
    return s;
}
} // namespace

struct OpenCvCamera::Impl {
    CameraSettings settings;
    cv::VideoCapture capture;
    CameraMode mode;
    std::thread grabber;
    std::atomic<bool> running{false};
    std::mutex mutex;
    std::condition_variable arrived;
    std::optional<Frame> latest; // guarded by mutex
    std::string lost;            // guarded by mutex: why frames stopped, empty while connected
    std::uint64_t sequence = 0;  // grabber thread only
    std::atomic<std::uint64_t> reconnects{0};
    std::atomic<std::uint64_t> dropped{0};
    std::uint64_t lastHandedOut = 0; // guarded by mutex

    std::string who() const { return "camera " + settings.source; }

    /// Opens the source and asks for the mode; only the grabber thread or start() call it.
    Result<CameraMode> open() {
        const std::string& src = settings.source;
        const bool file = isCameraFile(src);
        if (!file && src.rfind("/dev/", 0) == 0) {
            if (::access(src.c_str(), F_OK) != 0)
                return Error{who() +
                             ": not found; check the camera is plugged in (guichet devices lists them)"};
            if (::access(src.c_str(), R_OK | W_OK) != 0)
                return Error{who() + ": permission denied; add the desk user to the video group"};
        }
        if (file && src.find('%') == std::string::npos && !fs::exists(src))
            return Error{who() + ": no such file; check device.camera in the settings"};
        try {
            capture.release();
            bool ok;
            if (!file && src.rfind("/dev/", 0) != 0)
                ok = capture.open(std::stoi(src), cv::CAP_V4L2);
            else
                ok = capture.open(src, file ? cv::CAP_ANY : cv::CAP_V4L2);
            if (!ok)
                return Error{who() +
                             ": cannot open; it may be used by another program (close it) or unplugged"};
            if (!file) {
                if (settings.mjpg)
                    capture.set(cv::CAP_PROP_FOURCC, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'));
                capture.set(cv::CAP_PROP_FRAME_WIDTH, settings.width);
                capture.set(cv::CAP_PROP_FRAME_HEIGHT, settings.height);
                capture.set(cv::CAP_PROP_FPS, settings.fps);
                capture.set(cv::CAP_PROP_BUFFERSIZE, 1);
                // V4L2 exposure modes through OpenCV: 3 = aperture priority (auto), 1 = manual. A camera
                // without the control ignores it; what it kept is read back below.
                capture.set(cv::CAP_PROP_AUTO_EXPOSURE, settings.exposure ? 1 : 3);
                if (settings.exposure) capture.set(cv::CAP_PROP_EXPOSURE, *settings.exposure);
                capture.set(cv::CAP_PROP_AUTOFOCUS, settings.focus ? 0 : 1);
                if (settings.focus) capture.set(cv::CAP_PROP_FOCUS, *settings.focus);
            }
            CameraMode m;
            m.width = static_cast<int>(capture.get(cv::CAP_PROP_FRAME_WIDTH));
            m.height = static_cast<int>(capture.get(cv::CAP_PROP_FRAME_HEIGHT));
            // A video file knows its rate; an image sequence's "rate" is OpenCV's invention: use ours.
            double fps = src.find('%') == std::string::npos ? capture.get(cv::CAP_PROP_FPS) : 0;
            m.fps = (fps > 0 && fps <= 240) ? fps : settings.fps;
            m.fourcc = fourccName(capture.get(cv::CAP_PROP_FOURCC));
            return m;
        } catch (const cv::Exception& e) {
            return Error{who() + ": cannot open (" + e.what() + ")"};
        }
    }

    void publish(const cv::Mat& image, Clock::time_point at) {
        Frame frame = toFrame(image, ++sequence, at);
        std::lock_guard lock(mutex);
        if (latest && latest->sequence > lastHandedOut) dropped++;
        latest = std::move(frame);
        lost.clear();
        arrived.notify_all();
    }

    void markLost(const std::string& why) {
        std::lock_guard lock(mutex);
        lost = why;
        arrived.notify_all();
    }

    void sleepWhileRunning(std::chrono::milliseconds d) {
        auto until = Clock::now() + d;
        while (running && Clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }

    void run() {
        const bool file = isCameraFile(settings.source);
        const auto period =
            std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / mode.fps));
        auto due = Clock::now();
        cv::Mat image;
        while (running) {
            bool got = false;
            try {
                got = capture.read(image) && !image.empty();
            } catch (const cv::Exception&) {
                got = false;
            }
            if (got) {
                if (file) {
                    // A file decodes faster than a camera films: hand its frames out at the camera's pace.
                    due += period;
                    auto now = Clock::now();
                    if (due > now)
                        std::this_thread::sleep_until(due);
                    else if (now - due > period * 4)
                        due = now;
                }
                publish(image, Clock::now());
                continue;
            }
            if (file && settings.loop) {
                if (!open()) markLost(who() + ": cannot read the file again");
                continue;
            }
            markLost(who() + ": unplugged or stopped sending; reconnecting, check the cable");
            while (running) {
                sleepWhileRunning(settings.reconnectEvery);
                if (!running) break;
                if (auto reopened = open()) {
                    reconnects++;
                    due = Clock::now();
                    break;
                } else {
                    markLost(reopened.error().message + " (reconnecting)");
                }
            }
        }
        capture.release();
    }
};

OpenCvCamera::OpenCvCamera(CameraSettings settings) : impl_(std::make_unique<Impl>()) {
    impl_->settings = std::move(settings);
}

OpenCvCamera::~OpenCvCamera() {
    stop();
}

Result<CameraMode> OpenCvCamera::start() {
    if (impl_->running) return impl_->mode;
    auto mode = impl_->open();
    if (!mode) return mode;
    impl_->mode = *mode;
    impl_->running = true;
    impl_->grabber = std::thread([this] { impl_->run(); });
    return mode;
}

void OpenCvCamera::stop() {
    impl_->running = false;
    if (impl_->grabber.joinable()) impl_->grabber.join();
}

Result<Frame> OpenCvCamera::nextFrame(std::uint64_t after, std::chrono::milliseconds timeout) {
    std::unique_lock lock(impl_->mutex);
    if (!impl_->running && !impl_->latest) return Error{impl_->who() + ": not started"};
    bool fresh = impl_->arrived.wait_for(lock, timeout, [&] {
        return (impl_->latest && impl_->latest->sequence > after) || !impl_->lost.empty();
    });
    if (impl_->latest && impl_->latest->sequence > after) {
        impl_->lastHandedOut = impl_->latest->sequence;
        return *impl_->latest;
    }
    if (!impl_->lost.empty()) return Error{impl_->lost};
    (void)fresh;
    return Error{impl_->who() + ": no frame for " + std::to_string(timeout.count()) +
                 " ms; it may be used by another program or unplugged"};
}

std::uint64_t OpenCvCamera::reconnects() const {
    return impl_->reconnects;
}
std::uint64_t OpenCvCamera::dropped() const {
    return impl_->dropped;
}

} // namespace guichet::hardware
