#include "guichet/ui/Image.hpp"

#include <catch2/catch.hpp>
#include <filesystem>

using namespace guichet::ui;

namespace {

Image filled(int width, int height, std::uint8_t grey) {
    Image image{width, height, {}};
    image.rgba.assign(static_cast<std::size_t>(width * height * 4), grey);
    for (std::size_t p = 3; p < image.rgba.size(); p += 4)
        image.rgba[p] = 255;
    return image;
}

void paint(Image& image, int x0, int y0, int w, int h, std::uint8_t grey) {
    for (int y = y0; y < y0 + h; ++y)
        for (int x = x0; x < x0 + w; ++x)
            for (int c = 0; c < 3; ++c)
                image.rgba[static_cast<std::size_t>((y * image.width + x) * 4 + c)] = grey;
}

} // namespace

TEST_CASE("a PNG written is read back identical") {
    Image image = filled(64, 48, 200);
    paint(image, 10, 5, 20, 30, 17);
    image.rgba[3] = 128; // alpha survives too
    const auto file = std::filesystem::temp_directory_path() / "guichet-ui-image-test" / "round-trip.png";
    REQUIRE(writePng(file, image).has_value());
    auto back = readPng(file);
    REQUIRE(back.has_value());
    CHECK(*back == image);
    std::filesystem::remove_all(file.parent_path());
}

TEST_CASE("reading a missing or broken PNG is an error") {
    CHECK_FALSE(readPng("/nonexistent/shot.png").has_value());
    CHECK_FALSE(writePng("/tmp/guichet-empty.png", Image{}).has_value());
}

TEST_CASE("the comparison counts pixels beyond the threshold") {
    const Image a = filled(100, 100, 200);
    Image b = a;
    paint(b, 0, 0, 10, 10, 190); // 100 pixels off by 10: under a threshold of 48
    paint(b, 50, 50, 5, 4, 20);  // 20 pixels off by 180
    const ImageDifference difference = compareImages(a, b, 48);
    CHECK(difference.sameSize);
    CHECK(difference.differingPixels == 20);
    CHECK(difference.differingShare == Approx(0.002));
    CHECK(difference.largestChannelDelta == 180);
    CHECK(compareImages(a, a, 0).differingPixels == 0);

    const ImageDifference resized = compareImages(a, filled(100, 99, 200), 48);
    CHECK_FALSE(resized.sameSize);
    CHECK(resized.differingShare == 1.0);
}

TEST_CASE("the difference image paints what differs in red") {
    const Image a = filled(8, 8, 255);
    Image b = a;
    paint(b, 2, 3, 1, 1, 0);
    const Image diff = differenceImage(a, b, 48);
    const std::size_t p = (3 * 8 + 2) * 4;
    CHECK(diff.rgba[p] == 255);
    CHECK(diff.rgba[p + 1] == 0);
    CHECK(diff.rgba[p + 2] == 0);
    CHECK(diff.rgba[0] == 255);
    CHECK(diff.rgba[1] == 255);
}
