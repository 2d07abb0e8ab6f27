#pragma once
// guichet::codes — the one barcode module of Guichet: reads QR codes, DataMatrix, Code 128,
// Code 39, Aztec, PDF417... from camera frames and scans, and writes QR codes for the cards.
//
// Usage:
//     using namespace guichet::codes;
//     ImageView frame{pixels, width, height, stride, PixelFormat::BGR};      // borrowed, not copied
//     DecodeOptions options;                                                // QR only, camera speed
//     options.formats = Format::DataMatrix | Format::Code128;               // La Poste envelope codes
//     options.effort = Effort::Thorough;                                    // a still scan, take time
//     for (const Code& code : decodeCodes(frame, options)) use(code.text, code.format);
//   From a cv::Mat, include "guichet/codes/OpenCvAdapter.hpp" and call viewOf(mat).
//
// Guarantees: decodeCodes never throws for image content (everything ZXing and OpenCV throw is
// caught). ZXing's tryDownscale, which aborts on Code 128 in Debian's build, is never used; but
// ZXing 1.4 can still abort() on some images (an assertion in Result::operator==), which no
// in-process code can catch: run untrusted images in a process that may die (desk's forked reader).
// A code that fails its checksum / error correction is not reported: no result rather than a
// wrong result. Thread-safety: pure functions of their arguments; call them from any thread.

