// Hostile input (issue 17): shapes OpenCV cannot handle, decompression bombs and PDF pages that
// never finish are refused at the loader with a message naming the file, in bounded time and memory.
#include "TempDir.hpp"
#include "guichet/directory/DirectoryFile.hpp"
#include "guichet/envelope/Envelope.hpp"
#include "guichet/reader/Reader.hpp"
#include "poison/Poison.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>

using guichet::envelope::loadImage;
using guichet::envelope::LoadLimits;

namespace {

std::string written(const guichet::test::TempDir& dir, const std::string& name,
                    const guichet::poison::Bytes& bytes) {
    const std::string path = dir.file(name);
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    return path;
}

bool mentions(const std::string& message, const std::string& what) {
    return message.find(what) != std::string::npos;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

TEST_CASE("thin and very wide images are refused at the loader, naming the file and the size",
          "[envelope][load][hostile]") {
    guichet::test::TempDir dir;
    struct Shape {
        int width, height;
        const char* what;
    };
    for (const Shape s : {Shape{1, 300, "too small"}, Shape{300, 2, "too small"}, Shape{2, 2, "too small"},
                          Shape{33000, 20, "too large"}}) {
        const std::string name = "shape-" + std::to_string(s.width) + "x" + std::to_string(s.height) + ".png";
        auto r = loadImage(written(dir, name, guichet::poison::plainPng(s.width, s.height)));
        REQUIRE_FALSE(r);
        CHECK(mentions(r.error().message, name));
        CHECK(mentions(r.error().message, s.what));
        CHECK(mentions(r.error().message, std::to_string(s.width) + "×" + std::to_string(s.height)));
    }
}

TEST_CASE("locating in a 1-pixel-wide or 2-pixel-high image is an Error, not a cv::Exception",
          "[envelope][locate][hostile]") {
    for (const cv::Size size : {cv::Size(1, 400), cv::Size(400, 2), cv::Size(2, 1)}) {
        const cv::Mat image(size, CV_8UC3, cv::Scalar(240, 240, 240));
        guichet::Result<guichet::envelope::Located> r = guichet::makeError("not run");
        REQUIRE_NOTHROW(r = guichet::envelope::locateRecipient(image));
        REQUIRE_FALSE(r);
        CHECK(mentions(r.error().message, "too small"));
    }
}

TEST_CASE("a TIFF whose size tags are LONG8 is checked on the size libtiff decodes",
          "[envelope][load][hostile]") {
    guichet::test::TempDir dir;
    const auto bytes = guichet::poison::tiffBomb(32000, 32000, true, false);
    REQUIRE(bytes.size() < 2'000'000);
    const auto path = written(dir, "long8.tif", bytes);
    auto count = guichet::envelope::countPages(path);
    REQUIRE(count);
    CHECK(*count == 1);
    auto r = guichet::envelope::loadPage(path, 0);
    REQUIRE_FALSE(r);
    CHECK(mentions(r.error().message, "long8.tif"));
    CHECK(mentions(r.error().message, "32000×32000"));
}

TEST_CASE("a TIFF with duplicated size tags never decodes past the limits", "[envelope][load][hostile]") {
    guichet::test::TempDir dir;
    auto r = loadImage(written(dir, "twice.tif", guichet::poison::tiffBomb(32000, 32000, false, true)));
    // libtiff keeps one of the two sizes: either the small page is read, or the large one refused.
    if (r) {
        REQUIRE(r->size() == 1);
        CHECK(static_cast<std::int64_t>(r->front().cols) * r->front().rows <= LoadLimits{}.maxPixels);
    } else {
        CHECK(mentions(r.error().message, "twice.tif"));
    }
}

TEST_CASE("a BigTIFF decompression bomb is refused before decoding", "[envelope][load][hostile]") {
    guichet::test::TempDir dir;
    auto r = loadImage(written(dir, "big.tif", guichet::poison::bigTiffBomb(32000, 32000)));
    REQUIRE_FALSE(r);
    CHECK(mentions(r.error().message, "big.tif"));
    CHECK(mentions(r.error().message, "too large"));
}

TEST_CASE("a small multi-page BigTIFF still loads", "[envelope][load]") {
    guichet::test::TempDir dir;
    auto r = loadImage(written(dir, "small-big.tif", guichet::poison::bigTiffBomb(200, 130)));
    REQUIRE(r);
    REQUIRE(r->size() == 1);
    CHECK(r->front().cols == 200);
    CHECK(r->front().rows == 130);
    CHECK(r->front().channels() == 3);
}

TEST_CASE("a PNG header announcing 32000 × 32000 is refused before decoding", "[envelope][load][hostile]") {
    guichet::test::TempDir dir;
    auto r = loadImage(written(dir, "bomb.png", guichet::poison::pngHeaderBomb(32000, 32000)));
    REQUIRE_FALSE(r);
    CHECK(mentions(r.error().message, "bomb.png"));
    CHECK(mentions(r.error().message, "too large"));
}

TEST_CASE("devices and folders are refused unread", "[envelope][load][hostile]") {
    for (const std::string path : {"/dev/zero", "/dev/urandom", "/tmp"}) {
        auto r = loadImage(path);
        REQUIRE_FALSE(r);
        CHECK(mentions(r.error().message, path + ": not a regular file"));
    }
}

TEST_CASE("a PDF page of nested form XObjects is refused when its rendering passes the budget",
          "[envelope][load][hostile][pdf]") {
    guichet::test::TempDir dir;
    const auto bytes = guichet::poison::pdfNestedForms(9, 10); // 10^8 drawings
    REQUIRE(bytes.size() < 8000);
    const auto path = written(dir, "nested.pdf", bytes);
    LoadLimits limits;
    limits.maxPageSeconds = 1.0;
    const auto start = std::chrono::steady_clock::now();
    auto r = guichet::envelope::loadPage(path, 0, limits);
    REQUIRE_FALSE(r);
    CHECK(mentions(r.error().message, "nested.pdf page 1"));
    CHECK(mentions(r.error().message, "took more than 1 s"));
    CHECK(secondsSince(start) < 5.0);
}

TEST_CASE("a PDF page with a huge flate content stream is refused when its rendering passes the budget",
          "[envelope][load][hostile][pdf]") {
    guichet::test::TempDir dir;
    const auto path = written(dir, "fills.pdf", guichet::poison::pdfFlateFills(200'000));
    LoadLimits limits;
    limits.maxPageSeconds = 1.0;
    const auto start = std::chrono::steady_clock::now();
    auto r = guichet::envelope::loadPage(path, 0, limits);
    REQUIRE_FALSE(r);
    CHECK(mentions(r.error().message, "fills.pdf page 1"));
    CHECK(secondsSince(start) < 5.0);
}

TEST_CASE("a plain PDF page rendered in the child process comes back whole", "[envelope][load][pdf]") {
    guichet::test::TempDir dir;
    const auto path = written(dir, "one.pdf", guichet::poison::pdfFlateFills(4));
    auto r = guichet::envelope::loadPage(path, 0);
    REQUIRE(r);
    CHECK(r->cols == 2479); // 595 × 842 pt at 300 dpi
    CHECK(r->rows == 3508);
    CHECK(r->at<cv::Vec3b>(100, 100)[0] == 255); // the last fill is white
}

TEST_CASE("the reader turns a thin image or a bomb into an Error naming the file", "[reader][hostile]") {
    guichet::test::TempDir dir;
    auto parsed = guichet::directory::parseCsv("ref,nom,prenom\n1,DUPONT,Jean\n");
    REQUIRE(parsed);
    const guichet::match::Directory directory(parsed->dossiers);
    auto reader = guichet::reader::Reader::create(directory);
    REQUIRE(reader);
    guichet::Result<guichet::reader::Reading> thin = guichet::makeError("not run");
    REQUIRE_NOTHROW(thin = reader->readBytes(guichet::poison::plainPng(2, 900), "thin.png"));
    REQUIRE_FALSE(thin);
    CHECK(mentions(thin.error().message, "thin.png: image too small"));
    const auto path = written(dir, "long8.tif", guichet::poison::tiffBomb(32000, 32000, true, false));
    auto pages = reader->readFile(path);
    REQUIRE_FALSE(pages);
    CHECK(mentions(pages.error().message, "long8.tif"));
}
