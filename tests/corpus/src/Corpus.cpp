// The corpus generator: directory of invented dossiers, and envelopes rendered with cairo (text,
// logos, stamps, labels) then degraded with OpenCV (scanner bed, rotation, camera perspective,
// light, blur, noise, JPEG). Every random draw comes from one generator seeded by (seed, index).
#include "guichet/corpus/Corpus.hpp"

#include "Names.hpp"

#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <algorithm>
#include <cairo-pdf.h>
#include <cairo.h>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>

namespace guichet::corpus {

namespace {

using Rng = std::mt19937_64;

double uniform(Rng& rng, double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
}
int between(Rng& rng, int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
}
bool chance(Rng& rng, double p) {
    return uniform(rng, 0.0, 1.0) < p;
}
template <typename C>
const auto& pickFrom(Rng& rng, const C& items) {
    return items[static_cast<size_t>(between(rng, 0, static_cast<int>(items.size()) - 1))];
}

std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
    std::uint64_t x = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL + (a << 6) + (a >> 2));
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 27;
    return x;
}

/// Upper case for the Latin letters that occur in our name lists.
std::string upper(std::string_view text) {
    static const std::map<std::string, std::string> accents = {
        {"é", "É"}, {"è", "È"}, {"ê", "Ê"}, {"ë", "Ë"}, {"à", "À"}, {"â", "Â"}, {"ï", "Ï"},
        {"î", "Î"}, {"ô", "Ô"}, {"ç", "Ç"}, {"ü", "Ü"}, {"û", "Û"}, {"ö", "Ö"}};
    std::string out;
    for (size_t i = 0; i < text.size();) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            out += static_cast<char>(std::toupper(c));
            ++i;
            continue;
        }
        size_t len = (c >= 0xF0) ? 4 : (c >= 0xE0) ? 3 : 2;
        std::string glyph(text.substr(i, len));
        auto it = accents.find(glyph);
        out += it != accents.end() ? it->second : glyph;
        i += len;
    }
    return out;
}

/// "DUPONT" -> "Dupont", "N'DIAYE" -> "N'Diaye", "LE GALL" -> "Le Gall" (for handwriting).
std::string titleCase(std::string_view text) {
    static const std::map<std::string, std::string> lower = {
        {"É", "é"}, {"È", "è"}, {"Ê", "ê"}, {"Ë", "ë"}, {"À", "à"}, {"Â", "â"}, {"Ï", "ï"},
        {"Î", "î"}, {"Ô", "ô"}, {"Ç", "ç"}, {"Ü", "ü"}, {"Û", "û"}, {"Ö", "ö"}};
    std::string out;
    bool start = true;
    for (size_t i = 0; i < text.size();) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            out += start ? static_cast<char>(c) : static_cast<char>(std::tolower(c));
            start = !std::isalpha(c);
            ++i;
            continue;
        }
        size_t len = (c >= 0xF0) ? 4 : (c >= 0xE0) ? 3 : 2;
        std::string glyph(text.substr(i, len));
        auto it = lower.find(glyph);
        out += (!start && it != lower.end()) ? it->second : glyph;
        start = false;
        i += len;
    }
    return out;
}

bool isFemale(std::string_view prenom) {
    static const std::set<std::string_view> female = {
        "Marie",      "Aminata",   "Fatou",    "Sophie",    "Nadia",     "Élodie",   "Hélène",   "Awa",
        "Ioana",      "Olga",      "Leïla",    "Chloé",     "Sylvie",    "Samira",   "Océane",   "Zoé",
        "Anne-Marie", "Mariana",   "Aïcha",    "Khadija",   "Nathalie",  "Isabelle", "Yasmine",  "Lucie",
        "Mariam",     "Fatoumata", "Kadiatou", "Aïssatou",  "Rokia",     "Nour",     "Inès",     "Sarah",
        "Amina",      "Malika",    "Farida",   "Zineb",     "Houria",    "Jamila",   "Elena",    "Maria",
        "Natalia",    "Agnieszka", "Linh",     "Catherine", "Christine", "Valérie",  "Sandrine", "Martine",
        "Françoise",  "Monique",   "Brigitte", "Mélanie",   "Aurélie",   "Émilie",   "Manon",    "Léa"};
    return female.count(prenom) > 0;
}

std::string csvField(const std::string& value) {
    if (value.find_first_of(",\";\n") == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

/// Replaces one ASCII letter of the surname by another (keeps it plausible: same case).
std::string oneLetterAway(Rng& rng, const std::string& nom) {
    std::vector<size_t> positions;
    for (size_t i = 0; i < nom.size(); ++i)
        if (nom[i] >= 'A' && nom[i] <= 'Z') positions.push_back(i);
    if (positions.empty()) return nom + "E";
    std::string out = nom;
    size_t at = pickFrom(rng, positions);
    static constexpr std::string_view letters = "ABCDEFGHIJKLMNOPRSTUVZ";
    char c = out[at];
    while (c == out[at])
        c = letters[static_cast<size_t>(between(rng, 0, static_cast<int>(letters.size()) - 1))];
    out[at] = c;
    return out;
}

// ---- cairo helpers ---------------------------------------------------------------------------

struct CairoDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoDeleter>;
using ContextPtr = std::unique_ptr<cairo_t, CairoDeleter>;

void setColour(cairo_t* cr, unsigned rgb, double alpha = 1.0) {
    cairo_set_source_rgba(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0, (rgb & 0xFF) / 255.0,
                          alpha);
}

void font(cairo_t* cr, std::string_view family, double sizeMm, bool bold = false, bool italic = false) {
    cairo_select_font_face(cr, std::string(family).c_str(),
                           italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, sizeMm);
}

double textWidth(cairo_t* cr, const std::string& text) {
    cairo_text_extents_t e;
    cairo_text_extents(cr, text.c_str(), &e);
    return e.x_advance;
}

void text(cairo_t* cr, double x, double y, const std::string& s) {
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, s.c_str());
}

/// Paints a ZXing bit matrix as black modules in the rectangle (x, y, w, h) (mm).
void paintBarcode(cairo_t* cr, ZXing::BarcodeFormat format, const std::string& content, double x, double y,
                  double w, double h) {
    ZXing::MultiFormatWriter writer(format);
    writer.setMargin(0);
    std::wstring wide(content.begin(), content.end());
    ZXing::BitMatrix matrix = writer.encode(wide, 0, 0);
    const int mw = matrix.width();
    const int mh = matrix.height();
    if (mw <= 0 || mh <= 0) return;
    const double cw = w / mw;
    const double ch = (format == ZXing::BarcodeFormat::Code128) ? h : h / mh;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x - 2 * cw, y - 2 * (format == ZXing::BarcodeFormat::Code128 ? 0 : ch), w + 4 * cw,
                    h + (format == ZXing::BarcodeFormat::Code128 ? 0 : 4 * ch));
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    const int rows = (format == ZXing::BarcodeFormat::Code128) ? 1 : mh;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < mw; ++c)
            if (matrix.get(c, format == ZXing::BarcodeFormat::Code128 ? 0 : r))
                cairo_rectangle(cr, x + c * cw, y + r * ch, cw, ch);
    cairo_fill(cr);
}

