#pragma once
// Reading image files (JPEG, PNG, TIFF, the first page of a PDF: through envelope::loadPage, the one
// loader, with its limits) into an owned Image, for the command line, tests and benchmarks.
// Thread-safe.

#include "guichet/codes/Codes.hpp"
#include "guichet/core/Result.hpp"

#include <filesystem>

namespace guichet::codes {

/// Gray images stay gray; anything else becomes BGR (alpha dropped, 16-bit scaled to 8).
/// Fails with the path and the cause when the file is missing, unreadable, not an image or over
/// the limits of envelope::LoadLimits (size, pixels, sides). Never throws.
Result<Image> readImageFile(const std::filesystem::path& path);

/// Writes a PNG (gray or BGR); fails with the path named.
Result<void> writePngFile(const Image& image, const std::filesystem::path& path);

} // namespace guichet::codes
