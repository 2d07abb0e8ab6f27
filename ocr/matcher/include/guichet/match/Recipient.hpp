#pragma once
// Parsing the recipient block of an envelope, as OCR gives it, into the parts the matcher needs.
// Pure functions; thread-safe.

#include "guichet/kiosk/Date.hpp"

#include <optional>
#include <string>
#include <vector>

namespace guichet::match {

/// One way to read a name line: its tokens, folded (lower case, no accents), in written order.
struct NameReading {
    std::vector<std::string> tokens;
    std::vector<bool> upper; ///< token was written in capitals (a surname hint)
    bool operator==(const NameReading&) const = default;
};

struct Recipient {
    std::vector<NameReading> names;   ///< candidate readings of the name, best guess first
    std::optional<std::string> box;   ///< "Boite 42" / "BAL 42" / "Boîte N° 42" → "42"
    std::optional<Date> birthDate;    ///< a birth date written on the envelope, if any
    std::vector<std::string> ignored; ///< lines recognised as not-a-name (street, city, c/o...)
    bool operator==(const Recipient&) const = default;
};

/// Splits the lines into the person's name readings, the box number and the rest. Civilities
/// (M., Mme, Monsieur...) are dropped; "épouse / ép. / née X" yields extra readings with X as
/// the surname; "chez ...", "C/O ...", "BP 123", street, postcode/city and country lines are set
/// aside. Never fails: an empty Recipient means no name was found.
Recipient parseRecipient(const std::vector<std::string>& lines);

} // namespace guichet::match
