#pragma once
// Pixel helpers private to guichet_codes (OpenCV stays inside the module).

#include "guichet/codes/Codes.hpp"

#include <opencv2/core/mat.hpp>

namespace guichet::codes::detail {

/// The view as a gray matrix: borrowed (no copy) when already gray, converted otherwise.
/// The result may point into the view's pixels: it must not outlive them. Requires src.valid().
cv::Mat grayOf(const ImageView& src);

/// Area average over factor × factor blocks (factor >= 2): floor(w / factor) × floor(h / factor).
cv::Mat downscale(const cv::Mat& gray, int factor);

/// Unsharp mask: gray + amount × (gray − Gaussian(gray, sigma)), saturated to 0..255.
cv::Mat sharpen(const cv::Mat& gray, double sigma, double amount);

/// Stretches gray levels so that the 1st and 99th percentiles map to 0 and 255 (rescues low-light
/// and washed-out images before a global threshold).
cv::Mat normalizeContrast(const cv::Mat& gray);

/// Twice the size, bicubic (small modules get enough pixels for ZXing's binariser).
cv::Mat upscale2(const cv::Mat& gray);

/// Mean adaptive threshold over a `block` px window (odd, >= 3), `offset` gray levels below the mean:
/// survives a lighting gradient, a glare spot and a shadow that defeat one global threshold.
cv::Mat adaptiveBinary(const cv::Mat& gray, int block, double offset);

/// Contrast-limited adaptive histogram equalisation (clip 2, 8 × 8 tiles): dim and washed-out parts.
cv::Mat equalizeLocal(const cv::Mat& gray);

} // namespace guichet::codes::detail
