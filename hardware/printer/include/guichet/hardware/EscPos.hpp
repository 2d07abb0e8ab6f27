#pragma once
// ESC/POS, the command language of thermal receipt printers (Epson TM series and compatibles),
// and a printer that sends it to a device node or, as its simulated twin, to a file.

#include "guichet/core/ports/ReceiptPrinter.hpp"

#include <string>

namespace guichet::hardware {

/// The bytes of a ticket: initialise, code page PC858 (Western European with €), centred title,
/// the number at quadruple size, the lines, the footer, feed and a partial cut. Text is converted
/// from UTF-8 to PC858; characters it lacks print as '?'. Pure function.
std::string encodeEscPos(const Ticket& ticket, int columns = 42);

/// UTF-8 → code page 858 (the printer's character table 19). Pure.
std::string toPc858(const std::string& utf8);

/// Writes ESC/POS to a path: a USB printer's device node (/dev/usb/lp0), or any file for the
/// simulated twin (each ticket is appended, so tests and the demo can read them back).
class EscPosPrinter final : public ReceiptPrinter {
public:
    explicit EscPosPrinter(std::string path, int columns = 42) : path_(std::move(path)), columns_(columns) {}
    Result<void> print(const Ticket& ticket) override;

private:
    std::string path_;
    int columns_;
};

} // namespace guichet::hardware
