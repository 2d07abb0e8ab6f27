#pragma once
// How a flat object (envelope, card) ends up in a file: a flatbed scan or a camera frame.
#include "Internal.hpp"

#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace guichet::corpus2::detail {

struct Shot {
    std::vector<unsigned char> encoded;
    bool png = false;
    std::vector<std::string> conditions;
};

/// 300-dpi flatbed: scanner-bed margin, ±1.5° skew, faint noise; PNG or JPEG 90.
Shot scanImage(const cv::Mat& object, Rng& rng);

struct CameraSpec {
    cv::Size frame{1920, 1440};
    double widthFraction = 0.7; ///< the object's width over the frame's width (before tilt)
    double maxTiltDeg = 35;
    double maxRollDeg = 20;
    double pMotion = 0.2, pDefocus = 0.25, pDim = 0.25, pGlare = 0.3, pGradient = 0.7, pClutter = 0.8;
    bool hand = false;
    int jpegLo = 80, jpegHi = 92;
};

/// The envelope (or card) photographed: desk, perspective, light, blur, hand, JPEG.
Shot cameraShot(const cv::Mat& object, const CameraSpec& spec, Rng& rng);

/// The spec of an envelope class (photo, held-in-hand, webcam, handwritten).
Shot cameraImage(const cv::Mat& object, const std::string& cls, Rng& rng);

} // namespace guichet::corpus2::detail

namespace guichet::corpus2 {
using detail::cameraImage;
using detail::scanImage;
using detail::Shot;
} // namespace guichet::corpus2
