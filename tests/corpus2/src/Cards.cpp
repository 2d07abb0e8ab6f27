// QR cards in front of a camera, and the truth as JSON.
#include "Camera.hpp"
#include "Internal.hpp"
#include "Text.hpp"
#include "guichet/corpus2/Corpus2.hpp"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <cairo.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

namespace guichet::corpus2 {

namespace {
using detail::Rng;

std::string token(Rng& rng) {
    static const std::string b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    static const std::string hex = "0123456789abcdef";
    std::string s;
    const int style = rng.range(0, 3);
    if (style == 0) s = "GCH1.";
    if (style == 1) s = "eyJ";
    while (s.size() < 120) {
        if (style == 2)
            s.push_back(hex[static_cast<size_t>(rng.range(0, 15))]);
        else
            s.push_back(b64[static_cast<size_t>(rng.range(0, 63))]);
        if (style == 1 && (s.size() == 40 || s.size() == 80)) s.back() = '.';
        if (style == 3 && s.size() % 25 == 0 && s.size() < 120) s.back() = '~';
    }
    return s.substr(0, 120);
}
} // namespace

Card makeCard(std::uint64_t seed, int index) {
    Rng rng(detail::mix(seed ^ 0xC4D5ULL, static_cast<std::uint64_t>(index) + 1));
    Card out;
    CardTruth& t = out.truth;
    char name[32];
    std::snprintf(name, sizeof name, "card-%04d.jpg", index);
    t.image = name;
    t.text = token(rng);

    const ZXing::BitMatrix bits =
        ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode).setMargin(0).encode(t.text, 0, 0);
    const int n = bits.width();
    // The card at 8 px per module: QR on the left with its quiet zone, text on the right.
    const int m = 8;
    const int qr = n * m, H = static_cast<int>(qr * 1.35), W = static_cast<int>(H * 85.6 / 54.0);
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    cairo_t* cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 0.98, 0.98, 0.97);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.1, 0.3, 0.6);
    cairo_rectangle(cr, 0, 0, W, H * 0.08);
    cairo_fill(cr);
    const int ox = (H - qr) / 2, oy = (H - qr) / 2 + static_cast<int>(H * 0.03);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x)
            if (bits.get(x, y)) cairo_rectangle(cr, ox + x * m, oy + y * m, m, m);
    cairo_fill(cr);
    const auto fonts = printedFonts();
    if (!fonts.empty()) {
        detail::Pen pen{detail::face(rng.pick(fonts)), H * 0.07, 0.1, 0.1, 0.1, false, 0};
        drawLine(cr, pen, ox + qr + H * 0.08, H * 0.3, "Carte de", rng);
        drawLine(cr, pen, ox + qr + H * 0.08, H * 0.4, "domiciliation", rng);
        pen.size = H * 0.05;
        drawLine(cr, pen, ox + qr + H * 0.08, H * 0.6, "Présentez-la", rng);
        drawLine(cr, pen, ox + qr + H * 0.08, H * 0.68, "au guichet", rng);
    }
    cairo_surface_flush(surface);
    cv::Mat bgra(H, W, CV_8UC4, cairo_image_surface_get_data(surface),
                 static_cast<size_t>(cairo_image_surface_get_stride(surface)));
    cv::Mat card;
    cv::cvtColor(bgra, card, cv::COLOR_BGRA2BGR);
    cairo_destroy(cr);
    cairo_surface_destroy(surface);

    detail::CameraSpec spec;
    spec.frame = rng.chance(0.6) ? cv::Size(1280, 720) : cv::Size(1920, 1080);
    const double d = rng.uniform();
    t.distance = d < 0.35 ? "far" : d < 0.7 ? "mid" : "near";
    t.modulePx = t.distance == "far"   ? rng.uniform(2.0, 3.0)
                 : t.distance == "mid" ? rng.uniform(3.0, 5.0)
                                       : rng.uniform(5.0, 9.0);
    spec.widthFraction = std::min(0.9, t.modulePx * W / m / spec.frame.width);
    spec.maxTiltDeg = 35;
    spec.maxRollDeg = 30;
    spec.pMotion = 0.3, spec.pDefocus = 0.3, spec.pDim = 0.3, spec.pGlare = 0.25, spec.pClutter = 0.6;
    spec.hand = rng.chance(0.5);
    spec.jpegLo = 50, spec.jpegHi = 90;
    const Shot shot = detail::cameraShot(card, spec, rng);
    t.conditions = shot.conditions;
    out.encoded = shot.encoded;
    return out;
}

std::string toJson(const EnvelopeTruth& t) {
    nlohmann::json j;
    j["image"] = t.image;
    j["dossier"] = t.dossier ? nlohmann::json(*t.dossier) : nlohmann::json(nullptr);
    j["class"] = t.cls;
    j["form"] = t.form;
    j["absent"] = t.absentKind;
    j["layout"] = t.layout;
    j["civility"] = t.civility;
    j["order"] = t.order;
    j["font"] = t.font;
    j["capture"] = t.capture;
    j["box_number"] = t.boxNumber;
    j["conditions"] = t.conditions;
    j["lines"] = t.lines;
    return j.dump();
}

std::string toJson(const CardTruth& t) {
    nlohmann::json j;
    j["image"] = t.image;
    j["text"] = t.text;
    j["distance"] = t.distance;
    j["module_px"] = std::round(t.modulePx * 10) / 10;
    j["conditions"] = t.conditions;
    return j.dump();
}

} // namespace guichet::corpus2
