#include "guichet/codes/Codes.hpp"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <exception>
#include <string>

namespace guichet::codes {
namespace {

// ZXing's writer takes an error-correction "level" 0..8 shared by every format; for QR codes
// 1 → L, 3 → M, 5 → Q, 7 → H (checked by a round trip in tests/codes).
int zxEccLevel(QrErrorCorrection level) {
    switch (level) {
    case QrErrorCorrection::L:
        return 1;
    case QrErrorCorrection::M:
        return 3;
    case QrErrorCorrection::Q:
        return 5;
    case QrErrorCorrection::H:
        return 7;
    }
    return 3;
}

} // namespace

Result<ModuleMatrix> encodeQr(std::string_view text, QrErrorCorrection level) {
    if (text.empty()) return makeError("encodeQr: empty text");
    ZXing::BitMatrix bits;
    try {
        // Width/height 0 and margin 0: one pixel per module, no quiet zone.
        bits = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                   .setMargin(0)
                   .setEccLevel(zxEccLevel(level))
                   .setEncoding(ZXing::CharacterSet::ISO8859_1)
                   .encode(std::string(text), 0, 0);
    } catch (const std::exception& e) {
        return makeError("encodeQr: " + std::to_string(text.size()) +
                         " characters do not fit in a QR code (" + e.what() + ")");
    }
    if (bits.width() != bits.height() || bits.width() < 21)
        return makeError("encodeQr: the QR writer returned a " + std::to_string(bits.width()) + "x" +
                         std::to_string(bits.height()) + " matrix");
    ModuleMatrix out;
    out.size = bits.width();
    out.modules.resize(static_cast<std::size_t>(out.size * out.size));
    for (int y = 0; y < out.size; ++y)
        for (int x = 0; x < out.size; ++x)
            out.modules[static_cast<std::size_t>(y * out.size + x)] = bits.get(x, y) ? 1 : 0;
    return out;
}

Image rasterize(const ModuleMatrix& matrix, int modulePx, int quietModules) {
    Image out;
    const int side = (matrix.size + 2 * quietModules) * modulePx;
    out.width = side;
    out.height = side;
    out.format = PixelFormat::Gray;
    out.pixels.assign(static_cast<std::size_t>(side) * static_cast<std::size_t>(side), 255);
    for (int my = 0; my < matrix.size; ++my)
        for (int mx = 0; mx < matrix.size; ++mx) {
            if (!matrix.dark(mx, my)) continue;
            for (int dy = 0; dy < modulePx; ++dy) {
                const int y = (my + quietModules) * modulePx + dy;
                const int x0 = (mx + quietModules) * modulePx;
                for (int dx = 0; dx < modulePx; ++dx)
                    out.pixels[static_cast<std::size_t>(y * side + x0 + dx)] = 0;
            }
        }
    return out;
}

} // namespace guichet::codes
