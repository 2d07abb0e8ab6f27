// Folded A4 letters (issue 22): a portrait page whose text runs across it is read as a page, not
// turned a quarter like an envelope photographed sideways. Pages drawn here with OpenCV.
// Not asserted here: which block is chosen on these pages (with OpenCV's Hershey strokes the lines
// of the address are found in pieces); bench/envelope/corpus2-lines.py measures it on the second
// corpus's letters, drawn with real fonts.
#include "guichet/envelope/Envelope.hpp"

#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>
#include <string>

using namespace guichet;

namespace {

struct Drawn {
    cv::Mat image;
    cv::Rect2f address; ///< where the recipient block was drawn, in the image
};

void text(cv::Mat& page, const std::string& s, cv::Point at, double size, int thickness = 2) {
    cv::putText(page, s, at, cv::FONT_HERSHEY_SIMPLEX, size, cv::Scalar(30, 30, 30), thickness, cv::LINE_AA);
}

// An A4 page at ~150 dpi: letterhead, the address in the window position, the body, a fold crease.
Drawn letterPage() {
    cv::Mat page(1754, 1240, CV_8UC3, cv::Scalar(236, 244, 246));
    cv::rectangle(page, cv::Rect(90, 80, 90, 90), cv::Scalar(200, 110, 20), cv::FILLED);
    text(page, "Caisse d'Allocations Familiales", {200, 110}, 0.7);
    text(page, "TSA 40000 - 69000 LYON", {200, 145}, 0.6, 1);
    const char* lines[] = {"MADAME LINH NGUYEN", "PAS LYON 3 - BOITE 105", "18 RUE MAZENOD", "69003 LYON"};
    for (int i = 0; i < 4; ++i)
        text(page, lines[i], {650, 380 + 48 * i}, 1.0);
    text(page, "Objet : votre dossier - N. allocataire 7156070", {140, 640}, 0.65, 1);
    const char* body[] = {"Madame, Monsieur,", "Nous accusons reception de votre demande du 12 octobre.",
                          "Les pieces justificatives doivent nous parvenir avant le 15.",
                          "Veuillez agreer, Madame, Monsieur, nos salutations distinguees."};
    for (int i = 0; i < 4; ++i)
        text(page, body[i], {140, 720 + 40 * i}, 0.75, 2);
    for (int y = 1000; y < 1600; y += 34)
        for (int x = 140; x < 1080; x += 130)
            cv::rectangle(page, cv::Rect(x, y, 110, 12), cv::Scalar(120, 120, 120), cv::FILLED);
    cv::line(page, {0, 585}, {1240, 585}, cv::Scalar(215, 222, 224), 3);
    return {page, cv::Rect2f(640, 340, 520, 190)};
}

// The page on a dark desk in a portrait camera frame, rolled `degrees` (with a slight perspective).
Drawn photographed(const Drawn& page, double degrees) {
    const cv::Size frame(1512, 2016);
    const cv::Point2f c(756, 1008);
    const double a = degrees * CV_PI / 180, s = 0.95;
    auto place = [&](cv::Point2f p, float squeeze) {
        const cv::Point2f d = (p - cv::Point2f(620, 877)) * static_cast<float>(s);
        const cv::Point2f r(static_cast<float>(d.x * std::cos(a) - d.y * std::sin(a)) * squeeze,
                            static_cast<float>(d.x * std::sin(a) + d.y * std::cos(a)));
        return c + r;
    };
    const cv::Point2f src[4] = {{0, 0}, {1240, 0}, {1240, 1754}, {0, 1754}};
    const cv::Point2f dst[4] = {place(src[0], 0.92f), place(src[1], 0.92f), place(src[2], 1.0f),
                                place(src[3], 1.0f)};
    const cv::Mat h = cv::getPerspectiveTransform(src, dst);
    cv::Mat out(frame, CV_8UC3, cv::Scalar(40, 55, 70));
    for (int y = 0; y < frame.height; y += 40)
        cv::line(out, {0, y}, {frame.width, y + 15}, cv::Scalar(34, 48, 62), 6);
    cv::warpPerspective(page.image, out, h, frame, cv::INTER_LINEAR, cv::BORDER_TRANSPARENT);
    std::vector<cv::Point2f> box{page.address.tl(), page.address.br()}, moved;
    cv::perspectiveTransform(box, moved, h);
    std::vector<cv::Point2f> all{page.address.tl(),
                                 {page.address.br().x, page.address.y},
                                 page.address.br(),
                                 {page.address.x, page.address.br().y}};
    cv::perspectiveTransform(all, moved, h);
    return {out, cv::boundingRect(moved)};
}

cv::Point2f centre(const std::array<cv::Point2f, 4>& q) {
    return (q[0] + q[1] + q[2] + q[3]) * 0.25f;
}

} // namespace

