#pragma once
// Simulated camera frames for tests and benchmarks: places an image (a QR code, a whole card) in a
// cluttered scene seen by a webcam, with perspective tilt, rotation, blur, noise, glare, partial
// occlusion and low light. Deterministic for a given seed. Thread-safe (no shared state).

#include "guichet/codes/Codes.hpp"

#include <array>
#include <cstdint>

namespace guichet::codes {

struct FrameParams {
    int width = 1920;
    int height = 1080;
    double centerX = 0.5; ///< where the image's centre lands, as a fraction of the frame
    double centerY = 0.5;
    double imageWidthPx = 400; ///< width of the placed image in the frame before tilt (pixels)
    double rotationDeg = 0;    ///< in-plane rotation
    double tiltXDeg = 0;       ///< rotation about the horizontal axis (top edge away from the camera)
    double tiltYDeg = 0;       ///< rotation about the vertical axis
    double blurSigma = 0;      ///< Gaussian blur (pixels), defocus or motion-free camera blur
    double noiseSigma = 0;     ///< additive Gaussian sensor noise (gray levels)
    double light = 1.0;        ///< overall gain: 0.25 = dim room, 1 = well lit
    double glare = 0;          ///< 0..1: strength of a specular spot on the placed image
    double occlusion = 0;      ///< 0..0.3: fraction of the placed image's height covered by a thumb
    std::uint32_t seed = 1;    ///< background clutter, glare and occlusion placement, noise
};

struct SyntheticFrame {
    Image frame;                    ///< BGR
    std::array<Point, 4> corners{}; ///< where the placed image's corners landed (TL, TR, BR, BL)
};

/// Renders `image` (gray or colour) into a frame as described by `params`.
/// Throws std::invalid_argument for an invalid image or non-positive frame size (test contract).
SyntheticFrame synthesizeFrame(const ImageView& image, const FrameParams& params);

} // namespace guichet::codes
