#pragma once
// ESC/POS, the command language of thermal receipt printers (Epson TM series and compatibles),
// and a printer that sends it to a device node or, as its simulated twin, to a file.

#include "guichet/core/ports/ReceiptPrinter.hpp"

#include <chrono>
#include <string>

namespace guichet::hardware {

/// The bytes of a ticket: initialise, code page PC858 (Western European with €), centred title,
/// the number at quadruple size, the lines, the footer, feed and a partial cut. Text is converted
/// from UTF-8 to PC858; characters it lacks print as '?'. Pure function.
std::string encodeEscPos(const Ticket& ticket, int columns = 42);

/// UTF-8 → code page 858 (the printer's character table 19). Pure.
std::string toPc858(const std::string& utf8);

/// Writes ESC/POS to a path: a USB printer's device node (/dev/usb/lp0), or any file for the
/// simulated twin (each ticket is appended, so tests and the demo can read them back). A device node is
/// asked for its status (DLE EOT) before each ticket; a printer that does not answer within
/// `statusTimeout` is assumed ready. Not thread-safe: one owner.
class EscPosPrinter final : public ReceiptPrinter {
public:
    explicit EscPosPrinter(std::string path, int columns = 42,
                           std::chrono::milliseconds statusTimeout = std::chrono::milliseconds(300))
        : path_(std::move(path)), columns_(columns), statusTimeout_(statusTimeout) {}
    Result<void> print(const Ticket& ticket) override;
    Result<void> checkReady() override;

private:
    std::string path_;
    int columns_;
    std::chrono::milliseconds statusTimeout_;
};

/// Sends ESC/POS to a network printer's raw port (TCP 9100 by default): one connection per ticket,
/// status asked on it first. Fails naming host:port when it cannot connect within `timeout`, and when
/// the printer reports paper out, cover open or offline. Not thread-safe: one owner.
class NetworkEscPosPrinter final : public ReceiptPrinter {
public:
    NetworkEscPosPrinter(std::string host, int port = 9100, int columns = 42,
                         std::chrono::milliseconds timeout = std::chrono::milliseconds(2000))
        : host_(std::move(host)), port_(port), columns_(columns), timeout_(timeout) {}
    Result<void> print(const Ticket& ticket) override;
    Result<void> checkReady() override;
    std::string name() const { return host_ + ":" + std::to_string(port_); }

private:
    std::string host_;
    int port_;
    int columns_;
    std::chrono::milliseconds timeout_;
};

} // namespace guichet::hardware
