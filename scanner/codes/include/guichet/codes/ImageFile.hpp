#pragma once
// Reading image files (PNG, JPEG, TIFF, BMP, PNM, WebP: what OpenCV's imgcodecs reads) into an
// owned Image, for the command line, tests and benchmarks. Thread-safe.

#include "guichet/codes/Codes.hpp"
#include "guichet/core/Result.hpp"

#include <filesystem>

namespace guichet::codes {

/// Gray images stay gray; anything else becomes BGR (alpha dropped, 16-bit scaled to 8).
/// Fails with the path and the cause when the file is missing, unreadable or not an image.
Result<Image> readImageFile(const std::filesystem::path& path);

/// Writes a PNG (gray or BGR); fails with the path named.
Result<void> writePngFile(const Image& image, const std::filesystem::path& path);

} // namespace guichet::codes
