#pragma once
// RGBA images as the screenshot harness reads them from GL and writes them to PNG (libpng), and
// the tolerant comparison screenshot tests use.

#include "guichet/core/Result.hpp"

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

namespace guichet::ui {

/// 8-bit RGBA, rows top first, no padding.
struct Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba;
    bool operator==(const Image&) const = default;
};

/// An Error when the file is missing or not a PNG libpng can read.
Result<Image> readPng(const std::filesystem::path& file);

/// The same from PNG bytes in memory (a review crop from the store). Thread-safe: a worker may
/// decode while the UI thread draws.
Result<Image> decodePng(std::span<const std::uint8_t> bytes);

/// Creates the parent folders. An Error when the file cannot be written.
Result<void> writePng(const std::filesystem::path& file, const Image& image);

struct ImageDifference {
    bool sameSize = false;
    long differingPixels = 0;  ///< pixels where a channel differs by more than the threshold
    double differingShare = 1; ///< of all pixels, 0 to 1 (1 when the sizes differ)
    int largestChannelDelta = 0;
};

/// Compares pixel by pixel: a pixel differs when any channel differs by more than
/// `channelThreshold` (0 to 255).
ImageDifference compareImages(const Image& a, const Image& b, int channelThreshold);

/// `a` with the pixels that differ from `b` (as compareImages counts them) painted red: what a
/// failing screenshot test writes next to its output so a person can see what moved.
Image differenceImage(const Image& a, const Image& b, int channelThreshold);

} // namespace guichet::ui
