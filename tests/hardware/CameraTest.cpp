#include "TempDir.hpp"
#include "guichet/hardware/OpenCvCamera.hpp"

#include <catch2/catch.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <thread>

using namespace guichet;
using namespace guichet::hardware;
using namespace std::chrono_literals;

namespace {
cv::Mat checkerboard(int width, int height, int square, int shift = 0) {
    cv::Mat image(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            bool dark = (((x + shift) / square) + (y / square)) % 2 == 0;
            image.at<cv::Vec3b>(y, x) = dark ? cv::Vec3b(20, 20, 20) : cv::Vec3b(230, 230, 230);
        }
    return image;
}

cv::Mat blurred(const cv::Mat& image) {
    cv::Mat out;
    cv::GaussianBlur(image, out, cv::Size(0, 0), 4.0);
    return out;
}

Frame toFrame(const cv::Mat& image, std::uint64_t sequence = 1) {
    Frame f;
    f.width = image.cols;
    f.height = image.rows;
    f.stride = image.cols * 3;
    f.bgr.assign(image.data, image.data + image.total() * 3);
    f.sequence = sequence;
    return f;
}

/// A camera twin: `images` written as frame_00.png, frame_01.png... Returns the pattern.
std::string writeSequence(const test::TempDir& dir, const std::vector<cv::Mat>& images) {
    for (std::size_t i = 0; i < images.size(); ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "frame_%02zu.png", i);
        REQUIRE(cv::imwrite(dir.file(name), images[i]));
    }
    return dir.file("frame_%02d.png");
}
} // namespace

TEST_CASE("the camera twin plays an image sequence at its frame rate, sequence numbers increasing") {
    test::TempDir dir;
    std::vector<cv::Mat> images(6, checkerboard(320, 240, 16));
    CameraSettings settings;
    settings.source = writeSequence(dir, images);
    settings.fps = 20;
    OpenCvCamera camera(settings);
    auto mode = camera.start();
    REQUIRE(mode);
    CHECK(mode->width == 320);
    CHECK(mode->height == 240);

    auto first = camera.nextFrame(0, 2s);
    REQUIRE(first);
    CHECK(first->width == 320);
    CHECK(first->stride == 960);
    CHECK(first->bgr.size() == 960u * 240u);
    const auto start = std::chrono::steady_clock::now();
    std::uint64_t last = first->sequence;
    for (int i = 0; i < 8; ++i) { // beyond the 6 files: the twin loops like a camera that keeps filming
        auto f = camera.nextFrame(last, 2s);
        REQUIRE(f);
        CHECK(f->sequence > last);
        last = f->sequence;
    }
    // 8 frames at 20 fps cannot come faster than 8 periods (less one for scheduling slack).
    CHECK(std::chrono::steady_clock::now() - start >= 350ms);
}

TEST_CASE("the grabber keeps only the newest frame: a slow reader skips frames, nothing piles up") {
    test::TempDir dir;
    CameraSettings settings;
    settings.source = writeSequence(dir, std::vector<cv::Mat>(4, checkerboard(160, 120, 8)));
    settings.fps = 100;
    OpenCvCamera camera(settings);
    REQUIRE(camera.start());
    auto a = camera.nextFrame(0, 2s);
    REQUIRE(a);
    std::this_thread::sleep_for(300ms);
    auto b = camera.nextFrame(a->sequence, 2s);
    REQUIRE(b);
    CHECK(b->sequence > a->sequence + 5);
    CHECK(camera.dropped() > 0);
}

TEST_CASE("an unplugged camera is reported, then used again when it comes back") {
    test::TempDir dir;
    CameraSettings settings;
    settings.source = writeSequence(dir, std::vector<cv::Mat>(3, checkerboard(160, 120, 8)));
    settings.fps = 50;
    settings.loop = false; // the twin's end is an unplug; opening it again is the plug coming back
    settings.reconnectEvery = 100ms;
    OpenCvCamera camera(settings);
    REQUIRE(camera.start());
    std::uint64_t last = 0;
    std::vector<std::string> problems;
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while ((camera.reconnects() == 0 || last <= 3) && std::chrono::steady_clock::now() < deadline) {
        auto f = camera.nextFrame(last, 2s);
        if (f) {
            last = f->sequence;
        } else {
            problems.push_back(f.error().message);
            std::this_thread::sleep_for(10ms); // it says so until the source is back
        }
    }
    CHECK(camera.reconnects() >= 1);
    CHECK(last > 3); // frames after the reconnection carry on the numbering
    REQUIRE_FALSE(problems.empty());
    CHECK_THAT(problems.front(), Catch::Contains(settings.source) && Catch::Contains("unplugged"));
}

