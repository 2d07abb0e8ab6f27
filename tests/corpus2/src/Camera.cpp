#include "Camera.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace guichet::corpus2::detail {

namespace {

constexpr double kPi = 3.14159265358979;

std::vector<unsigned char> jpeg(const cv::Mat& m, int quality) {
    std::vector<unsigned char> out;
    cv::imencode(".jpg", m, out, {cv::IMWRITE_JPEG_QUALITY, quality});
    return out;
}

void addNoise(cv::Mat& img, double sigma, Rng& rng) {
    cv::Mat noise(img.size(), CV_16SC3);
    cv::theRNG().state = rng.next();
    cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(sigma));
    cv::Mat tmp;
    img.convertTo(tmp, CV_16SC3);
    tmp += noise;
    tmp.convertTo(img, CV_8UC3);
}

cv::Mat desk(cv::Size size, bool clutter, Rng& rng) {
    static const cv::Scalar bases[] = {{60, 90, 130},   {40, 60, 90}, {110, 110, 110}, {70, 70, 60},
                                       {150, 160, 170}, {30, 30, 35}, {90, 120, 150}};
    cv::Mat bg(size, CV_8UC3, bases[rng.range(0, 6)]);
    // grain (wood-like streaks)
    for (int i = 0; i < 40; ++i) {
        const int y = rng.range(0, size.height);
        const cv::Scalar c = cv::Scalar::all(rng.uniform(-18, 18));
        cv::Mat row = bg.rowRange(std::max(0, y - 3), std::min(size.height, y + rng.range(2, 12)));
        row += cv::Scalar(std::max(0.0, c[0]), std::max(0.0, c[0]), std::max(0.0, c[0]));
        row -= cv::Scalar(std::max(0.0, -c[0]), std::max(0.0, -c[0]), std::max(0.0, -c[0]));
    }
    if (!clutter) return bg;
    const int n = rng.range(3, 9);
    for (int i = 0; i < n; ++i) {
        const cv::Point2f c(static_cast<float>(rng.uniform(0, size.width)),
                            static_cast<float>(rng.uniform(0, size.height)));
        switch (rng.range(0, 4)) {
        case 0: { // a sheet of paper or another envelope, with a few "text" lines
            const cv::RotatedRect r(c,
                                    cv::Size2f(static_cast<float>(rng.uniform(0.2, 0.5) * size.width),
                                               static_cast<float>(rng.uniform(0.2, 0.6) * size.height)),
                                    static_cast<float>(rng.uniform(0, 180)));
            cv::Point2f p[4];
            r.points(p);
            std::vector<cv::Point> poly(p, p + 4);
            const int v = rng.range(200, 245);
            cv::fillConvexPoly(bg, poly, cv::Scalar(v, v, v - rng.range(0, 25)), cv::LINE_AA);
            for (int k = 0; k < rng.range(0, 6); ++k) {
                const cv::Point a = (poly[0] * (6 - k) + poly[3] * (k + 1)) / 7;
                const cv::Point b = (poly[1] * (6 - k) + poly[2] * (k + 1)) / 7;
                cv::line(bg, a + (b - a) / 8, a + (b - a) * rng.uniform(0.3, 0.8), cv::Scalar::all(80), 3);
            }
            break;
        }
        case 1: // mug
            cv::circle(bg, c, rng.range(40, 120),
                       cv::Scalar(rng.range(0, 255), rng.range(0, 255), rng.range(0, 255)), -1, cv::LINE_AA);
            break;
        case 2: // pen
            cv::line(bg, c,
                     c + cv::Point2f(static_cast<float>(rng.uniform(-300, 300)),
                                     static_cast<float>(rng.uniform(-300, 300))),
                     cv::Scalar(rng.range(0, 200), rng.range(0, 200), rng.range(0, 200)), rng.range(8, 18),
                     cv::LINE_AA);
            break;
        case 3: // keyboard-ish block
            cv::rectangle(bg, cv::Rect(cv::Point(c), cv::Size(rng.range(200, 600), rng.range(80, 200))),
                          cv::Scalar::all(rng.range(20, 60)), -1);
            break;
        default: // printed label text
            cv::putText(bg, rng.chance(0.5) ? "URGENT" : "A TRAITER", c, cv::FONT_HERSHEY_SIMPLEX,
                        rng.uniform(1, 2.5), cv::Scalar::all(rng.range(0, 90)), 3, cv::LINE_AA);
            break;
        }
    }
    return bg;
}

