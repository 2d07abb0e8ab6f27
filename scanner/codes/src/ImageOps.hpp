#pragma once
// Pixel helpers private to guichet_codes.

#include "guichet/codes/Codes.hpp"

namespace guichet::codes::detail {

/// Luminance of `src` averaged over `factor` × `factor` blocks (factor 1 = gray conversion only).
/// The output is floor(width / factor) × floor(height / factor). Requires src.valid(), factor >= 1.
Image downscaleGray(const ImageView& src, int factor);

/// Stretches the gray levels of a gray image so that its 1st and 99th percentiles map to 0 and 255
/// (rescues low-light and washed-out frames before a fixed or global threshold).
Image normalizeContrast(const Image& gray);

} // namespace guichet::codes::detail
