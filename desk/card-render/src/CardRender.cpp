#include "guichet/cards/CardRender.hpp"

#include <algorithm>
#include <cairo-pdf.h>
#include <cairo.h>
#include <cctype>
#include <cmath>
#include <memory>
#include <numbers>

namespace guichet::cards {
namespace {

constexpr double kMmPerInch = 25.4;
constexpr double kPdfPointsPerMm = 72.0 / kMmPerInch;
constexpr double kA4WidthMm = 210.0;
constexpr double kA4HeightMm = 297.0;
constexpr int kColumns = 2;
constexpr int kRows = 5;
constexpr double kGapMm = 3.0;
constexpr const char* kFont = "DejaVu Sans";

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
};
struct ContextDeleter {
    void operator()(cairo_t* c) const noexcept { cairo_destroy(c); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using Context = std::unique_ptr<cairo_t, ContextDeleter>;

bool validDpi(int dpi) {
    return dpi >= 72 && dpi <= 1200;
}

// Draws `text` with its left end at x, baseline at y, shrinking the font from `size` so that the
// text fits `maxWidth` (all in mm).
void fitText(cairo_t* cr, const std::string& text, double x, double y, double size, double maxWidth,
             cairo_font_weight_t weight = CAIRO_FONT_WEIGHT_NORMAL,
             cairo_font_slant_t slant = CAIRO_FONT_SLANT_NORMAL) {
    if (text.empty()) return;
    cairo_select_font_face(cr, kFont, slant, weight);
    cairo_set_font_size(cr, size);
    cairo_text_extents_t ext{};
    cairo_text_extents(cr, text.c_str(), &ext);
    if (ext.x_advance > maxWidth) cairo_set_font_size(cr, size * maxWidth / ext.x_advance);
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, text.c_str());
}

// Splits a name in at most two lines that each fit `maxWidth` at `size` if possible (at a space).
std::vector<std::string> twoLines(cairo_t* cr, const std::string& text, double size, double maxWidth) {
    cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, size);
    cairo_text_extents_t ext{};
    cairo_text_extents(cr, text.c_str(), &ext);
    if (ext.x_advance <= maxWidth) return {text};
    // The split point closest to the middle whose first line fits.
    std::size_t best = std::string::npos;
    for (std::size_t i = text.find(' '); i != std::string::npos; i = text.find(' ', i + 1)) {
        const std::string first = text.substr(0, i);
        cairo_text_extents(cr, first.c_str(), &ext);
        if (ext.x_advance <= maxWidth) best = i;
    }
    if (best == std::string::npos) return {text};
    return {text.substr(0, best), text.substr(best + 1)};
}

// The pictogram: a card with a QR held up to a kiosk screen, an arrow between them.
void drawPictogram(cairo_t* cr, double x, double y, double w, double h) {
    cairo_save(cr);
    cairo_set_line_width(cr, 0.35);
    cairo_set_source_rgb(cr, 0.1, 0.25, 0.55);
    // kiosk: screen on a stand
    const double kx = x + w * 0.58, kw = w * 0.38, kh = h * 0.62;
    cairo_rectangle(cr, kx, y, kw, kh);
    cairo_stroke(cr);
    cairo_rectangle(cr, kx + kw * 0.12, y + kh * 0.12, kw * 0.76, kh * 0.52);
    cairo_fill(cr);
    cairo_move_to(cr, kx + kw / 2, y + kh);
    cairo_line_to(cr, kx + kw / 2, y + h);
    cairo_move_to(cr, kx + kw * 0.2, y + h);
    cairo_line_to(cr, kx + kw * 0.8, y + h);
    cairo_stroke(cr);
    // card with a tiny QR-like square
    const double cw = w * 0.34, ch = cw * 0.63, cx = x, cy = y + h * 0.18;
    cairo_rectangle(cr, cx, cy, cw, ch);
    cairo_stroke(cr);
    const double q = ch * 0.6;
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            if ((i + j) % 2 == 0)
                cairo_rectangle(cr, cx + ch * 0.2 + i * q / 3, cy + ch * 0.2 + j * q / 3, q / 3, q / 3);
    cairo_fill(cr);
    // arrow
    const double ay = cy + ch / 2, ax0 = cx + cw + w * 0.04, ax1 = kx - w * 0.04;
    cairo_move_to(cr, ax0, ay);
    cairo_line_to(cr, ax1, ay);
    cairo_stroke(cr);
    cairo_move_to(cr, ax1, ay);
    cairo_line_to(cr, ax1 - 1.4, ay - 1.0);
    cairo_line_to(cr, ax1 - 1.4, ay + 1.0);
    cairo_close_path(cr);
    cairo_fill(cr);
    cairo_restore(cr);
}

void roundedRectangle(cairo_t* cr, double x, double y, double w, double h, double r) {
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - r, y + r, r, -std::numbers::pi / 2, 0);
    cairo_arc(cr, x + w - r, y + h - r, r, 0, std::numbers::pi / 2);
    cairo_arc(cr, x + r, y + h - r, r, std::numbers::pi / 2, std::numbers::pi);
    cairo_arc(cr, x + r, y + r, r, std::numbers::pi, 3 * std::numbers::pi / 2);
    cairo_close_path(cr);
}

