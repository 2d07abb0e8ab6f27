// Image loading with the checks a hot folder needs: a scanner writing a file is seen half-written,
// users drop phone HEICs, a corrupt 40,000 × 40,000 PNG must not eat the memory. So the
// header is read and checked by hand before OpenCV decodes anything; TIFF pages are checked on the
// size libtiff itself reads, PDF pages rendered in a child process with a time budget. This is the
// one loader of Guichet: `match`, `intake`, `decode` and `card verify` all open images here.
#include "Pdf.hpp"
#include "Tiff.hpp"
#include "guichet/envelope/Envelope.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <optional>

namespace guichet::envelope {
namespace {

enum class Kind { Jpeg, Png, Tiff, Pdf, Unknown };

Kind sniff(const std::vector<unsigned char>& b) {
    if (b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return Kind::Jpeg;
    if (b.size() >= 8 && std::memcmp(b.data(), "\x89PNG\r\n\x1a\n", 8) == 0) return Kind::Png;
    if (isTiff(b)) return Kind::Tiff;
    if (isPdf(b)) return Kind::Pdf;
    return Kind::Unknown;
}

struct Dimensions {
    std::int64_t width = 0;
    std::int64_t height = 0;
};

std::uint32_t be32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

Result<Dimensions> pngHeader(const std::vector<unsigned char>& b, const std::string& source) {
    if (b.size() < 33 || std::memcmp(b.data() + 12, "IHDR", 4) != 0)
        return makeError(source + ": truncated PNG (no IHDR header)");
    // The last chunk of a complete PNG is IEND (12 bytes, then nothing).
    if (b.size() < 45 || std::memcmp(b.data() + b.size() - 8, "IEND", 4) != 0)
        return makeError(source + ": truncated PNG (no IEND chunk at the end; file still being written?)");
    return Dimensions{be32(b.data() + 16), be32(b.data() + 20)};
}

Result<Dimensions> jpegHeader(const std::vector<unsigned char>& b, const std::string& source) {
    size_t end = b.size();
    while (end > 2 && b[end - 1] == 0)
        --end; // some writers pad
    if (end < 4 || b[end - 2] != 0xFF || b[end - 1] != 0xD9)
        return makeError(source + ": truncated JPEG (no end-of-image marker; file still being written?)");
    size_t i = 2;
    while (i + 9 < b.size()) {
        if (b[i] != 0xFF)
            return makeError(source + ": corrupt JPEG (bad marker at byte " + std::to_string(i) + ")");
        const unsigned char marker = b[i + 1];
        if (marker == 0xFF) {
            ++i;
            continue;
        }
        const size_t length = (size_t{b[i + 2]} << 8) | b[i + 3];
        const bool sof =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof)
            return Dimensions{(std::int64_t{b[i + 7]} << 8) | b[i + 8],
                              (std::int64_t{b[i + 5]} << 8) | b[i + 6]};
        if (length < 2) return makeError(source + ": corrupt JPEG (bad segment length)");
        i += 2 + length;
    }
    return makeError(source + ": corrupt JPEG (no frame header)");
}

/// Walks the TIFF directories: page sizes, and strips or tiles that must lie inside the file.
Result<std::vector<Dimensions>> tiffPages(const std::vector<unsigned char>& b, const std::string& source,
                                          int maxPages) {
    const bool little = b[0] == 'I';
    auto u16 = [&](size_t at) -> std::optional<std::uint32_t> {
        if (at + 2 > b.size()) return std::nullopt;
        return little ? (std::uint32_t{b[at]} | (std::uint32_t{b[at + 1]} << 8))
                      : ((std::uint32_t{b[at]} << 8) | b[at + 1]);
    };
    auto u32 = [&](size_t at) -> std::optional<std::uint32_t> {
        if (at + 4 > b.size()) return std::nullopt;
        return little ? (std::uint32_t{b[at]} | (std::uint32_t{b[at + 1]} << 8) |
                         (std::uint32_t{b[at + 2]} << 16) | (std::uint32_t{b[at + 3]} << 24))
                      : be32(b.data() + at);
    };
    const auto truncated = makeError(source + ": truncated or corrupt TIFF (directory outside the file)");
    std::vector<Dimensions> pages;
    auto next = u32(4);
    if (!next) return truncated;
    std::vector<std::uint32_t> seen;
    while (*next != 0) {
        if (std::find(seen.begin(), seen.end(), *next) != seen.end())
            return makeError(source + ": corrupt TIFF (directory loop)");
        seen.push_back(*next);
        if (static_cast<int>(pages.size()) >= maxPages)
            return makeError(source + ": too many pages (more than " + std::to_string(maxPages) + ")");
        const size_t ifd = *next;
        const auto count = u16(ifd);
        if (!count) return truncated;
        Dimensions d;
        std::uint32_t offsetsTag = 0, countsTag = 0, offsetsType = 0, countsType = 0, offsetsN = 0,
                      countsN = 0;
        std::uint32_t offsetsAt = 0, countsAt = 0;
        for (std::uint32_t k = 0; k < *count; ++k) {
            const size_t e = ifd + 2 + 12 * size_t{k};
            const auto tag = u16(e), type = u16(e + 2), n = u32(e + 4);
            if (!tag || !type || !n) return truncated;
            const auto value = (*type == 3) ? u16(e + 8) : u32(e + 8);
            if (!value) return truncated;
            if (*tag == 256) d.width = *value;
            if (*tag == 257) d.height = *value;
            if (*tag == 273 || *tag == 324) {
                offsetsTag = *tag;
                offsetsType = *type;
                offsetsN = *n;
                offsetsAt = *n == 1 ? static_cast<std::uint32_t>(e + 8) : *u32(e + 8);
            }
            if (*tag == 279 || *tag == 325) {
                countsTag = *tag;
                countsType = *type;
                countsN = *n;
                countsAt = *n == 1 ? static_cast<std::uint32_t>(e + 8) : *u32(e + 8);
            }
        }
        if (d.width <= 0 || d.height <= 0) return makeError(source + ": corrupt TIFF (page without a size)");
        if (offsetsTag != 0 && countsTag != 0 && offsetsN == countsN && offsetsN < 1'000'000) {
            const size_t size = b.size();
            for (std::uint32_t s = 0; s < offsetsN; ++s) {
                const auto off =
                    offsetsType == 3 ? u16(offsetsAt + 2 * size_t{s}) : u32(offsetsAt + 4 * size_t{s});
                const auto len =
                    countsType == 3 ? u16(countsAt + 2 * size_t{s}) : u32(countsAt + 4 * size_t{s});
                if (!off || !len) return truncated;
                if (size_t{*off} + *len > size)
                    return makeError(source + ": truncated TIFF (image data ends past the end of the file)");
            }
        }
        pages.push_back(d);
        next = u32(ifd + 2 + 12 * size_t{*count});
        if (!next) return truncated;
    }
    if (pages.empty()) return makeError(source + ": corrupt TIFF (no page)");
    return pages;
}

Result<std::vector<unsigned char>> readFile(const std::string& path, const LoadLimits& limits) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status)) return makeError(path + ": no such file");
    if (!std::filesystem::is_regular_file(status))
        return makeError(path + ": not a regular file (a device, a folder or a pipe is never read)");
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return makeError(path + ": cannot read its size (" + ec.message() + ")");
    if (size == 0) return makeError(path + ": empty file");
    if (size > limits.maxFileBytes)
        return makeError(path + ": file too large (" + std::to_string(size / (1024 * 1024)) + " MB, limit " +
                         std::to_string(limits.maxFileBytes / (1024 * 1024)) + " MB)");
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(path + ": cannot open");
    std::vector<unsigned char> bytes(static_cast<size_t>(size));
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size));
    if (static_cast<std::uintmax_t>(in.gcount()) != size) return makeError(path + ": read error");
    return bytes;
}