struct Size {
    double w;
    double h;
};

Size formatSize(const std::string& format) {
    if (format == "C5") return {229, 162};
    if (format == "C4") return {324, 229};
    return {220, 110};
}

unsigned paperColour(const std::string& paper) {
    if (paper == "kraft") return 0xC8A579;
    if (paper == "blue") return 0xCFE0F2;
    if (paper == "pink") return 0xF4D3DC;
    if (paper == "yellow") return 0xF6ECB0;
    if (paper == "green") return 0xD5EBCF;
    if (paper == "cream") return 0xF3EBD8;
    return 0xF8F8F6;
}

std::string randomDigits(Rng& rng, int n) {
    std::string s;
    for (int i = 0; i < n; ++i)
        s += static_cast<char>('0' + between(rng, 0, 9));
    return s;
}

std::string spacedTracking(const std::string& compact) {
    // "1A12345678901" -> "1A 123 456 7890 1"
    if (compact.size() != 13) return compact;
    return compact.substr(0, 2) + " " + compact.substr(2, 3) + " " + compact.substr(5, 3) + " " +
           compact.substr(8, 4) + " " + compact.substr(12, 1);
}

struct Rect {
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
    void add(double x, double y) {
        x0 = std::min(x0, x);
        y0 = std::min(y0, y);
        x1 = std::max(x1, x);
        y1 = std::max(y1, y);
    }
};

struct Layout {
    Size size;
    std::string paper;
    bool handwritten = false;
    bool heldOutFonts = false; ///< Options::heldOutFonts
    bool window = false;
    const names::Sender* sender = nullptr;
    std::string kind;
    std::string tracking;
    std::vector<std::string> lines;
    bool recuLe = false;
    bool privateSenderNote = false;
    std::string postmark; ///< sorting office
    std::string stamp;    ///< structure on the "Reçu le" stamp
};

