#pragma once
// PDF pages as images (Poppler), for loadImage: the only file that includes Poppler.
#include "guichet/envelope/Envelope.hpp"

#include <string>
#include <vector>

namespace guichet::envelope {

/// The bytes start with a PDF header.
bool isPdf(const std::vector<unsigned char>& bytes);

/// Every page rendered as BGR 8-bit, after checking that the file is complete and within limits.
Result<std::vector<cv::Mat>> renderPdf(const std::vector<unsigned char>& bytes, const std::string& source,
                                       const LoadLimits& limits);

} // namespace guichet::envelope
