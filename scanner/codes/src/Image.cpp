#include "ImageOps.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

namespace guichet::codes {

int bytesPerPixel(PixelFormat format) {
    switch (format) {
    case PixelFormat::Gray:
        return 1;
    case PixelFormat::BGR:
    case PixelFormat::RGB:
        return 3;
    case PixelFormat::BGRA:
    case PixelFormat::RGBA:
        return 4;
    }
    return 1;
}

bool ImageView::valid() const {
    return data != nullptr && width > 0 && height > 0 &&
           (stride == 0 || stride >= width * bytesPerPixel(format));
}

namespace detail {
namespace {

int grayConversion(PixelFormat format) {
    switch (format) {
    case PixelFormat::BGR:
        return cv::COLOR_BGR2GRAY;
    case PixelFormat::RGB:
        return cv::COLOR_RGB2GRAY;
    case PixelFormat::BGRA:
        return cv::COLOR_BGRA2GRAY;
    case PixelFormat::RGBA:
        return cv::COLOR_RGBA2GRAY;
    case PixelFormat::Gray:
        break;
    }
    return -1;
}

} // namespace

// OpenCV's SIMD conversion and area resize: hand-written loops were measured at 4.5 ms for a
// 1080p BGR frame downscaled by 3 on this machine, OpenCV at ~1.5 ms.
cv::Mat grayOf(const ImageView& src) {
    if (!src.valid()) throw std::invalid_argument("grayOf: invalid image");
    const int bpp = bytesPerPixel(src.format);
    const int type = bpp == 1 ? CV_8UC1 : bpp == 3 ? CV_8UC3 : CV_8UC4;
    // cv::Mat has no const view; the borrowed matrix is only read.
    const cv::Mat input(src.height, src.width, type, const_cast<std::uint8_t*>(src.data),
                        static_cast<std::size_t>(src.rowBytes()));
    if (src.format == PixelFormat::Gray) return input;
    cv::Mat gray;
    cv::cvtColor(input, gray, grayConversion(src.format));
    return gray;
}

cv::Mat downscale(const cv::Mat& gray, int factor) {
    if (factor < 2) return gray;
    const int width = gray.cols / factor, height = gray.rows / factor;
    if (width == 0 || height == 0) return {};
    cv::Mat small;
    cv::resize(gray(cv::Rect(0, 0, width * factor, height * factor)), small, cv::Size(width, height), 0, 0,
               cv::INTER_AREA);
    return small;
}

cv::Mat sharpen(const cv::Mat& gray, double sigma, double amount) {
    cv::Mat blurred, out;
    cv::GaussianBlur(gray, blurred, cv::Size(0, 0), sigma);
    cv::addWeighted(gray, 1.0 + amount, blurred, -amount, 0, out);
    return out;
}

cv::Mat normalizeContrast(const cv::Mat& gray) {
    std::array<std::size_t, 256> histogram{};
    for (int y = 0; y < gray.rows; ++y) {
        const std::uint8_t* row = gray.ptr<std::uint8_t>(y);
        for (int x = 0; x < gray.cols; ++x)
            ++histogram[row[x]];
    }
    const std::size_t cut = gray.total() / 100;
    int low = 0;
    for (std::size_t seen = 0; low < 255 && seen + histogram[static_cast<std::size_t>(low)] <= cut; ++low)
        seen += histogram[static_cast<std::size_t>(low)];
    int high = 255;
    for (std::size_t seen = 0; high > 0 && seen + histogram[static_cast<std::size_t>(high)] <= cut; --high)
        seen += histogram[static_cast<std::size_t>(high)];
    if (high <= low) return gray.clone();
    cv::Mat out;
    gray.convertTo(out, CV_8U, 255.0 / (high - low), -255.0 * low / (high - low));
    return out;
}

cv::Mat upscale2(const cv::Mat& gray) {
    cv::Mat out;
    cv::resize(gray, out, cv::Size(gray.cols * 2, gray.rows * 2), 0, 0, cv::INTER_CUBIC);
    return out;
}

cv::Mat adaptiveBinary(const cv::Mat& gray, int block, double offset) {
    cv::Mat out;
    cv::adaptiveThreshold(gray, out, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY,
                          std::max(3, block | 1), offset);
    return out;
}

cv::Mat equalizeLocal(const cv::Mat& gray) {
    cv::Mat out;
    cv::createCLAHE(2.0, cv::Size(8, 8))->apply(gray, out);
    return out;
}

} // namespace detail
} // namespace guichet::codes
