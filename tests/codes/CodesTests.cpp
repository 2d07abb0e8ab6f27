#include "guichet/codes/Codes.hpp"
#include "guichet/codes/ImageFile.hpp"
#include "poison/Poison.hpp"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

using namespace guichet::codes;

namespace {

Image qrImage(const std::string& text, int modulePx, QrErrorCorrection level = QrErrorCorrection::M) {
    const auto matrix = encodeQr(text, level);
    REQUIRE(matrix.has_value());
    return rasterize(*matrix, modulePx);
}

} // namespace

TEST_CASE("format names round trip and parse leniently", "[codes]") {
    for (Format f :
         {Format::QRCode, Format::DataMatrix, Format::Code128, Format::Code39, Format::Aztec, Format::PDF417})
        CHECK(parseFormat(toString(f)) == f);
    CHECK(parseFormat("qr-code") == Format::QRCode);
    CHECK(parseFormat("CODE_128") == Format::Code128);
    CHECK_FALSE(parseFormat("qrcodes").has_value());
    const auto formats = parseFormats("qrcode,datamatrix");
    REQUIRE(formats.has_value());
    CHECK(formats->has(Format::QRCode));
    CHECK(formats->has(Format::DataMatrix));
    CHECK_FALSE(formats->has(Format::Code128));
    CHECK_FALSE(parseFormats("qrcode,nope").has_value());
    CHECK_FALSE(parseFormats("").has_value());
}

TEST_CASE("encodeQr picks the smallest version for the level", "[codes]") {
    const std::string text(100, 'A');
    const auto low = encodeQr(text, QrErrorCorrection::L);
    const auto high = encodeQr(text, QrErrorCorrection::H);
    REQUIRE(low.has_value());
    REQUIRE(high.has_value());
    CHECK(low->qrVersion() == 4); // 114 alphanumeric characters at L
    CHECK(high->qrVersion() > low->qrVersion());
    CHECK_FALSE(encodeQr("", QrErrorCorrection::M).has_value());
    CHECK_FALSE(encodeQr(std::string(5000, 'A'), QrErrorCorrection::H).has_value());
}

TEST_CASE("a pure QR code decodes with its text, format, level and corners", "[codes]") {
    for (auto [level, name] : {std::pair{QrErrorCorrection::L, "L"}, std::pair{QrErrorCorrection::M, "M"},
                               std::pair{QrErrorCorrection::Q, "Q"}, std::pair{QrErrorCorrection::H, "H"}}) {
        const Image image = qrImage("GUICHET 42", 6, level);
        const auto codes = decodeCodes(image.view());
        REQUIRE(codes.size() == 1);
        CHECK(codes[0].text == "GUICHET 42");
        CHECK(codes[0].format == Format::QRCode);
        CHECK(codes[0].ecLevel == name);
        CHECK(codes[0].position[0].x == Approx(4 * 6).margin(6));
        CHECK(codes[0].position[0].y == Approx(4 * 6).margin(6));
    }
}

TEST_CASE("codes of formats not asked for are not reported", "[codes]") {
    const Image image = qrImage("ONLY QR", 5);
    DecodeOptions options;
    options.formats = Format::DataMatrix | Format::Code128;
    CHECK(decodeCodes(image.view(), options).empty());
    options.formats = Formats{};
    CHECK(decodeCodes(image.view(), options).empty());
}

TEST_CASE("invalid views and blank images give no code", "[codes]") {
    CHECK(decodeCodes(ImageView{}).empty());
    const std::vector<std::uint8_t> blank(640 * 480, 200);
    CHECK(decodeCodes(ImageView{blank.data(), 640, 480, 0, PixelFormat::Gray}).empty());
    CHECK(decodeCodes(ImageView{blank.data(), 640, 480, 100, PixelFormat::Gray}).empty()); // stride < width
    DecodeOptions thorough;
    thorough.effort = Effort::Thorough;
    thorough.formats = Formats::all();
    CHECK(decodeCodes(ImageView{blank.data(), 640, 480, 0, PixelFormat::Gray}, thorough).empty());
}

TEST_CASE("colour layouts and strides are honoured", "[codes]") {
    const Image gray = qrImage("STRIDE TEST", 4);
    for (PixelFormat format : {PixelFormat::BGR, PixelFormat::RGB, PixelFormat::BGRA, PixelFormat::RGBA}) {
        const int bpp = bytesPerPixel(format);
        const int stride = gray.width * bpp + 13;
        std::vector<std::uint8_t> pixels(static_cast<std::size_t>(stride * gray.height), 0);
        for (int y = 0; y < gray.height; ++y)
            for (int x = 0; x < gray.width; ++x)
                for (int c = 0; c < bpp; ++c)
                    pixels[static_cast<std::size_t>(y * stride + x * bpp + c)] =
                        gray.pixels[static_cast<std::size_t>(y * gray.width + x)];
        const auto codes = decodeCodes(ImageView{pixels.data(), gray.width, gray.height, stride, format});
        REQUIRE(codes.size() == 1);
        CHECK(codes[0].text == "STRIDE TEST");
    }
}