cv::Mat motionKernel(int length, double angleDeg) {
    cv::Mat k = cv::Mat::zeros(length, length, CV_32F);
    const double c = (length - 1) / 2.0, a = angleDeg * kPi / 180.0;
    for (int i = 0; i < length * 3; ++i) {
        const double t = -c + (2 * c) * i / (length * 3 - 1);
        const int x = static_cast<int>(std::lround(c + t * std::cos(a))),
                  y = static_cast<int>(std::lround(c + t * std::sin(a)));
        k.at<float>(y, x) = 1.f;
    }
    return k / cv::sum(k)[0];
}

cv::Mat diskKernel(double radius) {
    const int r = static_cast<int>(std::ceil(radius));
    cv::Mat k = cv::Mat::zeros(2 * r + 1, 2 * r + 1, CV_32F);
    cv::circle(k, cv::Point(r, r), static_cast<int>(std::lround(radius)), cv::Scalar(1), -1, cv::LINE_AA);
    return k / cv::sum(k)[0];
}

void drawHand(cv::Mat& img, const std::vector<cv::Point2f>& quad, Rng& rng) {
    static const cv::Scalar skins[] = {{120, 150, 200}, {90, 120, 170},  {60, 90, 140},
                                       {40, 60, 95},    {140, 170, 225}, {70, 100, 150}};
    const cv::Scalar skin = skins[rng.range(0, 5)];
    const int edge = rng.range(0, 3);
    const cv::Point2f a = quad[static_cast<size_t>(edge)], b = quad[static_cast<size_t>((edge + 1) % 4)];
    const float t = static_cast<float>(rng.uniform(0.2, 0.8));
    const cv::Point2f onEdge = a + (b - a) * t;
    const cv::Point2f centre = (quad[0] + quad[1] + quad[2] + quad[3]) * 0.25f;
    cv::Point2f out = onEdge - centre;
    out *= 1.0f / static_cast<float>(std::max(1.0, cv::norm(out)));
    const float len = static_cast<float>(cv::norm(b - a));
    cv::Mat mask = cv::Mat::zeros(img.size(), CV_8U);
    // palm outside the envelope, thumb over its edge
    const cv::Point2f palm = onEdge + out * len * 0.22f;
    const double ang = std::atan2(out.y, out.x) * 180 / kPi;
    cv::ellipse(mask, cv::RotatedRect(palm, cv::Size2f(len * 0.45f, len * 0.3f), static_cast<float>(ang)),
                cv::Scalar(255), -1, cv::LINE_AA);
    const cv::Point2f thumb = onEdge - out * len * static_cast<float>(rng.uniform(0.02, 0.08));
    cv::ellipse(mask,
                cv::RotatedRect(thumb, cv::Size2f(len * 0.2f, len * 0.07f),
                                static_cast<float>(ang + rng.uniform(-30, 30))),
                cv::Scalar(255), -1, cv::LINE_AA);
    cv::GaussianBlur(mask, mask, cv::Size(0, 0), 3);
    cv::Mat skinImg(img.size(), CV_8UC3, skin);
    addNoise(skinImg, 6, rng);
    cv::Mat shade;
    cv::GaussianBlur(mask, shade, cv::Size(0, 0), len * 0.03 + 1);
    std::vector<cv::Mat> ch;
    cv::Mat m3, maskF;
    mask.convertTo(maskF, CV_32F, 1 / 255.0);
    cv::Mat shadeF;
    shade.convertTo(shadeF, CV_32F, 1 / 255.0);
    cv::Mat f1, f2;
    img.convertTo(f1, CV_32FC3);
    skinImg.convertTo(f2, CV_32FC3);
    cv::Mat shadeC;
    cv::merge(std::vector<cv::Mat>{shadeF, shadeF, shadeF}, shadeC);
    cv::Mat gain = shadeC * 0.4;
    cv::add(gain, cv::Scalar::all(0.6), gain);
    f2 = f2.mul(gain);
    cv::merge(std::vector<cv::Mat>{maskF, maskF, maskF}, m3);
    cv::Mat inv;
    cv::subtract(cv::Scalar::all(1.0), m3, inv);
    cv::Mat res = f1.mul(inv) + f2.mul(m3);
    res.convertTo(img, CV_8UC3);
}

} // namespace

