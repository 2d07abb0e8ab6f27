#include "guichet/codes/SyntheticFrame.hpp"

#include <catch2/catch.hpp>

using namespace guichet::codes;

TEST_CASE("synthetic frames are deterministic and place the image where asked", "[codes][synth]") {
    const auto matrix = encodeQr("SYNTH", QrErrorCorrection::M);
    REQUIRE(matrix.has_value());
    const Image qr = rasterize(*matrix, 8);
    FrameParams params;
    params.width = 640;
    params.height = 480;
    params.imageWidthPx = 200;
    params.noiseSigma = 4;
    params.seed = 7;
    const SyntheticFrame a = synthesizeFrame(qr.view(), params);
    const SyntheticFrame b = synthesizeFrame(qr.view(), params);
    CHECK(a.frame == b.frame);
    CHECK(a.frame.width == 640);
    CHECK(a.frame.format == PixelFormat::BGR);
    CHECK(a.corners[0].x == Approx(220).margin(1));
    CHECK(a.corners[2].y == Approx(340).margin(1));
    params.seed = 8;
    CHECK_FALSE(synthesizeFrame(qr.view(), params).frame == a.frame);
    CHECK_THROWS_AS(synthesizeFrame(ImageView{}, params), std::invalid_argument);
}