const char* notAnImage = ": not a JPEG, PNG, TIFF or PDF file";

} // namespace

Result<void> checkShape(std::int64_t width, std::int64_t height, const std::string& source,
                        const LoadLimits& limits) {
    const std::string size = std::to_string(width) + "×" + std::to_string(height) + " pixels";
    if (width <= 0 || height <= 0) return makeError(source + ": image has no pixels");
    if (width < limits.minSide || height < limits.minSide)
        return makeError(source + ": image too small to read (" + size + ", at least " +
                         std::to_string(limits.minSide) + " on each side)");
    if (width > limits.maxSide || height > limits.maxSide)
        return makeError(source + ": image too large (" + size + ", at most " +
                         std::to_string(limits.maxSide) + " on a side)");
    if (width * height > limits.maxPixels)
        return makeError(source + ": image too large (" + size + ", limit " +
                         std::to_string(limits.maxPixels / 1'000'000) + " Mpx)");
    return {};
}

Result<cv::Mat> decodeImage(const std::vector<unsigned char>& bytes, const std::string& source,
                            const LoadLimits& limits) try {
    if (bytes.empty()) return makeError(source + ": empty file");
    const Kind kind = sniff(bytes);
    if (kind == Kind::Unknown) return makeError(source + notAnImage);
    if (kind == Kind::Tiff) return makeError(source + ": TIFF images must be read from a file");
    if (kind == Kind::Pdf) return makeError(source + ": PDF files must be read from a file");
    auto dims = kind == Kind::Png ? pngHeader(bytes, source) : jpegHeader(bytes, source);
    if (!dims) return dims.error();
    if (auto ok = checkShape(dims->width, dims->height, source, limits); !ok) return ok.error();
    cv::Mat image;
    try {
        image = cv::imdecode(bytes, cv::IMREAD_COLOR);
    } catch (const std::exception& e) {
        return makeError(source + ": cannot decode (" + e.what() + ")");
    }
    if (image.empty()) return makeError(source + ": corrupt image (decoder failed)");
    // The decoder read the header we checked; should it ever disagree, its own size is checked too.
    if (auto ok = checkShape(image.cols, image.rows, source, limits); !ok) return ok.error();
    return image;
} catch (const std::exception& e) {
    return makeError(source + ": cannot decode (" + e.what() + ")");
}