TEST_CASE("a letter is read across its portrait page, whatever its roll", "[envelope][letter]") {
    const Drawn page = letterPage();
    // Orientation forced: the 180° cues (ascenders against descenders) are tuned on real fonts, not
    // on OpenCV's Hershey strokes (the reader tries the other way up when a reading is weak).
    struct Row {
        const char* name;
        Drawn drawn;
        envelope::Orientation orientation;
    };
    Drawn upsideDown = page;
    cv::rotate(page.image, upsideDown.image, cv::ROTATE_180);
    upsideDown.address = cv::Rect2f(1240 - page.address.br().x, 1754 - page.address.br().y,
                                    page.address.width, page.address.height);
    const Row rows[] = {
        {"scanned page", page, envelope::Orientation::Upright},
        {"photo, rolled 8 deg", photographed(page, 8), envelope::Orientation::Upright},
        {"photo, rolled -15 deg", photographed(page, -15), envelope::Orientation::Upright},
        {"scanned upside down", upsideDown, envelope::Orientation::UpsideDown},
    };
    for (const Row& r : rows) {
        INFO(r.name);
        envelope::LocateOptions options;
        options.orientation = r.orientation;
        auto found = envelope::locateRecipient(r.drawn.image, options);
        REQUIRE(found.has_value());
        // Read across: the block's top edge runs the way the address's lines do (left to right).
        const cv::Point2f top = found->blockQuad[1] - found->blockQuad[0];
        CHECK(std::abs(top.x) > std::abs(top.y));
        CHECK(found->block.cols > found->block.rows);
    }
}

TEST_CASE("an envelope photographed sideways in a portrait frame is still turned a quarter",
          "[envelope][letter]") {
    // A DL envelope (landscape), its address lower right, in a portrait frame: its text runs along
    // the frame's long side.
    cv::Mat env(1100, 2200, CV_8UC3, cv::Scalar(235, 240, 242));
    text(env, "CPAM DU RHONE", {80, 110}, 1.1);
    text(env, "69907 LYON CEDEX 20", {80, 170}, 1.0);
    cv::rectangle(env, cv::Rect(1900, 60, 220, 260), cv::Scalar(60, 60, 190), cv::FILLED);
    const char* lines[] = {"MONSIEUR KOFFI YAO", "CCAS - BOITE 57", "12 RUE DE LA REPUBLIQUE", "69001 LYON"};
    for (int i = 0; i < 4; ++i)
        text(env, lines[i], {1000, 620 + 90 * i}, 1.8, 3);
    cv::Mat frame;
    cv::rotate(env, frame, cv::ROTATE_90_CLOCKWISE); // 1100 wide, 2200 high
    auto found = envelope::locateRecipient(frame);
    REQUIRE(found.has_value());
    // The address, drawn at x 1000..2000, y 560..930 of the envelope, is at x 170..540, y 1000..2000
    // of the frame once turned clockwise.
    const cv::Point2f c = centre(found->blockQuad);
    CHECK(c.x > 170);
    CHECK(c.x < 540);
    CHECK(c.y > 1000);
    CHECK(c.y < 2000);
    CHECK(found->block.cols > found->block.rows);
}
