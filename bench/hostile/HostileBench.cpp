// guichet-bench-hostile: each poison kind of issue 17 through the one image loader, in a child
// process of its own so that its peak RSS (getrusage, the child and the PDF renderer it forks)
// is that input's alone. Prints: kind, file size, peak RSS, time, and what the loader said.
// Target: under 1 GiB for any single input.
//
//   guichet-bench-hostile [--budget SECONDS]     (the PDF page budget; default LoadLimits's)
#include "guichet/codes/ImageFile.hpp"
#include "guichet/envelope/Envelope.hpp"
#include "poison/Poison.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

using guichet::poison::Bytes;

struct Kind {
    const char* name;
    std::function<Bytes()> make; ///< empty for a device path
    const char* path = nullptr;  ///< a path read as is (devices)
};

/// In the child: the loader as `match`/`intake` (count, then every page) and as `decode`/`card verify`.
std::string loadAll(const std::string& path, const guichet::envelope::LoadLimits& limits) {
    auto count = guichet::envelope::countPages(path, limits);
    if (!count) return "refused: " + count.error().message;
    for (int page = 0; page < *count; ++page) {
        auto image = guichet::envelope::loadPage(path, page, limits);
        if (!image) return "refused: " + image.error().message;
    }
    auto image = guichet::codes::readImageFile(path);
    if (!image) return "refused: " + image.error().message;
    return "loaded (" + std::to_string(*count) + " page(s), " + std::to_string(image->width) + "×" +
           std::to_string(image->height) + ")";
}

long peakKb(int who) {
    rusage usage{};
    getrusage(who, &usage);
    return usage.ru_maxrss;
}

} // namespace

int main(int argc, char** argv) {
    guichet::envelope::LoadLimits limits;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--budget") == 0) limits.maxPageSeconds = std::atof(argv[i + 1]);
    using namespace guichet::poison;
    const std::vector<Kind> kinds = {
        {"png-header-32000x32000", [] { return pngHeaderBomb(32000, 32000); }},
        {"tiff-long8-32000x32000", [] { return tiffBomb(32000, 32000, true, false); }},
        {"tiff-duplicated-size-tags", [] { return tiffBomb(32000, 32000, false, true); }},
        {"bigtiff-32000x32000", [] { return bigTiffBomb(32000, 32000); }},
        {"pdf-nested-form-xobjects", [] { return pdfNestedForms(9, 10); }},
        {"pdf-flate-content-stream", [] { return pdfFlateFills(1'000'000); }},
        {"jpeg-101MB", [] { return bigJpeg(101'000'000); }},
        {"png-1x400", [] { return plainPng(1, 400); }},
        {"png-33000x20", [] { return plainPng(33000, 20); }},
        // The largest pages still accepted (59.5 Mpx, under the 60 Mpx limit): what a legitimate
        // input may cost.
        {"largest-png-7000x8500", [] { return plainPng(7000, 8500); }},
        {"largest-tiff-7000x8500", [] { return tiffBomb(7000, 8500, false, false); }},
        {"pdf-a4-page", [] { return pdfFlateFills(4); }},
        {"dev-zero", {}, "/dev/zero"},
        {"dev-urandom", {}, "/dev/urandom"},
    };
    const auto dir = std::filesystem::temp_directory_path() / ("guichet-hostile-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    std::printf("%-28s %10s %12s %9s  %s\n", "poison", "file", "peak RSS", "time", "loader");
    long worst = 0;
    for (const Kind& kind : kinds) {
        std::string path = kind.path ? kind.path : (dir / kind.name).string();
        std::uintmax_t size = 0;
        if (kind.make) {
            const Bytes bytes = kind.make();
            std::ofstream(path, std::ios::binary)
                .write(reinterpret_cast<const char*>(bytes.data()),
                       static_cast<std::streamsize>(bytes.size()));
            size = bytes.size();
        }
        int channel[2];
        if (pipe(channel) != 0) return 1;
        const auto start = std::chrono::steady_clock::now();
        const pid_t pid = fork();
        if (pid == 0) {
            close(channel[0]);
            const std::string said = loadAll(path, limits);
            const long peak = std::max(peakKb(RUSAGE_SELF), peakKb(RUSAGE_CHILDREN));
            const std::string line = std::to_string(peak) + " " + said;
            if (write(channel[1], line.data(), line.size()) < 0) _exit(2);
            _exit(0);
        }
        close(channel[1]);
        std::string line;
        char buffer[4096];
        ssize_t n = 0;
        while ((n = read(channel[0], buffer, sizeof buffer)) > 0)
            line.append(buffer, static_cast<size_t>(n));
        close(channel[0]);
        int status = 0;
        waitpid(pid, &status, 0);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const long peak = line.empty() ? -1 : std::atol(line.c_str());
        const std::string said = line.empty() ? "the child died" : line.substr(line.find(' ') + 1);
        worst = std::max(worst, peak);
        std::printf("%-28s %8.1f MB %9.1f MiB %8.2f s  %s\n", kind.name, static_cast<double>(size) / 1e6,
                    static_cast<double>(peak) / 1024.0, seconds, said.c_str());
        std::fflush(stdout);
        if (kind.make) std::filesystem::remove(path);
    }
    std::filesystem::remove_all(dir);
    std::printf("worst peak RSS: %.1f MiB (target: under 1024 MiB)\n", static_cast<double>(worst) / 1024.0);
    return worst < 1024 * 1024 ? 0 : 1;
}
