#pragma once
// Spelling the directory's names against what the recogniser saw.
//
// When handwriting is read badly ("AEZJMIE YUTUF"), the letters the recogniser thought next
// likely at each step often still spell the right name ("MEZIANE YUSUF"): the right M, I and A
// were there at 9 to 31 %. Spellings scores every name of the directory against a line's letter
// steps and lists the names those steps spell best. It ranks candidates for staff; how far the
// best may be trusted is the caller's decision (see READING.md, "Spelling the names").
#include "guichet/core/Dossier.hpp"
#include "guichet/core/Letters.hpp"
#include "guichet/match/Matcher.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace guichet::match {

/// A line of text as the recogniser saw it: the steps of each of its words, left to right.
using LineSteps = std::vector<LetterSteps>;

/// How far `letters` (a..z only, at least one) is from what was read on `line`: the log-probability
/// of the best way to spell it over whole words of the line (CTC alignment: each letter over one
/// or more steps, gaps between; the words before and after are free), minus the log-probability of
/// the most likely characters over the same steps. 0: exactly what was read; each letter that was
/// not among the characters seen costs about 5 to 6. Returns a large negative value when the line
/// is too short to hold the letters.
double spellingCost(const LineSteps& line, std::string_view letters);

class Spellings {
public:
    /// The names of holders and dependants (not aliases, a single word that the words around a
    /// name would spell for free; not procuration holders, whose mail goes to staff), each
    /// surname + given names and given names + surname, as plain letters.
    explicit Spellings(const std::vector<Dossier>& dossiers);

    struct Hit {
        DossierRef dossier = 0;
        Via via = Via::Holder;
        int viaIndex = -1;      ///< index in ayantsDroits when via is Dependant
        std::uint32_t name = 0; ///< the spelled name's id: homonyms share it
        double cost = 0.0;      ///< spellingCost, ≤ 0
        int line = -1;          ///< the line that spells it best
    };
    /// A directory with more names than this is not scanned whole: aligning every name takes
    /// ≈ 2 µs per name and line (1.1 s for a reading of a 200,000-dossier directory).
    static constexpr size_t kWholeScan = 20000;

    /// Every name spelled at `floor` or better by one of the lines, best first (ties by dossier):
    /// the names of the whole directory, or only those of the dossiers `among` when it has more
    /// than kWholeScan names (the candidates the readings found).
    std::vector<Hit> best(const std::vector<LineSteps>& lines, double floor,
                          const std::vector<DossierRef>& among = {}) const;

    size_t size() const { return nameStart_.size() - 1; }

private:
    struct Owner {
        DossierRef dossier;
        Via via;
        int viaIndex;
    };
    std::string_view name(std::uint32_t n) const {
        return std::string_view(letters_).substr(nameStart_[n], nameStart_[n + 1] - nameStart_[n]);
    }
    // Flat arrays (200,000 dossiers: 530,000 names built in a fraction of a second).
    std::string letters_;                                     ///< every name's plain letters, end to end
    std::vector<std::uint32_t> nameStart_{0};                 ///< name n is letters_[start[n], start[n+1])
    std::vector<Owner> owners_;                               ///< grouped by name
    std::vector<std::uint32_t> ownerStart_{0};                ///< name n's owners: [start[n], start[n+1])
    std::vector<std::pair<DossierRef, std::uint32_t>> byRef_; ///< (dossier, one of its names), sorted
};

} // namespace guichet::match
