#pragma once
// Port: a sheet-fed document scanner. Staff put a pile of letters in the feeder; each page is handed
// over as soon as it is scanned, so a jam on page 7 loses nothing of pages 1..6.

#include "guichet/core/Result.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace guichet {

struct ScannerDevice {
    std::string name;   ///< the id to open ("fujitsu:fi-7160:12345", "test:0")
    std::string vendor; ///< "Fujitsu"
    std::string model;  ///< "fi-7160"
    std::string type;   ///< "sheetfed scanner"

    bool operator==(const ScannerDevice&) const = default;
};

/// One scanned page: 8-bit grey, rows of `width` bytes.
struct ScannedPage {
    int index = 0; ///< 1, 2, 3... within the batch
    int width = 0;
    int height = 0;
    int dpi = 0;
    std::vector<std::uint8_t> grey;

    bool operator==(const ScannedPage&) const = default;
};

/// How a batch ended. `pages` were all handed to the callback, whatever `stopped` says.
struct ScanBatch {
    int pages = 0;
    bool cancelled = false;

    bool operator==(const ScanBatch&) const = default;
};

class SheetScanner {
public:
    virtual ~SheetScanner() = default;
    /// Scans the feeder until it is empty, calling `onPage` for each page as it arrives (on the calling
    /// thread). An empty feeder at the start, a jam, an open cover, a busy or unplugged device fail with
    /// a message naming the device, what happened and what to do, and how many pages were kept.
    virtual Result<ScanBatch> scanBatch(const std::function<void(ScannedPage&&)>& onPage) = 0;
    /// Asks a running batch to stop after the current page; safe from any thread.
    virtual void cancel() = 0;
};

} // namespace guichet
