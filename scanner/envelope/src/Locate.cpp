// Envelope → recipient block. All the layout work happens on a small upright copy of the envelope
// (long side kWorkLong px, ≈5 px/mm on a DL); only the chosen block is cut again from the source
// image at full resolution, through one composed homography, so no big intermediate image exists.
#include "guichet/envelope/Envelope.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <opencv2/imgproc.hpp>
#include <optional>

namespace guichet::envelope {
namespace {

constexpr int kWorkLong = 1200;

cv::Mat toGray(const cv::Mat& image) {
    if (image.channels() == 1) return image;
    cv::Mat gray;
    cv::cvtColor(image, gray, image.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
    return gray;
}

/// The channel ink is read from: red, so red rubber stamps and red postmarks fade while black and
/// blue inks stay dark; kraft and pastel papers are light in red too.
cv::Mat inkChannel(const cv::Mat& image) {
    if (image.channels() == 1) return image;
    cv::Mat red;
    cv::extractChannel(image, red, 2);
    return red;
}

cv::Mat homographyOf(const std::array<cv::Point2f, 4>& from, const std::array<cv::Point2f, 4>& to) {
    return cv::getPerspectiveTransform(from.data(), to.data());
}

std::array<cv::Point2f, 4> transform(const cv::Mat& h, const std::array<cv::Point2f, 4>& points) {
    std::vector<cv::Point2f> in(points.begin(), points.end()), out;
    cv::perspectiveTransform(in, out, h);
    return {out[0], out[1], out[2], out[3]};
}

std::array<cv::Point2f, 4> corners(cv::Rect2f r) {
    return {cv::Point2f(r.x, r.y), cv::Point2f(r.x + r.width, r.y),
            cv::Point2f(r.x + r.width, r.y + r.height), cv::Point2f(r.x, r.y + r.height)};
}

/// Orders four points TL, TR, BR, BL (by the sums and differences of their coordinates).
std::array<cv::Point2f, 4> ordered(const std::vector<cv::Point2f>& p) {
    std::array<cv::Point2f, 4> out{};
    auto sum = [](cv::Point2f a) { return a.x + a.y; };
    auto diff = [](cv::Point2f a) { return a.x - a.y; };
    out[0] = *std::min_element(p.begin(), p.end(), [&](auto a, auto b) { return sum(a) < sum(b); });
    out[2] = *std::max_element(p.begin(), p.end(), [&](auto a, auto b) { return sum(a) < sum(b); });
    out[1] = *std::max_element(p.begin(), p.end(), [&](auto a, auto b) { return diff(a) < diff(b); });
    out[3] = *std::min_element(p.begin(), p.end(), [&](auto a, auto b) { return diff(a) < diff(b); });
    return out;
}

cv::Point2f centre(cv::Size size) {
    return {static_cast<float>(size.width) / 2.0f, static_cast<float>(size.height) / 2.0f};
}

double dist(cv::Point2f a, cv::Point2f b) {
    return std::hypot(a.x - b.x, a.y - b.y);
}

/// The envelope's corners in `gray` (a small copy of the frame), from its paper edges.
std::optional<std::array<cv::Point2f, 4>> findEnvelope(const cv::Mat& gray) {
    const double frameArea = static_cast<double>(gray.total());
    cv::Mat blurred;
    cv::GaussianBlur(gray, blurred, {5, 5}, 0);
    std::vector<cv::Mat> masks;
    cv::Mat edges;
    cv::Canny(blurred, edges, 20, 60);
    cv::dilate(edges, edges, cv::Mat(), {-1, -1}, 1);
    masks.push_back(edges);
    cv::Mat otsu;
    cv::threshold(blurred, otsu, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    masks.push_back(otsu);
    masks.push_back(255 - otsu);

    std::optional<std::array<cv::Point2f, 4>> best;
    double bestArea = 0;
    for (const cv::Mat& mask : masks) {
        std::vector<std::vector<cv::Point>> contours;
        cv::findContours(mask, contours, cv::RETR_LIST, cv::CHAIN_APPROX_SIMPLE);
        for (const auto& contour : contours) {
            if (std::abs(cv::contourArea(contour)) < 0.1 * frameArea) continue;
            std::vector<cv::Point> hull;
            cv::convexHull(contour, hull);
            const double hullArea = cv::contourArea(hull);
            if (hullArea < 0.1 * frameArea || hullArea > 0.96 * frameArea) continue;
            std::vector<cv::Point> approx;
            cv::approxPolyDP(hull, approx, 0.02 * cv::arcLength(hull, true), true);
            std::vector<cv::Point2f> quad;
            if (approx.size() == 4 && cv::isContourConvex(approx)) {
                for (auto p : approx)
                    quad.emplace_back(static_cast<float>(p.x), static_cast<float>(p.y));
            } else {
                const cv::RotatedRect r = cv::minAreaRect(hull);
                if (hullArea < 0.93 * r.size.area()) continue;
                cv::Point2f pts[4];
                r.points(pts);
                quad.assign(pts, pts + 4);
            }
            const auto q = ordered(quad);
            const double top = dist(q[0], q[1]), bottom = dist(q[3], q[2]);
            const double left = dist(q[0], q[3]), right = dist(q[1], q[2]);
            const double longSide = std::max(top + bottom, left + right),
                         shortSide = std::min(top + bottom, left + right);
            if (shortSide < 1) continue;
            const double aspect = longSide / shortSide;
            if (aspect < 1.2 || aspect > 2.5) continue;
            // Opposite sides of a photographed rectangle stay within a factor ~1.5 of each other.
            if (std::max(top, bottom) > 1.6 * std::min(top, bottom) ||
                std::max(left, right) > 1.6 * std::min(left, right))
                continue;
            // A photographed rectangle keeps its corners within ~25° of square.
            bool square = true;
            for (size_t k = 0; k < 4; ++k) {
                const cv::Point2f a = q[(k + 3) % 4] - q[k], b = q[(k + 1) % 4] - q[k];
                const double cosine = a.dot(b) / (std::hypot(a.x, a.y) * std::hypot(b.x, b.y) + 1e-9);
                square &= std::abs(cosine) < 0.42;
            }
            if (!square) continue;
            std::vector<cv::Point2f> qv(q.begin(), q.end());
            const double area = cv::contourArea(qv);
            if (area > 0.96 * frameArea) continue;
            if (area > bestArea) {
                bestArea = area;
                best = q;
            }
        }
    }
    return best;
}

/// The channel divided by its paper (a max filter then a box blur of size k, odd): uneven light
/// and paper colour become white, ink stays dark.
cv::Mat flattened(const cv::Mat& channel, int k) {
    cv::Mat background;
    cv::dilate(channel, background, cv::getStructuringElement(cv::MORPH_RECT, {k, k}));
    cv::blur(background, background, {k, k});
    cv::Mat flat;
    cv::divide(channel, background, flat, 255.0);
    return flat;
}

/// Ink (255) where the flattened image is clearly darker than the paper around it.
cv::Mat inkMask(const cv::Mat& channel, int backgroundSize) {
    const cv::Mat flat = flattened(channel, std::max(3, backgroundSize | 1));
    cv::Mat mask;
    cv::threshold(flat, mask, 170, 255, cv::THRESH_BINARY_INV);
    return mask;
}

struct Line {
    cv::Rect box;
    double density = 0; ///< ink pixels / box area
};

struct Block {
    cv::Rect box;
    std::vector<int> lines;
    double lineHeight = 0;
    double score = -1e9;
};

/// Text lines of an ink mask: characters merged horizontally, ruled lines and solid blobs removed.
std::vector<Line> textLines(const cv::Mat& ink, double& charHeight) {
    // Ruled lines (window border, label frames, envelope edge) go first.
    cv::Mat hLines, vLines, clean;
    const int longRun = std::max(25, ink.cols / 25);
    cv::morphologyEx(ink, hLines, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {longRun, 1}));
    cv::morphologyEx(ink, vLines, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {1, longRun}));
    clean = ink - hLines - vLines;

    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(clean, labels, stats, centroids, 8, CV_32S);
    std::vector<int> heights;
    for (int i = 1; i < n; ++i) {
        const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
        const int area = stats.at<int>(i, cv::CC_STAT_AREA);
        if (h >= 5 && h <= 90 && w <= 3 * h && area >= 6) heights.push_back(h);
    }
    if (heights.empty()) return {};
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
    charHeight = heights[heights.size() / 2];

    // Drop specks and big solid blobs (logos, stamps, filled areas).
    std::vector<std::uint8_t> kept(static_cast<size_t>(n), 0);
    for (int i = 1; i < n; ++i) {
        const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
        const int area = stats.at<int>(i, cv::CC_STAT_AREA);
        if (area < 4 || (h < 3 && w < 3)) continue;
        const bool solid = area > 0.55 * w * h && w > 2.5 * charHeight && h > 2.5 * charHeight;
        const bool huge = h > 5 * charHeight && w > 5 * charHeight;
        const bool stroke = w > 8 * charHeight && h < 2.5 * charHeight; // postmark wave, underline
        kept[static_cast<size_t>(i)] = (solid || huge || stroke) ? 0 : 255;
    }
    cv::Mat keep(clean.size(), CV_8U);
    for (int y = 0; y < keep.rows; ++y) {
        const int* l = labels.ptr<int>(y);
        std::uint8_t* k = keep.ptr<std::uint8_t>(y);
        for (int x = 0; x < keep.cols; ++x)
            k[x] = kept[static_cast<size_t>(l[x])];
    }
    cv::Mat merged;
    const int gap = std::max(3, static_cast<int>(std::lround(charHeight * 1.1)));
    cv::morphologyEx(keep, merged, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {gap, 1}));
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(merged, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    std::vector<Line> lines;
    for (const auto& c : contours) {
        const cv::Rect r = cv::boundingRect(c);
        if (r.height < 0.45 * charHeight || r.height > 6 * charHeight) continue;
        if (r.width < 1.2 * r.height) continue;
        Line line{r, cv::countNonZero(keep(r)) / static_cast<double>(r.area())};
        lines.push_back(line);
    }
    return lines;
}

/// Groups lines stacked one under the other into blocks.
std::vector<Block> groupLines(const std::vector<Line>& lines) {
    std::vector<int> order(lines.size());
    std::iota(order.begin(), order.end(), 0);
    std::vector<int> parent(lines.size());
    std::iota(parent.begin(), parent.end(), 0);
    auto root = [&](int i) {
        while (parent[static_cast<size_t>(i)] != i)
            i = parent[static_cast<size_t>(i)] = parent[static_cast<size_t>(parent[static_cast<size_t>(i)])];
        return i;
    };
    for (size_t a = 0; a < lines.size(); ++a)
        for (size_t b = a + 1; b < lines.size(); ++b) {
            const cv::Rect &ra = lines[a].box, &rb = lines[b].box;
            const int h = std::max(ra.height, rb.height);
            const int gapY = std::max(ra.y, rb.y) - std::min(ra.y + ra.height, rb.y + rb.height);
            const int overlapX = std::min(ra.x + ra.width, rb.x + rb.width) - std::max(ra.x, rb.x);
            const bool similar = std::max(ra.height, rb.height) < 2.2 * std::min(ra.height, rb.height);
            const bool sameLine = gapY < -0.5 * h; // side by side: words of one line
            const int gapX = -overlapX;
            // Handwritten addresses are spaced wide, about two text heights between lines. With
            // 1.3 a 100-dpi photo of one fell apart into lines and the name line was lost; 2.2
            // changed 6 of 650 corpus envelopes, 5 for the better (2 more automatic). Words of a
            // line: a monospaced "M. AIT" leaves 3.3 text heights between "M" and "AIT"; 3.5
            // instead of 2.5 changed 2 of 950 envelopes, both for the better.
            if ((gapY < 2.2 * h && overlapX > -0.3 * h && similar && !sameLine) ||
                (sameLine && gapX < 3.5 * h))
                parent[static_cast<size_t>(root(static_cast<int>(a)))] = root(static_cast<int>(b));
        }
    std::vector<Block> blocks;
    std::vector<int> blockOf(lines.size(), -1);
    for (size_t i = 0; i < lines.size(); ++i) {
        const int r = root(static_cast<int>(i));
        if (blockOf[static_cast<size_t>(r)] < 0) {
            blockOf[static_cast<size_t>(r)] = static_cast<int>(blocks.size());
            blocks.push_back(Block{lines[i].box, {}, 0, -1e9});
        }
        Block& b = blocks[static_cast<size_t>(blockOf[static_cast<size_t>(r)])];
        b.box |= lines[i].box;
        b.lines.push_back(static_cast<int>(i));
    }
    for (auto& b : blocks) {
        double h = 0;
        for (int i : b.lines)
            h += lines[static_cast<size_t>(i)].box.height;
        b.lineHeight = h / static_cast<double>(b.lines.size());
    }
    return blocks;
}

/// Number of text rows in a block (lines side by side count once).
int rowCount(const Block& block, const std::vector<Line>& lines) {
    std::vector<std::pair<int, int>> spans;
    for (int i : block.lines)
        spans.emplace_back(lines[static_cast<size_t>(i)].box.y, lines[static_cast<size_t>(i)].box.br().y);
    std::sort(spans.begin(), spans.end());
    int rows = 0, end = -1;
    for (auto [y0, y1] : spans) {
        if (y0 > end - (y1 - y0) / 2) ++rows;
        end = std::max(end, y1);
    }
    return rows;
}

/// How much this block looks like the recipient block on an upright envelope of size `size`.
double recipientScore(const Block& b, const std::vector<Line>& lines, cv::Size size,
                      double medianLineHeight) {
    const double W = size.width, H = size.height;
    const double cx = (b.box.x + b.box.width / 2.0) / W, cy = (b.box.y + b.box.height / 2.0) / H;
    const int rows = rowCount(b, lines);
    double s = 0;
    s += 2.5 * std::exp(-std::pow((cx - 0.6) / 0.25, 2)) + 2.5 * std::exp(-std::pow((cy - 0.62) / 0.22, 2));
    if (rows >= 2 && rows <= 8) s += 2.0 + 0.3 * std::min(rows, 5);
    if (rows == 1) s -= 1.0;
    s += std::clamp(b.lineHeight / std::max(1.0, medianLineHeight) - 1.0, -0.5, 1.0);
    if (b.box.y < 0.18 * H) s -= 2.5;                         // sender, postage, labels
    if (b.box.x > 0.68 * W && b.box.br().y < 0.4 * H) s -= 3; // stamp and postmark corner
    if (b.box.br().x < 0.35 * W) s -= 1.5;                    // left third: sender or "Reçu le"
    if (b.box.width > 0.12 * W) s += 0.5;
    double dense = 0;
    for (int i : b.lines)
        dense = std::max(dense, lines[static_cast<size_t>(i)].density);
    if (dense > 0.55) s -= 2.0; // barcodes and 2D codes
    return s;
}

/// Positive when the text reads upright: ascenders and capitals stick out above the x-height band
/// more than descenders hang below it. Uppercase-only lines contribute almost nothing.
double ascenderScore(const cv::Mat& ink, const std::vector<Line>& lines) {
    double up = 0, down = 0;
    for (const auto& line : lines) {
        if (line.box.height < 8 || line.density > 0.55) continue;
        cv::Mat rows;
        cv::reduce(ink(line.box), rows, 1, cv::REDUCE_SUM, CV_64F);
        double peak = 0;
        cv::minMaxLoc(rows, nullptr, &peak);
        if (peak <= 0) continue;
        int top = -1, bottom = -1;
        for (int y = 0; y < rows.rows; ++y)
            if (rows.at<double>(y) > 0.45 * peak) {
                if (top < 0) top = y;
                bottom = y;
            }
        if (top < 0) continue;
        double a = 0, d = 0;
        for (int y = 0; y < top; ++y)
            a += rows.at<double>(y);
        for (int y = bottom + 1; y < rows.rows; ++y)
            d += rows.at<double>(y);
        up += a;
        down += d;
    }
    return (up + down) > 0 ? (up - down) / (up + down) : 0.0;
}

double inkDensity(const cv::Mat& mask, cv::Rect r) {
    r &= cv::Rect(0, 0, mask.cols, mask.rows);
    return r.area() > 0 ? cv::countNonZero(mask(r)) / static_cast<double>(r.area()) : 0.0;
}

/// The share of `r` covered by ink or by colour that is not the paper's (stamps, franking marks):
/// what sits in the top-right corner of an upright envelope. Kraft and pastel papers are saturated
/// themselves, so colour is measured as a distance from the paper's colour (`paperLab`), not as
/// saturation. Only the corner is converted to Lab (the whole envelope cost ≈4 ms).
double postageDensity(const cv::Mat& bgr, const cv::Mat& ink, cv::Rect r, const cv::Scalar& paperLab) {
    r &= cv::Rect(0, 0, ink.cols, ink.rows);
    if (r.area() <= 0) return 0.0;
    cv::Mat mask = ink(r).clone();
    if (bgr.channels() == 3) {
        cv::Mat lab;
        cv::cvtColor(bgr(r), lab, cv::COLOR_BGR2Lab);
        cv::Mat diff;
        cv::absdiff(lab, paperLab, diff);
        std::vector<cv::Mat> ch;
        cv::split(diff, ch);
        mask |= cv::max(ch[1], ch[2]) > 25;
    }
    return static_cast<double>(cv::countNonZero(mask)) / static_cast<double>(r.area());
}

/// The paper's mean colour (where there is no ink), in 8-bit Lab like the corners it is compared with.
cv::Scalar paperColourLab(const cv::Mat& bgr, const cv::Mat& ink) {
    if (bgr.channels() != 3) return {};
    const cv::Scalar mean = cv::mean(bgr, 255 - ink);
    cv::Mat pixel(1, 1, CV_8UC3, cv::Scalar(std::round(mean[0]), std::round(mean[1]), std::round(mean[2])));
    cv::cvtColor(pixel, pixel, cv::COLOR_BGR2Lab);
    const cv::Vec3b lab = pixel.at<cv::Vec3b>(0, 0);
    return {static_cast<double>(lab[0]), static_cast<double>(lab[1]), static_cast<double>(lab[2])};
}

double deskewAngle(const cv::Mat& ink) {
    std::vector<cv::Point> points;
    cv::findNonZero(ink, points);
    if (points.size() < 50) return 0.0;
    const size_t step = std::max<size_t>(1, points.size() / 20000);
    auto score = [&](double deg) {
        const double rad = deg * CV_PI / 180.0, s = std::sin(rad), c = std::cos(rad);
        std::vector<double> bins(static_cast<size_t>(ink.rows + ink.cols) * 2 + 4, 0.0);
        const double offset = static_cast<double>(ink.cols + 2);
        for (size_t i = 0; i < points.size(); i += step) {
            const double y = points[i].y * c - points[i].x * s + offset;
            bins[static_cast<size_t>(std::clamp(y, 0.0, static_cast<double>(bins.size() - 1)))] += 1;
        }
        double sum = 0;
        for (double v : bins)
            sum += v * v;
        return sum;
    };
    double best = 0, bestScore = score(0);
    for (double a = -6; a <= 6.01; a += 0.5)
        if (double v = score(a); v > bestScore) bestScore = v, best = a;
    const double coarse = best;
    for (double a = coarse - 0.4; a <= coarse + 0.41; a += 0.1)
        if (double v = score(a); v > bestScore) bestScore = v, best = a;
    return best;
}

/// The angle (degrees, whole, within ±range) that makes the text rows of an ink mask horizontal:
/// the one whose row profile is the most peaked, on a half-size copy. (Tried and dropped: the
/// same criterion on the ink's points without warping, and deskewAngle's 0.1° search on them,
/// ≈10 ms faster a image; each made a different handwritten photo of the locate tests lose its
/// block.)
double textTilt(const cv::Mat& ink, double range) {
    cv::Mat smallInk;
    cv::resize(ink, smallInk, {}, 0.5, 0.5, cv::INTER_AREA);
    double best = 0, bestScore = -1;
    for (double a = -range; a <= range + 0.01; a += 1.0) {
        cv::Mat r, rows;
        cv::warpAffine(smallInk, r, cv::getRotationMatrix2D(centre(smallInk.size()), a, 1.0),
                       smallInk.size());
        cv::reduce(r, rows, 1, cv::REDUCE_SUM, CV_64F);
        const double v = rows.dot(rows);
        if (v > bestScore) bestScore = v, best = a;
    }
    return best;
}

cv::Mat rotation180(cv::Size size) {
    return (cv::Mat_<double>(3, 3) << -1, 0, size.width, 0, -1, size.height, 0, 0, 1);
}

/// Cuts `out.chosen` from the source image at full resolution, scaled so that its capitals are
/// `capHeightPx` high, then flattens the light, whitens straight rules and deskews it.
void cutBlock(const cv::Mat& image, Located& out, int capHeightPx, double grow = 0.0) {
    const cv::Mat toWork(out.toUpright);
    const cv::Size work = out.uprightSize;
    const TextBlock& best = out.chosen;
    const double margin = std::max(4.0, 0.7 * best.lineHeight);
    // Growing takes in lines the grouping missed and text past a wrongly found envelope edge:
    // `grow` line heights above and below, four times that on each side, beyond the envelope too.
    const double my = margin + grow * best.lineHeight, mx = margin + 4 * grow * best.lineHeight;
    cv::Rect2f blockBox(static_cast<float>(best.box.x - mx), static_cast<float>(best.box.y - my),
                        static_cast<float>(best.box.width + 2 * mx),
                        static_cast<float>(best.box.height + 2 * my));
    const float outside = grow > 0 ? 0.2f : 0.0f;
    blockBox &=
        cv::Rect2f(-outside * static_cast<float>(work.width), -outside * static_cast<float>(work.height),
                   (1 + 2 * outside) * static_cast<float>(work.width),
                   (1 + 2 * outside) * static_cast<float>(work.height));
    const cv::Mat fromWork = toWork.inv();
    out.blockQuad = transform(fromWork, corners(blockBox));
    out.textLines = best.lines;

    // Source px per work px, measured at the block's centre (the homography may be a perspective).
    const cv::Point2f c(blockBox.x + blockBox.width / 2, blockBox.y + blockBox.height / 2);
    const auto mapped = transform(fromWork, {c, c + cv::Point2f(1, 0), c, c + cv::Point2f(0, 1)});
    const double nativeScale = std::max(1e-3, (dist(mapped[0], mapped[1]) + dist(mapped[2], mapped[3])) / 2);
    double scale = capHeightPx / std::max(2.0, best.capHeight);
    scale = std::min(scale, nativeScale * 1.6);
    out.blockCapPx = best.capHeight * scale;
    const cv::Size blockSize(std::max(8, static_cast<int>(std::lround(blockBox.width * scale))),
                             std::max(8, static_cast<int>(std::lround(blockBox.height * scale))));
    cv::Mat toBlock =
        (cv::Mat_<double>(3, 3) << scale, 0, -blockBox.x * scale, 0, scale, -blockBox.y * scale, 0, 0, 1);
    toBlock = toBlock * toWork;
    cv::warpPerspective(image, out.blockColour, toBlock, blockSize,
                        scale < nativeScale ? cv::INTER_AREA : cv::INTER_CUBIC, cv::BORDER_REPLICATE);

    // Flat field, then deskew by projection profile.
    cv::Mat flat = flattened(inkChannel(out.blockColour), std::max(9, (capHeightPx * 3 / 2) | 1));
    cv::Mat blockInk;
    cv::threshold(flat, blockInk, 160, 255, cv::THRESH_BINARY_INV);
    {
        // Straight rules crossing the block (window border, a rubber stamp's frame) are whitened:
        // Tesseract reads them as letters. Letters have no straight run this long.
        const int run = capHeightPx * 3;
        cv::Mat rules, vertical;
        cv::morphologyEx(blockInk, rules, cv::MORPH_OPEN,
                         cv::getStructuringElement(cv::MORPH_RECT, {run, 1}));
        cv::morphologyEx(blockInk, vertical, cv::MORPH_OPEN,
                         cv::getStructuringElement(cv::MORPH_RECT, {1, run}));
        rules |= vertical;
        cv::dilate(rules, rules, cv::Mat());
        flat.setTo(255, rules);
        blockInk.setTo(0, rules);
    }
    out.skewDeg = deskewAngle(blockInk);
    if (std::abs(out.skewDeg) >= 0.2) {
        const cv::Mat rot = cv::getRotationMatrix2D(centre(flat.size()), out.skewDeg, 1.0);
        cv::warpAffine(flat, flat, rot, flat.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
    }
    out.block = flat;
    out.blockDpi = static_cast<int>(std::lround(capHeightPx * 25.4 / 2.6));
}

/// Points scaled by `scale` (source frame → the small copy the edges were found on).
std::array<cv::Point2f, 4> transformScaled(const std::array<cv::Point2f, 4>& quad, double scale) {
    std::array<cv::Point2f, 4> out = quad;
    for (auto& p : out)
        p *= static_cast<float>(scale);
    return out;
}

/// Whether the text of a portrait page (`quad` in `small`, of about `size`) runs across it: its
/// ink's row profile (text lines and the gaps between them) varies much more than its column
/// profile, and the page has a letter's proportions.
/// On an envelope photographed sideways the text runs along the long side: the column profile
/// varies more.
bool textRunsAcross(const cv::Mat& small, const std::array<cv::Point2f, 4>& quad, cv::Size2d size) {
    const double scale = std::min(1.0, 600.0 / std::max(size.width, size.height));
    const cv::Size page(std::max(16, static_cast<int>(std::lround(size.width * scale))),
                        std::max(16, static_cast<int>(std::lround(size.height * scale))));
    cv::Mat upright;
    cv::warpPerspective(small, upright,
                        homographyOf(quad, corners(cv::Rect2f(0, 0, static_cast<float>(page.width),
                                                              static_cast<float>(page.height)))),
                        page, cv::INTER_AREA, cv::BORDER_REPLICATE);
    const cv::Mat ink = inkMask(upright, std::max(15, page.width / 20));
    // Margins (edges found slightly off, the desk) out of the profiles.
    const cv::Rect inner(page.width / 20, page.height / 20, page.width * 9 / 10, page.height * 9 / 10);
    cv::Mat rows, cols;
    cv::reduce(ink(inner), rows, 1, cv::REDUCE_AVG, CV_64F);
    cv::reduce(ink(inner), cols, 0, cv::REDUCE_AVG, CV_64F);
    // The profile's variation between neighbouring rows (columns): text lines make it jump.
    const auto jumpiness = [](const cv::Mat& profile) {
        const cv::Mat v = profile.reshape(1, 1);
        double jumps = 0, total = 0;
        for (int i = 1; i < v.cols; ++i) {
            jumps += std::abs(v.at<double>(0, i) - v.at<double>(0, i - 1));
            total += v.at<double>(0, i);
        }
        return total > 0 ? jumps / total : 0.0;
    };
    // Measured: letters of the second corpus 2.0-10x (most 5-10x); envelopes of the first corpus
    // photographed sideways 1.0-2.1x (a barcode's bars run across: 2.1x, on a DL envelope). An A4
    // is 1.41 high for 1 wide (up to ~1.7 seen in perspective); a DL envelope is 2.
    return size.height < 1.75 * size.width && jumpiness(rows) > 3.0 * jumpiness(cols);
}

/// How much this block looks like the recipient block on an upright letter (portrait page) of size
/// `size`: the address of a window envelope sits in the upper third, right of the middle (French
/// windows, NF EN ISO 269 DL: 20 mm from the right, 45-95 mm from the top of an A4); above it the
/// letterhead, below the body of the letter.
double letterRecipientScore(const Block& b, const std::vector<Line>& lines, cv::Size size,
                            double medianLineHeight) {
    const double W = size.width, H = size.height;
    const double cx = (b.box.x + b.box.width / 2.0) / W, cy = (b.box.y + b.box.height / 2.0) / H;
    const int rows = rowCount(b, lines);
    double s = 0;
    s += 2.5 * std::exp(-std::pow((cx - 0.65) / 0.25, 2)) + 3.5 * std::exp(-std::pow((cy - 0.23) / 0.1, 2));
    if (rows >= 2 && rows <= 8) s += 2.0 + 0.3 * std::min(rows, 5);
    if (rows == 1) s -= 1.0;
    s += std::clamp(b.lineHeight / std::max(1.0, medianLineHeight) - 1.0, -0.5, 1.0);
    if (b.box.y < 0.07 * H) s -= 2.5;      // letterhead
    if (b.box.br().x < 0.45 * W) s -= 1.5; // left half: the sender's address, references
    double dense = 0;
    for (int i : b.lines)
        dense = std::max(dense, lines[static_cast<size_t>(i)].density);
    if (dense > 0.55) s -= 2.0;
    return s;
}

} // namespace

namespace {

Result<Located> locateUnchecked(const cv::Mat& image, const LocateOptions& options) {
    if (image.empty() || image.depth() != CV_8U)
        return makeError("locateRecipient: empty or non 8-bit image");
    if (image.channels() != 1 && image.channels() != 3)
        return makeError("locateRecipient: expects gray or BGR");
    Located out;

    // 1. Envelope corners, found on a small copy of the frame.
    // An integer factor (≈1000 px are enough for paper edges): INTER_AREA's fast path, 3× faster.
    const int factor = std::max(1, static_cast<int>(std::lround(std::max(image.cols, image.rows) / 1000.0)));
    const double frameScale = 1.0 / factor;
    cv::Mat small;
    if (factor == 1)
        small = toGray(image);
    else
        cv::resize(toGray(image(cv::Rect(0, 0, image.cols / factor * factor, image.rows / factor * factor))),
                   small, {image.cols / factor, image.rows / factor}, 0, 0, cv::INTER_AREA);
    std::array<cv::Point2f, 4> quad =
        corners(cv::Rect2f(0, 0, static_cast<float>(image.cols), static_cast<float>(image.rows)));
    if (auto found = findEnvelope(small)) {
        for (size_t i = 0; i < 4; ++i)
            quad[i] = (*found)[i] * static_cast<float>(1.0 / frameScale);
        out.envelopeFound = true;
    }

    // 2. A working copy of the envelope, kWorkLong px wide: landscape, unless the page is a letter
    // (portrait, its text running across: an A4 taken out of its window envelope, photographed).
    double width = (dist(quad[0], quad[1]) + dist(quad[3], quad[2])) / 2;
    double height = (dist(quad[0], quad[3]) + dist(quad[1], quad[2])) / 2;
    bool letter = false;
    if (height > width) {
        letter =
            textRunsAcross(small, transformScaled(quad, frameScale), cv::Size2d(width, height) * frameScale);
        if (!letter) { // turn a quarter so the long side, and the text, are horizontal
            quad = {quad[1], quad[2], quad[3], quad[0]};
            std::swap(width, height);
        }
    }
    const double workScale = kWorkLong / width;
    const cv::Size work(kWorkLong, std::max(1, static_cast<int>(std::lround(height * workScale))));
    cv::Mat toWork = homographyOf(
        quad, corners(cv::Rect2f(0, 0, static_cast<float>(work.width), static_cast<float>(work.height))));
    cv::Mat envelope;
    cv::warpPerspective(image, envelope, toWork, work, cv::INTER_AREA, cv::BORDER_REPLICATE);

    // Without paper edges the frame may still be tilted: straighten it from the text itself. With
    // them, the text may still lean a few degrees (edges of a photo found slightly off, a label
    // stuck askew): lines that lean fall apart into fragments, and a fragment may be taken for the
    // recipient block ("Solidarité / Villette").
    const int bgSize = std::max(15, work.width / 40);
    cv::Mat ink = inkMask(inkChannel(envelope), bgSize);
    {
        // ±6° with edges found, ±16° without (a hand-held photo).
        const double tilt = textTilt(ink, out.envelopeFound ? 6.0 : 16.0);
        if (std::abs(tilt) > (out.envelopeFound ? 1.5 : 0.5)) {
            cv::Mat rot = cv::getRotationMatrix2D(centre(work), tilt, 1.0);
            cv::Mat rot3 = cv::Mat::eye(3, 3, CV_64F);
            rot.copyTo(rot3(cv::Rect(0, 0, 3, 2)));
            toWork = rot3 * toWork;
            cv::warpPerspective(image, envelope, toWork, work, cv::INTER_AREA, cv::BORDER_REPLICATE);
            ink = inkMask(inkChannel(envelope), bgSize);
        }
    }

    // 3. Text lines, orientation, blocks.
    double charHeight = 10;
    std::vector<Line> lines = textLines(ink, charHeight);
    if (lines.empty()) return makeError("no text found on the envelope");

    auto blocksFor = [&](const std::vector<Line>& ls) {
        std::vector<Block> blocks = groupLines(ls);
        std::vector<double> heights;
        for (const auto& l : ls)
            heights.push_back(l.box.height);
        std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
        const double median = heights[heights.size() / 2];
        for (auto& b : blocks)
            b.score =
                letter ? letterRecipientScore(b, ls, work, median) : recipientScore(b, ls, work, median);
        std::sort(blocks.begin(), blocks.end(),
                  [](const Block& a, const Block& b) { return a.score > b.score; });
        return blocks;
    };

    bool flip = options.orientation == Orientation::UpsideDown;
    if (options.orientation == Orientation::Auto) {
        const cv::Scalar paper = paperColourLab(envelope, ink);
        const double W = work.width, H = work.height;
        const double topRight =
            postageDensity(envelope, ink,
                           cv::Rect(cv::Point(static_cast<int>(0.78 * W), 0),
                                    cv::Point(static_cast<int>(W), static_cast<int>(0.3 * H))),
                           paper);
        const double bottomLeft =
            postageDensity(envelope, ink,
                           cv::Rect(cv::Point(0, static_cast<int>(0.7 * H)),
                                    cv::Point(static_cast<int>(0.22 * W), static_cast<int>(H))),
                           paper);
        // A letter has no postage: its lower left is the body of the letter, which is not a stamp.
        const double corner = letter ? 0.0 : std::clamp((topRight - bottomLeft) * 12.0, -1.5, 1.5);
        const double asc = ascenderScore(ink, lines);
        const double vote = corner + 6.0 * asc;
        flip = vote < 0;
        out.orientationSure =
            std::abs(vote) > 0.5 && (corner * asc >= 0 || std::abs(corner) < 0.2 || std::abs(asc) < 0.05);
    }
    if (flip) {
        toWork = rotation180(work) * toWork;
        cv::rotate(envelope, envelope, cv::ROTATE_180);
        cv::rotate(ink, ink, cv::ROTATE_180);
        for (auto& l : lines)
            l.box =
                cv::Rect(work.width - l.box.br().x, work.height - l.box.br().y, l.box.width, l.box.height);
        out.upsideDown = true;
    }
    std::vector<Block> blocks = blocksFor(lines);
    if (blocks.empty()) return makeError("no text block found on the envelope");
    // Capital height ≈ 0.7 of a printed line box; handwriting boxes are taller than their capitals.
    auto describeBlock = [&](const Block& b) {
        std::vector<double> hs;
        for (int i : b.lines)
            hs.push_back(lines[static_cast<size_t>(i)].box.height);
        std::sort(hs.begin(), hs.end());
        return TextBlock{b.box, 0.72 * hs[hs.size() / 2], b.lineHeight, rowCount(b, lines)};
    };
    out.chosen = describeBlock(blocks.front());
    for (size_t i = 1; i < blocks.size(); ++i)
        out.otherBlocks.push_back(describeBlock(blocks[i]));
    out.toUpright = cv::Matx33d(toWork);
    out.uprightSize = work;
    out.envelopeQuad =
        transform(toWork.inv(),
                  corners(cv::Rect2f(0, 0, static_cast<float>(work.width), static_cast<float>(work.height))));

    // Code-like regions: square-closed ink blobs, large and dense (bars, modules, stamps).
    if (options.maxCodeCrops > 0) {
        // Label frames would join a barcode to the label's text: ruled lines go first.
        cv::Mat framed, hLines, vLines;
        const int longRun = std::max(25, work.width / 25);
        cv::morphologyEx(ink, hLines, cv::MORPH_OPEN,
                         cv::getStructuringElement(cv::MORPH_RECT, {longRun, 1}));
        // Vertical rules only when much taller than a barcode's bars.
        const int tallRun = std::max(longRun, work.height / 4);
        cv::morphologyEx(ink, vLines, cv::MORPH_OPEN,
                         cv::getStructuringElement(cv::MORPH_RECT, {1, tallRun}));
        cv::dilate(hLines | vLines, framed, cv::Mat());
        const cv::Mat unruled = ink & ~framed;
        cv::Mat closed;
        const int c = std::max(3, static_cast<int>(std::lround(charHeight * 0.8)));
        cv::morphologyEx(unruled, closed, cv::MORPH_CLOSE,
                         cv::getStructuringElement(cv::MORPH_RECT, {3 * c, c}));
        std::vector<std::vector<cv::Point>> contours;
        cv::findContours(closed, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
        std::vector<std::pair<double, cv::Rect>> found;
        for (const auto& contour : contours) {
            const cv::Rect r = cv::boundingRect(contour);
            if (r.width < 3 * charHeight || r.height < 2.5 * charHeight || r.height > work.height / 2)
                continue;
            const double density = inkDensity(unruled, r);
            if (density < 0.22) continue;
            found.emplace_back(std::abs(density - 0.5), r);
        }
        std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (size_t i = 0; i < found.size() && static_cast<int>(i) < options.maxCodeCrops; ++i) {
            const cv::Rect r = found[i].second;
            const float m = static_cast<float>(std::max(r.width, r.height)) * 0.15f;
            cv::Rect2f box(static_cast<float>(r.x) - m, static_cast<float>(r.y) - m,
                           static_cast<float>(r.width) + 2 * m, static_cast<float>(r.height) + 2 * m);
            box &= cv::Rect2f(0, 0, static_cast<float>(work.width), static_cast<float>(work.height));
            const double s = 1.0 / workScale; // back to source resolution
            cv::Mat toCrop = (cv::Mat_<double>(3, 3) << s, 0, -box.x * s, 0, s, -box.y * s, 0, 0, 1);
            toCrop = toCrop * toWork;
            cv::Mat crop;
            cv::warpPerspective(image, crop, toCrop,
                                {static_cast<int>(box.width * s) + 1, static_cast<int>(box.height * s) + 1},
                                cv::INTER_LINEAR, cv::BORDER_REPLICATE);
            out.codeCrops.push_back(toGray(crop));
        }
    }

    // 4. Cut the block from the source image at full resolution, scaled to the OCR text size.
    cutBlock(image, out, options.blockCapHeightPx);
    return out;
}

Result<Located> recutUnchecked(const cv::Mat& image, const Located& located, int capHeightPx, double grow) {
    if (image.empty() || image.depth() != CV_8U || (image.channels() != 1 && image.channels() != 3))
        return makeError("recutBlock: expects the gray or BGR 8-bit image the block was located in");
    if (located.uprightSize.area() <= 0) return makeError("recutBlock: nothing was located");
    Located out = located;
    cutBlock(image, out, std::clamp(capHeightPx, 8, 120), std::clamp(grow, 0.0, 4.0));
    return out;
}

} // namespace

// The public entry points: shapes OpenCV cannot handle are refused, and no exception leaves them
// (a cv::Exception from one odd image must not stop a desk reading a pile of them).
Result<Located> locateRecipient(const cv::Mat& image, const LocateOptions& options) try {
    if (auto ok = checkShape(image.cols, image.rows, "image"); !image.empty() && !ok) return ok.error();
    return locateUnchecked(image, options);
} catch (const std::exception& e) {
    return makeError(std::string("cannot locate the recipient block (") + e.what() + ")");
}

Result<Located> recutBlock(const cv::Mat& image, const Located& located, int capHeightPx, double grow) try {
    if (auto ok = checkShape(image.cols, image.rows, "image"); !image.empty() && !ok) return ok.error();
    return recutUnchecked(image, located, capHeightPx, grow);
} catch (const std::exception& e) {
    return makeError(std::string("cannot cut the recipient block (") + e.what() + ")");
}

} // namespace guichet::envelope
