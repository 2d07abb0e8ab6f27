#include "guichet/envelope/Burst.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <opencv2/imgproc.hpp>

namespace guichet::envelope {
namespace {

constexpr int kLongSide = 640;
/// (Burst.hpp: score = sharpness / (1 + motion / 0.25).) A frame that moved by this much (mean absolute
/// change, in standard deviations) loses half its score: the hand was moving, even when the exposure froze
/// it.
constexpr double kMotionScale = 0.25;

// The gray working copy: long side at most kLongSide (area average), smoothed by a small Gaussian.
cv::Mat working(const cv::Mat& frame, cv::Size size = {}) {
    if (frame.empty() || frame.depth() != CV_8U) return {};
    cv::Mat gray;
    if (frame.channels() == 3)
        cv::cvtColor(frame, gray, cv::COLOR_BGR2GRAY);
    else if (frame.channels() == 4)
        cv::cvtColor(frame, gray, cv::COLOR_BGRA2GRAY);
    else if (frame.channels() == 1)
        gray = frame;
    else
        return {};
    if (size.empty()) {
        const double scale = std::min(1.0, static_cast<double>(kLongSide) / std::max(gray.cols, gray.rows));
        size = cv::Size(std::max(1, static_cast<int>(std::lround(gray.cols * scale))),
                        std::max(1, static_cast<int>(std::lround(gray.rows * scale))));
    }
    cv::Mat small;
    if (size != gray.size())
        cv::resize(gray, small, size, 0, 0, cv::INTER_AREA);
    else
        small = gray;
    cv::Mat out;
    small.convertTo(out, CV_32F);
    cv::GaussianBlur(out, out, cv::Size(0, 0), 0.8);
    return out;
}

double sharpnessOf(const cv::Mat& work) {
    if (work.empty() || work.cols < 3 || work.rows < 3) return 0.0;
    cv::Scalar mean, stddev;
    cv::meanStdDev(work, mean, stddev);
    const double variance = stddev[0] * stddev[0];
    if (variance < 1.0) return 0.0; // a flat frame: nothing to read
    cv::Mat lap;
    cv::Laplacian(work, lap, CV_32F);
    const double energy = cv::mean(lap.mul(lap))[0];
    return energy / variance;
}

double changeBetween(const cv::Mat& a, const cv::Mat& b) {
    if (a.empty() || b.empty() || a.size() != b.size()) return 0.0;
    cv::Scalar mean, stddev;
    cv::meanStdDev(a, mean, stddev);
    const double sd = std::max(1.0, stddev[0]);
    cv::Mat diff;
    cv::absdiff(a, b, diff);
    return cv::mean(diff)[0] / sd;
}

} // namespace

double frameSharpness(const cv::Mat& frame) {
    try {
        return sharpnessOf(working(frame));
    } catch (const std::exception&) {
        return 0.0;
    }
}

std::vector<FrameQuality> rateBurst(const std::vector<cv::Mat>& burst) {
    std::vector<FrameQuality> out(burst.size());
    try {
        // One comparison size for the whole burst: the smallest frame's working size.
        cv::Size size;
        for (const cv::Mat& f : burst) {
            const cv::Mat w = working(f);
            if (!w.empty() && (size.empty() || w.size().area() < size.area())) size = w.size();
        }
        std::vector<cv::Mat> work;
        work.reserve(burst.size());
        for (const cv::Mat& f : burst)
            work.push_back(size.empty() ? cv::Mat() : working(f, size));
        for (std::size_t i = 0; i < burst.size(); ++i) {
            FrameQuality& q = out[i];
            q.sharpness = sharpnessOf(work[i]);
            double change = 0.0;
            int neighbours = 0;
            for (std::size_t j : {i - 1, i + 1}) {
                if (j >= burst.size() || work[j].empty() || work[i].empty()) continue; // i - 1 wraps at 0
                change += changeBetween(work[i], work[j]);
                ++neighbours;
            }
            q.motion = neighbours > 0 ? change / neighbours : 0.0;
            q.score = q.sharpness / (1.0 + q.motion / kMotionScale);
        }
    } catch (const std::exception&) {
        // a frame OpenCV cannot handle: the scores computed so far stand, the others stay 0
    }
    return out;
}

int bestFrame(const std::vector<cv::Mat>& burst) {
    const std::vector<FrameQuality> rated = rateBurst(burst);
    int best = -1;
    for (std::size_t i = 0; i < rated.size(); ++i)
        if (rated[i].score > 0.0 &&
            (best < 0 || rated[i].score > rated[static_cast<std::size_t>(best)].score))
            best = static_cast<int>(i);
    return best;
}

} // namespace guichet::envelope