TEST_CASE("a large frame goes through the downscaled pass and maps corners back", "[codes]") {
    const Image qr = qrImage("BIG FRAME", 12);
    Image frame{1920, 1080, PixelFormat::Gray, std::vector<std::uint8_t>(1920 * 1080, 255)};
    const int ox = 700, oy = 300;
    for (int y = 0; y < qr.height; ++y)
        for (int x = 0; x < qr.width; ++x)
            frame.pixels[static_cast<std::size_t>((oy + y) * 1920 + ox + x)] =
                qr.pixels[static_cast<std::size_t>(y * qr.width + x)];
    const auto codes = decodeCodes(frame.view());
    REQUIRE(codes.size() == 1);
    CHECK(codes[0].position[0].x == Approx(ox + 48).margin(8));
    CHECK(codes[0].position[0].y == Approx(oy + 48).margin(8));
    CHECK(codes[0].position[2].x == Approx(ox + qr.width - 48).margin(8));
}

TEST_CASE("small modules are found by the full-resolution passes", "[codes]") {
    // 2 px per module: unreadable once downscaled by 2, read at full resolution.
    const Image qr = qrImage("SMALL MODULES 2PX", 2);
    Image frame{1920, 1080, PixelFormat::Gray, std::vector<std::uint8_t>(1920 * 1080, 255)};
    for (int y = 0; y < qr.height; ++y)
        for (int x = 0; x < qr.width; ++x)
            frame.pixels[static_cast<std::size_t>((500 + y) * 1920 + 900 + x)] =
                qr.pixels[static_cast<std::size_t>(y * qr.width + x)];
    const auto codes = decodeCodes(frame.view());
    REQUIRE(codes.size() == 1);
    CHECK(codes[0].text == "SMALL MODULES 2PX");
    DecodeOptions noFallback;
    noFallback.fullResolutionFallback = false;
    noFallback.fastPassLongSide = 480; // factor 4: the code is not even located
    CHECK(decodeCodes(frame.view(), noFallback).empty());
}

TEST_CASE("several codes in one image are all reported once", "[codes]") {
    const Image a = qrImage("FIRST", 5), b = qrImage("SECOND", 5);
    const int w = a.width + b.width + 40, h = std::max(a.height, b.height) + 20;
    Image frame{w, h, PixelFormat::Gray, std::vector<std::uint8_t>(static_cast<std::size_t>(w * h), 255)};
    auto blit = [&](const Image& src, int ox, int oy) {
        for (int y = 0; y < src.height; ++y)
            for (int x = 0; x < src.width; ++x)
                frame.pixels[static_cast<std::size_t>((oy + y) * w + ox + x)] =
                    src.pixels[static_cast<std::size_t>(y * src.width + x)];
    };
    blit(a, 10, 10);
    blit(b, a.width + 30, 10);
    auto codes = decodeCodes(frame.view());
    REQUIRE(codes.size() == 2);
    std::vector<std::string> texts{codes[0].text, codes[1].text};
    std::sort(texts.begin(), texts.end());
    CHECK(texts == std::vector<std::string>{"FIRST", "SECOND"});
    DecodeOptions one;
    one.maxCodes = 1;
    CHECK(decodeCodes(frame.view(), one).size() == 1);
}

namespace {

// Linear and other 2D codes come from ZXing's writer directly: guichet_codes only writes QR codes.
Image written(ZXing::BarcodeFormat format, const std::string& text, int width, int height, int scale) {
    const ZXing::BitMatrix bits = ZXing::MultiFormatWriter(format).setMargin(10).encode(text, width, height);
    Image image{bits.width() * scale, bits.height() * scale, PixelFormat::Gray, {}};
    image.pixels.resize(static_cast<std::size_t>(image.width * image.height));
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            image.pixels[static_cast<std::size_t>(y * image.width + x)] =
                bits.get(x / scale, y / scale) ? 0 : 255;
    return image;
}

Image inFrame(const Image& code, int width, int height, int ox, int oy) {
    Image frame{width, height, PixelFormat::Gray,
                std::vector<std::uint8_t>(static_cast<std::size_t>(width * height), 230)};
    for (int y = 0; y < code.height; ++y)
        for (int x = 0; x < code.width; ++x)
            frame.pixels[static_cast<std::size_t>((oy + y) * width + ox + x)] =
                code.pixels[static_cast<std::size_t>(y * code.width + x)];
    return frame;
}

} // namespace

