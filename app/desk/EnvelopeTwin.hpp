#pragma once
// The desk camera's twin for the desk app: plays envelope images as a camera filming the desk
// would see them: each slides in from the right, lies still, is taken away (the empty desk), then
// the next one. Frames are made on demand at the twin's frame rate (1080p at 30 fps by default),
// so `./guichet.sh desk` shows the intake working with no hardware, and the benchmark knows when
// each envelope was laid. Thread-safe as the Camera port asks.

#include "guichet/core/ports/Camera.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace guichet::deskapp {

struct TwinOptions {
    std::vector<std::string> images; ///< envelope images (any file OpenCV reads), played in order
    int width = 1920;
    int height = 1080;
    double fps = 30;
    int slideFrames = 12; ///< the envelope coming in
    int stillFrames = 75; ///< lying still under the camera
    int emptyFrames = 30; ///< the empty desk after it
    bool loop = true;     ///< false: after the last envelope, nextFrame fails ("the twin ended")
};

class EnvelopeTwin final : public Camera {
public:
    explicit EnvelopeTwin(TwinOptions options);
    ~EnvelopeTwin() override;

    /// Loads and scales the images; fails naming an image that cannot be read.
    guichet::Result<CameraMode> start() override;
    void stop() override;
    guichet::Result<Frame> nextFrame(std::uint64_t after, std::chrono::milliseconds timeout) override;

    /// Frame `sequence` as the twin shows it (after start()), whenever it is due.
    Frame frameAt(std::uint64_t sequence) const;
    /// The envelope (index in `images`) lying still in frame `sequence`, if any.
    std::optional<std::size_t> stillEnvelope(std::uint64_t sequence) const;
    /// When frame `sequence` is due (start() + (sequence - 1) / fps).
    std::chrono::steady_clock::time_point dueAt(std::uint64_t sequence) const;
    /// The frames of one envelope's turn (slide + still + empty).
    int cycle() const { return options_.slideFrames + options_.stillFrames + options_.emptyFrames; }

private:
    struct Impl;
    TwinOptions options_;
    std::unique_ptr<Impl> impl_;
};

/// The sample envelopes shipped in data/samples/envelopes (sorted by name), found from the
/// program's folder or the current one; empty when none is found.
std::vector<std::string> sampleEnvelopes(const std::string& programPath);

} // namespace guichet::deskapp
