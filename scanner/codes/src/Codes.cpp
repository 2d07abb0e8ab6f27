// Decoding through ZXing 1.4. Why the passes look the way they do (measured on a 2-core machine):
// a full 1080p frame costs ZXing 9-13 ms, a third-size frame ~1-2 ms. So the camera path reads a
// box-averaged downscaled copy first, then returns to full resolution only around codes ZXing
// located but could not read (returnErrors gives their corners), and only then the whole frame.
// tryDownscale is never set: it aborts the process on Code 128 in Debian's build.
#include "ImageOps.hpp"

#include <ZXing/ReadBarcode.h>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <ctime>
#include <exception>
#include <utility>

namespace guichet::codes {
namespace {

struct FormatName {
    Format format;
    ZXing::BarcodeFormat zx;
    const char* name;
};

constexpr FormatName kFormats[] = {
    {Format::QRCode, ZXing::BarcodeFormat::QRCode, "QRCode"},
    {Format::MicroQRCode, ZXing::BarcodeFormat::MicroQRCode, "MicroQRCode"},
    {Format::DataMatrix, ZXing::BarcodeFormat::DataMatrix, "DataMatrix"},
    {Format::Aztec, ZXing::BarcodeFormat::Aztec, "Aztec"},
    {Format::PDF417, ZXing::BarcodeFormat::PDF417, "PDF417"},
    {Format::Code128, ZXing::BarcodeFormat::Code128, "Code128"},
    {Format::Code39, ZXing::BarcodeFormat::Code39, "Code39"},
    {Format::Code93, ZXing::BarcodeFormat::Code93, "Code93"},
    {Format::Codabar, ZXing::BarcodeFormat::Codabar, "Codabar"},
    {Format::ITF, ZXing::BarcodeFormat::ITF, "ITF"},
    {Format::EAN13, ZXing::BarcodeFormat::EAN13, "EAN13"},
    {Format::EAN8, ZXing::BarcodeFormat::EAN8, "EAN8"},
    {Format::UPCA, ZXing::BarcodeFormat::UPCA, "UPCA"},
    {Format::UPCE, ZXing::BarcodeFormat::UPCE, "UPCE"},
};

ZXing::BarcodeFormats toZx(Formats formats) {
    ZXing::BarcodeFormats out;
    for (const auto& f : kFormats)
        if (formats.has(f.format)) out |= f.zx;
    return out;
}

Format fromZx(ZXing::BarcodeFormat zx) {
    for (const auto& f : kFormats)
        if (f.zx == zx) return f.format;
    return Format::None;
}

ZXing::ImageView zxView(const cv::Mat& gray) {
    return {gray.data, gray.cols, gray.rows, ZXing::ImageFormat::Lum, static_cast<int>(gray.step[0])};
}

// ZXing may throw (std::out_of_range from BitMatrix::get, bad_alloc...) on odd input: a frame that
// cannot be read is a frame without code, never a crash.
ZXing::Results readSafely(const ZXing::ImageView& view, const ZXing::DecodeHints& hints) {
    try {
        return ZXing::ReadBarcodes(view, hints);
    } catch (const std::exception&) {
        return {};
    }
}

// Where a result lies, in source pixels: ZXing's corners (relative to a crop or a downscaled copy)
// mapped back by `scale` and `offset`.
struct Mapping {
    double scale = 1.0;
    Point offset{};

    Point operator()(ZXing::PointI p) const {
        return {offset.x + static_cast<int>(std::lround((p.x + 0.5) * scale - 0.5)),
                offset.y + static_cast<int>(std::lround((p.y + 0.5) * scale - 0.5))};
    }
};

struct Region {
    int left, top, right, bottom;
};

class Collector {
public:
    explicit Collector(const DecodeOptions& options) : options_(options) {}

    bool full() const { return static_cast<int>(codes_.size()) >= std::clamp(options_.maxCodes, 1, 255); }
    bool empty() const { return codes_.empty(); }
    std::vector<Code> take() { return std::move(codes_); }
    const std::vector<Code>& codes() const { return codes_; }

