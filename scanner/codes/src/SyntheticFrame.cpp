#include "guichet/codes/SyntheticFrame.hpp"

#include <cmath>
#include <numbers>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <stdexcept>

namespace guichet::codes {
namespace {

cv::Mat toBgr(const ImageView& image) {
    const int type = bytesPerPixel(image.format) == 1   ? CV_8UC1
                     : bytesPerPixel(image.format) == 3 ? CV_8UC3
                                                        : CV_8UC4;
    // cv::Mat needs a non-const pointer; the matrix is only read (cloned by cvtColor below).
    const cv::Mat borrowed(image.height, image.width, type, const_cast<std::uint8_t*>(image.data),
                           static_cast<std::size_t>(image.rowBytes()));
    cv::Mat bgr;
    switch (image.format) {
    case PixelFormat::Gray:
        cv::cvtColor(borrowed, bgr, cv::COLOR_GRAY2BGR);
        break;
    case PixelFormat::BGR:
        bgr = borrowed.clone();
        break;
    case PixelFormat::RGB:
        cv::cvtColor(borrowed, bgr, cv::COLOR_RGB2BGR);
        break;
    case PixelFormat::BGRA:
        cv::cvtColor(borrowed, bgr, cv::COLOR_BGRA2BGR);
        break;
    case PixelFormat::RGBA:
        cv::cvtColor(borrowed, bgr, cv::COLOR_RGBA2BGR);
        break;
    }
    return bgr;
}

// A desk seen by a webcam: a lighting gradient and random flat shapes (papers, objects).
cv::Mat background(int width, int height, std::mt19937& rng) {
    cv::Mat frame(height, width, CV_8UC3);
    std::uniform_int_distribution<int> shade(60, 200);
    const cv::Scalar a(shade(rng), shade(rng), shade(rng));
    const cv::Scalar b(shade(rng), shade(rng), shade(rng));
    for (int y = 0; y < height; ++y) {
        const double t = static_cast<double>(y) / height;
        frame.row(y).setTo(a * (1 - t) + b * t);
    }
    std::uniform_int_distribution<int> px(0, width - 1);
    std::uniform_int_distribution<int> py(0, height - 1);
    std::uniform_int_distribution<int> size(20, std::max(21, std::min(width, height) / 4));
    for (int i = 0; i < 12; ++i) {
        const cv::Point p(px(rng), py(rng));
        const cv::Scalar colour(shade(rng), shade(rng), shade(rng));
        if (i % 3 == 0)
            cv::circle(frame, p, size(rng) / 2, colour, cv::FILLED, cv::LINE_AA);
        else
            cv::rectangle(frame, cv::Rect(p.x, p.y, size(rng), size(rng) / 2), colour, cv::FILLED);
    }
    // A few thin dark strokes (text-like clutter) so that detectors meet edges everywhere.
    for (int i = 0; i < 30; ++i) {
        const cv::Point p(px(rng), py(rng));
        cv::line(frame, p, p + cv::Point(size(rng) / 2, 0), cv::Scalar(30, 30, 30), 2, cv::LINE_AA);
    }
    return frame;
}

double radians(double degrees) {
    return degrees * std::numbers::pi / 180.0;
}

} // namespace

SyntheticFrame synthesizeFrame(const ImageView& image, const FrameParams& params) {
    if (!image.valid() || params.width <= 0 || params.height <= 0 || params.imageWidthPx <= 1)
        throw std::invalid_argument("synthesizeFrame: invalid image or frame size");
    std::mt19937 rng(params.seed);
    cv::Mat frame = background(params.width, params.height, rng);
    const cv::Mat source = toBgr(image);

    // The placed image is a plane in front of a pinhole camera (focal length ≈ frame width, i.e. a
    // ~55° webcam), centred on the optical axis at the distance where it has the requested width,
    // rotated in plane, then tilted; its projection is shifted to the requested centre.
    const double focal = params.width;
    const double w = params.imageWidthPx;
    const double h = w * source.rows / source.cols;
    const double rz = radians(params.rotationDeg), rx = radians(params.tiltXDeg),
                 ry = radians(params.tiltYDeg);
    const double cx = params.centerX * params.width, cy = params.centerY * params.height;
    const cv::Point2f src[4] = {{0, 0},
                                {static_cast<float>(source.cols), 0},
                                {static_cast<float>(source.cols), static_cast<float>(source.rows)},
                                {0, static_cast<float>(source.rows)}};
    const double local[4][2] = {{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}};
    cv::Point2f dst[4];
    SyntheticFrame out;
    for (int i = 0; i < 4; ++i) {
        // in-plane rotation
        double x = local[i][0] * std::cos(rz) - local[i][1] * std::sin(rz);
        double y = local[i][0] * std::sin(rz) + local[i][1] * std::cos(rz);
        double z = 0;
        // tilt about the horizontal axis, then the vertical one
        const double y1 = y * std::cos(rx) - z * std::sin(rx);
        const double z1 = y * std::sin(rx) + z * std::cos(rx);
        y = y1;
        z = z1;
        const double x2 = x * std::cos(ry) + z * std::sin(ry);
        const double z2 = -x * std::sin(ry) + z * std::cos(ry);
        x = x2;
        z = z2;
        const double depth = focal + z;
        dst[i] = cv::Point2f(static_cast<float>(cx + focal * x / depth),
                             static_cast<float>(cy + focal * y / depth));
        out.corners[static_cast<std::size_t>(i)] = {static_cast<int>(std::lround(dst[i].x)),
                                                    static_cast<int>(std::lround(dst[i].y))};
    }
    const cv::Mat homography = cv::getPerspectiveTransform(src, dst);

    // Glare: a bright elliptical spot on the placed image (before warping, so it follows the card).
    cv::Mat placed = source.clone();
    if (params.glare > 0) {
        std::uniform_real_distribution<double> where(0.25, 0.75);
        cv::Mat spot(placed.size(), CV_32F, cv::Scalar(0));
        const cv::Point centre(static_cast<int>(where(rng) * placed.cols),
                               static_cast<int>(where(rng) * placed.rows));
        cv::ellipse(spot, centre, cv::Size(placed.cols / 6, placed.rows / 10), 30, 0, 360, cv::Scalar(1),
                    cv::FILLED);
        cv::GaussianBlur(spot, spot, cv::Size(0, 0), placed.cols / 20.0);
        cv::Mat f;
        placed.convertTo(f, CV_32FC3);
        std::vector<cv::Mat> channels;
        cv::split(f, channels);
        for (cv::Mat& c : channels)
            c += spot * (255.0 * params.glare);
        cv::merge(channels, f);
        f.convertTo(placed, CV_8UC3);
    }
    // Supersample the warp when the image shrinks a lot, to avoid aliasing that no lens produces.
    const double shrink = source.cols / w;
    if (shrink > 2) {
        cv::Mat smaller;
        cv::resize(placed, smaller, cv::Size(), 2.0 / shrink, 2.0 / shrink, cv::INTER_AREA);
        const double sx = static_cast<double>(smaller.cols) / placed.cols,
                     sy = static_cast<double>(smaller.rows) / placed.rows;
        const cv::Mat scale = (cv::Mat_<double>(3, 3) << 1 / sx, 0, 0, 0, 1 / sy, 0, 0, 0, 1);
        placed = smaller;
        cv::Mat warped, mask;
        cv::warpPerspective(placed, warped, homography * scale, frame.size(), cv::INTER_LINEAR);
        cv::warpPerspective(cv::Mat(placed.size(), CV_8UC1, cv::Scalar(255)), mask, homography * scale,
                            frame.size(), cv::INTER_LINEAR);
        warped.copyTo(frame, mask > 128);
    } else {
        cv::Mat warped, mask;
        cv::warpPerspective(placed, warped, homography, frame.size(), cv::INTER_LINEAR);
        cv::warpPerspective(cv::Mat(placed.size(), CV_8UC1, cv::Scalar(255)), mask, homography, frame.size(),
                            cv::INTER_LINEAR);
        warped.copyTo(frame, mask > 128);
    }

    // Occlusion: a thumb coming from the bottom edge of the placed image.
    if (params.occlusion > 0) {
        std::uniform_real_distribution<double> along(0.35, 0.65);
        const double t = along(rng);
        const cv::Point2f bottom = dst[3] + (dst[2] - dst[3]) * static_cast<float>(t);
        const cv::Point2f up = (dst[0] - dst[3]) * static_cast<float>(params.occlusion);
        const double len = std::hypot(up.x, up.y);
        const double angle = std::atan2(up.y, up.x) * 180 / std::numbers::pi;
        cv::ellipse(frame, cv::Point(bottom),
                    cv::Size(static_cast<int>(len), static_cast<int>(len * 0.45 + 4)), angle, 0, 360,
                    cv::Scalar(120, 150, 200), cv::FILLED, cv::LINE_AA);
    }

    if (params.blurSigma > 0) cv::GaussianBlur(frame, frame, cv::Size(0, 0), params.blurSigma);
    frame.convertTo(frame, -1, params.light, 0);
    if (params.noiseSigma > 0) {
        cv::Mat noise(frame.size(), CV_16SC3);
        cv::RNG noiseRng(params.seed); // a local generator: cv::randn would draw from the shared cv::theRNG()
        noiseRng.fill(noise, cv::RNG::NORMAL, cv::Scalar::all(0), cv::Scalar::all(params.noiseSigma));
        cv::Mat wide;
        frame.convertTo(wide, CV_16SC3);
        wide += noise;
        wide.convertTo(frame, CV_8UC3);
    }

    out.frame.width = frame.cols;
    out.frame.height = frame.rows;
    out.frame.format = PixelFormat::BGR;
    out.frame.pixels.assign(frame.datastart, frame.dataend);
    return out;
}

} // namespace guichet::codes
