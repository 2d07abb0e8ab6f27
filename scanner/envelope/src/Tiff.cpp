#include "Tiff.hpp"

#include <algorithm>
#include <cstring>
#include <opencv2/imgproc.hpp>
#include <tiffio.h>

namespace guichet::envelope {
namespace {

/// The bytes of the file, read by libtiff through its client interface (no second copy).
struct Memory {
    const unsigned char* data = nullptr;
    toff_t size = 0;
    toff_t pos = 0;
    std::string firstError; ///< libtiff's first complaint, for our message
};

Memory& memoryOf(thandle_t h) {
    return *static_cast<Memory*>(static_cast<void*>(h));
}

tmsize_t readProc(thandle_t h, void* buffer, tmsize_t n) {
    Memory& m = memoryOf(h);
    if (n <= 0 || m.pos >= m.size) return 0;
    const toff_t count = std::min<toff_t>(static_cast<toff_t>(n), m.size - m.pos);
    std::memcpy(buffer, m.data + m.pos, static_cast<size_t>(count));
    m.pos += count;
    return static_cast<tmsize_t>(count);
}

tmsize_t writeProc(thandle_t, void*, tmsize_t) {
    return -1; // read only
}

toff_t seekProc(thandle_t h, toff_t offset, int whence) {
    Memory& m = memoryOf(h);
    toff_t base = 0;
    if (whence == SEEK_CUR) base = m.pos;
    if (whence == SEEK_END) base = m.size;
    const toff_t target = base + offset;
    if (target < base) return static_cast<toff_t>(-1); // wrapped around
    m.pos = target;
    return m.pos;
}

int closeProc(thandle_t) {
    return 0;
}

toff_t sizeProc(thandle_t h) {
    return memoryOf(h).size;
}

int mapProc(thandle_t h, void** base, toff_t* size) {
    Memory& m = memoryOf(h);
    *base = const_cast<unsigned char*>(m.data); // libtiff only reads a mapped file opened "r"
    *size = m.size;
    return 1;
}

void unmapProc(thandle_t, void*, toff_t) {}

int onError(TIFF*, void* user, const char*, const char* format, va_list args) {
    auto& m = *static_cast<Memory*>(user);
    if (m.firstError.empty()) {
        char text[256];
        std::vsnprintf(text, sizeof text, format, args);
        m.firstError = text;
    }
    return 1; // handled: nothing on stderr, where it would mix with `guichet match --json`
}

int onWarning(TIFF*, void*, const char*, const char*, va_list) {
    return 1;
}

struct Closer {
    void operator()(TIFF* t) const { TIFFClose(t); }
};
using Handle = std::unique_ptr<TIFF, Closer>;

Result<Handle> open(Memory& memory, const std::string& source, const LoadLimits& limits) {
    TIFFOpenOptions* options = TIFFOpenOptionsAlloc();
    // libtiff's own buffers (a strip, a tile, a directory) are refused above this size.
    const auto cap =
        std::min<std::uintmax_t>(limits.maxRenderMemoryBytes, static_cast<std::uintmax_t>(1) << 30);
    TIFFOpenOptionsSetMaxSingleMemAlloc(options, static_cast<tmsize_t>(cap));
    TIFFOpenOptionsSetErrorHandlerExtR(options, onError, &memory);
    TIFFOpenOptionsSetWarningHandlerExtR(options, onWarning, &memory);
    TIFF* tif = TIFFClientOpenExt(source.c_str(), "rm", &memory, readProc, writeProc, seekProc, closeProc,
                                  sizeProc, mapProc, unmapProc, options);
    TIFFOpenOptionsFree(options);
    if (!tif)
        return makeError(
            source + ": corrupt TIFF (" +
            (memory.firstError.empty() ? std::string("libtiff cannot open it") : memory.firstError) + ")");
    return Handle(tif);
}

} // namespace

bool isTiff(const std::vector<unsigned char>& b) {
    return b.size() >= 4 && ((b[0] == 'I' && b[1] == 'I' && (b[2] == 42 || b[2] == 43) && b[3] == 0) ||
                             (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && (b[3] == 42 || b[3] == 43)));
}

bool isBigTiff(const std::vector<unsigned char>& b) {
    return isTiff(b) && (b[2] == 43 || b[3] == 43);
}

Result<int> tiffPageCount(const std::vector<unsigned char>& bytes, const std::string& source,
                          const LoadLimits& limits) {
    Memory memory{bytes.data(), bytes.size(), 0, {}};
    auto tif = open(memory, source, limits);
    if (!tif) return tif.error();
    const tdir_t count = TIFFNumberOfDirectories(tif->get());
    if (count == 0) return makeError(source + ": corrupt TIFF (no page)");
    if (count > static_cast<tdir_t>(limits.maxPages))
        return makeError(source + ": too many pages (more than " + std::to_string(limits.maxPages) + ")");
    return static_cast<int>(count);
}

Result<cv::Mat> decodeTiffPage(const std::vector<unsigned char>& bytes, const std::string& source, int page,
                               const LoadLimits& limits) {
    Memory memory{bytes.data(), bytes.size(), 0, {}};
    auto opened = open(memory, source, limits);
    if (!opened) return opened.error();
    TIFF* tif = opened->get();
    const std::string where = source + " page " + std::to_string(page + 1);
    if (page < 0 || !TIFFSetDirectory(tif, static_cast<tdir_t>(page)))
        return makeError(where + ": corrupt TIFF (the page cannot be read)");
    std::uint32_t width = 0, height = 0;
    if (!TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &width) || !TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &height))
        return makeError(where + ": corrupt TIFF (page without a size)");
    // What libtiff will decode, not what a header parser saw.
    if (auto ok = checkShape(width, height, source, limits); !ok) return ok.error();
    const auto pixels = static_cast<std::uint64_t>(width) * height;
    if (pixels * 4 > limits.maxRenderMemoryBytes)
        return makeError(source + ": image too large to decode (" + std::to_string(width) + "×" +
                         std::to_string(height) + " pixels)");
    cv::Mat rgba(static_cast<int>(height), static_cast<int>(width), CV_8UC4);
    // TIFFReadRGBAImage packs A,B,G,R from the most significant byte: R,G,B,A in memory on a
    // little-endian machine, which cv::Mat reads as 4 channels.
    if (!TIFFReadRGBAImageOriented(tif, width, height, reinterpret_cast<std::uint32_t*>(rgba.data),
                                   ORIENTATION_TOPLEFT, 0))
        return makeError(
            where + ": corrupt TIFF (" +
            (memory.firstError.empty() ? std::string("the page could not be decoded") : memory.firstError) +
            ")");
    cv::Mat bgr;
    cv::cvtColor(rgba, bgr, cv::COLOR_RGBA2BGR);
    return bgr;
}

} // namespace guichet::envelope
