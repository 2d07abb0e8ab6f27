// Locating envelope, orientation and recipient block on generated scans and photos, against the
// generator's ground truth. Thresholds are pass rates over a fixed set, as zxing-cpp's black-box
// tests do: raise them when the pipeline improves.
#include "Support.hpp"
#include "guichet/envelope/Envelope.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <opencv2/imgproc.hpp>

using namespace guichet;

namespace {

cv::Point2f centre(const std::array<cv::Point2f, 4>& q) {
    return (q[0] + q[1] + q[2] + q[3]) * 0.25f;
}
double diagonal(const std::array<cv::Point2f, 4>& q) {
    return cv::norm(q[0] - q[2]);
}
double area(const std::array<cv::Point2f, 4>& q) {
    return cv::contourArea(std::vector<cv::Point2f>(q.begin(), q.end()));
}

} // namespace

TEST_CASE("recipient block, orientation and envelope on 40 generated envelopes", "[envelope][locate]") {
    const auto& directory = test::testDirectory();
    int located = 0, oriented = 0, envelopes = 0, envelopeExpected = 0;
    const int n = 40;
    for (int i = 0; i < n; ++i) {
        const corpus::Sample s = corpus::makeEnvelope(directory, test::kSeed, i);
        auto r = envelope::locateRecipient(s.image);
        if (!r) {
            WARN("envelope " << i << ": " << r.error().message);
            continue;
        }
        const auto& truth = s.truth.blockQuad;
        const double d = cv::norm(centre(r->blockQuad) - centre(truth));
        const double ratio = area(r->blockQuad) / area(truth);
        const bool ok = d < 0.25 * diagonal(truth) && ratio > 0.5 && ratio < 2.5;
        located += ok;
        if (!ok)
            WARN("envelope " << i << " (" << toString(s.truth.condition) << ", " << s.truth.writing
                             << "): block off by " << d << " px, area ratio " << ratio);
        // Upright reading direction: the block's top edge runs the same way as the truth's.
        oriented += (r->blockQuad[1] - r->blockQuad[0]).dot(truth[1] - truth[0]) > 0;
        // Envelope corners within 3 % of its diagonal (as a set: the located quad is upright).
        ++envelopeExpected;
        int close = 0;
        for (const auto& t : s.truth.envelopeQuad) {
            double best = 1e9;
            for (const auto& p : r->envelopeQuad)
                best = std::min(best, cv::norm(p - t));
            close += best < 0.03 * diagonal(s.truth.envelopeQuad);
        }
        envelopes += r->envelopeFound && close == 4;
    }
    INFO("block located " << located << "/" << n << ", orientation " << oriented << "/" << n << ", envelope "
                          << envelopes << "/" << envelopeExpected);
    CHECK(located >= 38); // ≥ 95 %
    CHECK(oriented >= 37);
    CHECK(envelopes >= 35);
}

TEST_CASE("handwritten addresses in photos are located whole, not line by line", "[envelope][locate]") {
    // Handwriting is spaced wide (about two text heights between lines) and a phone photo samples
    // it at about 100 dpi: the lines must still make one block, the name line included.
    int whole = 0, seen = 0;
    for (int i = 2000; seen < 12 && i < 2100; ++i) {
        const corpus::Sample s = test::generated(corpus::Condition::Photo, i);
        if (s.truth.writing != "handwritten") continue;
        ++seen;
        auto r = envelope::locateRecipient(s.image);
        if (!r) {
            WARN("photo " << i << ": " << r.error().message);
            continue;
        }
        const double ratio = area(r->blockQuad) / area(s.truth.blockQuad);
        const bool ok = ratio > 0.6 && ratio < 2.5 && r->chosen.lines >= 3;
        whole += ok;
        if (!ok)
            WARN("photo " << i << " (" << s.truth.font << ", " << s.truth.dpi << " dpi): area ratio " << ratio
                          << ", " << r->chosen.lines << " rows");
    }
    INFO("located whole " << whole << "/" << seen);
    REQUIRE(seen == 12);
    CHECK(whole == seen); // 11 of 12 when lines 1.3 text heights apart were the limit
}

