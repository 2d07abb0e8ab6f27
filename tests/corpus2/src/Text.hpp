#pragma once
// Text on a cairo surface through FreeType faces loaded from font files (not from fontconfig
// names, so the face is the one named in the truth).
#include "Internal.hpp"

#include <cairo.h>
#include <string>

namespace guichet::corpus2::detail {

struct Face;
Face* face(const std::string& file); ///< loaded once, kept for the process
/// `text` if the face has every glyph, else its ASCII fallback (people and printers drop accents).
std::string coverable(Face* f, const std::string& text);

struct Pen {
    Face* face = nullptr;
    double size = 40; ///< px
    double r = 0, g = 0, b = 0;
    bool hand = false; ///< jitter per glyph: baseline, angle, size, spacing
    double slant = 0;  ///< radians, the whole line (hand)
};

/// Draws one line with its baseline starting at (x, y); returns its advance width.
double drawLine(cairo_t* cr, const Pen& pen, double x, double y, const std::string& text, Rng& rng);
double measure(cairo_t* cr, const Pen& pen, const std::string& text);

} // namespace guichet::corpus2::detail
