#include "guichet/hardware/OpenCvCamera.hpp"

#include <opencv2/imgproc.hpp>

namespace guichet::hardware {

namespace {
cv::Mat view(const Frame& frame) {
    // The frame outlives the Mat header: OpenCV reads the bytes in place, never writes them.
    return cv::Mat(frame.height, frame.width, CV_8UC3, const_cast<std::uint8_t*>(frame.bgr.data()),
                   static_cast<std::size_t>(frame.stride));
}

bool usable(const Frame& frame) {
    return frame.width >= 4 && frame.height >= 4 && frame.stride >= frame.width * 3 &&
           frame.bgr.size() >=
               static_cast<std::size_t>(frame.stride) * static_cast<std::size_t>(frame.height);
}

cv::Mat smallGrey(const Frame& frame) {
    cv::Mat grey, small;
    cv::cvtColor(view(frame), grey, cv::COLOR_BGR2GRAY);
    cv::resize(grey, small, cv::Size(std::max(1, frame.width / 4), std::max(1, frame.height / 4)), 0, 0,
               cv::INTER_AREA);
    return small;
}
} // namespace

double sharpness(const Frame& frame, std::optional<Region> region) {
    if (!usable(frame)) return 0;
    cv::Mat image = view(frame);
    if (region && region->width > 0 && region->height > 0) {
        cv::Rect r = cv::Rect(region->x, region->y, region->width, region->height) &
                     cv::Rect(0, 0, frame.width, frame.height);
        if (r.width < 3 || r.height < 3) return 0;
        image = image(r);
    }
    cv::Mat grey, laplacian;
    cv::cvtColor(image, grey, cv::COLOR_BGR2GRAY);
    cv::Laplacian(grey, laplacian, CV_64F);
    cv::Scalar mean, deviation;
    cv::meanStdDev(laplacian, mean, deviation);
    return deviation[0] * deviation[0];
}

double motion(const Frame& previous, const Frame& current) {
    if (!usable(previous) || !usable(current) || previous.width != current.width ||
        previous.height != current.height)
        return 255;
    cv::Mat difference;
    cv::absdiff(smallGrey(previous), smallGrey(current), difference);
    return cv::mean(difference)[0];
}

std::optional<Frame> AutoCapture::feed(const Frame& frame) {
    const bool still = previous_ && motion(*previous_, frame) <= options_.maxMotion;
    previous_ = frame;
    if (!still) {
        still_ = 0;
        best_.reset();
        bestSharpness_ = -1;
        return std::nullopt;
    }
    ++still_;
    double s = sharpness(frame, options_.region);
    if (s > bestSharpness_) {
        bestSharpness_ = s;
        best_ = frame;
    }
    if (still_ < options_.stillFrames || bestSharpness_ < options_.minSharpness) return std::nullopt;
    std::optional<Frame> chosen = std::move(best_);
    best_.reset();
    bestSharpness_ = -1;
    still_ = 0;
    return chosen;
}

Result<Frame> captureBest(Camera& camera, int count, std::chrono::milliseconds timeout,
                          std::optional<Region> region) {
    std::optional<Frame> best;
    double bestSharpness = -1;
    std::uint64_t after = 0;
    for (int i = 0; i < std::max(1, count); ++i) {
        auto frame = camera.nextFrame(after, timeout);
        if (!frame) {
            if (best) return std::move(*best); // a burst cut short still gives its best frame
            return frame.error();
        }
        after = frame->sequence;
        double s = sharpness(*frame, region);
        if (s > bestSharpness) {
            bestSharpness = s;
            best = std::move(*frame);
        }
    }
    return std::move(*best);
}

} // namespace guichet::hardware
