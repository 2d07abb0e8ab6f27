#pragma once
// PDF pages as images (Poppler), for loadImage: the only file that includes Poppler.
#include "guichet/envelope/Envelope.hpp"

#include <string>
#include <vector>

namespace guichet::envelope {

/// The bytes start with a PDF header.
bool isPdf(const std::vector<unsigned char>& bytes);

/// The number of pages, after checking that the file is complete, readable and within limits.
Result<int> pdfPageCount(const std::vector<unsigned char>& bytes, const std::string& source,
                         const LoadLimits& limits);

/// Pages [first, first + count) rendered as BGR 8-bit (count < 0: to the last), after the same checks.
Result<std::vector<cv::Mat>> renderPdf(const std::vector<unsigned char>& bytes, const std::string& source,
                                       const LoadLimits& limits, int first = 0, int count = -1);

} // namespace guichet::envelope