#include "guichet/core/Result.hpp"

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace guichet::codes {

enum class PixelFormat : std::uint8_t { Gray, BGR, RGB, BGRA, RGBA };

/// Number of bytes per pixel of a format (1, 3 or 4).
int bytesPerPixel(PixelFormat format);

/// A borrowed image: `data` points to `height` rows of `stride` bytes (stride 0 = tightly packed).
struct ImageView {
    const std::uint8_t* data = nullptr;
    int width = 0;
    int height = 0;
    int stride = 0;
    PixelFormat format = PixelFormat::Gray;

    /// True when data is set, the size positive and the stride large enough for a row.
    bool valid() const;
    int rowBytes() const { return stride > 0 ? stride : width * bytesPerPixel(format); }
};

/// An owned 8-bit image (gray or colour), tightly packed.
struct Image {
    int width = 0;
    int height = 0;
    PixelFormat format = PixelFormat::Gray;
    std::vector<std::uint8_t> pixels;

    ImageView view() const { return {pixels.data(), width, height, 0, format}; }
    bool operator==(const Image&) const = default;
};

enum class Format : std::uint32_t {
    None = 0,
    QRCode = 1u << 0,
    MicroQRCode = 1u << 1,
    DataMatrix = 1u << 2,
    Aztec = 1u << 3,
    PDF417 = 1u << 4,
    Code128 = 1u << 5,
    Code39 = 1u << 6,
    Code93 = 1u << 7,
    Codabar = 1u << 8,
    ITF = 1u << 9,
    EAN13 = 1u << 10,
    EAN8 = 1u << 11,
    UPCA = 1u << 12,
    UPCE = 1u << 13,
};

/// A set of formats (bit mask of Format values).
class Formats {
public:
    constexpr Formats() = default;
    constexpr Formats(Format format) : bits_(static_cast<std::uint32_t>(format)) {}
    constexpr Formats(std::initializer_list<Format> formats) {
        for (Format f : formats)
            bits_ |= static_cast<std::uint32_t>(f);
    }
    constexpr bool has(Format format) const { return (bits_ & static_cast<std::uint32_t>(format)) != 0; }
    constexpr bool empty() const { return bits_ == 0; }
    constexpr std::uint32_t bits() const { return bits_; }
    constexpr Formats operator|(Formats other) const { return fromBits(bits_ | other.bits_); }
    constexpr bool operator==(const Formats&) const = default;

    static constexpr Formats fromBits(std::uint32_t bits) {
        Formats f;
        f.bits_ = bits;
        return f;
    }
    /// Every format this module can read.
    static constexpr Formats all() { return fromBits((1u << 14) - 1u); }
    /// Matrix (2D) codes only.
    static constexpr Formats matrix() {
        return Formats{Format::QRCode, Format::MicroQRCode, Format::DataMatrix, Format::Aztec,
                       Format::PDF417};
    }

private:
    std::uint32_t bits_ = 0;
};

constexpr Formats operator|(Format a, Format b) {
    return Formats(a) | Formats(b);
}

/// "QRCode", "DataMatrix", "Code128"... ("None" for Format::None).
const char* toString(Format format);
/// Parses a name as toString writes it, case-insensitive, '-' and '_' ignored ("qr-code", "CODE_128").
std::optional<Format> parseFormat(std::string_view name);
/// Parses a comma-separated list of names ("qrcode,datamatrix"); nullopt when any name is unknown.
std::optional<Formats> parseFormats(std::string_view names);

struct Point {
    int x = 0;
    int y = 0;
    bool operator==(const Point&) const = default;
};

/// One decoded code. Coordinates are pixels of the image given to decodeCodes.
struct Code {
    std::string text; ///< the decoded content (UTF-8; binary content as Latin-1 → UTF-8)
    Format format = Format::None;
    std::array<Point, 4> position{}; ///< corners: top-left, top-right, bottom-right, bottom-left
    int orientationDegrees = 0;      ///< rotation of the code in the image, counter-clockwise
    std::string ecLevel;             ///< error-correction level when the format has one ("M", "L"...)

    bool operator==(const Code&) const = default;
};

enum class Effort : std::uint8_t {
    /// Live camera (30 fps): a half-size pass, then full resolution only around codes that were
    /// located but not read, then (fullResolutionFallback) the whole frame, sharpened, at full
    /// resolution. Measured on generated webcam frames (bench/qr, thread CPU time, shared 2-core
    /// machine): median 1.4 ms (720p) and 3 ms (1080p) per frame holding a card; a frame with no
    /// code costs the fallback too: ~12 ms (720p) and ~28 ms (1080p), ~2 ms without it.
    Camera,
    /// Still image (scan, photo): adds try-harder, rotated linear codes and a thresholded retry.
    Thorough,
};

struct DecodeOptions {
    Formats formats = Format::QRCode;
    Effort effort = Effort::Camera;
    int maxCodes = 8; ///< stop after this many distinct codes (1..255)
    /// Camera effort: the first pass is downscaled by round(long side / this) when that is >= 2
    /// (800: half size for 720p and 1080p frames); 0 = no downscaled pass.
    int fastPassLongSide = 800;
    /// Camera effort: also try the whole frame at full resolution when the fast pass found nothing
    /// (finds codes with modules down to ~2 px). A kiosk idling at 30 fps may turn it off on every
    /// other frame to halve its idle cost.
    bool fullResolutionFallback = true;
    /// Camera effort, after the full-resolution pass read nothing: rescue passes (codes ZXing located
    /// but could not read retried upscaled and sharpened, then adaptive threshold and local contrast
    /// equalisation for glare and dim light), within a budget of ~35 ms. A kiosk idling at 30 fps
    /// may turn them off on most frames.
    bool rescuePasses = true;
};

/// Decodes every code of the requested formats in the image. Returns an empty vector when there is
/// none, when codes are unreadable or when the view is not valid(). Distinct texts only, in order of
/// discovery. Never throws for image content.
std::vector<Code> decodeCodes(const ImageView& image, const DecodeOptions& options = {});

// --- writing --------------------------------------------------------------------------------------

enum class QrErrorCorrection : std::uint8_t { L, M, Q, H };

/// A square module matrix: `size` × `size` values, 1 = dark, row major, no quiet zone.
struct ModuleMatrix {
    int size = 0;
    std::vector<std::uint8_t> modules;

    bool dark(int x, int y) const { return modules[static_cast<std::size_t>(y * size + x)] != 0; }
    /// QR version (1..40) derived from the size, 0 when the size is not a QR size.
    int qrVersion() const { return size >= 21 && (size - 17) % 4 == 0 ? (size - 17) / 4 : 0; }
    bool operator==(const ModuleMatrix&) const = default;
};

/// Encodes `text` as the smallest QR code at the given error-correction level. Text made only of
/// 0-9 A-Z space $%*+-./: is encoded in alphanumeric mode. Fails (an Error naming the length) when
/// the text is empty or does not fit in a version 40 code.
Result<ModuleMatrix> encodeQr(std::string_view text, QrErrorCorrection level);

/// Renders a module matrix as a gray image: `modulePx` pixels per module and a quiet zone of
/// `quietModules` modules (dark = 0, light = 255).
Image rasterize(const ModuleMatrix& matrix, int modulePx, int quietModules = 4);

} // namespace guichet::codes
