// Best frame of a burst (issue 22): frames drawn here with OpenCV (an envelope's address block on a
// desk), then defocused, motion-blurred, dimmed, glared or moved, one table row per condition.
#include "guichet/envelope/Burst.hpp"

#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>
#include <string>

using namespace guichet::envelope;

namespace {

// A 1280×720 frame: a wood-like desk, an envelope with a sender, a stamp and a recipient block,
// shifted by `dx` pixels (the hand moving it).
cv::Mat scene(int dx = 0) {
    cv::Mat f(720, 1280, CV_8UC3, cv::Scalar(60, 90, 130));
    for (int y = 0; y < f.rows; y += 23)
        cv::line(f, {0, y}, {f.cols, y + 9}, cv::Scalar(50, 80, 118), 3);
    const cv::Rect env(240 + dx, 160, 800, 400);
    cv::rectangle(f, env, cv::Scalar(235, 240, 242), cv::FILLED);
    cv::rectangle(f, cv::Rect(env.x + env.width - 110, env.y + 20, 80, 95), cv::Scalar(60, 60, 190),
                  cv::FILLED);
    const char* lines[] = {
        "CAF DU RHONE", "69000 LYON", "Madame Linh NGUYEN", "CCAS - BOITE 57", "12 RUE DE LA REPUBLIQUE",
        "69001 LYON"};
    for (int i = 0; i < 6; ++i) {
        const bool sender = i < 2;
        const cv::Point at = sender ? cv::Point(env.x + 30, env.y + 40 + 26 * i)
                                    : cv::Point(env.x + 330, env.y + 200 + 40 * (i - 2));
        cv::putText(f, lines[i], at, cv::FONT_HERSHEY_SIMPLEX, sender ? 0.6 : 0.95, cv::Scalar(25, 25, 25),
                    sender ? 1 : 2, cv::LINE_AA);
    }
    return f;
}

cv::Mat defocus(const cv::Mat& f, double sigma) {
    cv::Mat out;
    cv::GaussianBlur(f, out, cv::Size(0, 0), sigma);
    return out;
}

cv::Mat motionBlur(const cv::Mat& f, int length) {
    cv::Mat kernel = cv::Mat::zeros(length, length, CV_32F);
    cv::line(kernel, {0, length / 2}, {length - 1, length / 2}, 1.0, 1);
    kernel /= cv::sum(kernel)[0];
    cv::Mat out;
    cv::filter2D(f, out, -1, kernel);
    return out;
}

cv::Mat dim(const cv::Mat& f, double gain, double noise, int seed) {
    cv::Mat out;
    f.convertTo(out, CV_32FC3, gain);
    cv::Mat n(f.size(), CV_32FC3);
    cv::theRNG().state = static_cast<std::uint64_t>(seed);
    cv::randn(n, 0.0, noise);
    out += n;
    out.convertTo(out, CV_8UC3);
    return out;
}

cv::Mat glare(const cv::Mat& f) {
    cv::Mat spot(f.size(), CV_8UC3, cv::Scalar(0, 0, 0));
    cv::circle(spot, {700, 380}, 160, cv::Scalar(200, 200, 200), cv::FILLED);
    cv::GaussianBlur(spot, spot, cv::Size(0, 0), 60);
    cv::Mat out;
    cv::add(f, spot, out);
    return out;
}

} // namespace

