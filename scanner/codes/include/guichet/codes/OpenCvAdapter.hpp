#pragma once
// cv::Mat → guichet::codes::ImageView, for callers that already hold OpenCV frames (link
// guichet_codes_opencv). Kept apart so that Codes.hpp stays free of vendor types.

#include "guichet/codes/Codes.hpp"

#include <opencv2/core/mat.hpp>
#include <optional>

namespace guichet::codes {

/// A view of an 8-bit, 1-, 3- (BGR) or 4-channel (BGRA) matrix, borrowing its pixels: the Mat must
/// outlive the view. nullopt for an empty Mat or another depth or channel count.
inline std::optional<ImageView> viewOf(const cv::Mat& mat) {
    if (mat.empty() || mat.depth() != CV_8U || mat.dims != 2) return std::nullopt;
    PixelFormat format = PixelFormat::Gray;
    switch (mat.channels()) {
    case 1:
        format = PixelFormat::Gray;
        break;
    case 3:
        format = PixelFormat::BGR;
        break;
    case 4:
        format = PixelFormat::BGRA;
        break;
    default:
        return std::nullopt;
    }
    return ImageView{mat.data, mat.cols, mat.rows, static_cast<int>(mat.step[0]), format};
}

/// decodeCodes on a cv::Mat; no codes when the Mat has an unsupported type.
inline std::vector<Code> decodeCodes(const cv::Mat& mat, const DecodeOptions& options = {}) {
    const std::optional<ImageView> view = viewOf(mat);
    return view ? decodeCodes(*view, options) : std::vector<Code>{};
}

} // namespace guichet::codes