// Draws one card with its top-left corner at the current origin, in mm. `pxPerMm` > 0 for raster
// output: the QR modules are then snapped to whole device pixels so that they print sharp.
void drawCard(cairo_t* cr, const CardFace& face, const codes::ModuleMatrix& qr, double pxPerMm) {
    cairo_save(cr);
    roundedRectangle(cr, 0, 0, kCardWidthMm, kCardHeightMm, 3.18);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.7, 0.7, 0.7);
    cairo_set_line_width(cr, 0.2);
    cairo_stroke(cr);

    // QR code, quiet zone of 4 modules included, in a 47 mm square on the left.
    const int quiet = 4;
    const int total = qr.size + 2 * quiet;
    const double qrTarget = 47.0;
    double module = qrTarget / total;
    if (pxPerMm > 0) module = std::max(1.0, std::floor(module * pxPerMm)) / pxPerMm;
    const double side = module * total;
    double qx = 3.0, qy = (kCardHeightMm - side) / 2;
    if (pxPerMm > 0) {
        double ux = qx, uy = qy;
        cairo_user_to_device(cr, &ux, &uy);
        ux = std::round(ux);
        uy = std::round(uy);
        cairo_device_to_user(cr, &ux, &uy);
        qx = ux;
        qy = uy;
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_antialias(cr, pxPerMm > 0 ? CAIRO_ANTIALIAS_NONE : CAIRO_ANTIALIAS_DEFAULT);
    for (int y = 0; y < qr.size; ++y) {
        int x = 0;
        while (x < qr.size) {
            if (!qr.dark(x, y)) {
                ++x;
                continue;
            }
            int end = x;
            while (end < qr.size && qr.dark(end, y))
                ++end;
            cairo_rectangle(cr, qx + (quiet + x) * module, qy + (quiet + y) * module, (end - x) * module,
                            module);
            x = end;
        }
    }
    cairo_fill(cr);
    cairo_set_antialias(cr, CAIRO_ANTIALIAS_DEFAULT);

    // Right column: structure, first name, pictogram, hint, issue date.
    const double tx = qx + side + 1.0;
    const double tw = kCardWidthMm - tx - 3.0;
    cairo_set_source_rgb(cr, 0.1, 0.25, 0.55);
    const std::vector<std::string> lines = twoLines(cr, face.structureName, 3.2, tw);
    double y = 8.0;
    for (const std::string& line : lines) {
        fitText(cr, line, tx, y, 3.2, tw, CAIRO_FONT_WEIGHT_BOLD);
        y += 4.0;
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    fitText(cr, face.firstName, tx, 20.5, 6.0, tw, CAIRO_FONT_WEIGHT_BOLD);
    drawPictogram(cr, tx, 24.5, tw, 12.0);
    cairo_set_source_rgb(cr, 0, 0, 0);
    fitText(cr, "Montrez cette carte à la borne", tx, 42.0, 2.6, tw);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    fitText(cr, "Show this card at the kiosk", tx, 45.5, 2.4, tw, CAIRO_FONT_WEIGHT_NORMAL,
            CAIRO_FONT_SLANT_ITALIC);
    if (!face.code.empty()) {
        // For when the camera cannot read the card: typed on the kiosk's keypad.
        cairo_set_source_rgb(cr, 0, 0, 0);
        fitText(cr, "Code " + face.code, tx, 49.3, 2.8, tw, CAIRO_FONT_WEIGHT_BOLD);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        if (face.issued) fitText(cr, "Émise le " + formatDateFr(*face.issued), tx, 52.4, 1.9, tw);
    } else if (face.issued) {
        fitText(cr, "Émise le " + formatDateFr(*face.issued), tx, 50.5, 2.2, tw);
    }
    cairo_restore(cr);
}

Result<codes::ModuleMatrix> qrFor(const CardFace& face) {
    // Level M: the target (≤ version 6) and ~15 % of the code may be damaged or hidden.
    return codes::encodeQr(face.token, codes::QrErrorCorrection::M);
}

std::string lowerExtension(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

Result<void> finishPng(cairo_surface_t* surface, const std::filesystem::path& path) {
    cairo_surface_flush(surface);
    const cairo_status_t status = cairo_surface_write_to_png(surface, path.c_str());
    if (status != CAIRO_STATUS_SUCCESS)
        return makeError("cannot write " + path.string() + ": " + cairo_status_to_string(status));
    return {};
}

Result<void> finishPdf(Surface surface, Context context, const std::filesystem::path& path) {
    context.reset();
    cairo_surface_finish(surface.get());
    const cairo_status_t status = cairo_surface_status(surface.get());
    if (status != CAIRO_STATUS_SUCCESS)
        return makeError("cannot write " + path.string() + ": " + cairo_status_to_string(status));
    return {};
}

// Draws sheets of up to 10 cards; `newPage` is called between pages.
void drawSheet(cairo_t* cr, const std::vector<CardFace>& faces, const std::vector<codes::ModuleMatrix>& qrs,
               double pxPerMm, std::size_t first) {
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    const double marginX = (kA4WidthMm - kColumns * kCardWidthMm - (kColumns - 1) * kGapMm) / 2;
    const double marginY = (kA4HeightMm - kRows * kCardHeightMm - (kRows - 1) * kGapMm) / 2;
    for (std::size_t i = first; i < faces.size() && i < first + kColumns * kRows; ++i) {
        const auto slot = static_cast<int>(i - first);
        cairo_save(cr);
        cairo_translate(cr, marginX + (slot % kColumns) * (kCardWidthMm + kGapMm),
                        marginY + (slot / kColumns) * (kCardHeightMm + kGapMm));
        drawCard(cr, faces[i], qrs[i], pxPerMm);
        cairo_restore(cr);
    }
}

} // namespace

std::optional<OutputKind> outputKindOf(const std::filesystem::path& path) {
    const std::string ext = lowerExtension(path);
    if (ext == ".png") return OutputKind::Png;
    if (ext == ".pdf") return OutputKind::Pdf;
    return std::nullopt;
}

Result<codes::Image> renderCardImage(const CardFace& face, int dpi) {
    if (!validDpi(dpi)) return makeError("card image: dpi " + std::to_string(dpi) + " outside 72..1200");
    auto qr = qrFor(face);
    if (!qr) return qr.error();
    const double pxPerMm = dpi / kMmPerInch;
    const int width = static_cast<int>(std::lround(kCardWidthMm * pxPerMm));
    const int height = static_cast<int>(std::lround(kCardHeightMm * pxPerMm));
    Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
    Context cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cairo_scale(cr.get(), pxPerMm, pxPerMm);
    drawCard(cr.get(), face, *qr, pxPerMm);
    cairo_surface_flush(surface.get());
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
        return makeError(std::string("card image: ") + cairo_status_to_string(cairo_status(cr.get())));

    // RGB24 is 32-bit native-endian xRGB: on little-endian bytes are B, G, R, x.
    codes::Image image;
    image.width = width;
    image.height = height;
    image.format = codes::PixelFormat::BGR;
    image.pixels.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
    const unsigned char* data = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    for (int y = 0; y < height; ++y) {
        const auto* row =
            reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        for (int x = 0; x < width; ++x) {
            const std::uint32_t px = row[x];
            const std::size_t o = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                                   static_cast<std::size_t>(x)) *
                                  3;
            image.pixels[o] = static_cast<std::uint8_t>(px & 0xFF);
            image.pixels[o + 1] = static_cast<std::uint8_t>((px >> 8) & 0xFF);
            image.pixels[o + 2] = static_cast<std::uint8_t>((px >> 16) & 0xFF);
        }
    }
    return image;
}