TEST_CASE("a camera that is not there is named when starting") {
    CameraSettings settings;
    settings.source = "/dev/video-guichet-absent";
    OpenCvCamera camera(settings);
    auto r = camera.start();
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message,
               Catch::Contains("/dev/video-guichet-absent") && Catch::Contains("plugged in"));
    auto f = camera.nextFrame(0, 10ms);
    REQUIRE_FALSE(f);
    CHECK_THAT(f.error().message, Catch::Contains("not started"));

    settings.source = "/no/such/envelopes.avi";
    OpenCvCamera file(settings);
    auto rf = file.start();
    REQUIRE_FALSE(rf);
    CHECK_THAT(rf.error().message, Catch::Contains("/no/such/envelopes.avi"));
}

TEST_CASE("sharpness is the variance of the Laplacian: a sharp page scores higher than a blurred one") {
    cv::Mat sharp = checkerboard(320, 240, 12);
    Frame s = toFrame(sharp);
    Frame b = toFrame(blurred(sharp));
    CHECK(sharpness(s) > 10 * sharpness(b));
    CHECK(sharpness(Frame{}) == 0);

    // Only the region counts: the left half sharp, the right half flat grey.
    cv::Mat half = sharp.clone();
    half(cv::Rect(160, 0, 160, 240)).setTo(cv::Scalar(128, 128, 128));
    Frame h = toFrame(half);
    CHECK(sharpness(h, Region{0, 0, 160, 240}) > 100);
    CHECK(sharpness(h, Region{160, 0, 160, 240}) < 1);
    CHECK(sharpness(h, Region{1000, 1000, 10, 10}) == 0); // outside the frame
}

TEST_CASE("motion is the frame-to-frame difference: zero when still, large when the page moves") {
    Frame a = toFrame(checkerboard(320, 240, 16));
    Frame same = toFrame(checkerboard(320, 240, 16));
    Frame moved = toFrame(checkerboard(320, 240, 16, 8));
    CHECK(motion(a, same) == 0);
    CHECK(motion(a, moved) > 20);
    CHECK(motion(a, toFrame(checkerboard(160, 120, 16))) == 255);
}

TEST_CASE("auto-capture waits for a still scene and returns its sharpest frame") {
    AutoCapture::Options options;
    options.stillFrames = 3;
    options.maxMotion = 10;
    options.minSharpness = 50;
    AutoCapture capture(options);
    cv::Mat page = checkerboard(320, 240, 40);
    std::uint64_t seq = 0;
    // The page is moving: no capture.
    for (int shift = 0; shift < 80; shift += 20) // a 40 px board repeats every 80 px
        CHECK_FALSE(capture.feed(toFrame(checkerboard(320, 240, 40, shift), ++seq)));
    // Still, slightly blurred, then a sharp frame, then blurred again.
    cv::Mat soft;
    cv::GaussianBlur(page, soft, cv::Size(0, 0), 0.6);
    // A slight focus change is not motion; sliding the page by half a square is.
    REQUIRE(motion(toFrame(soft), toFrame(page)) < options.maxMotion);
    REQUIRE(motion(toFrame(page), toFrame(checkerboard(320, 240, 40, 20))) > options.maxMotion);
    CHECK_FALSE(capture.feed(toFrame(soft, ++seq)));
    CHECK_FALSE(capture.feed(toFrame(soft, ++seq)));
    const std::uint64_t sharpSeq = ++seq;
    CHECK_FALSE(capture.feed(toFrame(page, sharpSeq)));
    auto chosen = capture.feed(toFrame(soft, ++seq));
    REQUIRE(chosen);
    CHECK(chosen->sequence == sharpSeq);

    // A still but blurred scene (out of focus) is never captured.
    AutoCapture blurry(options);
    Frame b = toFrame(blurred(page));
    for (int i = 0; i < 10; ++i)
        CHECK_FALSE(blurry.feed(b));
}

TEST_CASE("best of a burst picks the sharpest frame the camera gave") {
    test::TempDir dir;
    cv::Mat page = checkerboard(320, 240, 16);
    std::vector<cv::Mat> images{blurred(page), blurred(page), page, blurred(page)};
    CameraSettings settings;
    settings.source = writeSequence(dir, images);
    settings.fps = 25;
    OpenCvCamera camera(settings);
    REQUIRE(camera.start());
    auto best = captureBest(camera, 8, 2s);
    REQUIRE(best);
    CHECK(sharpness(*best) > 10 * sharpness(toFrame(blurred(page))));
}
