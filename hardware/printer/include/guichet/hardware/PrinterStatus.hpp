#pragma once
// ESC/POS real-time status (DLE EOT n): what a receipt printer says about itself, parsed from the four
// status bytes it answers. Pure functions; the printers in EscPos.hpp ask and use them.

#include "guichet/core/Result.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace guichet::hardware {

struct PrinterStatus {
    bool offline = false;         ///< n=1 bit 3
    bool coverOpen = false;       ///< n=2 bit 2
    bool feedButton = false;      ///< n=2 bit 3: paper is being fed by the button
    bool paperOutStop = false;    ///< n=2 bit 5: printing stopped because the paper ran out
    bool errorOccurred = false;   ///< n=2 bit 6
    bool cutterError = false;     ///< n=3 bit 3
    bool unrecoverable = false;   ///< n=3 bit 5
    bool autoRecoverable = false; ///< n=3 bit 6 (head too hot...)
    bool paperNearEnd = false;    ///< n=4 bits 2-3
    bool paperOut = false;        ///< n=4 bits 5-6

    bool operator==(const PrinterStatus&) const = default;
};

/// The query for status n (1..4): DLE EOT n.
std::string statusQuery(int n);

/// Parses the answers to DLE EOT 1, 2, 3, 4 in that order. Each status byte has bit 1 and bit 4 set
/// and bits 0 and 7 clear; a byte that does not is not a status answer and gives nullopt.
std::optional<PrinterStatus> parseStatus(const std::array<std::uint8_t, 4>& answers);

/// Ready to print, or an Error naming `device`, what is wrong and what to do. A near-empty roll is not
/// an error.
Result<void> readiness(const PrinterStatus& status, const std::string& device);

} // namespace guichet::hardware