Result<void> writeCard(const CardFace& face, const std::filesystem::path& path, int dpi) {
    const auto kind = outputKindOf(path);
    if (!kind) return makeError("card file " + path.string() + ": use a .png or .pdf name");
    if (!validDpi(dpi))
        return makeError("card file " + path.string() + ": dpi " + std::to_string(dpi) + " outside 72..1200");
    auto qr = qrFor(face);
    if (!qr) return makeError("card file " + path.string() + ": " + qr.error().message);
    if (*kind == OutputKind::Png) {
        const double pxPerMm = dpi / kMmPerInch;
        Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                                   static_cast<int>(std::lround(kCardWidthMm * pxPerMm)),
                                                   static_cast<int>(std::lround(kCardHeightMm * pxPerMm))));
        Context cr(cairo_create(surface.get()));
        cairo_set_source_rgb(cr.get(), 1, 1, 1);
        cairo_paint(cr.get());
        cairo_scale(cr.get(), pxPerMm, pxPerMm);
        drawCard(cr.get(), face, *qr, pxPerMm);
        return finishPng(surface.get(), path);
    }
    Surface surface(cairo_pdf_surface_create(path.c_str(), kCardWidthMm * kPdfPointsPerMm,
                                             kCardHeightMm * kPdfPointsPerMm));
    Context cr(cairo_create(surface.get()));
    cairo_scale(cr.get(), kPdfPointsPerMm, kPdfPointsPerMm);
    drawCard(cr.get(), face, *qr, 0);
    cairo_show_page(cr.get());
    return finishPdf(std::move(surface), std::move(cr), path);
}

