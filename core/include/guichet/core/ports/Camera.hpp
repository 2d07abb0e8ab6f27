#pragma once
// Port: a camera that films the desk. The desk shows its frames and captures an envelope when the
// picture is still and sharp. The core sees frames as plain bytes; OpenCV stays in hardware/camera.

#include "guichet/core/Result.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace guichet {

/// One picture: 8-bit BGR, rows of `stride` bytes (stride >= 3 * width).
struct Frame {
    int width = 0;
    int height = 0;
    int stride = 0;
    std::vector<std::uint8_t> bgr;
    std::chrono::steady_clock::time_point captured{}; ///< when the grabber received it
    std::uint64_t sequence = 0;                       ///< 1, 2, 3... per camera; gaps = frames dropped

    bool operator==(const Frame&) const = default;
};

/// What the camera actually delivers (it may refuse what was asked).
struct CameraMode {
    int width = 0;
    int height = 0;
    double fps = 0;
    std::string fourcc; ///< "MJPG", "YUYV"... or "" when unknown

    bool operator==(const CameraMode&) const = default;
};

class Camera {
public:
    virtual ~Camera() = default;
    /// Opens the device and starts grabbing. Fails naming the device (absent, busy, refused).
    virtual Result<CameraMode> start() = 0;
    /// Stops grabbing and releases the device. Idempotent.
    virtual void stop() = 0;
    /// The newest frame whose sequence is greater than `after`, waiting at most `timeout`. Older frames
    /// are dropped, never queued. Fails with a message naming the device when it is unplugged (it
    /// keeps trying to reconnect) or no frame came in time. Thread-safe.
    virtual Result<Frame> nextFrame(std::uint64_t after, std::chrono::milliseconds timeout) = 0;
};

} // namespace guichet
