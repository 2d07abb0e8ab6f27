#pragma once
// Port: the kiosk's receipt printer. The kiosk prints a ticket when a person asks for their mail;
// the desk calls the ticket number. Implementations live in hardware/ (ESC/POS device, and a
// simulated twin that writes to a file).

#include "guichet/core/Result.hpp"

#include <string>
#include <vector>

namespace guichet {

/// What a ticket says. No name, no dossier ref: a ticket left on the floor tells nothing.
struct Ticket {
    std::string title;              ///< "Guichet — CCAS de Villeurbanne"
    std::string number;             ///< the number the desk calls, printed large ("A-042")
    std::vector<std::string> lines; ///< short lines (pending counts as pictogram words, time)
    std::string footer;             ///< "Merci de patienter"

    bool operator==(const Ticket&) const = default;
};

class ReceiptPrinter {
public:
    virtual ~ReceiptPrinter() = default;
    /// Prints and cuts. Fails with a message naming the device when it is absent, out of paper
    /// (when the device reports it) or a write fails. Not thread-safe: one owner.
    virtual Result<void> print(const Ticket& ticket) = 0;
    /// Asks the printer whether it can print now (online, paper, cover closed) where it answers; a
    /// printer that cannot be asked is assumed ready. Fails with a message naming the device and what
    /// to do.
    virtual Result<void> checkReady() { return {}; }
};

} // namespace guichet