TEST_CASE("text leaning on an envelope whose edges were found is straightened, its lines kept whole",
          "[envelope][locate]") {
    // Envelope 137 of seed 7 (held-out fonts): a photo whose paper edges are found a few degrees off
    // the text. The monospaced lines leaned 5° in the working copy and fell apart into fragments:
    // "Solidarité / Villette", the right ends of two lines, was taken for the recipient block.
    const corpus::DirectorySpec spec = corpus::makeDirectory(7, 400);
    corpus::Options options;
    options.heldOutFonts = true;
    const corpus::Sample s = corpus::makeEnvelope(spec, 7, 137, options);
    REQUIRE(s.truth.condition == corpus::Condition::Photo);
    auto r = envelope::locateRecipient(s.image);
    REQUIRE(r);
    CHECK(r->envelopeFound);
    const double ratio = area(r->blockQuad) / area(s.truth.blockQuad);
    INFO("area ratio " << ratio << ", " << r->chosen.lines << " rows");
    CHECK(ratio > 0.6);
    CHECK(ratio < 2.5);
    CHECK(r->chosen.lines >= 4);
    CHECK(cv::norm(centre(r->blockQuad) - centre(s.truth.blockQuad)) < 0.25 * diagonal(s.truth.blockQuad));
}

TEST_CASE("every forced orientation is honoured and the block is straight", "[envelope][locate]") {
    const corpus::Sample s = test::generated(corpus::Condition::UpsideDown, 1000);
    auto automatic = envelope::locateRecipient(s.image);
    REQUIRE(automatic);
    CHECK(automatic->upsideDown);
    envelope::LocateOptions upright;
    upright.orientation = envelope::Orientation::Upright;
    auto forced = envelope::locateRecipient(s.image, upright);
    REQUIRE(forced);
    CHECK_FALSE(forced->upsideDown);
    CHECK(automatic->block.type() == CV_8UC1);
    CHECK(std::abs(automatic->skewDeg) < 3.0);
}

TEST_CASE("an image without text is an error, not a guess", "[envelope][locate]") {
    cv::Mat blank(800, 1400, CV_8UC3, cv::Scalar(235, 235, 235));
    auto r = envelope::locateRecipient(blank);
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("no text") != std::string::npos);
    CHECK_FALSE(envelope::locateRecipient(cv::Mat()));
}

TEST_CASE("a block is cut again at another size or larger", "[envelope][locate]") {
    const corpus::Sample s = test::generated(corpus::Condition::Scan300, 1001);
    auto located = envelope::locateRecipient(s.image);
    REQUIRE(located);
    const cv::Size first = located->block.size();

    auto larger = envelope::recutBlock(s.image, *located, 44);
    REQUIRE(larger);
    // Same region, capitals 44 px instead of 30: about 44/30 as large (the upsampling is capped).
    CHECK(larger->block.cols > first.width);
    CHECK(larger->blockDpi > located->blockDpi);
    CHECK(larger->blockQuad == located->blockQuad);

    auto grown = envelope::recutBlock(s.image, *located, 30, 1.5);
    REQUIRE(grown);
    CHECK(grown->block.rows > first.height);
    CHECK(grown->block.cols > first.width);
    // The grown region contains the first one.
    const cv::Rect before =
        cv::boundingRect(std::vector<cv::Point2f>(located->blockQuad.begin(), located->blockQuad.end()));
    const cv::Rect after =
        cv::boundingRect(std::vector<cv::Point2f>(grown->blockQuad.begin(), grown->blockQuad.end()));
    CHECK((before & after) == before);

    CHECK_FALSE(envelope::recutBlock(cv::Mat(), *located, 30));
    CHECK_FALSE(envelope::recutBlock(s.image, envelope::Located{}, 30));
}

TEST_CASE("a kept corpus reads its ground truth back as it was written", "[envelope][corpus]") {
    const auto& directory = test::testDirectory();
    for (int i : {0, 3, 7}) {
        const corpus::Truth t = corpus::makeEnvelope(directory, test::kSeed, i).truth;
        const auto back = corpus::truthFromJson(corpus::toJson(t));
        REQUIRE(back);
        CHECK(back->name + back->fileExtension == t.name + t.fileExtension);
        CHECK(back->dossier == t.dossier);
        CHECK(back->recipientLines == t.recipientLines);
        CHECK(back->condition == t.condition);
        CHECK(back->font == t.font);
        CHECK(back->tracking == t.tracking);
        CHECK(corpus::toJson(*back) == corpus::toJson(t));
    }
    CHECK_FALSE(corpus::truthFromJson("{\"image\":\"env-0001.png\"}"));
    CHECK_FALSE(corpus::truthFromJson("not json"));
}