TEST_CASE("La Poste style codes: DataMatrix and Code 128 on an envelope-sized image", "[codes][envelope]") {
    // 36 digits: an 18x18 square symbol, as on La Poste items (the writer would pick a rectangle
    // for shorter texts). Off-centre on purpose: ZXing alone only finds centred DataMatrix codes.
    const std::string digits = "012345678901234567890123456789012345";
    const Image dm = written(ZXing::BarcodeFormat::DataMatrix, digits, 0, 0, 5);
    const Image c128 = written(ZXing::BarcodeFormat::Code128, "1A01234567890", 0, 80, 3);
    for (Effort effort : {Effort::Camera, Effort::Thorough}) {
        DecodeOptions options;
        options.formats = Format::DataMatrix | Format::Code128;
        options.effort = effort;
        const auto fromDm = decodeCodes(inFrame(dm, 1600, 900, 300, 200).view(), options);
        REQUIRE(fromDm.size() == 1);
        CHECK(fromDm[0].format == Format::DataMatrix);
        CHECK(fromDm[0].text == digits);
        CHECK(fromDm[0].position[0].x == Approx(300 + 50).margin(12));
        CHECK(fromDm[0].position[0].y == Approx(200 + 50).margin(12));
        const auto fromCode128 = decodeCodes(inFrame(c128, 1600, 900, 200, 500).view(), options);
        REQUIRE(fromCode128.size() == 1);
        CHECK(fromCode128[0].format == Format::Code128);
        CHECK(fromCode128[0].text == "1A01234567890");
    }
}

TEST_CASE("a Code 128 in a large frame with every format asked does not abort the process",
          "[codes][envelope]") {
    // Debian's ZXing aborts in tryDownscale on such frames; decodeCodes must never take that path.
    const Image c128 = written(ZXing::BarcodeFormat::Code128, "RR123456785FR", 0, 120, 4);
    const Image frame = inFrame(c128, 2400, 1600, 500, 700);
    for (Effort effort : {Effort::Camera, Effort::Thorough}) {
        DecodeOptions options;
        options.formats = Formats::all();
        options.effort = effort;
        const auto codes = decodeCodes(frame.view(), options);
        REQUIRE_FALSE(codes.empty());
        CHECK(codes[0].text == "RR123456785FR");
    }
}

TEST_CASE("image files: written and read back, missing and corrupt files are errors", "[codes][files]") {
    const auto dir = std::filesystem::temp_directory_path() / ("guichet-codes-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const Image qr = qrImage("FILE ROUND TRIP", 4);
    REQUIRE(writePngFile(qr, dir / "qr.png").has_value());
    const auto back = readImageFile(dir / "qr.png");
    REQUIRE(back.has_value());
    CHECK(*back == qr);
    CHECK(decodeCodes(back->view()).at(0).text == "FILE ROUND TRIP");

    const auto missing = readImageFile(dir / "missing.png");
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().message.find("missing.png") != std::string::npos);
    std::ofstream(dir / "corrupt.png") << "\x89PNG\r\n\x1a\nnot really";
    const auto corrupt = readImageFile(dir / "corrupt.png");
    REQUIRE_FALSE(corrupt.has_value());
    CHECK(corrupt.error().message.find("corrupt.png") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("image files go through the one loader: bombs, devices and thin images are refused",
          "[codes][files][hostile]") {
    const auto dir =
        std::filesystem::temp_directory_path() / ("guichet-codes-hostile-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto write = [&](const std::string& name, const std::vector<unsigned char>& bytes) {
        std::ofstream(dir / name, std::ios::binary)
            .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        return dir / name;
    };
    // `guichet decode` and `card verify` decoded this header's 32,000 × 32,000 pixels (3.1 GB).
    const auto bomb = readImageFile(write("bomb.png", guichet::poison::pngHeaderBomb(32000, 32000)));
    REQUIRE_FALSE(bomb.has_value());
    CHECK(bomb.error().message.find("bomb.png: image too large (32000×32000") != std::string::npos);
    const auto tiff = readImageFile(write("bomb.tif", guichet::poison::tiffBomb(32000, 32000, true, false)));
    REQUIRE_FALSE(tiff.has_value());
    CHECK(tiff.error().message.find("bomb.tif") != std::string::npos);
    const auto thin = readImageFile(write("thin.png", guichet::poison::plainPng(1, 500)));
    REQUIRE_FALSE(thin.has_value());
    CHECK(thin.error().message.find("thin.png: image too small") != std::string::npos);
    const auto device = readImageFile("/dev/zero");
    REQUIRE_FALSE(device.has_value());
    CHECK(device.error().message.find("not a regular file") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("decoding a 1-pixel-wide frame finds nothing and throws nothing", "[codes][hostile]") {
    // Long enough to be downscaled (cv::resize to a zero width threw) and thorough-read at half size.
    std::vector<std::uint8_t> pixels(4000, 128);
    const ImageView tall{pixels.data(), 1, 4000, 1, PixelFormat::Gray};
    const ImageView flat{pixels.data(), 4000, 1, 4000, PixelFormat::Gray};
    for (const Effort effort : {Effort::Camera, Effort::Thorough}) {
        DecodeOptions options;
        options.effort = effort;
        std::vector<Code> codes;
        REQUIRE_NOTHROW(codes = decodeCodes(tall, options));
        CHECK(codes.empty());
        REQUIRE_NOTHROW(codes = decodeCodes(flat, options));
        CHECK(codes.empty());
    }
}
