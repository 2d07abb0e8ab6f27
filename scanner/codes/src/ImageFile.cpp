#include "guichet/codes/ImageFile.hpp"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <system_error>

namespace guichet::codes {

Result<Image> readImageFile(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return makeError(path.string() + ": no such image file");
    cv::Mat mat;
    try {
        mat = cv::imread(path.string(), cv::IMREAD_ANYCOLOR);
    } catch (const cv::Exception& e) {
        return makeError(path.string() + ": cannot decode the image (" + e.what() + ")");
    }
    if (mat.empty()) return makeError(path.string() + ": not a readable image (corrupt or unknown format)");
    if (mat.depth() != CV_8U) mat.convertTo(mat, CV_8U, mat.depth() == CV_16U ? 1.0 / 257 : 1.0);
    Image image;
    if (mat.channels() == 1) {
        image.format = PixelFormat::Gray;
    } else {
        if (mat.channels() == 4) cv::cvtColor(mat, mat, cv::COLOR_BGRA2BGR);
        image.format = PixelFormat::BGR;
    }
    if (!mat.isContinuous()) mat = mat.clone();
    image.width = mat.cols;
    image.height = mat.rows;
    image.pixels.assign(mat.datastart, mat.dataend);
    return image;
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
