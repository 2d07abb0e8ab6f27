// Scanned PDFs, the default output of office scanners' "scan to folder": every page is rendered
// with Poppler at the scanner's usual 300 dpi (less when the page would exceed the pixel limit).
// The checks come first, as for images: a PDF still being written has no %%EOF at its end yet.
#include "Pdf.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>
#include <opencv2/imgproc.hpp>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

namespace guichet::envelope {
namespace {

constexpr double kRenderDpi = 300.0;

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
    auto doc = openPdf(bytes, source, limits);
    if (!doc) return doc.error();
    return (*doc)->pages();
}

Result<std::vector<cv::Mat>> renderPdf(const std::vector<unsigned char>& bytes, const std::string& source,
                                       const LoadLimits& limits, int first, int count) {
    auto opened = openPdf(bytes, source, limits);
    if (!opened) return opened.error();
    const Document& doc = *opened;
    const int pagesInFile = doc->pages();
    const int last = count < 0 ? pagesInFile : std::min(pagesInFile, first + count);
    if (first < 0 || first >= last)
        return makeError(source + ": no page " + std::to_string(first + 1) + " (the PDF has " +
                         std::to_string(pagesInFile) + ")");
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing);
    renderer.set_image_format(poppler::image::format_bgr24);
    std::vector<cv::Mat> pages;
    for (int i = first; i < last; ++i) {
        const std::string where = source + " page " + std::to_string(i + 1);
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        if (!page) return makeError(where + ": corrupt PDF page");
        const poppler::rectf box = page->page_rect(poppler::media_box);
        const double w = box.width() / 72.0, h = box.height() / 72.0; // inches
        if (!(w > 0.5 && h > 0.5) || w > 200 || h > 200)
            return makeError(where + ": page size out of range (" + std::to_string(std::lround(w * 25.4)) +
                             "×" + std::to_string(std::lround(h * 25.4)) + " mm)");
        // A poster-sized page is rendered coarser rather than refused: it is only read.
        const double dpi =
            std::min(kRenderDpi, std::sqrt(static_cast<double>(limits.maxPixels) / (w * h)) * 0.98);
        const poppler::image image = renderer.render_page(page.get(), dpi, dpi);
        if (!image.is_valid() || image.width() <= 0 || image.height() <= 0)
            return makeError(where + ": Poppler could not render the page");
        const cv::Mat view(image.height(), image.width(), CV_8UC3, const_cast<char*>(image.const_data()),
                           static_cast<size_t>(image.bytes_per_row()));
        pages.push_back(view.clone()); // the poppler::image owns its pixels
    }
    return pages;
}

} // namespace guichet::envelope