/// Draws the envelope at `pxPerMm` and returns it as BGR plus the recipient block rectangle (mm).
cv::Mat drawEnvelope(Rng& rng, const Layout& layout, double pxPerMm, Rect& block, std::string& fontUsed) {
    const int wpx = static_cast<int>(std::lround(layout.size.w * pxPerMm));
    const int hpx = static_cast<int>(std::lround(layout.size.h * pxPerMm));
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, wpx, hpx));
    ContextPtr ctx(cairo_create(surface.get()));
    cairo_t* cr = ctx.get();
    cairo_scale(cr, pxPerMm, pxPerMm);
    const double W = layout.size.w;
    const double H = layout.size.h;

    setColour(cr, paperColour(layout.paper));
    cairo_paint(cr);
    // Envelope edge and flap seam, as a scanner sees them.
    cairo_set_line_width(cr, 0.35);
    setColour(cr, 0x000000, 0.35);
    cairo_rectangle(cr, 0.2, 0.2, W - 0.4, H - 0.4);
    cairo_stroke(cr);

    // Sender block, top left.
    if (layout.sender) {
        const auto& s = *layout.sender;
        setColour(cr, s.colour);
        const double logo = 13.0;
        if (chance(rng, 0.5)) {
            cairo_arc(cr, 10 + logo / 2, 9 + logo / 2, logo / 2, 0, 2 * M_PI);
        } else {
            cairo_rectangle(cr, 10, 9, logo, logo);
        }
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 1, 1, 1);
        font(cr, "DejaVu Sans", s.logo.size() > 2 ? 4.2 : 5.5, true);
        const std::string lg(s.logo);
        text(cr, 10 + (logo - textWidth(cr, lg)) / 2, 9 + logo / 2 + 2, lg);
        cairo_set_source_rgb(cr, 0.15, 0.15, 0.2);
        font(cr, "Liberation Sans", 2.6, true);
        text(cr, 26, 12, std::string(s.line1));
        font(cr, "Liberation Sans", 2.4);
        text(cr, 26, 15.5, std::string(s.line2));
        text(cr, 26, 19, std::string(s.line3));
        font(cr, "Liberation Sans", 2.0, false, true);
        text(cr, 10, 27, "Si non distribuable, retourner à l'expéditeur");
    } else if (layout.privateSenderNote) {
        setColour(cr, 0x1A2A80);
        font(cr, "DkgHandwriting", 3.2);
        text(cr, 9, 11, "Exp. : Mme Rose Alvarez");
        text(cr, 9, 15.5, "14 allée des Tilleuls");
        text(cr, 9, 20, "38000 Grenoble");
    }

    // Postage, top right: a franking mark with La Poste DataMatrix, or a stamp with a postmark.
    if (layout.sender) {
        const double fx = W - 52, fy = 7;
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        cairo_set_line_width(cr, 0.3);
        cairo_rectangle(cr, fx, fy, 45, 22);
        cairo_stroke(cr);
        font(cr, "Liberation Sans", 2.4, true);
        text(cr, fx + 2, fy + 5, "LA POSTE");
        font(cr, "Liberation Sans", 2.2);
        text(cr, fx + 2, fy + 9, chance(rng, 0.5) ? "LETTRE VERTE" : "ECOPLI");
        text(cr, fx + 2, fy + 13, "PORT PAYÉ");
        text(cr, fx + 2, fy + 17, "FRANCE");
        std::string payload = "DMLP" + randomDigits(rng, 20) + "FR" + randomDigits(rng, 10);
        paintBarcode(cr, ZXing::BarcodeFormat::DataMatrix, payload, fx + 26, fy + 3, 16, 16);
    } else {
        const double sw = 21, sh = 25, sx = W - sw - 8, sy = 7;
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_rectangle(cr, sx - 1, sy - 1, sw + 2, sh + 2);
        cairo_fill(cr);
        setColour(cr, pickFrom(rng, std::array<unsigned, 4>{0x2E8B57, 0xC0392B, 0x8E44AD, 0x2C70B8}));
        cairo_rectangle(cr, sx + 1, sy + 1, sw - 2, sh - 2);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 1, 1, 1);
        for (double t = sx; t <= sx + sw; t += 2) {
            cairo_arc(cr, t, sy - 1, 0.6, 0, 2 * M_PI);
            cairo_fill(cr);
            cairo_arc(cr, t, sy + sh + 1, 0.6, 0, 2 * M_PI);
            cairo_fill(cr);
        }
        cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
        cairo_arc(cr, sx + sw / 2, sy + sh / 2 - 2, 5.5, 0, 2 * M_PI);
        cairo_fill(cr);
        font(cr, "DejaVu Sans", 2.0, true);
        text(cr, sx + 2, sy + sh - 3, "LETTRE VERTE");
        // Postmark: a ring with the office and date, then wavy lines across the stamp.
        cairo_set_source_rgba(cr, 0.12, 0.12, 0.15, 0.8);
        cairo_set_line_width(cr, 0.5);
        const double cx = sx - 8, cy = sy + 12;
        cairo_arc(cr, cx, cy, 11, 0, 2 * M_PI);
        cairo_stroke(cr);
        font(cr, "DejaVu Sans Mono", 2.4, true);
        text(cr, cx - 7, cy - 3, layout.postmark);
        text(cr, cx - 8, cy + 2, "1" + std::to_string(between(rng, 0, 8)) + "-11 2026");
        for (int k = 0; k < 5; ++k) {
            const double y = sy + 3 + k * 4.5;
            cairo_move_to(cr, cx + 12, y);
            for (double x = cx + 12; x < W - 2; x += 2)
                cairo_line_to(cr, x, y + std::sin((x - cx) / 3.0) * 1.4);
            cairo_stroke(cr);
        }
    }

    // Registered-mail or parcel label, top middle.
    if (layout.kind != "courrier") {
        const double lw = 74, lh = 30, lx = std::max(W * 0.5 - lw / 2 - 8, 62.0), ly = 6;
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_rectangle(cr, lx, ly, lw, lh);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, 0.3);
        cairo_rectangle(cr, lx, ly, lw, lh);
        cairo_stroke(cr);
        font(cr, "Liberation Sans", 2.6, true);
        text(cr, lx + 2, ly + 4,
             layout.kind == "recommande" ? "R1 RECOMMANDÉ AVEC A.R." : "COLISSIMO - SUIVI");
        paintBarcode(cr, ZXing::BarcodeFormat::Code128, layout.tracking, lx + 5, ly + 6, lw - 10, 15);
        font(cr, "Liberation Mono", 3.0, true);
        text(cr, lx + 12, ly + 27, spacedTracking(layout.tracking));
    }

    // Window.
    double ax, ay;
    if (layout.window) {
        const double ww = 100, wh = 45, wx = W - 20 - ww, wy = H - 15 - wh;
        cairo_set_source_rgba(cr, 0.97, 0.98, 1.0, 1.0);
        cairo_rectangle(cr, wx, wy, ww, wh);
        cairo_fill(cr);
        cairo_set_source_rgba(cr, 0.35, 0.35, 0.4, 0.7);
        cairo_set_line_width(cr, 0.4);
        cairo_rectangle(cr, wx, wy, ww, wh);
        cairo_stroke(cr);
        ax = wx + uniform(rng, 4, 12);
        ay = wy + uniform(rng, 4, 8);
    } else if (layout.handwritten) {
        ax = W * uniform(rng, 0.33, 0.47);
        ay = H * uniform(rng, 0.42, 0.55);
    } else {
        ax = W * uniform(rng, 0.45, 0.55);
        ay = H * uniform(rng, 0.5, 0.6);
    }

    // "Reçu le" rubber stamp of the structure, between sender and recipient.
    if (layout.recuLe) {
        cairo_save(cr);
        const double rx = W * uniform(rng, 0.08, 0.28), ry = H * uniform(rng, 0.42, 0.62);
        cairo_translate(cr, rx, ry);
        cairo_rotate(cr, uniform(rng, -0.18, 0.18));
        setColour(cr, chance(rng, 0.6) ? 0xC0282D : 0x2040A0, 0.85);
        cairo_set_line_width(cr, 0.6);
        cairo_rectangle(cr, 0, 0, 44, 15);
        cairo_stroke(cr);
        cairo_rectangle(cr, 1.2, 1.2, 41.6, 12.6);
        cairo_stroke(cr);
        font(cr, "DejaVu Sans Mono", 3.2, true);
        text(cr, 3, 6.5, "REÇU LE " + std::to_string(between(rng, 10, 28)) + " NOV. 2026");
        font(cr, "DejaVu Sans", 2.4, true);
        text(cr, 8, 11.5, layout.stamp);
        cairo_restore(cr);
    }

    // Recipient block.
    std::string family;
    double size;
    if (layout.handwritten) {
        family = std::string(layout.heldOutFonts ? pickFrom(rng, names::heldOutHandFonts)
                                                 : pickFrom(rng, names::handFonts));
        // Humor Sans and Tomson Talks have no accented letters: the envelope would not say what the
        // truth says.
        const bool accents = std::any_of(layout.lines.begin(), layout.lines.end(), [](const std::string& l) {
            return std::any_of(l.begin(), l.end(),
                               [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
        });
        if (accents && family == "Humor Sans") family = "Comic Neue";
        if (accents && family == "Tomson Talks") family = "Breip";
        size = uniform(rng, 4.6, 6.2) * (layout.size.w > 250 ? 1.2 : 1.0);
        setColour(cr, chance(rng, 0.5) ? 0x1A2A80 : 0x151515);
    } else {
        family = std::string(layout.heldOutFonts ? pickFrom(rng, names::heldOutPrintedFonts)
                                                 : pickFrom(rng, names::printedFonts));
        size = uniform(rng, 3.3, 4.3);
        cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);
    }
    font(cr, family, size, !layout.handwritten && chance(rng, 0.2));
    fontUsed = family;
    double widest = 0;
    for (const auto& l : layout.lines)
        widest = std::max(widest, textWidth(cr, l));
    const double room = (layout.window ? (W - 20 - (ax - 0)) : (W - 8 - ax));
    if (widest > room) {
        size *= room / widest;
        font(cr, family, size, false);
        widest = room;
    }
    const double lead = size * (layout.handwritten ? uniform(rng, 1.35, 1.6) : uniform(rng, 1.2, 1.4));
    double y = ay + size;
    for (const auto& l : layout.lines) {
        const double jitterX = layout.handwritten ? uniform(rng, -2.5, 2.5) : 0.0;
        const double angle = layout.handwritten ? uniform(rng, -0.03, 0.03) : 0.0;
        cairo_save(cr);
        cairo_translate(cr, ax + jitterX, y);
        cairo_rotate(cr, angle);
        text(cr, 0, 0, l);
        cairo_text_extents_t e;
        cairo_text_extents(cr, l.c_str(), &e);
        cairo_restore(cr);
        const double c = std::cos(angle), s = std::sin(angle);
        for (auto [px, py] :
             {std::pair{e.x_bearing, e.y_bearing}, std::pair{e.x_bearing + e.width, e.y_bearing},
              std::pair{e.x_bearing, e.y_bearing + e.height},
              std::pair{e.x_bearing + e.width, e.y_bearing + e.height}})
            block.add(ax + jitterX + px * c - py * s, y + px * s + py * c);
        y += lead;
    }

    cairo_surface_flush(surface.get());
    cv::Mat bgra(hpx, wpx, CV_8UC4, cairo_image_surface_get_data(surface.get()),
                 static_cast<size_t>(cairo_image_surface_get_stride(surface.get())));
    cv::Mat bgr;
    cv::cvtColor(bgra, bgr, cv::COLOR_BGRA2BGR);
    return bgr;
}

