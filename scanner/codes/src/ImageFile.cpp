#include "guichet/codes/ImageFile.hpp"

#include "guichet/envelope/Envelope.hpp"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <system_error>

namespace guichet::codes {

Result<Image> readImageFile(const std::filesystem::path& path) try {
    // The one loader of Guichet, with its limits (file size, pixels, sides, TIFF and PDF checks):
    // `guichet decode` and `card verify` took a 32,000 × 32,000 PNG (3.1 GB) through cv::imread.
    auto loaded = envelope::loadPage(path.string(), 0);
    if (!loaded) return loaded.error();
    cv::Mat mat = std::move(*loaded);
    Image image;
    std::vector<cv::Mat> planes;
    cv::split(mat, planes);
    if (cv::countNonZero(planes[0] != planes[1]) == 0 && cv::countNonZero(planes[1] != planes[2]) == 0) {
        mat = planes[0]; // a gray file comes back gray
        image.format = PixelFormat::Gray;
    } else {
        image.format = PixelFormat::BGR;
    }
    if (!mat.isContinuous()) mat = mat.clone();
    image.width = mat.cols;
    image.height = mat.rows;
    image.pixels.assign(mat.datastart, mat.dataend);
    return image;
} catch (const std::exception& e) {
    return makeError(path.string() + ": cannot read the image (" + e.what() + ")");
}

Result<void> writePngFile(const Image& image, const std::filesystem::path& path) {
    const int bpp = bytesPerPixel(image.format);
    if (image.pixels.size() != static_cast<std::size_t>(image.width) *
                                   static_cast<std::size_t>(image.height) * static_cast<std::size_t>(bpp) ||
        (bpp != 1 && bpp != 3))
        return makeError(path.string() + ": not a gray or 3-channel image");
    const int type = bpp == 1 ? CV_8UC1 : CV_8UC3;
    // imwrite only reads the pixels; cv::Mat has no const view.
    const cv::Mat mat(image.height, image.width, type, const_cast<std::uint8_t*>(image.pixels.data()));
    cv::Mat bgr = mat;
    if (image.format == PixelFormat::RGB) cv::cvtColor(mat, bgr, cv::COLOR_RGB2BGR);
    try {
        if (!cv::imwrite(path.string(), bgr)) return makeError(path.string() + ": cannot write the PNG");
    } catch (const cv::Exception& e) {
        return makeError(path.string() + ": cannot write the PNG (" + e.what() + ")");
    }
    return {};
}

} // namespace guichet::codes
