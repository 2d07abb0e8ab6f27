#include "ImageOps.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
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

// Channel offsets of red, green and blue within a pixel.
struct ChannelOrder {
    int r, g, b;
};

ChannelOrder orderOf(PixelFormat format) {
    switch (format) {
    case PixelFormat::RGB:
    case PixelFormat::RGBA:
        return {0, 1, 2};
    default:
        return {2, 1, 0};
    }
}

// Same weights as ZXing's RGBToLum, so both paths see the same gray levels.
inline std::uint32_t luminance(const std::uint8_t* p, ChannelOrder o) {
    return (306u * p[o.r] + 601u * p[o.g] + 117u * p[o.b] + 0x200u) >> 10;
}

} // namespace

Image downscaleGray(const ImageView& src, int factor) {
    if (!src.valid() || factor < 1) throw std::invalid_argument("downscaleGray: invalid image or factor");
    Image out;
    out.width = src.width / factor;
    out.height = src.height / factor;
    out.format = PixelFormat::Gray;
    if (out.width == 0 || out.height == 0) return out;
    out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));

    const int bpp = bytesPerPixel(src.format);
    const int stride = src.rowBytes();
    const ChannelOrder order = orderOf(src.format);
    const auto area = static_cast<std::uint32_t>(factor * factor);
    std::vector<std::uint32_t> sums(static_cast<std::size_t>(out.width));

    for (int oy = 0; oy < out.height; ++oy) {
        std::fill(sums.begin(), sums.end(), 0u);
        for (int k = 0; k < factor; ++k) {
            const std::uint8_t* row = src.data + static_cast<std::ptrdiff_t>(oy * factor + k) * stride;
            if (bpp == 1) {
                for (int ox = 0; ox < out.width; ++ox) {
                    const std::uint8_t* p = row + ox * factor;
                    std::uint32_t s = 0;
                    for (int j = 0; j < factor; ++j)
                        s += p[j];
                    sums[static_cast<std::size_t>(ox)] += s;
                }
            } else {
                for (int ox = 0; ox < out.width; ++ox) {
                    const std::uint8_t* p = row + ox * factor * bpp;
                    std::uint32_t s = 0;
                    for (int j = 0; j < factor; ++j)
                        s += luminance(p + j * bpp, order);
                    sums[static_cast<std::size_t>(ox)] += s;
                }
            }
        }
        std::uint8_t* dst = out.pixels.data() + static_cast<std::ptrdiff_t>(oy) * out.width;
        for (int ox = 0; ox < out.width; ++ox)
            dst[ox] = static_cast<std::uint8_t>((sums[static_cast<std::size_t>(ox)] + area / 2) / area);
    }
    return out;
}

Image normalizeContrast(const Image& gray) {
    std::array<std::size_t, 256> histogram{};
    for (std::uint8_t v : gray.pixels)
        ++histogram[v];
    const std::size_t total = gray.pixels.size();
    const std::size_t cut = total / 100;
    int low = 0;
    for (std::size_t seen = 0; low < 255 && seen + histogram[static_cast<std::size_t>(low)] <= cut; ++low)
        seen += histogram[static_cast<std::size_t>(low)];
    int high = 255;
    for (std::size_t seen = 0; high > 0 && seen + histogram[static_cast<std::size_t>(high)] <= cut; --high)
        seen += histogram[static_cast<std::size_t>(high)];
    Image out = gray;
    if (high <= low) return out;
    std::array<std::uint8_t, 256> lut{};
    for (int v = 0; v < 256; ++v)
        lut[static_cast<std::size_t>(v)] =
            static_cast<std::uint8_t>(std::clamp((v - low) * 255 / (high - low), 0, 255));
    for (std::uint8_t& v : out.pixels)
        v = lut[v];
    return out;
}

} // namespace detail
} // namespace guichet::codes