    // Runs ZXing on `view` and records valid codes; codes that were located but not read are kept
    // as regions to retry when `keepFailures`.
    void read(const ZXing::ImageView& view, const ZXing::DecodeHints& hints, Mapping mapping,
              bool keepFailures) {
        for (const ZXing::Result& r : readSafely(view, hints)) {
            if (full()) return;
            std::array<Point, 4> corners{};
            for (std::size_t i = 0; i < 4; ++i)
                corners[i] = mapping(r.position()[i]);
            if (!r.isValid()) {
                if (keepFailures && r.format() != ZXing::BarcodeFormat::None)
                    failures_.push_back(boundsOf(corners));
                continue;
            }
            add(r, corners);
        }
    }

    std::vector<Region> takeFailures() { return std::exchange(failures_, {}); }

private:
    Region boundsOf(const std::array<Point, 4>& corners) const {
        Region box{corners[0].x, corners[0].y, corners[0].x, corners[0].y};
        for (const Point& p : corners) {
            box.left = std::min(box.left, p.x);
            box.top = std::min(box.top, p.y);
            box.right = std::max(box.right, p.x);
            box.bottom = std::max(box.bottom, p.y);
        }
        return box;
    }

    void add(const ZXing::Result& r, const std::array<Point, 4>& corners) {
        Code code;
        code.text = r.text();
        code.format = fromZx(r.format());
        code.position = corners;
        code.orientationDegrees = r.orientation();
        code.ecLevel = r.ecLevel();
        for (const Code& known : codes_)
            if (known.format == code.format && known.text == code.text) return;
        codes_.push_back(std::move(code));
    }