Shot scanImage(const cv::Mat& object, Rng& rng) {
    Shot s;
    const int margin = rng.range(0, 120);
    cv::Mat bed(object.rows + 2 * margin + rng.range(0, 200), object.cols + 2 * margin + rng.range(0, 200),
                CV_8UC3, cv::Scalar::all(rng.range(235, 255)));
    const double angle = rng.uniform(-1.5, 1.5);
    const cv::Mat R = cv::getRotationMatrix2D(
        cv::Point2f(static_cast<float>(object.cols) / 2, static_cast<float>(object.rows) / 2), angle, 1.0);
    cv::Mat rot = R.clone();
    rot.at<double>(0, 2) += margin;
    rot.at<double>(1, 2) += margin;
    cv::warpAffine(object, bed, rot, bed.size(), cv::INTER_LINEAR, cv::BORDER_TRANSPARENT);
    const bool png = rng.chance(0.3);
    addNoise(bed, png ? 1.0 : 2.5, rng);
    char buf[32];
    std::snprintf(buf, sizeof buf, "rotation:%.1f", angle);
    s.conditions = {"scan-300dpi", buf};
    if (png) {
        s.png = true;
        cv::imencode(".png", bed, s.encoded);
    } else {
        s.encoded = jpeg(bed, 90);
        s.conditions.push_back("jpeg:90");
    }
    return s;
}

