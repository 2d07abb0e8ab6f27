// Scanned PDFs, the default output of office scanners' "scan to folder": every page is rendered
// with Poppler at the scanner's usual 300 dpi (less when the page would exceed the pixel limit).
// The checks come first, as for images: a PDF still being written has no %%EOF at its end yet.
// A page is rendered in a forked child process: Poppler has no time limit of its own, and 5 KB of
// nested form XObjects or a 1.7 MB flate content stream kept it busy for minutes. The child has a
// wall-clock budget (LoadLimits::maxPageSeconds), a CPU-time limit and an address-space limit; it
// hands the pixels back through shared memory, and is killed when the budget is spent.
#include "Pdf.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <mutex>
#include <opencv2/imgproc.hpp>
#include <poll.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define GUICHET_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GUICHET_ASAN 1
#endif
#endif

namespace guichet::envelope {
namespace {

constexpr double kRenderDpi = 300.0;

/// Held while Poppler is used in this process and across fork(): the child must not inherit a
/// Poppler lock taken by another worker thread.
std::mutex& popplerMutex() {
    static std::mutex m;
    return m;
}

/// Poppler prints its complaints about damaged files on stderr, where they would mix with
/// `guichet match --json`: our own error names the file and the cause instead.
void quietPoppler() {
    static std::once_flag once;
    std::call_once(once,
                   [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

/// True when "%%EOF" ends the file (trailing whitespace and a few bytes of padding allowed).
bool endsWithEof(const std::vector<unsigned char>& b) {
    const size_t tail = std::min<size_t>(b.size(), 1024);
    const std::string_view end(reinterpret_cast<const char*>(b.data() + b.size() - tail), tail);
    return end.find("%%EOF") != std::string_view::npos;
}

} // namespace

bool isPdf(const std::vector<unsigned char>& bytes) {
    return bytes.size() >= 5 && std::memcmp(bytes.data(), "%PDF-", 5) == 0;
}

namespace {

using Document = std::unique_ptr<poppler::document>;

/// The document opened and checked: complete, not locked, 1..maxPages pages.
Result<Document> openPdf(const std::vector<unsigned char>& bytes, const std::string& source,
                         const LoadLimits& limits) {
    if (!endsWithEof(bytes))
        return makeError(source + ": truncated PDF (no %%EOF at the end; file still being written?)");
    quietPoppler();
    Document doc(poppler::document::load_from_raw_data(reinterpret_cast<const char*>(bytes.data()),
                                                       static_cast<int>(bytes.size())));
    if (!doc) return makeError(source + ": corrupt PDF (Poppler cannot open it)");
    if (doc->is_locked()) return makeError(source + ": the PDF is password-protected");
    const int count = doc->pages();
    if (count <= 0) return makeError(source + ": the PDF has no page");
    if (count > limits.maxPages)
        return makeError(source + ": too many pages (" + std::to_string(count) + ", limit " +
                         std::to_string(limits.maxPages) + ")");
    return doc;
}

} // namespace

Result<int> pdfPageCount(const std::vector<unsigned char>& bytes, const std::string& source,
                         const LoadLimits& limits) {
    std::lock_guard lock(popplerMutex());
    auto doc = openPdf(bytes, source, limits);
    if (!doc) return doc.error();
    return (*doc)->pages();
}

namespace {

/// What the child writes at the start of the shared memory; the pixels follow, row after row.
struct Rendered {
    int status = 0; ///< 0 rendered; else an error whose text is in `message`
    int width = 0;
    int height = 0;
    char message[240] = {};
};

void fail(Rendered& out, const std::string& message) {
    out.status = 1;
    std::snprintf(out.message, sizeof out.message, "%s", message.c_str());
}

/// In the child: opens the document again (its own copy of the bytes), renders the page into `out`.
void renderInChild(const std::vector<unsigned char>& bytes, const std::string& where,
                   const LoadLimits& limits, int index, Rendered& out, unsigned char* pixels) {
    Document doc(poppler::document::load_from_raw_data(reinterpret_cast<const char*>(bytes.data()),
                                                       static_cast<int>(bytes.size())));
    if (!doc) return fail(out, where + ": corrupt PDF (Poppler cannot open it)");
    std::unique_ptr<poppler::page> page(doc->create_page(index));
    if (!page) return fail(out, where + ": corrupt PDF page");
    const poppler::rectf box = page->page_rect(poppler::media_box);
    const double w = box.width() / 72.0, h = box.height() / 72.0; // inches
    if (!(w > 0.5 && h > 0.5) || w > 200 || h > 200)
        return fail(out, where + ": page size out of range (" + std::to_string(std::lround(w * 25.4)) + "×" +
                             std::to_string(std::lround(h * 25.4)) + " mm)");
    // A poster-sized page is rendered coarser rather than refused: it is only read.
    const double dpi =
        std::min(kRenderDpi, std::sqrt(static_cast<double>(limits.maxPixels) / (w * h)) * 0.98);
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing);
    renderer.set_image_format(poppler::image::format_bgr24);
    const poppler::image image = renderer.render_page(page.get(), dpi, dpi);
    if (!image.is_valid() || image.width() <= 0 || image.height() <= 0)
        return fail(out, where + ": Poppler could not render the page");
    if (static_cast<std::int64_t>(image.width()) * image.height() > limits.maxPixels)
        return fail(out, where + ": rendered page too large");
    const size_t row = static_cast<size_t>(image.width()) * 3;
    for (int y = 0; y < image.height(); ++y)
        std::memcpy(pixels + row * static_cast<size_t>(y),
                    image.const_data() + static_cast<std::ptrdiff_t>(y) * image.bytes_per_row(), row);
    out.width = image.width();
    out.height = image.height();
    out.status = 0;
}

/// The child's limits: CPU time a little over the budget (should the parent die), and, outside
/// AddressSanitizer builds (which reserve terabytes), the address space it has now plus the budget.
void limitChild(const LoadLimits& limits) {
    const auto cpu = static_cast<rlim_t>(std::ceil(limits.maxPageSeconds)) + 1;
    const rlimit cpuLimit{cpu, cpu};
    setrlimit(RLIMIT_CPU, &cpuLimit);
#ifndef GUICHET_ASAN
    unsigned long long pages = 0;
    if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%llu", &pages) != 1) pages = 0;
        std::fclose(f);
    }
    rlimit current{};
    if (pages > 0 && getrlimit(RLIMIT_AS, &current) == 0) {
        const auto now = static_cast<rlim_t>(pages) * static_cast<rlim_t>(sysconf(_SC_PAGESIZE));
        // Only ever lowered: a caller that runs us under a tighter limit (the desk's forked
        // reader) keeps it.
        const rlim_t limit = std::min<rlim_t>(current.rlim_cur, now + limits.maxRenderMemoryBytes);
        const rlimit as{limit, std::min<rlim_t>(current.rlim_max, limit)};
        setrlimit(RLIMIT_AS, &as);
    }
#endif
}

/// Renders page `index` in a child process; the page is refused when the child runs past the
/// budget, dies or runs out of memory.
Result<cv::Mat> renderPageIsolated(const std::vector<unsigned char>& bytes, const std::string& where,
                                   const LoadLimits& limits, int index) {
    const size_t capacity = sizeof(Rendered) + static_cast<size_t>(limits.maxPixels) * 3;
    void* shared = mmap(nullptr, capacity, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) return makeError(where + ": cannot reserve memory for the page");
    struct Unmap {
        void* p;
        size_t n;
        ~Unmap() { munmap(p, n); }
    } unmap{shared, capacity};
    auto* result = new (shared) Rendered{};
    result->status = 2;
    std::snprintf(result->message, sizeof result->message, "%s", "the renderer stopped");
    int done[2] = {-1, -1};
    pid_t pid = -1;
    {
        // The pipe is made and its write end closed under the lock, so that no other renderer's
        // child inherits it (its parent would then wait for that child too).
        std::lock_guard lock(popplerMutex());
        if (pipe2(done, O_CLOEXEC) != 0) return makeError(where + ": cannot start the renderer (pipe)");
        pid = fork();
        if (pid == 0) {
            close(done[0]);
            limitChild(limits);
            try {
                renderInChild(bytes, where, limits, index, *result,
                              static_cast<unsigned char*>(shared) + sizeof(Rendered));
            } catch (const std::exception& e) {
                fail(*result, where + ": " + e.what());
            }
            _exit(0); // the write end of `done` closes: the parent wakes up
        }
        close(done[1]);
    }
    if (pid < 0) {
        close(done[0]);
        return makeError(where + ": cannot start the renderer (fork)");
    }
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::duration<double>(limits.maxPageSeconds);
    bool finished = false;
    while (!finished) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd p{done[0], POLLIN, 0};
        const int n = poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
        if (n > 0) finished = true; // hang-up: the child exited (or closed the pipe dying)
    }
    close(done[0]);
    if (!finished) kill(pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!finished)
        return makeError(where + ": page refused, rendering it took more than " +
                         std::to_string(static_cast<int>(std::lround(limits.maxPageSeconds))) + " s");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return makeError(where + ": page refused, the renderer failed (" +
                         (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU
                              ? std::string("out of time")
                              : std::string("out of memory or crashed")) +
                         ")");
    if (result->status != 0) {
        result->message[sizeof result->message - 1] = 0;
        if (result->status == 2)
            return makeError(where + ": page refused, the renderer failed (out of memory)");
        return makeError(result->message);
    }
    if (result->width <= 0 || result->height <= 0 ||
        static_cast<std::int64_t>(result->width) * result->height > limits.maxPixels)
        return makeError(where + ": Poppler could not render the page");
    const cv::Mat view(result->height, result->width, CV_8UC3,
                       static_cast<unsigned char*>(shared) + sizeof(Rendered));
    return view.clone();
}

} // namespace

Result<std::vector<cv::Mat>> renderPdf(const std::vector<unsigned char>& bytes, const std::string& source,
                                       const LoadLimits& limits, int first, int count) {
    int pagesInFile = 0;
    {
        std::lock_guard lock(popplerMutex());
        auto opened = openPdf(bytes, source, limits);
        if (!opened) return opened.error();
        pagesInFile = (*opened)->pages();
    }
    const int last = count < 0 ? pagesInFile : std::min(pagesInFile, first + count);
    if (first < 0 || first >= last)
        return makeError(source + ": no page " + std::to_string(first + 1) + " (the PDF has " +
                         std::to_string(pagesInFile) + ")");
    std::vector<cv::Mat> pages;
    for (int i = first; i < last; ++i) {
        auto page = renderPageIsolated(bytes, source + " page " + std::to_string(i + 1), limits, i);
        if (!page) return page.error();
        pages.push_back(std::move(*page));
    }
    return pages;
}

} // namespace guichet::envelope
