// Camera conditions of issue 22, one table row each: a 120-character card token placed in a 720p
// or 1080p frame (SyntheticFrame) under small modules, dim light, glare, a thumb, perspective and
// blur, read by decodeCodes() at camera effort as the kiosk and `guichet decode` read it.
#include "guichet/codes/SyntheticFrame.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace guichet::codes;

namespace {

const std::string kToken = "eyJhbGciOiJFZERTQSJ9.eyJkIjo0MjQyLCJzIjoiQ0NBUy02OSIsInYiOjJ9."
                           "c2lnbmF0dXJlLW9mLXRoZS1jYXJkLXRva2VuLTEyMzQ1Njc4OTA";

struct Row {
    const char* name;
    double modulePx; ///< projected module size before tilt
    FrameParams params;
};

FrameParams frame(int width, int height) {
    FrameParams p;
    p.width = width;
    p.height = height;
    p.centerX = 0.45;
    p.centerY = 0.55;
    p.noiseSigma = 3;
    return p;
}

} // namespace

TEST_CASE("card tokens are read under each camera condition and never misread", "[codes][conditions]") {
    const auto matrix = encodeQr(kToken, QrErrorCorrection::M);
    REQUIRE(matrix.has_value());
    const Image qr = rasterize(*matrix, 6);
    const int modules = matrix->size + 8; // with the quiet zone
    auto row = [&](const char* name, double modulePx, auto&& change) {
        FrameParams p = frame(1280, 720);
        p.imageWidthPx = modulePx * modules;
        p.rotationDeg = 17;
        change(p);
        return Row{name, modulePx, p};
    };
    const Row rows[] = {
        row("small modules 2 px", 2.0, [](FrameParams&) {}),
        row("small modules 2.5 px, slight blur", 2.5, [](FrameParams& p) { p.blurSigma = 0.8; }),
        row("dim light", 3.0,
            [](FrameParams& p) {
                p.light = 0.2;
                p.noiseSigma = 6;
            }),
        row("glare", 3.0, [](FrameParams& p) { p.glare = 0.9; }),
        row("thumb over the card", 4.0, [](FrameParams& p) { p.occlusion = 0.15; }),
        row("perspective 35 deg", 3.0,
            [](FrameParams& p) {
                p.tiltXDeg = 35;
                p.tiltYDeg = 10;
            }),
        row("defocus half a module", 4.0, [](FrameParams& p) { p.blurSigma = 2.0; }),
        row("1080p frame, small far card", 2.2,
            [](FrameParams& p) {
                p.width = 1920;
                p.height = 1080;
            }),
        row("dim, glare and perspective together", 3.5,
            [](FrameParams& p) {
                p.light = 0.3;
                p.glare = 0.6;
                p.tiltYDeg = 30;
            }),
    };
    for (const Row& r : rows) {
        for (std::uint32_t seed : {1u, 2u, 3u}) {
            FrameParams p = r.params;
            p.seed = seed;
            const SyntheticFrame f = synthesizeFrame(qr.view(), p);
            const auto codes = decodeCodes(f.frame.view());
            INFO(r.name << " (" << r.modulePx << " px per module), seed " << seed);
            REQUIRE(codes.size() == 1);
            CHECK(codes[0].text == kToken);
        }
    }
}

TEST_CASE("a frame without a code gives nothing after every rescue pass", "[codes][conditions]") {
    // A desk with clutter, dim and glaring, no card: the rescue passes (upscale, adaptive threshold,
    // equalisation) run to the end of their budget and must not invent a code.
    const auto matrix = encodeQr("X", QrErrorCorrection::M);
    REQUIRE(matrix.has_value());
    Image blank{64, 64, PixelFormat::Gray, std::vector<std::uint8_t>(64 * 64, 200)};
    for (std::uint32_t seed : {1u, 2u, 3u}) {
        FrameParams p = frame(1280, 720);
        p.imageWidthPx = 300;
        p.light = 0.3;
        p.glare = 0.8;
        p.seed = seed;
        const SyntheticFrame f = synthesizeFrame(blank.view(), p);
        CHECK(decodeCodes(f.frame.view()).empty());
    }
}
