// libFuzzer target: the one image loader (envelope::countPages + loadPage, as `match`, `intake`,
// `decode` and `card verify` use it) on arbitrary bytes: JPEG, PNG, TIFF (classic and BigTIFF) and
// PDF, with small limits so that a run stays fast. Invariants beyond "no crash, no sanitizer
// report, no leak, under -rss_limit_mb":
//   - every error names the file;
//   - every page returned is 8-bit BGR and within the limits.
#include "guichet/envelope/Envelope.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace {

const std::string& scratchFile() {
    static const std::string path = "/tmp/guichet-fuzz-image-" + std::to_string(getpid());
    return path;
}

void require(bool ok) {
    if (!ok) std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string& path = scratchFile();
    if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
        if (size > 0) std::fwrite(data, 1, size, f);
        std::fclose(f);
    } else {
        return 0;
    }
    guichet::envelope::LoadLimits limits;
    limits.maxFileBytes = 1u << 20;
    limits.maxPixels = 4'000'000;
    limits.maxPages = 4;
    limits.maxPageSeconds = 2.0;
    limits.maxRenderMemoryBytes = 256u << 20;
    auto count = guichet::envelope::countPages(path, limits);
    if (!count) {
        require(count.error().message.find(path) != std::string::npos);
        return 0;
    }
    require(*count >= 1 && *count <= limits.maxPages);
    for (int page = 0; page < *count; ++page) {
        auto image = guichet::envelope::loadPage(path, page, limits);
        if (!image) {
            require(image.error().message.find(path) != std::string::npos);
            continue;
        }
        require(image->type() == CV_8UC3);
        require(image->cols >= limits.minSide && image->rows >= limits.minSide);
        require(static_cast<std::int64_t>(image->cols) * image->rows <= limits.maxPixels);
    }
    return 0;
}