void addNoise(Rng& rng, cv::Mat& image, double sigma) {
    cv::Mat noise(image.size(), CV_16SC3);
    cv::RNG cvRng(static_cast<std::uint64_t>(rng()));
    cvRng.fill(noise, cv::RNG::NORMAL, 0, sigma);
    cv::Mat widened;
    image.convertTo(widened, CV_16SC3);
    widened += noise;
    widened.convertTo(image, CV_8UC3);
}

/// A desk with things on it, for photos.
cv::Mat clutteredBackground(Rng& rng, cv::Size size) {
    const cv::Scalar desk =
        pickFrom(rng, std::array<cv::Scalar, 4>{cv::Scalar(60, 90, 130), cv::Scalar(110, 110, 105),
                                                cv::Scalar(40, 45, 50), cv::Scalar(150, 160, 170)});
    cv::Mat bg(size, CV_8UC3, desk);
    // Wood-like grain.
    for (int y = 0; y < size.height; y += between(rng, 3, 9))
        cv::line(bg, {0, y}, {size.width, y + between(rng, -20, 20)}, desk * uniform(rng, 0.85, 1.1),
                 between(rng, 1, 3));
    for (int k = between(rng, 2, 5); k > 0; --k) {
        cv::Point a(between(rng, 0, size.width), between(rng, 0, size.height));
        cv::Point b = a + cv::Point(between(rng, 80, size.width / 2), between(rng, 40, size.height / 2));
        cv::Scalar colour =
            chance(rng, 0.5) ? cv::Scalar(235, 235, 235)
                             : cv::Scalar(between(rng, 0, 200), between(rng, 0, 200), between(rng, 0, 200));
        cv::rectangle(bg, a, b, colour, cv::FILLED);
    }
    cv::GaussianBlur(bg, bg, {0, 0}, 1.2);
    return bg;
}

} // namespace

const char* toString(Condition condition) {
    switch (condition) {
    case Condition::Scan300:
        return "scan300";
    case Condition::Scan200:
        return "scan200";
    case Condition::Rotated:
        return "rotated";
    case Condition::UpsideDown:
        return "upside-down";
    case Condition::Photo:
        return "photo";
    }
    return "?";
}

std::optional<Condition> conditionFromString(std::string_view name) {
    for (auto c : {Condition::Scan300, Condition::Scan200, Condition::Rotated, Condition::UpsideDown,
                   Condition::Photo})
        if (name == toString(c)) return c;
    return std::nullopt;
}

bool isCleanScan(Condition condition) {
    return condition == Condition::Scan300 || condition == Condition::Scan200;
}

std::string DirectorySpec::csv() const {
    std::ostringstream out;
    out << "ref,customRef,nom,prenom,surnom,dateNaissance,statut,ayantsDroits,procurations\n";
    auto join = [](const std::vector<std::pair<std::string, std::string>>& list) {
        std::string s;
        for (const auto& [prenom, nom] : list)
            s += (s.empty() ? "" : ";") + prenom + " " + nom;
        return s;
    };
    for (const auto& p : people)
        out << p.ref << ',' << csvField(p.customRef) << ',' << csvField(p.nom) << ',' << csvField(p.prenom)
            << ',' << csvField(p.surnom) << ',' << p.dateNaissance << ',' << p.statut << ','
            << csvField(join(p.ayantsDroits)) << ',' << csvField(join(p.procurations)) << '\n';
    return out.str();
}

