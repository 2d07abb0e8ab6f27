#pragma once
// guichet::envelope — the best frame of a camera burst (issue 22): the desk camera takes a few
// frames while the envelope or card is held up; the one to read is the sharpest taken while the
// hand was still.
//
//   std::vector<cv::Mat> burst = grabFrames(camera, 5);
//   const int best = bestFrame(burst);                 // -1 when the burst is empty
//   if (best >= 0) read(burst[best]);
//
// Scores are computed on a gray copy whose long side is at most 640 px, lightly smoothed (sensor
// noise is not detail): sharpness is the mean squared Laplacian divided by the frame's gray-level
// variance, so that a dim but sharp frame is not beaten by a bright blurred one (both scale with
// the light); motion is the mean absolute difference to the neighbouring frames of the burst, in
// units of the frame's standard deviation. Pure functions, never throw (an empty or unreadable
// frame scores 0 and is never chosen over a real one). Thread-safe.

#include <opencv2/core.hpp>
#include <vector>

namespace guichet::envelope {

struct FrameQuality {
    double sharpness = 0.0; ///< contrast-normalised Laplacian energy (0: flat or unreadable frame)
    double motion = 0.0;    ///< change from the neighbouring frames (0: still, or a single frame)
    double score = 0.0;     ///< sharpness / (1 + motion / 0.25): what bestFrame maximises
};

/// Sharpness of one BGR, BGRA or gray 8-bit frame (see the header comment); 0 for an empty frame.
double frameSharpness(const cv::Mat& frame);

/// Every frame of a burst rated, in order. Frames of different sizes are compared at the smaller one.
std::vector<FrameQuality> rateBurst(const std::vector<cv::Mat>& burst);

/// Index of the frame to read (highest score, the earliest on a tie), -1 when the burst is empty or
/// no frame has any detail.
int bestFrame(const std::vector<cv::Mat>& burst);

} // namespace guichet::envelope