    const DecodeOptions& options_;
    std::vector<Code> codes_;
    std::vector<Region> failures_;
};

ZXing::DecodeHints baseHints(const DecodeOptions& options) {
    ZXing::DecodeHints hints;
    hints.setFormats(toZx(options.formats));
    hints.setTryDownscale(false); // aborts on Code 128 in Debian's ZXing 1.4: never.
    hints.setTryHarder(false);
    hints.setTryRotate(false);
    hints.setBinarizer(ZXing::Binarizer::LocalAverage);
    hints.setMaxNumberOfSymbols(static_cast<std::uint8_t>(std::clamp(options.maxCodes, 1, 255)));
    return hints;
}

// Retries, at full resolution, the neighbourhood of codes the downscaled pass located but could
// not read (modules too small once downscaled, or blur that averaging made worse).
void refineRegions(Collector& collector, const ZXing::ImageView& image, const std::vector<Region>& regions,
                   const ZXing::DecodeHints& hints) {
    for (const Region& r : regions) {
        if (collector.full()) return;
        const int w = r.right - r.left + 1;
        const int h = r.bottom - r.top + 1;
        const int margin = std::max(w, h) / 4 + 8; // quiet zone and corner error
        const int left = std::max(0, r.left - margin);
        const int top = std::max(0, r.top - margin);
        const int right = std::min(image.width(), r.right + margin + 1);
        const int bottom = std::min(image.height(), r.bottom + margin + 1);
        if (right - left < 8 || bottom - top < 8) continue;
        const ZXing::ImageView crop = image.cropped(left, top, right - left, bottom - top);
        collector.read(crop, hints, Mapping{1.0, {left, top}}, false);
    }
}

// ZXing 1.4's DataMatrix detector starts from the middle row of the image and finds a symbol only
// when that row crosses it near its centre (measured: a symbol 1/4 of a window off-centre is
// missed, even with try-harder). So when a DataMatrix is wanted and none was read, the image is
// searched again as full-width strips whose middle rows are `step` pixels apart.
void readDataMatrixStrips(Collector& collector, const cv::Mat& gray, const DecodeOptions& options, int step,
                          double scale) {
    if (!options.formats.has(Format::DataMatrix) || collector.full()) return;
    for (const Code& code : collector.codes())
        if (code.format == Format::DataMatrix) return;
    ZXing::DecodeHints hints = baseHints(options);
    hints.setFormats(ZXing::BarcodeFormat::DataMatrix);
    hints.setTryHarder(true);
    const ZXing::ImageView whole = zxView(gray);
    const int height = std::clamp(gray.rows / 3, std::min(gray.rows, 120), 480);
    for (int middle = height / 2; middle + height / 2 <= gray.rows && !collector.full(); middle += step) {
        const int top = middle - height / 2;
        collector.read(whole.cropped(0, top, gray.cols, height), hints,
                       Mapping{scale, {0, static_cast<int>(std::lround(top * scale))}}, false);
    }
}

// The last passes of the camera path, when neither the fast pass nor the full-resolution one read
// anything. Each was chosen on the QR card frames of the second corpus (tests/corpus2, tuning seeds
// 1-3, bench/qr qr_frames_bench), where the first passes missed 200 of 600 frames: almost all under
// motion blur or defocus of two modules or more (which none of these rescues, nor did a Wiener
// deconvolution with the true blur length), the rest
//   - small codes (2-3 px per module) in dim light or slight blur: read after a 2x cubic upscale and
//     an unsharp mask, only around the codes ZXing located but could not read;
//   - glare, a lighting gradient or a thumb over part of the code: read after an adaptive threshold
//     (31 px mean, an offset of 3) or a contrast-limited equalisation (CLAHE).
// Each pass stops at the first code read. The passes stop when the budget (kRescueBudgetMs of
// thread CPU time) is spent: a frame with nothing in it costs at most about that much more.
constexpr double kRescueBudgetMs = 35.0;

void rescue(Collector& collector, const cv::Mat& gray, std::vector<Region> regions,
            const ZXing::DecodeHints& hints) {
    // Thread CPU time, not wall time: on a loaded machine the same frame gets the same passes.
    const auto cpuMs = [] {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
    };
    const double start = cpuMs();
    const auto spent = [&] { return cpuMs() - start > kRescueBudgetMs; };
    // Largest located candidates first; at most three.
    std::sort(regions.begin(), regions.end(), [](const Region& a, const Region& b) {
        return (a.right - a.left) * (a.bottom - a.top) > (b.right - b.left) * (b.bottom - b.top);
    });
    if (regions.size() > 3) regions.resize(3);
    for (const Region& r : regions) {
        if (!collector.empty() || spent()) return;
        const int w = r.right - r.left + 1, h = r.bottom - r.top + 1;
        const int margin = std::max(w, h) / 3 + 8;
        const cv::Rect box = cv::Rect(r.left - margin, r.top - margin, w + 2 * margin, h + 2 * margin) &
                             cv::Rect(0, 0, gray.cols, gray.rows);
        if (box.width < 16 || box.height < 16 || box.width > 1400 || box.height > 1400) continue;
        const cv::Mat crop = gray(box);
        const Mapping half{0.5, {box.x, box.y}};
        const cv::Mat big = detail::upscale2(crop);
        collector.read(zxView(detail::sharpen(big, 2.0, 1.5)), hints, half, false);
        if (!collector.empty() || spent()) return;
        collector.read(zxView(detail::adaptiveBinary(big, 61, 3)), hints, half, false);
        if (!collector.empty() || spent()) return;
        collector.read(zxView(detail::equalizeLocal(crop)), hints, Mapping{1.0, {box.x, box.y}}, false);
    }
    if (!collector.empty() || spent()) return;
    collector.read(zxView(detail::adaptiveBinary(gray, 31, 3)), hints, Mapping{}, false);
    if (!collector.empty() || spent()) return;
    collector.read(zxView(detail::equalizeLocal(gray)), hints, Mapping{}, false);
}

void decodeCamera(Collector& collector, const ImageView& image, const DecodeOptions& options) {
    ZXing::DecodeHints hints = baseHints(options);
    const int longSide = std::max(image.width, image.height);
    const int factor =
        options.fastPassLongSide > 0
            ? static_cast<int>(std::lround(static_cast<double>(longSide) / options.fastPassLongSide))
            : 1;
    // One gray copy serves every pass (ZXing would otherwise convert colour frames on each pass).
    const cv::Mat gray = detail::grayOf(image);
    cv::Mat small;
    if (factor >= 2) {
        // Area averaging also removes sensor noise: large noisy codes read better here than at full size.
        small = detail::downscale(gray, factor);
        ZXing::DecodeHints located = hints;
        located.setReturnErrors(true);
        collector.read(zxView(small), located, Mapping{static_cast<double>(factor), {}}, true);
        if (collector.full()) return;
        refineRegions(collector, zxView(gray), collector.takeFailures(), hints);
    }
    if (collector.empty() && (factor < 2 || options.fullResolutionFallback)) {
        // Without try-harder ZXing scans every 3rd row of a large image and misses 2 px modules; on
        // matrix codes try-harder costs little more (measured 6-7 ms either way on 1080p). The pass
        // reads an unsharp-masked copy: in bench/qr every decodable frame the plain pass missed was a
        // small (2-3 px module) code with some blur, and sharpening read them all (98 -> 100 %),
        // while reading no fewer of the others.
        hints.setTryHarder(true);
        ZXing::DecodeHints located = hints;
        located.setReturnErrors(true);
        collector.read(zxView(factor >= 2 ? detail::sharpen(gray, 1.5, 1.0) : gray), located, Mapping{},
                       true);
        if (collector.empty() && options.rescuePasses)
            rescue(collector, gray, collector.takeFailures(), hints);
    }
    if (factor >= 2)
        readDataMatrixStrips(collector, small, options, 32, static_cast<double>(factor));
    else
        readDataMatrixStrips(collector, gray, options, 32, 1.0);
}

void decodeThorough(Collector& collector, const ImageView& image, const DecodeOptions& options) {
    ZXing::DecodeHints hints = baseHints(options);
    hints.setTryHarder(true);
    hints.setTryRotate(true);
    const cv::Mat gray = detail::grayOf(image);
    collector.read(zxView(gray), hints, Mapping{}, false);
    if (collector.full()) return;
    // Large blurred codes read better after averaging; low contrast after stretching.
    if (std::max(image.width, image.height) >= 1200) {
        collector.read(zxView(detail::downscale(gray, 2)), hints, Mapping{2.0, {}}, false);
        if (collector.full()) return;
    }
    if (collector.empty()) {
        hints.setBinarizer(ZXing::Binarizer::GlobalHistogram);
        collector.read(zxView(detail::normalizeContrast(gray)), hints, Mapping{}, false);
    }
    readDataMatrixStrips(collector, gray, options, 16, 1.0);
}

char foldChar(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

std::string foldName(std::string_view name) {
    std::string out;
    for (char c : name)
        if (c != '-' && c != '_' && c != ' ') out += foldChar(c);
    return out;
}

} // namespace

const char* toString(Format format) {
    for (const auto& f : kFormats)
        if (f.format == format) return f.name;
    return "None";
}

std::optional<Format> parseFormat(std::string_view name) {
    const std::string wanted = foldName(name);
    for (const auto& f : kFormats)
        if (foldName(f.name) == wanted) return f.format;
    if (wanted == "qr") return Format::QRCode;
    return std::nullopt;
}

std::optional<Formats> parseFormats(std::string_view names) {
    Formats out;
    while (!names.empty()) {
        const std::size_t comma = names.find(',');
        const std::string_view item = names.substr(0, comma);
        const std::optional<Format> f = parseFormat(item);
        if (!f) return std::nullopt;
        out = out | *f;
        if (comma == std::string_view::npos) break;
        names.remove_prefix(comma + 1);
    }
    if (out.empty()) return std::nullopt;
    return out;
}

std::vector<Code> decodeCodes(const ImageView& image, const DecodeOptions& options) {
    if (!image.valid() || options.formats.empty()) return {};
    Collector collector(options);
    // OpenCV throws on odd shapes (cv::Exception from resize or adaptiveThreshold on a 1-2 px wide
    // frame): a frame that cannot be read is a frame without (more) codes, never a crash.
    try {
        if (options.effort == Effort::Camera)
            decodeCamera(collector, image, options);
        else
            decodeThorough(collector, image, options);
    } catch (const std::exception&) {
    }
    return collector.take();
}

} // namespace guichet::codes