DirectorySpec makeDirectory(std::uint64_t seed, int count) {
    Rng rng(mix(seed, 0xD1EC7));
    DirectorySpec dir;
    std::set<std::pair<std::string, std::string>> used;
    auto birth = [&rng] {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", between(rng, 1945, 2004), between(rng, 1, 12),
                      between(rng, 1, 28));
        return std::string(buf);
    };
    for (int i = 0; i < count; ++i) {
        Person p;
        p.ref = 1000 + i * 3 + between(rng, 0, 2);
        p.customRef = std::to_string(i + 1);
        if (i > 10 && i % 60 == 7) { // homonym of an earlier dossier
            const Person& twin = dir.people[static_cast<size_t>(between(rng, 0, i - 1))];
            p.nom = twin.nom;
            p.prenom = twin.prenom;
        } else {
            do {
                p.nom = std::string(pickFrom(rng, names::surnames));
                if (chance(rng, 0.06)) p.nom += "-" + std::string(pickFrom(rng, names::surnames));
                p.prenom = std::string(pickFrom(rng, names::firstNames));
            } while (!used.insert({p.nom, p.prenom}).second);
        }
        p.dateNaissance = birth();
        const double st = uniform(rng, 0, 1);
        p.statut = st < 0.9 ? "VALIDE" : st < 0.94 ? "RADIE" : st < 0.97 ? "REFUS" : "INSTRUCTION";
        if (chance(rng, 0.08)) p.surnom = std::string(pickFrom(rng, names::aliases));
        if (chance(rng, 0.15))
            for (int k = between(rng, 1, 2); k > 0; --k)
                p.ayantsDroits.emplace_back(std::string(pickFrom(rng, names::firstNames)), p.nom);
        if (chance(rng, 0.1))
            p.procurations.emplace_back(std::string(pickFrom(rng, names::firstNames)),
                                        std::string(pickFrom(rng, names::surnames)));
        dir.people.push_back(std::move(p));
    }
    // A separate stream, so that the dossiers of a seed do not depend on the structure.
    Rng structureRng(mix(seed, 0x57C0C7));
    const names::Structure& st = pickFrom(structureRng, names::structures);
    dir.structureName = st.name;
    dir.street = st.street;
    dir.postBox = st.postBox;
    dir.city = st.city;
    dir.cityMixed = st.cityMixed;
    dir.postmark = st.postmark;
    dir.stamp = st.stamp;
    return dir;
}

/// Forms about 1 envelope in 26 takes (11 of 300 on seed 5): "Pour Monsieur …", "À l'attention de
/// …", a c/o written on the name's line ("… chez CCAS de Lyon"), "Madame veuve …". Drawn from a
/// generator of their own, so every other envelope of a seed is the same as before they were added.
namespace {
void rarerForms(std::uint64_t seed, bool female, std::vector<std::string>& lines) {
    Rng rng(seed);
    const double form = uniform(rng, 0, 1);
    std::string& name = lines.front();
    const bool civility = name.rfind("Monsieur ", 0) == 0 || name.rfind("Madame ", 0) == 0 ||
                          name.rfind("M. ", 0) == 0 || name.rfind("Mme ", 0) == 0;
    if (form < 0.02 && civility) {
        name = "Pour " + name;
    } else if (form < 0.035 && name.size() <= 30) {
        name = "À l'attention de " + name;
    } else if (form < 0.05 && lines.size() > 3 &&
               (lines[1].rfind("chez ", 0) == 0 || lines[1].rfind("C/O ", 0) == 0) &&
               name.size() + lines[1].size() <= 44) {
        name += " " + lines[1];
        lines.erase(lines.begin() + 1);
    } else if (form < 0.06 && female && name.rfind("Madame ", 0) == 0) {
        name.insert(7, "veuve ");
    }
}
} // namespace