TEST_CASE("a sharp frame scores above the same frame under each blur", "[envelope][burst]") {
    const cv::Mat sharp = scene();
    struct Row {
        const char* condition;
        cv::Mat frame;
    };
    const Row rows[] = {
        {"defocus sigma 1.5", defocus(sharp, 1.5)},
        {"defocus sigma 3", defocus(sharp, 3.0)},
        {"motion blur 9 px", motionBlur(sharp, 9)},
        {"motion blur 21 px", motionBlur(sharp, 21)},
        {"defocus with sensor noise", dim(defocus(sharp, 2.0), 1.0, 4.0, 1)},
        {"glare and defocus", glare(defocus(sharp, 2.0))},
    };
    const double reference = frameSharpness(sharp);
    CHECK(reference > 0.0);
    for (const Row& r : rows) {
        INFO(r.condition);
        CHECK(frameSharpness(r.frame) < reference);
    }
    // More blur, lower score.
    CHECK(frameSharpness(defocus(sharp, 3.0)) < frameSharpness(defocus(sharp, 1.5)));
    CHECK(frameSharpness(motionBlur(sharp, 21)) < frameSharpness(motionBlur(sharp, 9)));
}

TEST_CASE("a dim or glaring but sharp frame beats a well lit blurred one", "[envelope][burst]") {
    const cv::Mat sharp = scene();
    const cv::Mat blurred = defocus(sharp, 2.5);
    for (int seed : {1, 2, 3}) {
        INFO("seed " << seed);
        CHECK(frameSharpness(dim(sharp, 0.3, 3.0, seed)) > frameSharpness(blurred));
        CHECK(frameSharpness(dim(sharp, 0.3, 3.0, seed)) > frameSharpness(dim(blurred, 1.0, 3.0, seed)));
    }
    CHECK(frameSharpness(glare(sharp)) > frameSharpness(blurred));
    // The light alone does not change the score much: it is normalised by the frame's contrast.
    CHECK(frameSharpness(dim(sharp, 0.4, 0.0, 1)) == Approx(frameSharpness(sharp)).epsilon(0.25));
}

TEST_CASE("bestFrame picks the sharp frame taken while the hand was still", "[envelope][burst]") {
    SECTION("the sharp one among blurred ones, wherever it is") {
        for (int at = 0; at < 4; ++at) {
            std::vector<cv::Mat> burst{motionBlur(scene(), 15), defocus(scene(), 2.0), motionBlur(scene(), 9),
                                       defocus(scene(), 3.5)};
            burst[static_cast<std::size_t>(at)] = scene();
            INFO("sharp frame at " << at);
            CHECK(bestFrame(burst) == at);
        }
    }
    SECTION("a moving frame loses to a still one of the same sharpness") {
        // The hand moves the envelope 40 px between frames 0, 1 and 2, then holds it still.
        const std::vector<cv::Mat> burst{scene(0), scene(40), scene(80), scene(80), defocus(scene(80), 1.2)};
        const std::vector<FrameQuality> rated = rateBurst(burst);
        REQUIRE(rated.size() == 5);
        CHECK(rated[1].motion > rated[3].motion);
        CHECK(bestFrame(burst) == 3);
    }
    SECTION("frames of another size are compared at the smaller one") {
        cv::Mat half;
        cv::resize(scene(), half, cv::Size(640, 360), 0, 0, cv::INTER_AREA);
        const std::vector<cv::Mat> burst{defocus(scene(), 3.0), half};
        CHECK(bestFrame(burst) == 1);
    }
}

TEST_CASE("an empty burst, empty and flat frames are never chosen", "[envelope][burst]") {
    CHECK(bestFrame({}) == -1);
    CHECK(rateBurst({}).empty());
    const cv::Mat flat(720, 1280, CV_8UC3, cv::Scalar(128, 128, 128));
    CHECK(frameSharpness(flat) == 0.0);
    CHECK(frameSharpness(cv::Mat()) == 0.0);
    CHECK(bestFrame({flat, cv::Mat(), flat}) == -1);
    CHECK(bestFrame({cv::Mat(), defocus(scene(), 4.0), flat}) == 1);
    cv::Mat gray;
    cv::cvtColor(scene(), gray, cv::COLOR_BGR2GRAY);
    CHECK(frameSharpness(gray) == Approx(frameSharpness(scene())).epsilon(0.05));
    const cv::Mat tiny(2, 1, CV_8UC1, cv::Scalar(0));
    CHECK(frameSharpness(tiny) == 0.0);
}