Shot cameraShot(const cv::Mat& object, const CameraSpec& spec, Rng& rng) {
    Shot s;
    auto& cond = s.conditions;
    const bool clutter = rng.chance(spec.pClutter);
    cv::Mat frame = desk(spec.frame, clutter, rng);
    if (clutter) cond.push_back("clutter");

    // Perspective: rotate the object's plane in 3-D, project with a pinhole camera.
    const double tilt = rng.uniform(0, spec.maxTiltDeg) * kPi / 180, dir = rng.uniform(0, 2 * kPi);
    const double roll = rng.uniform(-spec.maxRollDeg, spec.maxRollDeg) * kPi / 180;
    const double f = spec.frame.width * rng.uniform(0.9, 1.3);
    const double ow = spec.frame.width * spec.widthFraction, oh = ow * object.rows / object.cols;
    const double Z = f; // at distance f the object is drawn at its size
    const double ax = tilt * std::cos(dir), ay = tilt * std::sin(dir);
    std::vector<cv::Point2f> src = {{0, 0},
                                    {static_cast<float>(object.cols), 0},
                                    {static_cast<float>(object.cols), static_cast<float>(object.rows)},
                                    {0, static_cast<float>(object.rows)}};
    std::vector<cv::Point2f> dst;
    const double cx = spec.frame.width * rng.uniform(0.42, 0.58),
                 cy = spec.frame.height * rng.uniform(0.42, 0.58);
    for (const auto& p : src) {
        double X = (p.x / static_cast<double>(object.cols) - 0.5) * ow,
               Y = (p.y / static_cast<double>(object.rows) - 0.5) * oh, W = 0;
        double x1 = X * std::cos(roll) - Y * std::sin(roll), y1 = X * std::sin(roll) + Y * std::cos(roll);
        double y2 = y1 * std::cos(ax) - W * std::sin(ax), z2 = y1 * std::sin(ax) + W * std::cos(ax);
        double x3 = x1 * std::cos(ay) + z2 * std::sin(ay), z3 = -x1 * std::sin(ay) + z2 * std::cos(ay);
        dst.emplace_back(static_cast<float>(cx + f * x3 / (Z + z3)),
                         static_cast<float>(cy + f * y2 / (Z + z3)));
    }
    // keep it inside the frame
    cv::Rect2f box = cv::boundingRect(dst);
    const float shrink = std::min({1.0f, 0.97f * static_cast<float>(spec.frame.width) / box.width,
                                   0.97f * static_cast<float>(spec.frame.height) / box.height});
    for (auto& p : dst)
        p = cv::Point2f(static_cast<float>(cx), static_cast<float>(cy)) +
            (p - cv::Point2f(static_cast<float>(cx), static_cast<float>(cy))) * shrink;
    box = cv::boundingRect(dst);
    cv::Point2f shift(0, 0);
    if (box.x < 0) shift.x = -box.x + 2;
    if (box.y < 0) shift.y = -box.y + 2;
    if (box.br().x > static_cast<float>(spec.frame.width))
        shift.x = static_cast<float>(spec.frame.width) - box.br().x - 2;
    if (box.br().y > static_cast<float>(spec.frame.height))
        shift.y = static_cast<float>(spec.frame.height) - box.br().y - 2;
    for (auto& p : dst)
        p += shift;
    char buf[48];
    std::snprintf(buf, sizeof buf, "perspective:%.0f", tilt * 180 / kPi);
    cond.push_back(buf);
    std::snprintf(buf, sizeof buf, "rotation:%.0f", roll * 180 / kPi);
    cond.push_back(buf);

    // shadow, then the object
    {
        std::vector<cv::Point> poly;
        for (const auto& p : dst)
            poly.emplace_back(cv::Point(p + cv::Point2f(8, 10)));
        cv::Mat sh = cv::Mat::zeros(frame.size(), CV_8U);
        cv::fillConvexPoly(sh, poly, cv::Scalar(90), cv::LINE_AA);
        cv::GaussianBlur(sh, sh, cv::Size(0, 0), 12);
        cv::Mat sh3;
        cv::cvtColor(sh, sh3, cv::COLOR_GRAY2BGR);
        cv::subtract(frame, sh3 * 0.6, frame);
    }
    // prefilter a big object before the warp (no aliasing)
    cv::Mat obj = object;
    const double scale = box.width / static_cast<double>(object.cols);
    if (scale < 0.5) {
        cv::resize(object, obj, cv::Size(), scale * 1.5, scale * 1.5, cv::INTER_AREA);
        const double k = static_cast<double>(obj.cols) / object.cols;
        for (auto& p : src)
            p *= static_cast<float>(k);
    }
    const cv::Mat H = cv::getPerspectiveTransform(src, dst);
    cv::warpPerspective(obj, frame, H, frame.size(), cv::INTER_LINEAR, cv::BORDER_TRANSPARENT);

    if (spec.hand) {
        drawHand(frame, dst, rng);
        cond.push_back("hand");
    }

    // light
    cv::Mat f32;
    frame.convertTo(f32, CV_32FC3, 1 / 255.0);
    if (rng.chance(spec.pGradient)) {
        const double a = rng.uniform(0, 2 * kPi), g0 = rng.uniform(0.45, 0.8), g1 = rng.uniform(0.95, 1.15);
        cv::Mat g(frame.size(), CV_32F);
        for (int y = 0; y < g.rows; ++y)
            for (int x = 0; x < g.cols; ++x) {
                const double t = ((x - g.cols / 2.0) * std::cos(a) + (y - g.rows / 2.0) * std::sin(a)) /
                                     std::hypot(g.cols, g.rows) +
                                 0.5;
                g.at<float>(y, x) = static_cast<float>(g0 + (g1 - g0) * std::clamp(t, 0.0, 1.0));
            }
        cv::Mat g3;
        cv::merge(std::vector<cv::Mat>{g, g, g}, g3);
        f32 = f32.mul(g3);
        cond.push_back("gradient");
    }
    bool dim = false;
    if (rng.chance(spec.pDim)) {
        f32 *= rng.uniform(0.28, 0.55);
        cv::add(f32, cv::Scalar(0.03, 0.03, 0.05), f32);
        dim = true;
        cond.push_back("dim");
    }
    if (rng.chance(spec.pGlare)) {
        cv::Mat g = cv::Mat::zeros(frame.size(), CV_32F);
        const cv::Point2f c =
            (dst[0] + dst[2]) * 0.5f + cv::Point2f(static_cast<float>(rng.uniform(-0.3, 0.3) * box.width),
                                                   static_cast<float>(rng.uniform(-0.3, 0.3) * box.height));
        cv::circle(g, c, static_cast<int>(rng.uniform(0.04, 0.12) * frame.cols),
                   cv::Scalar(rng.uniform(0.35, 0.9)), -1, cv::LINE_AA);
        cv::GaussianBlur(g, g, cv::Size(0, 0), frame.cols * 0.03);
        cv::Mat g3;
        cv::merge(std::vector<cv::Mat>{g, g, g}, g3);
        f32 += g3;
        cond.push_back("glare");
    }
    f32.convertTo(frame, CV_8UC3, 255.0);

    // optics and motion
    if (rng.chance(spec.pDefocus)) {
        const double r = rng.uniform(1.5, 4.5) * frame.cols / 1920.0;
        cv::filter2D(frame, frame, -1, diskKernel(std::max(1.0, r)));
        std::snprintf(buf, sizeof buf, "defocus:%.1f", r);
        cond.push_back(buf);
    }
    if (rng.chance(spec.pMotion)) {
        const int len = static_cast<int>(rng.uniform(5, 19) * frame.cols / 1920.0) | 1;
        if (len >= 3) {
            cv::filter2D(frame, frame, -1, motionKernel(len, rng.uniform(0, 180)));
            std::snprintf(buf, sizeof buf, "motion-blur:%d", len);
            cond.push_back(buf);
        }
    }
    addNoise(frame, dim ? rng.uniform(5, 10) : rng.uniform(1.5, 4), rng);
    const int q = rng.range(spec.jpegLo, spec.jpegHi);
    s.encoded = jpeg(frame, q);
    std::snprintf(buf, sizeof buf, "jpeg:%d", q);
    cond.push_back(buf);
    return s;
}