Sample makeEnvelope(const DirectorySpec& directory, std::uint64_t seed, int index, const Options& options) {
    if (directory.people.empty()) throw std::invalid_argument("makeEnvelope: empty directory");
    Rng rng(mix(seed, static_cast<std::uint64_t>(index) + 1));
    Sample sample;
    Truth& t = sample.truth;
    char nameBuf[32];
    std::snprintf(nameBuf, sizeof nameBuf, "env-%04d", index);
    t.name = nameBuf;

    if (options.condition) {
        t.condition = *options.condition;
    } else {
        const double c = uniform(rng, 0, 1);
        t.condition = c < 0.35  ? Condition::Scan300
                      : c < 0.5 ? Condition::Scan200
                      : c < 0.7 ? Condition::Rotated
                      : c < 0.8 ? Condition::UpsideDown
                                : Condition::Photo;
    }
    const double f = uniform(rng, 0, 1);
    t.format = f < 0.55 ? "DL" : f < 0.85 ? "C5" : "C4";

    Layout layout;
    layout.size = formatSize(t.format);
    layout.handwritten = chance(rng, 0.25);
    layout.heldOutFonts = options.heldOutFonts;
    t.writing = layout.handwritten ? "handwritten" : "printed";
    if (!layout.handwritten) layout.sender = &pickFrom(rng, names::senders);
    t.sender = layout.sender ? std::string(layout.sender->code) : "private";
    layout.privateSenderNote = layout.handwritten && chance(rng, 0.3);
    layout.window = !layout.handwritten && chance(rng, 0.45);
    t.window = layout.window;
    const double pp = uniform(rng, 0, 1);
    t.paper =
        layout.window ? (pp < 0.85 ? "white" : "cream")
        : pp < 0.55   ? "white"
        : pp < 0.7    ? "kraft"
        : pp < 0.8
            ? "cream"
            : std::string(pickFrom(rng, std::array<std::string_view, 4>{"blue", "pink", "yellow", "green"}));
    layout.paper = t.paper;
    const double k = uniform(rng, 0, 1);
    t.kind = k < 0.12 ? "recommande" : k < 0.17 ? "colis" : "courrier";
    if (t.kind != "courrier") t.tracking = (t.kind == "recommande" ? "1A" : "6A") + randomDigits(rng, 11);
    layout.kind = t.kind;
    layout.tracking = t.tracking;
    layout.recuLe = chance(rng, 0.2);
    layout.postmark = directory.postmark;
    layout.stamp = directory.stamp;

    // Who is it for?
    std::vector<const Person*> valid;
    for (const auto& p : directory.people)
        if (p.statut == "VALIDE") valid.push_back(&p);
    if (valid.empty()) valid.push_back(&directory.people.front());
    std::set<std::pair<std::string, std::string>> known;
    for (const auto& p : directory.people) {
        known.insert({p.nom, p.prenom});
        for (const auto& [pr, n] : p.ayantsDroits)
            known.insert({n, pr});
    }
    std::string nom, prenom, box;
    if (chance(rng, options.absentRate)) {
        if (chance(rng, 0.4)) {
            t.absentKind = "near";
            const Person& base = *pickFrom(rng, valid);
            prenom = base.prenom;
            do
                nom = oneLetterAway(rng, base.nom);
            while (known.count({nom, prenom}));
        } else {
            t.absentKind = "stranger";
            do {
                nom = std::string(pickFrom(rng, names::surnames));
                prenom = std::string(pickFrom(rng, names::firstNames));
            } while (known.count({nom, prenom}));
        }
        box = std::to_string(between(rng, 1, static_cast<int>(directory.people.size())));
    } else {
        const Person& target = *pickFrom(rng, valid);
        t.dossier = target.ref;
        box = target.customRef;
        if (!target.ayantsDroits.empty() && chance(rng, 0.1)) {
            const auto& dep = pickFrom(rng, target.ayantsDroits);
            prenom = dep.first;
            nom = dep.second;
            t.via = "dependant";
        } else {
            nom = target.nom;
            prenom = target.prenom;
        }
    }

    // How is the name written?
    const bool female = isFemale(prenom);
    std::string nomU = upper(nom);
    std::string prenomW = prenom;
    const double form = uniform(rng, 0, 1);
    std::string nameLine;
    if (layout.handwritten && chance(rng, 0.4)) {
        nameLine =
            (chance(rng, 0.5) ? (female ? "Madame " : "Monsieur ") : "") + prenomW + " " + titleCase(nomU);
    } else if (form < 0.25) {
        nameLine = (female ? "Mme " : "M. ") + nomU + " " + prenomW;
    } else if (form < 0.45) {
        nameLine = (female ? "Madame " : "Monsieur ") + prenomW + " " + nomU;
    } else if (form < 0.6) {
        nameLine = prenomW + " " + nomU;
    } else if (form < 0.72) {
        nameLine = nomU + " " + prenomW;
    } else if (form < 0.84) {
        nameLine = (female ? "MME " : "M. ") + nomU + " " + upper(prenomW);
    } else if (female && form < 0.94) {
        nameLine =
            "Mme " + nomU + " " + prenomW + " épouse " + upper(std::string(pickFrom(rng, names::surnames)));
    } else {
        nameLine = (female ? "Madame " : "Monsieur ") + nomU + " " + prenomW;
    }
    t.recipientLines.push_back(nameLine);
    const double via = uniform(rng, 0, 1);
    if (via < 0.45) {
        t.recipientLines.push_back("chez " + directory.structureName);
    } else if (via < 0.65) {
        t.recipientLines.push_back("C/O " + std::string(pickFrom(rng, names::associations)));
    } else if (via < 0.8) {
        t.recipientLines.push_back(directory.structureName + " - Domiciliation");
    }
    // Homonyms are told to write their box number; others sometimes do.
    bool homonym = false;
    if (t.dossier)
        for (const auto& p : directory.people)
            homonym |= p.ref != *t.dossier && p.nom == nom && p.prenom == prenom;
    if (chance(rng, homonym ? 0.7 : 0.25))
        t.recipientLines.push_back((chance(rng, 0.6) ? "Boite " : "BP ") + box);
    t.recipientLines.push_back(directory.street);
    if (!directory.postBox.empty()) t.recipientLines.push_back(directory.postBox);
    t.recipientLines.push_back(chance(rng, 0.7) ? directory.city : directory.cityMixed);
    rarerForms(mix(mix(seed, static_cast<std::uint64_t>(index) + 1), 0xF0235), female, t.recipientLines);
    layout.lines = t.recipientLines;

    // Render.
    const bool photo = t.condition == Condition::Photo;
    t.dpi = t.condition == Condition::Scan200 ? 200 : (photo ? 200 : (chance(rng, 0.8) ? 300 : 200));
    const double pxPerMm = t.dpi / 25.4;
    Rect block;
    cv::Mat envelope = drawEnvelope(rng, layout, pxPerMm, block, t.font);
    addNoise(rng, envelope, 2.5);
    const cv::Point2f corners[4] = {{0, 0},
                                    {static_cast<float>(envelope.cols), 0},
                                    {static_cast<float>(envelope.cols), static_cast<float>(envelope.rows)},
                                    {0, static_cast<float>(envelope.rows)}};
    const float pad = 1.5f * static_cast<float>(pxPerMm);
    const cv::Point2f blockCorners[4] = {
        {static_cast<float>(block.x0 * pxPerMm) - pad, static_cast<float>(block.y0 * pxPerMm) - pad},
        {static_cast<float>(block.x1 * pxPerMm) + pad, static_cast<float>(block.y0 * pxPerMm) - pad},
        {static_cast<float>(block.x1 * pxPerMm) + pad, static_cast<float>(block.y1 * pxPerMm) + pad},
        {static_cast<float>(block.x0 * pxPerMm) - pad, static_cast<float>(block.y1 * pxPerMm) + pad}};

    cv::Mat canvas;
    cv::Mat homography;
    if (!photo) {
        double angle = uniform(rng, -1.5, 1.5);
        if (t.condition == Condition::Rotated) {
            angle = chance(rng, 0.2) ? (chance(rng, 0.5) ? 90.0 : -90.0) + uniform(rng, -5, 5)
                                     : (chance(rng, 0.5) ? 1 : -1) * uniform(rng, 3, 15);
        } else if (t.condition == Condition::UpsideDown) {
            angle = 180 + uniform(rng, -4, 4);
        }
        t.rotationDeg = angle;
        const double rad = angle * M_PI / 180.0;
        const double c = std::cos(rad), s = std::sin(rad);
        const double bw = std::abs(envelope.cols * c) + std::abs(envelope.rows * s);
        const double bh = std::abs(envelope.cols * s) + std::abs(envelope.rows * c);
        const double mx = uniform(rng, 4, 25) * pxPerMm, my = uniform(rng, 4, 25) * pxPerMm;
        const double mx2 = uniform(rng, 4, 25) * pxPerMm, my2 = uniform(rng, 4, 25) * pxPerMm;
        cv::Size out(static_cast<int>(bw + mx + mx2), static_cast<int>(bh + my + my2));
        // Rotation about the envelope centre, then moved to the bed position.
        cv::Mat rot = (cv::Mat_<double>(3, 3) << c, -s, 0, s, c, 0, 0, 0, 1);
        cv::Mat toOrigin =
            (cv::Mat_<double>(3, 3) << 1, 0, -envelope.cols / 2.0, 0, 1, -envelope.rows / 2.0, 0, 0, 1);
        cv::Mat place = (cv::Mat_<double>(3, 3) << 1, 0, mx + bw / 2, 0, 1, my + bh / 2, 0, 0, 1);
        homography = place * rot * toOrigin;
        const bool darkLid = chance(rng, 0.35);
        const double bed = darkLid ? uniform(rng, 25, 60) : uniform(rng, 225, 250);
        canvas = cv::Mat(out, CV_8UC3, cv::Scalar(bed, bed, bed));
        addNoise(rng, canvas, 2.0);
    } else {
        const bool webcam = chance(rng, 0.4);
        cv::Size out = webcam ? cv::Size(1920, 1080) : cv::Size(2304, 1728);
        canvas = clutteredBackground(rng, out);
        const double fill = uniform(rng, 0.55, 0.82);
        const double aspect = static_cast<double>(envelope.rows) / envelope.cols;
        double ew = out.width * fill;
        double eh = ew * aspect;
        if (eh > out.height * 0.85) {
            eh = out.height * 0.85;
            ew = eh / aspect;
        }
        const double cx = out.width / 2.0 + uniform(rng, -0.08, 0.08) * out.width;
        const double cy = out.height / 2.0 + uniform(rng, -0.06, 0.06) * out.height;
        double angle = uniform(rng, -10, 10) + (chance(rng, 0.15) ? 180.0 : 0.0);
        t.rotationDeg = angle;
        const double rad = angle * M_PI / 180.0;
        std::vector<cv::Point2f> dst;
        const double jitter = uniform(rng, 0.02, 0.07);
        for (const auto& p : corners) {
            double x = (p.x / static_cast<double>(envelope.cols) - 0.5) * ew;
            double y = (p.y / static_cast<double>(envelope.rows) - 0.5) * eh;
            x += uniform(rng, -jitter, jitter) * ew;
            y += uniform(rng, -jitter, jitter) * eh;
            dst.emplace_back(static_cast<float>(cx + x * std::cos(rad) - y * std::sin(rad)),
                             static_cast<float>(cy + x * std::sin(rad) + y * std::cos(rad)));
        }
        homography = cv::getPerspectiveTransform(std::vector<cv::Point2f>(corners, corners + 4), dst);
        t.dpi = static_cast<int>(std::lround(ew / (layout.size.w / 25.4)));
    }
    cv::Mat warped, mask;
    cv::warpPerspective(envelope, warped, homography, canvas.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT);
    cv::warpPerspective(cv::Mat(envelope.size(), CV_8UC1, cv::Scalar(255)), mask, homography, canvas.size(),
                        cv::INTER_LINEAR, cv::BORDER_CONSTANT);
    if (photo) { // a soft shadow under the envelope
        cv::Mat shadow;
        cv::GaussianBlur(mask, shadow, {0, 0}, 12);
        cv::Mat shadowF;
        shadow.convertTo(shadowF, CV_32F, 0.35 / 255.0);
        cv::Mat canvasF;
        canvas.convertTo(canvasF, CV_32FC3);
        cv::Mat keep;
        cv::merge(std::vector<cv::Mat>(3, 1.0 - shadowF), keep);
        canvasF = canvasF.mul(keep);
        canvasF.convertTo(canvas, CV_8UC3);
    }
    warped.copyTo(canvas, mask > 127);

    std::vector<cv::Point2f> env(corners, corners + 4), blk(blockCorners, blockCorners + 4), envOut, blkOut;
    cv::perspectiveTransform(env, envOut, homography);
    cv::perspectiveTransform(blk, blkOut, homography);
    for (size_t i = 0; i < 4; ++i) {
        t.envelopeQuad[i] = envOut[i];
        t.blockQuad[i] = blkOut[i];
    }

    if (photo) {
        // Uneven light: a linear gradient in a random direction and a vignette.
        cv::Mat light(canvas.size(), CV_32F);
        const double dir = uniform(rng, 0, 2 * M_PI);
        const double lo = uniform(rng, 0.45, 0.75), hi = uniform(rng, 1.0, 1.15);
        const double dx = std::cos(dir), dy = std::sin(dir);
        for (int y = 0; y < light.rows; ++y) {
            auto* row = light.ptr<float>(y);
            for (int x = 0; x < light.cols; ++x) {
                const double u = ((x - light.cols / 2.0) * dx + (y - light.rows / 2.0) * dy) /
                                     std::hypot(light.cols / 2.0, light.rows / 2.0) * 0.5 +
                                 0.5;
                const double r =
                    std::hypot((x - light.cols / 2.0) / light.cols, (y - light.rows / 2.0) / light.rows);
                row[x] = static_cast<float>((lo + (hi - lo) * u) * (1.0 - 0.35 * r * r));
            }
        }
        cv::Mat canvasF, lightC;
        canvas.convertTo(canvasF, CV_32FC3);
        cv::merge(std::vector<cv::Mat>(3, light), lightC);
        canvasF = canvasF.mul(lightC);
        canvasF.convertTo(canvas, CV_8UC3);
        cv::GaussianBlur(canvas, canvas, {0, 0}, uniform(rng, 0.5, 1.5));
        addNoise(rng, canvas, uniform(rng, 2, 6));
    } else if (chance(rng, 0.3)) {
        cv::GaussianBlur(canvas, canvas, {0, 0}, 0.6);
    }

    const bool jpeg = photo || chance(rng, 0.7);
    t.fileExtension = jpeg ? ".jpg" : ".png";
    std::vector<int> params;
    if (jpeg)
        params = {cv::IMWRITE_JPEG_QUALITY, photo ? between(rng, 50, 80) : between(rng, 82, 95)};
    else
        params = {cv::IMWRITE_PNG_COMPRESSION, 3};
    std::vector<uchar> bytes;
    cv::imencode(t.fileExtension, canvas, bytes, params);
    sample.image = jpeg ? cv::imdecode(bytes, cv::IMREAD_COLOR) : canvas;
    sample.encoded = std::move(bytes);
    return sample;
}