Result<void> writeCardSheet(const std::vector<CardFace>& faces, const std::filesystem::path& path, int dpi) {
    const auto kind = outputKindOf(path);
    if (!kind) return makeError("card sheet " + path.string() + ": use a .png or .pdf name");
    if (faces.empty()) return makeError("card sheet " + path.string() + ": no card to print");
    if (!validDpi(dpi))
        return makeError("card sheet " + path.string() + ": dpi " + std::to_string(dpi) +
                         " outside 72..1200");
    constexpr std::size_t perPage = kColumns * kRows;
    if (*kind == OutputKind::Png && faces.size() > perPage)
        return makeError("card sheet " + path.string() + ": a PNG holds one page of " +
                         std::to_string(perPage) + " cards; use a .pdf name for " +
                         std::to_string(faces.size()));
    std::vector<codes::ModuleMatrix> qrs;
    for (const CardFace& face : faces) {
        auto qr = qrFor(face);
        if (!qr) return makeError("card sheet " + path.string() + ": " + qr.error().message);
        qrs.push_back(std::move(*qr));
    }
    if (*kind == OutputKind::Png) {
        const double pxPerMm = dpi / kMmPerInch;
        Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                                   static_cast<int>(std::lround(kA4WidthMm * pxPerMm)),
                                                   static_cast<int>(std::lround(kA4HeightMm * pxPerMm))));
        Context cr(cairo_create(surface.get()));
        cairo_scale(cr.get(), pxPerMm, pxPerMm);
        drawSheet(cr.get(), faces, qrs, pxPerMm, 0);
        return finishPng(surface.get(), path);
    }
    Surface surface(
        cairo_pdf_surface_create(path.c_str(), kA4WidthMm * kPdfPointsPerMm, kA4HeightMm * kPdfPointsPerMm));
    Context cr(cairo_create(surface.get()));
    cairo_scale(cr.get(), kPdfPointsPerMm, kPdfPointsPerMm);
    for (std::size_t first = 0; first < faces.size(); first += perPage) {
        drawSheet(cr.get(), faces, qrs, 0, first);
        cairo_show_page(cr.get());
    }
    return finishPdf(std::move(surface), std::move(cr), path);
}

} // namespace guichet::cards