Shot cameraImage(const cv::Mat& object, const std::string& cls, Rng& rng) {
    CameraSpec spec;
    const bool portrait = object.rows > object.cols;
    if (cls == "webcam") {
        spec.frame = {1280, 720};
        spec.widthFraction = rng.uniform(0.6, 0.92) * (portrait ? 0.45 : 1.0);
        spec.maxTiltDeg = 25;
        spec.pDefocus = 0.5, spec.pDim = 0.4, spec.pMotion = 0.25, spec.pGlare = 0.2, spec.pClutter = 0.7;
        spec.jpegLo = 35, spec.jpegHi = 70;
    } else if (cls == "held-in-hand") {
        spec.frame = rng.chance(0.6) ? cv::Size(1920, 1080) : cv::Size(1512, 2016);
        spec.widthFraction =
            rng.uniform(0.5, 0.85) * (portrait && spec.frame.width > spec.frame.height ? 0.5 : 1.0);
        spec.hand = true;
        spec.pMotion = 0.45, spec.pDefocus = 0.3, spec.pDim = 0.2, spec.pGlare = 0.25, spec.pClutter = 0.6;
    } else {
        spec.frame = portrait ? cv::Size(1512, 2016) : cv::Size(2016, 1512);
        spec.widthFraction = rng.uniform(0.55, 0.92);
    }
    return cameraShot(object, spec, rng);
}

} // namespace guichet::corpus2::detail
