#pragma once
// Parsing the recipient block of an envelope, as OCR gives it, into the parts the matcher needs.
// Pure functions; thread-safe.

#include "guichet/core/Date.hpp"

#include <optional>
#include <string>
#include <vector>

namespace guichet::match {

/// One way to read a name line: its tokens, folded (lower case, no accents), in written order.
struct NameReading {
    std::vector<std::string> tokens;
    std::vector<bool> upper; ///< token was written in capitals (a surname hint)
    /// Readings that come from the same name line share a number: they are ways to read one
    /// person's name ("X épouse Y" gives X and Y), so two of them pointing at two dossiers make
    /// the envelope ambiguous.
    int line = 0;
    bool derived = false; ///< an alternative reading (married name, alias), not the name as written
    int sourceLine = -1;  ///< index of the input line it was read from
    bool operator==(const NameReading&) const = default;
};

struct Recipient {
    std::vector<NameReading> names; ///< candidate readings of the name, best guess first
    /// "Boite 42" / "BAL 42" / "Boîte N° 42" → "42"; also "BP 42" on a line above the street (the
    /// recipient's lines, AFNOR NF Z10-011 lines 2-3).
    std::optional<std::string> box;
    /// "BP 42" on a line of its own with no street below it: a person's box number to some
    /// senders, the structure's delivery line to others. It can confirm a dossier whose box it is,
    /// never contradict one.
    std::optional<std::string> postBox;
    /// Further box numbers read after the first ("Boîte 12" for the person and "BOITE 220" of the
    /// structure's address): when `box` is the structure's, the next one is the person's.
    std::vector<std::string> moreBoxes;
    /// The domiciliation's own reference printed by the sender ("Réf. dossier 1234", "Dossier n°
    /// 1234", "Votre référence domiciliation : 1234"), digits only. Other bodies' numbers
    /// ("Identifiant :", "N° allocataire", "Vos références :", "N° fiscal"...) are set aside.
    std::optional<std::string> dossierRef;
    std::optional<Date> birthDate;    ///< a birth date written on the envelope, if any
    std::vector<std::string> ignored; ///< lines recognised as not-a-name (street, city, c/o...)
    /// How much the lines look like a postal address: one point per street, postcode-and-city,
    /// c/o or PO box line and one for a civility before the name. An upside-down or garbled read
    /// scores 0 or 1; a real address block 2 to 5.
    int addressCues = 0;
    bool operator==(const Recipient&) const = default;
};

/// Splits the lines into the person's name readings, the box number and the rest. Civilities
/// (M., Mme, Monsieur...) are dropped; "épouse / ép. / née X" yields extra readings with X as
/// the surname; "chez ...", "C/O ...", "BP 123", street, postcode/city and country lines are set
/// aside. Never fails: an empty Recipient means no name was found.
Recipient parseRecipient(const std::vector<std::string>& lines);

/// Whether a line is a street or a postcode-and-town line: the part of an address block below the
/// person's name, box number and c/o lines.
bool isStreetOrTown(const std::string& line);

} // namespace guichet::match