Result<int> countPages(const std::string& path, const LoadLimits& limits) try {
    std::vector<unsigned char> head(8);
    {
        std::ifstream in(path, std::ios::binary);
        if (in) in.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(head.size()));
        head.resize(in ? head.size() : static_cast<size_t>(std::max<std::streamsize>(0, in.gcount())));
    }
    const Kind kind = sniff(head);
    if (kind == Kind::Jpeg || kind == Kind::Png) return 1; // checked when the page is loaded
    auto bytes = readFile(path, limits);
    if (!bytes) return bytes.error();
    switch (sniff(*bytes)) {
    case Kind::Tiff: {
        if (!isBigTiff(*bytes)) {
            auto pages = tiffPages(*bytes, path, limits.maxPages); // truncation and loops, named
            if (!pages) return pages.error();
        }
        return tiffPageCount(*bytes, path, limits);
    }
    case Kind::Pdf:
        return pdfPageCount(*bytes, path, limits);
    case Kind::Jpeg:
    case Kind::Png:
        return 1;
    case Kind::Unknown:
        break;
    }
    return makeError(path + notAnImage);
} catch (const std::exception& e) {
    return makeError(path + ": cannot read (" + e.what() + ")");
}

Result<cv::Mat> loadPage(const std::string& path, int page, const LoadLimits& limits) try {
    auto bytes = readFile(path, limits);
    if (!bytes) return bytes.error();
    const Kind kind = sniff(*bytes);
    if (kind == Kind::Unknown) return makeError(path + notAnImage);
    const auto noPage = [&](int pages) {
        return makeError(path + ": no page " + std::to_string(page + 1) + " (the file has " +
                         std::to_string(pages) + ")");
    };
    if (kind == Kind::Jpeg || kind == Kind::Png) {
        if (page != 0) return noPage(1);
        return decodeImage(*bytes, path, limits);
    }
    if (kind == Kind::Pdf) {
        auto pages = renderPdf(*bytes, path, limits, page, 1);
        if (!pages) return pages.error();
        return std::move(pages->front());
    }
    int pages = 0;
    if (isBigTiff(*bytes)) {
        auto count = tiffPageCount(*bytes, path, limits);
        if (!count) return count.error();
        pages = *count;
    } else {
        auto parsed = tiffPages(*bytes, path, limits.maxPages); // truncation and loops, named
        if (!parsed) return parsed.error();
        pages = static_cast<int>(parsed->size());
    }
    if (page < 0 || page >= pages) return noPage(pages);
    return decodeTiffPage(*bytes, path, page, limits);
} catch (const std::exception& e) {
    return makeError(path + ": cannot read page " + std::to_string(page + 1) + " (" + e.what() + ")");
}

Result<std::vector<cv::Mat>> loadImage(const std::string& path, const LoadLimits& limits) {
    auto count = countPages(path, limits);
    if (!count) return count.error();
    std::vector<cv::Mat> images;
    for (int page = 0; page < *count; ++page) {
        auto image = loadPage(path, page, limits);
        if (!image) return image.error();
        images.push_back(std::move(image.value()));
    }
    return images;
}

} // namespace guichet::envelope