std::string toJson(const Truth& t) {
    auto quote = [](const std::string& s) {
        std::string out = "\"";
        for (char c : s) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        return out + "\"";
    };
    auto quad = [](const std::array<cv::Point2f, 4>& q) {
        std::ostringstream o;
        o << '[';
        for (size_t i = 0; i < 4; ++i)
            o << (i ? "," : "") << '[' << std::lround(q[i].x) << ',' << std::lround(q[i].y) << ']';
        return o.str() + "]";
    };
    std::ostringstream o;
    o << "{\"image\":" << quote(t.name + t.fileExtension)
      << ",\"dossier\":" << (t.dossier ? quote(std::to_string(*t.dossier)) : "null")
      << ",\"absent\":" << quote(t.absentKind) << ",\"via\":" << quote(t.via) << ",\"kind\":" << quote(t.kind)
      << ",\"tracking\":" << (t.tracking.empty() ? "null" : quote(t.tracking)) << ",\"lines\":[";
    for (size_t i = 0; i < t.recipientLines.size(); ++i)
        o << (i ? "," : "") << quote(t.recipientLines[i]);
    o << "],\"condition\":" << quote(toString(t.condition)) << ",\"format\":" << quote(t.format)
      << ",\"paper\":" << quote(t.paper) << ",\"writing\":" << quote(t.writing)
      << ",\"font\":" << quote(t.font) << ",\"sender\":" << quote(t.sender)
      << ",\"window\":" << (t.window ? "true" : "false") << ",\"dpi\":" << t.dpi
      << ",\"rotation\":" << t.rotationDeg << ",\"envelope\":" << quad(t.envelopeQuad)
      << ",\"block\":" << quad(t.blockQuad) << "}";
    return o.str();
}

