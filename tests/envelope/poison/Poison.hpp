#pragma once
// Hostile inputs, generated in memory (no large binary is committed): each is a few bytes to a
// few hundred kilobytes that used to cost gigabytes or minutes (issue 17). Used by the loader
// tests, the fuzzers' seed corpora and bench/hostile.

#include <cstdint>
#include <string>
#include <vector>

namespace guichet::poison {

using Bytes = std::vector<unsigned char>;

/// A PNG whose IHDR says width × height (8-bit RGB) and whose IDAT holds `rows` rows of zeros: a
/// decoder that trusts the header allocates width × height × 3 bytes.
Bytes pngHeaderBomb(std::uint32_t width, std::uint32_t height, std::uint32_t rows = 4);

/// A real, small PNG (gray) of the given size: thin (1–2 px) and very wide shapes.
Bytes plainPng(int width, int height);

/// A classic TIFF, width × height 8-bit gray, deflate strips that all point to the same few bytes
/// of compressed zeros. `long8Sizes`: ImageWidth and ImageLength stored as LONG8 (type 16, read
/// by libtiff from an offset, where a LONG parser finds the offset instead of the size).
/// `duplicateSizes`: the size tags appear twice, 64 × 64 first, then the real size.
Bytes tiffBomb(std::uint32_t width, std::uint32_t height, bool long8Sizes, bool duplicateSizes);

/// The same bomb written as a BigTIFF ("II+") by libtiff itself.
Bytes bigTiffBomb(std::uint32_t width, std::uint32_t height);

/// A PDF whose page draws form XObject 0, which draws form 1 `fanOut` times, ... to `depth`
/// levels: fanOut^depth drawings in a few kilobytes.
Bytes pdfNestedForms(int depth, int fanOut);

/// A PDF whose page content is a flate stream of `fills` full-page fills.
Bytes pdfFlateFills(int fills);

/// A JPEG of `bytes` bytes (a small picture after comment segments): over the file-size cap.
Bytes bigJpeg(std::size_t bytes);

} // namespace guichet::poison
