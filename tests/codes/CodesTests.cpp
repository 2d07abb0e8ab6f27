#include "guichet/codes/Codes.hpp"

#include <catch2/catch.hpp>
#include <string>

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