std::filesystem::path writeImage(const std::filesystem::path& dir, const Sample& sample) {
    const std::filesystem::path path = dir / (sample.truth.name + sample.truth.fileExtension);
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(sample.encoded.data()),
               static_cast<std::streamsize>(sample.encoded.size()));
    return path;
}

std::vector<unsigned char> encodePdf(const std::vector<Sample>& pages) {
    std::vector<unsigned char> out;
    auto write = [](void* closure, const unsigned char* data, unsigned int length) {
        auto* bytes = static_cast<std::vector<unsigned char>*>(closure);
        bytes->insert(bytes->end(), data, data + length);
        return CAIRO_STATUS_SUCCESS;
    };
    SurfacePtr pdf(cairo_pdf_surface_create_for_stream(write, &out, 1, 1));
    ContextPtr cr(cairo_create(pdf.get()));
    for (const Sample& page : pages) {
        // The page is the image at its resolution, in points; the pixels go in as they are.
        const double pt = 72.0 / std::max(50, page.truth.dpi);
        cairo_pdf_surface_set_size(pdf.get(), page.image.cols * pt, page.image.rows * pt);
        cv::Mat bgra;
        cv::cvtColor(page.image, bgra, cv::COLOR_BGR2BGRA);
        SurfacePtr image(cairo_image_surface_create(CAIRO_FORMAT_RGB24, bgra.cols, bgra.rows));
        cairo_surface_flush(image.get());
        const int stride = cairo_image_surface_get_stride(image.get());
        for (int y = 0; y < bgra.rows; ++y)
            std::memcpy(cairo_image_surface_get_data(image.get()) +
                            static_cast<size_t>(y) * static_cast<size_t>(stride),
                        bgra.ptr(y), static_cast<size_t>(bgra.cols) * 4);
        cairo_surface_mark_dirty(image.get());
        if (page.truth.fileExtension == ".jpg") {
            // As a scanner does: the JPEG itself is the page's image stream (DCTDecode).
            auto* copy = new std::vector<unsigned char>(page.encoded);
            cairo_surface_set_mime_data(
                image.get(), CAIRO_MIME_TYPE_JPEG, copy->data(), copy->size(),
                [](void* data) { delete static_cast<std::vector<unsigned char>*>(data); }, copy);
        }
        cairo_save(cr.get());
        cairo_scale(cr.get(), pt, pt);
        cairo_set_source_surface(cr.get(), image.get(), 0, 0);
        cairo_paint(cr.get());
        cairo_restore(cr.get());
        cairo_show_page(cr.get());
    }
    cr.reset();
    cairo_surface_finish(pdf.get());
    return out;
}

std::optional<Truth> truthFromJson(const std::string& json) {
    const auto j = nlohmann::json::parse(json, nullptr, false);
    if (!j.is_object() || !j.contains("image") || !j.contains("condition")) return std::nullopt;
    try {
        Truth t;
        const std::string image = j.at("image").get<std::string>();
        const auto dot = image.rfind('.');
        t.name = image.substr(0, dot);
        t.fileExtension = dot == std::string::npos ? "" : image.substr(dot);
        if (!j.at("dossier").is_null()) t.dossier = std::stoll(j.at("dossier").get<std::string>());
        t.absentKind = j.at("absent").get<std::string>();
        t.via = j.at("via").get<std::string>();
        t.kind = j.at("kind").get<std::string>();
        if (!j.at("tracking").is_null()) t.tracking = j.at("tracking").get<std::string>();
        t.recipientLines = j.at("lines").get<std::vector<std::string>>();
        const auto condition = conditionFromString(j.at("condition").get<std::string>());
        if (!condition) return std::nullopt;
        t.condition = *condition;
        t.format = j.at("format").get<std::string>();
        t.paper = j.at("paper").get<std::string>();
        t.writing = j.at("writing").get<std::string>();
        t.font = j.at("font").get<std::string>();
        t.sender = j.at("sender").get<std::string>();
        t.window = j.at("window").get<bool>();
        t.dpi = j.at("dpi").get<int>();
        t.rotationDeg = j.at("rotation").get<double>();
        auto quad = [&](const char* key) {
            std::array<cv::Point2f, 4> q{};
            const auto& a = j.at(key);
            for (size_t i = 0; i < 4; ++i)
                q[i] = {a.at(i).at(0).get<float>(), a.at(i).at(1).get<float>()};
            return q;
        };
        t.envelopeQuad = quad("envelope");
        t.blockQuad = quad("block");
        return t;
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    } catch (const std::exception&) { // stoll on a dossier that is not a number
        return std::nullopt;
    }
}

} // namespace guichet::corpus
