#include "Text.hpp"

#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <map>
#include <mutex>
#include <stdexcept>

namespace guichet::corpus2::detail {

struct Face {
    FT_Face ft = nullptr;
    cairo_font_face_t* cairo = nullptr;
};

Face* face(const std::string& file) {
    static std::mutex mutex;
    static FT_Library library = nullptr;
    static std::map<std::string, Face> faces;
    std::lock_guard lock(mutex);
    if (!library && FT_Init_FreeType(&library) != 0) throw std::runtime_error("FreeType init failed");
    auto it = faces.find(file);
    if (it != faces.end()) return &it->second;
    Face f;
    if (FT_New_Face(library, file.c_str(), 0, &f.ft) != 0)
        throw std::runtime_error("cannot load font " + file);
    f.cairo = cairo_ft_font_face_create_for_ft_face(f.ft, 0);
    return &faces.emplace(file, f).first->second;
}

std::string coverable(Face* f, const std::string& text) {
    for (const char32_t c : decode(text))
        if (c > ' ' && FT_Get_Char_Index(f->ft, c) == 0) return stripAccents(text);
    return text;
}

namespace {
void setPen(cairo_t* cr, const Pen& pen, double size) {
    cairo_set_font_face(cr, pen.face->cairo);
    cairo_set_font_size(cr, size);
    cairo_set_source_rgb(cr, pen.r, pen.g, pen.b);
}
} // namespace

double measure(cairo_t* cr, const Pen& pen, const std::string& text) {
    setPen(cr, pen, pen.size);
    cairo_text_extents_t e;
    cairo_text_extents(cr, coverable(pen.face, text).c_str(), &e);
    return e.x_advance;
}

double drawLine(cairo_t* cr, const Pen& pen, double x, double y, const std::string& text, Rng& rng) {
    const std::string t = coverable(pen.face, text);
    if (!pen.hand) {
        setPen(cr, pen, pen.size);
        cairo_move_to(cr, x, y);
        cairo_show_text(cr, t.c_str());
        cairo_text_extents_t e;
        cairo_text_extents(cr, t.c_str(), &e);
        return e.x_advance;
    }
    double cx = 0, wobble = 0;
    for (const char32_t c : decode(t)) {
        const std::string one = encode(std::u32string(1, c));
        const double size = pen.size * (1.0 + 0.07 * rng.normal());
        wobble = 0.7 * wobble + 0.05 * pen.size * rng.normal();
        setPen(cr, pen, size);
        cairo_save(cr);
        cairo_translate(cr, x + cx * std::cos(pen.slant), y + cx * std::sin(pen.slant) + wobble);
        cairo_rotate(cr, pen.slant + 0.05 * rng.normal());
        cairo_move_to(cr, 0, 0);
        cairo_show_text(cr, one.c_str());
        cairo_restore(cr);
        cairo_text_extents_t e;
        cairo_text_extents(cr, one.c_str(), &e);
        cx += e.x_advance * (1.0 + 0.08 * rng.normal()) + (c == ' ' ? 0.2 * size * rng.uniform() : 0);
    }
    return cx;
}

} // namespace guichet::corpus2::detail
