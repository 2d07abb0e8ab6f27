#pragma once
// Port: a handheld barcode reader (a USB "keyboard" that types what it reads). The desk uses it for
// QR cards and La Poste barcodes on a parcel it cannot put under the camera.

#include "guichet/core/Result.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace guichet {

class CodeReader {
public:
    virtual ~CodeReader() = default;
    /// The next code read, or nullopt when nothing was scanned within `timeout`. Fails naming the device
    /// when it is absent, unplugged or not permitted, with what to do. Not thread-safe: one owner.
    virtual Result<std::optional<std::string>> next(std::chrono::milliseconds timeout) = 0;
};

} // namespace guichet
