#pragma once
// The name matcher: which dossier does this recipient belong to, and how sure are we?
//
// Safety first: Auto is returned only when the best candidate's name agrees exactly with the
// envelope (modulo case, accents, punctuation and known OCR confusions such as 0/O, 1/l/I, rn/m,
// cl/d and doubled letters) and no other dossier comes close. Homonyms are never Auto unless a
// second key (box number, birth date) separates them. A box number alone is never enough.

#include "guichet/core/Dossier.hpp"
#include "guichet/core/Result.hpp"
#include "guichet/match/Recipient.hpp"

#include <memory>
#include <string>
#include <vector>

namespace guichet::match {

enum class Decision { Auto, Confirm, Unknown };

/// A best candidate scoring this much or more is worth a staff decision (Confirm); below, Unknown.
inline constexpr double kConfirmScore = 0.6;
const char* toString(Decision decision); ///< "auto", "confirm", "unknown"

enum class Via { Holder, Alias, Dependant, Procuration, Box };
const char* toString(Via via); ///< "holder", "alias", "dependant", "procuration", "box"

struct Candidate {
    DossierRef dossier = 0;
    double score = 0.0;          ///< in [0,1]; 1 = the name and every key agree exactly
    Via via = Via::Holder;       ///< which name of the dossier matched
    int viaIndex = -1;           ///< index in ayantsDroits / procurations when via says so
    bool exactName = false;      ///< surname and first name agree exactly (see header comment)
    bool boxMatch = false;       ///< the envelope's box number is this dossier's customRef
    bool returnToSender = false; ///< struck off, refused or npai: route back, do not record
    bool wide = false;           ///< only the wide search found it: a look-alike listed for staff
    int sourceLine = -1;         ///< the input line whose name matched; -1: the box number alone
    std::string why;             ///< short explanation for staff ("surname exact, first name 1 edit")
    bool operator==(const Candidate&) const = default;
};

struct MatchResult {
    Decision decision = Decision::Unknown;
    std::vector<Candidate> candidates; ///< best first, at most Options::maxCandidates
    std::string reason;                ///< why this decision, for staff and logs (no names)
    Recipient recipient;               ///< what was read
};

/// The structure's own address, as configuration (the `structure.numbers` setting, DomiFa's
/// `GET /structures/ma-structure`): every letter it receives carries it beside the person's name
/// ("PAS LYON 3 – BOITE 220", "DOMICILIATION – BP 90", "CS 30012"). Its numbers are never a
/// person's key: read on an envelope they neither confirm nor contradict a dossier.
struct StructureAddress {
    std::vector<std::string> numbers; ///< its box / BP / CS / TSA / casier numbers: "220", "90", "30012"
};

/// The `structure.numbers` setting ("220", "BP 90, CS 30012", "57 ; 12B"): the numbers, or an
/// Error naming the part that is not one (a number, with one letter after it at most).
Result<std::vector<std::string>> parseStructureNumbers(std::string_view text);

struct Options {
    size_t maxCandidates = 5;
    /// More numbers that are the structure's, learned from the envelopes themselves
    /// (recurringNumbers), beside the configured ones (StructureAddress).
    std::vector<std::string> structureNumbers;
    double minScore = 0.45; ///< candidates below are dropped
    /// When no dossier is close (best score below the Confirm threshold) a wide search lists the
    /// most similar names for staff, down to this score; they are never Auto.
    double minWideScore = 0.15;
    /// Count a doubled or dropped double letter ("Yan" / "Yann") as an exact name. Off by default:
    /// it raises the auto rate on noisy scans but auto-attributes some absent look-alikes
    /// (see bench/matcher for both figures).
    bool doubledLettersExact = false;
    /// Auto for an exact surname whose given names on the envelope are more than the dossier's
    /// ("Ioan Ousmane MBAYE" for Ousmane MBAYE), when no other dossier scores within 0.3. Off by default: a
    /// relative with the same surname and one given name in common, absent from the directory, would receive
    /// the letter (measured with guichet-replay-lines --subset).
    bool subsetNamesAuto = false;
};

/// Struck off, refused or npai: mail for this dossier goes back to the sender.
bool returnsToSender(const Dossier& dossier);

class Spellings;

/// An immutable index of a directory, built once (6.4 s for 200,000 dossiers in the matcher
/// bench, 1.0 s of it for the spellings) and shared: all const members are safe to call from
/// several threads at once.
class Directory {
public:
    explicit Directory(std::vector<Dossier> dossiers, StructureAddress structure = {});
    Directory(Directory&&) noexcept;
    Directory& operator=(Directory&&) noexcept;
    ~Directory();

    size_t size() const;
    const Dossier* find(DossierRef ref) const; ///< nullptr when absent
    const std::vector<Dossier>& dossiers() const;
    const StructureAddress& structure() const;

    MatchResult match(const std::vector<std::string>& lines, const Options& options = {}) const;
    MatchResult match(const Recipient& recipient, const Options& options = {}) const;
    /// The directory's names as plain letters, to spell against what the recogniser saw
    /// (Spelling.hpp); built with the index.
    const Spellings& spellings() const;

private:
    struct Index;
    std::unique_ptr<Index> index_;
};

/// One envelope's number and who it was addressed to: the material to learn the structure's own
/// numbers from (recurringNumbers).
struct Sighting {
    std::string number;    ///< a box, BP, CS... number read on the envelope (folded, no leading zeros)
    std::string addressee; ///< the dossier the name fits (its ref), or the name as read when none does
    bool operator==(const Sighting&) const = default;
};

/// The numbers read on the envelope (`lines`) with who it is addressed to, as `directory` sees it.
/// Numbers already known to be the structure's are left out.
std::vector<Sighting> sightingsOf(const Directory& directory, const std::vector<std::string>& lines,
                                  const Options& options = {});

/// The numbers read on the envelopes of at least `minAddressees` different people: a person's box
/// number is on their own mail only, so such a number is the structure's (its box, BP or CS). Pure.
std::vector<std::string> recurringNumbers(const std::vector<Sighting>& sightings, size_t minAddressees = 3);

} // namespace guichet::match
