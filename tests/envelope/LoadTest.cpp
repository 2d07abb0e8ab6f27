// Loading: every way a scan can be broken gives an Error that names the file and the cause.
#include "Support.hpp"
#include "TempDir.hpp"
#include "guichet/envelope/Envelope.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using guichet::envelope::loadImage;

namespace {

void writeBytes(const std::string& path, const std::vector<unsigned char>& bytes) {
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::vector<unsigned char> encoded(const std::string& ext) {
    cv::Mat image(120, 200, CV_8UC3, cv::Scalar(240, 240, 240));
    cv::rectangle(image, {20, 20}, {180, 100}, cv::Scalar(20, 20, 20), 3);
    std::vector<unsigned char> bytes;
    cv::imencode(ext, image, bytes);
    return bytes;
}

bool mentions(const std::string& message, const std::string& what) {
    return message.find(what) != std::string::npos;
}

} // namespace

TEST_CASE("JPEG and PNG files load as one BGR page", "[envelope][load]") {
    guichet::test::TempDir dir;
    for (const std::string ext : {".jpg", ".png"}) {
        writeBytes(dir.file("a" + ext), encoded(ext));
        auto pages = loadImage(dir.file("a" + ext));
        REQUIRE(pages);
        REQUIRE(pages->size() == 1);
        CHECK(pages->front().cols == 200);
        CHECK(pages->front().rows == 120);
        CHECK(pages->front().channels() == 3);
    }
}

TEST_CASE("a multi-page TIFF loads every page", "[envelope][load]") {
    guichet::test::TempDir dir;
    std::vector<cv::Mat> pages = {cv::Mat(100, 160, CV_8UC3, cv::Scalar(200, 200, 200)),
                                  cv::Mat(90, 150, CV_8UC3, cv::Scalar(100, 100, 100)),
                                  cv::Mat(80, 140, CV_8UC3, cv::Scalar(50, 50, 50))};
    REQUIRE(cv::imwritemulti(dir.file("scan.tif"), pages));
    auto loaded = loadImage(dir.file("scan.tif"));
    REQUIRE(loaded);
    REQUIRE(loaded->size() == 3);
    CHECK(loaded->at(1).cols == 150);
    auto count = guichet::envelope::countPages(dir.file("scan.tif"));
    REQUIRE(count);
    CHECK(*count == 3);
    auto last = guichet::envelope::loadPage(dir.file("scan.tif"), 2);
    REQUIRE(last);
    CHECK(last->cols == 140);
    CHECK(cv::mean(*last)[0] == Approx(50).margin(1));

    // Cut in half: the strips now point past the end of the file.
    std::ifstream in(dir.file("scan.tif"), std::ios::binary);
    std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    bytes.resize(bytes.size() / 2);
    writeBytes(dir.file("cut.tif"), bytes);
    auto cut = loadImage(dir.file("cut.tif"));
    REQUIRE_FALSE(cut);
    CHECK(mentions(cut.error().message, "cut.tif"));
    CHECK((mentions(cut.error().message, "truncated") || mentions(cut.error().message, "corrupt")));
}

TEST_CASE("a scanned PDF loads every page at the scanner's resolution", "[envelope][load]") {
    // "Scan to folder" on office scanners writes PDFs by default: one JPEG per page.
    guichet::test::TempDir dir;
    const auto a = guichet::test::generated(guichet::corpus::Condition::Scan300, 3000);
    const auto b = guichet::test::generated(guichet::corpus::Condition::Scan200, 3001);
    const auto pdf = guichet::corpus::encodePdf({a, b});
    writeBytes(dir.file("scan.pdf"), pdf);
    auto pages = loadImage(dir.file("scan.pdf"));
    REQUIRE(pages);
    REQUIRE(pages->size() == 2);
    // Rendered at 300 dpi: the 300-dpi page comes back at its size, the 200-dpi one 1.5 times larger.
    CHECK(std::abs(pages->at(0).cols - a.image.cols) <= 2);
    CHECK(std::abs(pages->at(0).rows - a.image.rows) <= 2);
    CHECK(std::abs(pages->at(1).cols - b.image.cols * 3 / 2) <= 3);
    CHECK(pages->at(0).type() == CV_8UC3);
    // The same pixels (JPEG decoded by Poppler instead of OpenCV: within a few levels).
    if (pages->at(0).size() == a.image.size()) {
        cv::Mat diff;
        cv::absdiff(pages->at(0), a.image, diff);
        CHECK(cv::mean(diff)[0] < 3.0);
    }

    // One page at a time, as `guichet match` hands the pages of one PDF to several workers.
    auto count = guichet::envelope::countPages(dir.file("scan.pdf"));
    REQUIRE(count);
    CHECK(*count == 2);
    auto second = guichet::envelope::loadPage(dir.file("scan.pdf"), 1);
    REQUIRE(second);
    CHECK(second->size() == pages->at(1).size());
    auto third = guichet::envelope::loadPage(dir.file("scan.pdf"), 2);
    REQUIRE_FALSE(third);
    CHECK(mentions(third.error().message, "no page 3"));

    guichet::envelope::LoadLimits limits;
    limits.maxPages = 1;
    auto refused = loadImage(dir.file("scan.pdf"), limits);
    REQUIRE_FALSE(refused);
    CHECK(mentions(refused.error().message, "too many pages"));

    // A poster-sized page is rendered coarser, within the pixel limit, not refused.
    limits = {};
    limits.maxPixels = 2'000'000;
    auto coarse = loadImage(dir.file("scan.pdf"), limits);
    REQUIRE(coarse);
    CHECK(static_cast<double>(coarse->at(0).total()) <= 2'000'000);
    CHECK(coarse->at(0).cols > 1000);
}

TEST_CASE("broken files are refused with a reason naming the file", "[envelope][load]") {
    guichet::test::TempDir dir;
    SECTION("missing") {
        auto r = loadImage(dir.file("nope.jpg"));
        REQUIRE_FALSE(r);
        CHECK(mentions(r.error().message, "nope.jpg"));
        CHECK(mentions(r.error().message, "no such file"));
    }
    SECTION("empty") {
        writeBytes(dir.file("empty.jpg"), {});
        auto r = loadImage(dir.file("empty.jpg"));
        REQUIRE_FALSE(r);
        CHECK(mentions(r.error().message, "empty"));
    }
    SECTION("truncated JPEG, as a scanner still writing it leaves it") {
        auto bytes = encoded(".jpg");
        bytes.resize(bytes.size() * 2 / 3);
        writeBytes(dir.file("half.jpg"), bytes);
        auto r = loadImage(dir.file("half.jpg"));
        REQUIRE_FALSE(r);
        CHECK(mentions(r.error().message, "truncated JPEG"));
    }
    SECTION("truncated PNG") {
        auto bytes = encoded(".png");
        bytes.resize(bytes.size() - 20);
        writeBytes(dir.file("half.png"), bytes);
        auto r = loadImage(dir.file("half.png"));
        REQUIRE_FALSE(r);
        CHECK(mentions(r.error().message, "truncated PNG"));
    }
    SECTION("not an image") {
        writeBytes(dir.file("photo.gif"), {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0});
        auto r = loadImage(dir.file("photo.gif"));
        REQUIRE_FALSE(r);
        CHECK(mentions(r.error().message, "photo.gif"));
        CHECK(mentions(r.error().message, "not a JPEG, PNG, TIFF or PDF"));
    }
    SECTION("a PDF still being written, and a damaged one") {
        writeBytes(dir.file("half.pdf"), {'%', 'P', 'D', 'F', '-', '1', '.', '7', '\n', '1', ' ', '0'});
        auto r = loadImage(dir.file("half.pdf"));
        REQUIRE_FALSE(r);
        CHECK(mentions(r.error().message, "half.pdf"));
        CHECK(mentions(r.error().message, "truncated PDF"));
        const std::string junk = "%PDF-1.4\n1 0 obj << /Type /Catalog >> nonsense\n%%EOF\n";
        writeBytes(dir.file("junk.pdf"), std::vector<unsigned char>(junk.begin(), junk.end()));
        auto j = loadImage(dir.file("junk.pdf"));
        REQUIRE_FALSE(j);
        CHECK(mentions(j.error().message, "junk.pdf"));
        CHECK((mentions(j.error().message, "corrupt PDF") || mentions(j.error().message, "no page")));
    }
    SECTION("corrupt JPEG body") {
        auto bytes = encoded(".jpg");
        for (size_t i = 2; i < 40 && i < bytes.size(); ++i)
            bytes[i] = 0x11;
        writeBytes(dir.file("bad.jpg"), bytes);
        auto r = loadImage(dir.file("bad.jpg"));
        REQUIRE_FALSE(r);
        CHECK(mentions(r.error().message, "bad.jpg"));
    }
    SECTION("enormous: refused from the header, before decoding") {
        // A PNG that claims 60000 × 60000 pixels (3.6 Gpx): only the header is needed to refuse it.
        std::vector<unsigned char> png = {0x89, 'P',  'N', 'G', '\r', '\n', 0x1a, '\n', 0,    0, 0,
                                          13,   'I',  'H', 'D', 'R',  0,    0,    0xEA, 0x60, 0, 0,
                                          0xEA, 0x60, 8,   2,   0,    0,    0,    0,    0,    0, 0};
        const std::vector<unsigned char> iend = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82};
        png.insert(png.end(), iend.begin(), iend.end());
        writeBytes(dir.file("huge.png"), png);
        auto r = loadImage(dir.file("huge.png"));
        REQUIRE_FALSE(r);
        CHECK(mentions(r.error().message, "too large"));
    }
    SECTION("file over the byte limit") {
        writeBytes(dir.file("big.jpg"), encoded(".jpg"));
        guichet::envelope::LoadLimits limits;
        limits.maxFileBytes = 100;
        auto r = loadImage(dir.file("big.jpg"), limits);
        REQUIRE_FALSE(r);
        CHECK(mentions(r.error().message, "file too large"));
    }
}
