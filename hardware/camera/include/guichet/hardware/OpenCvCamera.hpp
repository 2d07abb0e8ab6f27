#pragma once
// The desk camera through OpenCV's VideoCapture: a V4L2 device (/dev/video0) or, as its simulated twin,
// a video file or an image sequence ("shots/frame_%03d.png") played at a real frame rate. A grabber
// thread keeps only the newest frame; when the device goes away it keeps trying to open it again.

#include "guichet/core/ports/Camera.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace guichet::hardware {

struct CameraSettings {
    std::string source = "/dev/video0"; ///< a device node, a V4L2 index ("0"), a video file or a pattern
    int width = 1920;                   ///< asked for; the camera may give less (see CameraMode)
    int height = 1080;
    double fps = 30;                ///< asked of a device; the pace of a twin whose file says none
    bool mjpg = true;               ///< MJPG, so 1080p fits USB 2 at 30 fps
    std::optional<double> exposure; ///< nullopt: automatic; else the driver's manual value
    std::optional<double> focus;    ///< nullopt: autofocus; else the driver's focus value
    bool loop = true;               ///< a twin restarts at its end; false: its end is an unplug
    std::chrono::milliseconds reconnectEvery{500};
};

/// True when `source` is a file or a pattern (the twin), not a camera.
bool isCameraFile(const std::string& source);

/// The V4L2 capture nodes present (/dev/video*), sorted; stable names from /dev/v4l/by-id when there.
std::vector<std::string> listCameras();

class OpenCvCamera final : public Camera {
public:
    explicit OpenCvCamera(CameraSettings settings);
    ~OpenCvCamera() override;
    OpenCvCamera(const OpenCvCamera&) = delete;
    OpenCvCamera& operator=(const OpenCvCamera&) = delete;

    /// Fails naming the source when it cannot be opened now (absent, busy, permission denied);
    /// once started, losing it is not fatal: the grabber reconnects and nextFrame() says so meanwhile.
    Result<CameraMode> start() override;
    void stop() override;
    Result<Frame> nextFrame(std::uint64_t after, std::chrono::milliseconds timeout) override;

    std::uint64_t reconnects() const; ///< times the source was opened again after a loss
    std::uint64_t dropped() const;    ///< frames replaced before anyone asked for them

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Writes a camera twin: `frames` PNG images of `width`×`height` in `folder` showing `image` (any file
/// OpenCV reads) slid in from the side over the first third, then held still, as a letter put under the
/// camera. Returns the pattern to use as CameraSettings::source. Fails naming the file it could not
/// read or write.
Result<std::string> writeCameraTwin(const std::string& image, const std::string& folder, int width,
                                    int height, int frames);

/// A rectangle of a frame, in pixels.
struct Region {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
};

/// Sharpness: variance of the Laplacian of the grey image over `region` (the whole frame when empty).
/// Higher is sharper; a blurred or empty frame gives a small value. 0 for an empty frame.
double sharpness(const Frame& frame, std::optional<Region> region = std::nullopt);

/// Motion: mean absolute difference (0..255) between two frames' grey images at a quarter size. 255
/// when their sizes differ.
double motion(const Frame& previous, const Frame& current);

/// Decides when to capture: the scene has been still (motion below `maxMotion`) for `stillFrames`
/// consecutive frames and the sharpest of them reaches `minSharpness`. Not thread-safe.
class AutoCapture {
public:
    struct Options {
        double maxMotion = 2.0;
        int stillFrames = 5;
        double minSharpness = 50.0;
        std::optional<Region> region;
    };
    explicit AutoCapture(Options options) : options_(options) {}
    /// Feeds the next frame; returns the frame to capture when the conditions are met (then starts over).
    std::optional<Frame> feed(const Frame& frame);

private:
    Options options_;
    std::optional<Frame> previous_;
    std::optional<Frame> best_;
    double bestSharpness_ = -1;
    int still_ = 0;
};

/// Best of a burst: the sharpest of the next `count` new frames. Fails as nextFrame() does.
Result<Frame> captureBest(Camera& camera, int count, std::chrono::milliseconds timeout,
                          std::optional<Region> region = std::nullopt);

} // namespace guichet::hardware
