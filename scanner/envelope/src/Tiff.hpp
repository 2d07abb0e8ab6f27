#pragma once
// TIFF pages decoded with libtiff from memory, with the limits checked on what libtiff itself reads:
// the only file that includes libtiff. A header check of our own is not enough: LONG8 or duplicated
// size tags gave a page of 200 × 100 pixels to a hand parser and of 32,000 × 32,000 to libtiff.
#include "guichet/envelope/Envelope.hpp"

#include <string>
#include <vector>

namespace guichet::envelope {

/// True for a classic ("II*\0", "MM\0*") or BigTIFF ("II+\0", "MM\0+") header.
bool isTiff(const std::vector<unsigned char>& bytes);
bool isBigTiff(const std::vector<unsigned char>& bytes);

/// The number of pages as libtiff counts them (at most limits.maxPages, else an error).
Result<int> tiffPageCount(const std::vector<unsigned char>& bytes, const std::string& source,
                          const LoadLimits& limits);

/// Page `page` (0-based) as BGR 8-bit. The page's width and height as libtiff will decode them are
/// checked against the limits before any pixel is allocated.
Result<cv::Mat> decodeTiffPage(const std::vector<unsigned char>& bytes, const std::string& source, int page,
                               const LoadLimits& limits);

} // namespace guichet::envelope
