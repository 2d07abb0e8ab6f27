#pragma once
// guichet::envelope — from a scan or photo to the recipient block of an envelope.
//
//   auto pages = loadImage("scan.tif");                 // JPEG, PNG, multi-page TIFF or PDF; checked first
//   auto found = locateRecipient(pages.value()[0]);     // envelope, orientation, skew, recipient block
//   use(found->block);                                  // gray, flat-field normalised, ready for OCR
//
// Steps: find the envelope in the frame (paper edges; whole frame when none is found), correct the
// perspective, put it landscape (a portrait page whose text runs across it, a letter out of its
// window envelope, stays portrait and its block is looked for in the window position) and upright
// (180° decided from the stamp corner and from the ascender/descender asymmetry of the text
// lines), locate the recipient block among the text
// blocks (not the sender, stamp, postmark, labels, logo, "Reçu le" stamp or window border), cut it
// from the source image at full resolution, flatten the light, deskew it (projection profile).
//
// Errors: loading returns an Error naming the file and the cause (missing, empty, truncated, not an
// image, too large). locateRecipient returns an Error when no text block is found.
// Thread-safety: pure functions; call them from any thread.

#include "guichet/core/Result.hpp"

#include <array>
#include <cstdint>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace guichet::envelope {

/// What a file may cost before it is refused. Every check is made on what the decoder itself will
/// produce (libtiff's page size, the PNG IHDR and JPEG frame header libpng and libjpeg read, the PDF
/// page as Poppler renders it), before the pixels are allocated. See docs/SECURITY.md.
struct LoadLimits {
    std::uintmax_t maxFileBytes =
        64u * 1024u * 1024u;             ///< bigger files (or non-regular ones) are refused unread
    std::int64_t maxPixels = 60'000'000; ///< per page (a 600-dpi A3 is 70 Mpx)
    int maxPages = 32;                   ///< TIFF or PDF pages beyond are refused
    /// Narrower or lower pages are refused: OpenCV's colour conversions and resizing throw on 1–2 px.
    int minSide = 16;
    /// Wider or taller pages are refused: OpenCV's remap throws at 32,767 px.
    int maxSide = 30'000;
    /// A PDF page is rendered in a child process; past this wall-clock time it is killed and the page
    /// refused (nested form XObjects, a huge content stream).
    double maxPageSeconds = 20.0;
    /// Memory a decoder may allocate for one page beyond the pixels it returns (a TIFF's RGBA buffer,
    /// the PDF renderer's address space).
    std::uintmax_t maxRenderMemoryBytes = 768u * 1024u * 1024u;
};

/// Checks a page's size against the limits: an error naming `source` and the size, or nothing.
Result<void> checkShape(std::int64_t width, std::int64_t height, const std::string& source,
                        const LoadLimits& limits = {});

/// Reads an image file as BGR 8-bit pages (one for JPEG/PNG; a TIFF's or a PDF's every page, PDF
/// pages rendered at 300 dpi, less if a page would pass maxPixels). The header is checked before
/// any decoding: size, page count and pixel count against the limits, and the JPEG/PNG end markers
/// and PDF %%EOF so a half-written or truncated file is an error, not a grey half-image.
Result<std::vector<cv::Mat>> loadImage(const std::string& path, const LoadLimits& limits = {});

/// How many pages loadPage can read: 1 for a JPEG or PNG (from its first bytes only; checked when
/// loaded), a TIFF's or PDF's pages after the header checks. Errors as for loadImage.
Result<int> countPages(const std::string& path, const LoadLimits& limits = {});

/// One page (0-based) of the file, with loadImage's checks: a many-page PDF or TIFF is read one page
/// at a time, and its pages can go to several workers.
Result<cv::Mat> loadPage(const std::string& path, int page, const LoadLimits& limits = {});

/// Same checks on bytes already in memory (JPEG or PNG only; TIFF and PDF need a file).
/// None of these functions throws: an OpenCV, libtiff or Poppler failure is an Error naming the file.
Result<cv::Mat> decodeImage(const std::vector<unsigned char>& bytes, const std::string& source,
                            const LoadLimits& limits = {});

enum class Orientation { Auto, Upright, UpsideDown };

struct LocateOptions {
    Orientation orientation = Orientation::Auto; ///< force one to retry the other way round
    int blockCapHeightPx = 30;                   ///< capital-letter height of the OCR image
    int maxCodeCrops = 6;                        ///< 0: do not cut code regions
};

/// A text block of the upright working copy of the envelope (see Located::toUpright).
struct TextBlock {
    cv::Rect box;          ///< in the upright working copy
    double capHeight = 0;  ///< capital-letter height there, px
    double lineHeight = 0; ///< mean height of its line boxes there, px
    int lines = 0;         ///< text rows
};

struct Located {
    cv::Mat block;      ///< 8-bit gray recipient block, flat-field normalised and deskewed
    int blockDpi = 300; ///< nominal resolution of `block` (for Tesseract's SetSourceResolution)
    /// Capital height in `block`, px: below the size asked for when the source is too coarse to be
    /// enlarged that much (a webcam photo), see LocateOptions::blockCapHeightPx.
    double blockCapPx = 0.0;
    cv::Mat blockColour; ///< the same region in colour, straightened, unnormalised (staff review)
    std::array<cv::Point2f, 4> blockQuad{};    ///< block corners in the source image (TL TR BR BL, upright)
    std::array<cv::Point2f, 4> envelopeQuad{}; ///< envelope corners in the source image (upright)
    bool envelopeFound = false;                ///< false: no paper edges found, the whole frame was used
    bool upsideDown = false;                   ///< the envelope was turned 180° to read it
    bool orientationSure = true;               ///< false when the 180° cues disagreed or were weak
    double skewDeg = 0.0;                      ///< block deskew applied
    int textLines = 0;                         ///< text lines found in the block
    /// The recipient block and the other text blocks, best first, in the upright working copy of
    /// the envelope (what recutBlock needs to cut the block again from the same image).
    TextBlock chosen;
    std::vector<TextBlock> otherBlocks;
    cv::Matx33d toUpright = cv::Matx33d::eye(); ///< source image → upright working copy
    cv::Size uprightSize;                       ///< size of the working copy
    /// Dense, code-like regions (barcode labels, DataMatrix, stamps), cut from the source image at
    /// full resolution, densest-looking first: decoding these is much cheaper than the whole frame.
    std::vector<cv::Mat> codeCrops;
};

/// Finds the recipient block in a BGR or gray 8-bit image. An image smaller than LoadLimits::minSide
/// or larger than LoadLimits::maxSide on a side is an Error; so is any OpenCV exception (never thrown).
Result<Located> locateRecipient(const cv::Mat& image, const LocateOptions& options = {});

/// Cuts the recipient block again from the same source image without redoing the layout: at
/// another text size (OCR retries cost a cut, ≈3 ms, not a new layout), or a larger region around
/// it (`grow` line heights above and below, four times that on each side, past the envelope's
/// edges if need be) when lines may have been missed. The result is `located` with block,
/// blockColour, blockQuad, blockDpi, skewDeg and textLines replaced.
/// Never throws either.
Result<Located> recutBlock(const cv::Mat& image, const Located& located, int capHeightPx, double grow = 0.0);

} // namespace guichet::envelope
