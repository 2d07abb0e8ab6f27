#include "guichet/ui/Image.hpp"

#include <algorithm>
#include <cstdlib>
#include <png.h>

namespace guichet::ui {
namespace {

int channelDelta(std::uint8_t a, std::uint8_t b) {
    return std::abs(static_cast<int>(a) - static_cast<int>(b));
}

int pixelDelta(const Image& a, const Image& b, std::size_t pixel) {
    int delta = 0;
    for (std::size_t c = 0; c < 4; ++c)
        delta = std::max(delta, channelDelta(a.rgba[pixel * 4 + c], b.rgba[pixel * 4 + c]));
    return delta;
}

std::size_t pixelCount(const Image& image) {
    return static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height);
}

} // namespace

Result<Image> readPng(const std::filesystem::path& file) {
    png_image png{};
    png.version = PNG_IMAGE_VERSION;
    if (png_image_begin_read_from_file(&png, file.c_str()) == 0)
        return makeError("cannot read " + file.string() + ": " + png.message);
    png.format = PNG_FORMAT_RGBA;
    Image image;
    image.width = static_cast<int>(png.width);
    image.height = static_cast<int>(png.height);
    image.rgba.resize(PNG_IMAGE_SIZE(png));
    if (png_image_finish_read(&png, nullptr, image.rgba.data(), 0, nullptr) == 0) {
        const std::string message = png.message;
        png_image_free(&png);
        return makeError("cannot decode " + file.string() + ": " + message);
    }
    return image;
}

Result<Image> decodePng(std::span<const std::uint8_t> bytes) {
    png_image png{};
    png.version = PNG_IMAGE_VERSION;
    if (bytes.empty() || png_image_begin_read_from_memory(&png, bytes.data(), bytes.size()) == 0)
        return makeError(std::string("cannot read a PNG from memory: ") +
                         (bytes.empty() ? "no bytes" : png.message));
    png.format = PNG_FORMAT_RGBA;
    Image image;
    image.width = static_cast<int>(png.width);
    image.height = static_cast<int>(png.height);
    image.rgba.resize(PNG_IMAGE_SIZE(png));
    if (png_image_finish_read(&png, nullptr, image.rgba.data(), 0, nullptr) == 0) {
        const std::string message = png.message;
        png_image_free(&png);
        return makeError("cannot decode a PNG from memory: " + message);
    }
    return image;
}

Result<void> writePng(const std::filesystem::path& file, const Image& image) {
    if (image.width <= 0 || image.height <= 0 || image.rgba.size() != pixelCount(image) * 4)
        return makeError("not writing " + file.string() + ": the image is empty or its size is inconsistent");
    std::error_code ignored;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ignored);
    png_image png{};
    png.version = PNG_IMAGE_VERSION;
    png.width = static_cast<png_uint_32>(image.width);
    png.height = static_cast<png_uint_32>(image.height);
    png.format = PNG_FORMAT_RGBA;
    if (png_image_write_to_file(&png, file.c_str(), 0, image.rgba.data(), 0, nullptr) == 0)
        return makeError("cannot write " + file.string() + ": " + png.message);
    return {};
}

ImageDifference compareImages(const Image& a, const Image& b, int channelThreshold) {
    ImageDifference difference;
    difference.sameSize = a.width == b.width && a.height == b.height && a.rgba.size() == b.rgba.size() &&
                          a.rgba.size() == pixelCount(a) * 4;
    if (!difference.sameSize) return difference;
    const std::size_t pixels = pixelCount(a);
    for (std::size_t p = 0; p < pixels; ++p) {
        const int delta = pixelDelta(a, b, p);
        difference.largestChannelDelta = std::max(difference.largestChannelDelta, delta);
        if (delta > channelThreshold) ++difference.differingPixels;
    }
    difference.differingShare =
        pixels == 0 ? 0.0 : static_cast<double>(difference.differingPixels) / static_cast<double>(pixels);
    return difference;
}

Image differenceImage(const Image& a, const Image& b, int channelThreshold) {
    Image out = a;
    if (a.width != b.width || a.height != b.height || a.rgba.size() != b.rgba.size()) return out;
    const std::size_t pixels = pixelCount(a);
    for (std::size_t p = 0; p < pixels; ++p) {
        if (pixelDelta(a, b, p) <= channelThreshold) continue;
        out.rgba[p * 4 + 0] = 255;
        out.rgba[p * 4 + 1] = 0;
        out.rgba[p * 4 + 2] = 0;
        out.rgba[p * 4 + 3] = 255;
    }
    return out;
}

} // namespace guichet::ui
