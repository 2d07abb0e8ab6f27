// Spelling names against letter steps: a CTC alignment (Graves et al., 2006) kept to its best
// path (Viterbi), over whole words of a line, scored relative to what was read.
#include "guichet/match/Spelling.hpp"

#include "guichet/core/Text.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

namespace guichet::match {

namespace {

/// Characters under 1 % are not reported by the recogniser: count them as this.
constexpr float kUnseen = 0.003f;
constexpr double kImpossible = -1e9;

/// A line prepared for spelling: the relative log-probability of each class at each step (0 for
/// the likeliest), the steps where a word starts and ends, and each letter's best step.
struct Prepared {
    std::vector<LetterStep> relative;
    std::vector<bool> starts, ends;
    LetterStep bestOf{}; ///< per class, the best relative log-probability over the line
};

Prepared prepare(const LineSteps& line) {
    Prepared p;
    p.bestOf.fill(static_cast<float>(kImpossible));
    for (const auto& word : line) {
        if (word.empty()) continue;
        for (size_t t = 0; t < word.size(); ++t) {
            LetterStep r{};
            const float top = std::max(kUnseen, *std::max_element(word[t].begin(), word[t].end()));
            for (int c = 0; c < kLetterClasses; ++c) {
                r[c] = std::log(std::max(kUnseen, word[t][c]) / top);
                p.bestOf[c] = std::max(p.bestOf[c], r[c]);
            }
            p.relative.push_back(r);
            p.starts.push_back(t == 0);
            p.ends.push_back(t + 1 == word.size());
        }
    }
    return p;
}

/// A lower bound on the cost: each letter needs one step at least, at its best.
double bound(const Prepared& p, std::string_view letters) {
    double sum = 0;
    for (char c : letters)
        sum += p.bestOf[static_cast<size_t>(c - 'a')];
    return sum;
}

double align(const Prepared& p, std::string_view letters, std::vector<double>& cur,
             std::vector<double>& next) {
    // CTC states: 2k + 1 = letter k, even = a gap (before the first letter, between two, after
    // the last). A spelling starts at the first step of a word and ends at the last step of one.
    const size_t states = 2 * letters.size() + 1;
    cur.assign(states, kImpossible);
    next.assign(states, kImpossible);
    const auto cls = [&](size_t s) { return s % 2 ? letters[s / 2] - 'a' : kNoLetter; };
    double best = kImpossible;
    for (size_t t = 0; t < p.relative.size(); ++t) {
        const LetterStep& r = p.relative[t];
        for (size_t s = 0; s < states; ++s) {
            double from = cur[s];
            if (s >= 1) from = std::max(from, cur[s - 1]);
            if (s >= 3 && s % 2 == 1 && letters[s / 2] != letters[s / 2 - 1])
                from = std::max(from, cur[s - 2]);
            if (s <= 1 && p.starts[t]) from = std::max(from, 0.0); // the words before are free
            next[s] = from <= kImpossible / 2 ? kImpossible : from + r[static_cast<size_t>(cls(s))];
        }
        std::swap(cur, next);
        if (p.ends[t]) best = std::max({best, cur[states - 1], cur[states - 2]}); // and those after
    }
    return best;
}

/// a..z only.
std::string plainLetters(std::string_view text) {
    std::string out;
    for (char c : foldForSearch(text))
        if (c >= 'a' && c <= 'z') out += c;
    return out;
}

} // namespace

double spellingCost(const LineSteps& line, std::string_view letters) {
    if (letters.empty()) return kImpossible;
    const Prepared p = prepare(line);
    std::vector<double> cur, next;
    return align(p, letters, cur, next);
}

Spellings::Spellings(const std::vector<Dossier>& dossiers) {
    struct Entry {
        std::string letters;
        Owner owner;
    };
    std::vector<Entry> entries;
    entries.reserve(dossiers.size() * 3);
    const auto add = [&](DossierRef ref, Via via, int index, std::string_view nom, std::string_view prenom) {
        const std::string n = plainLetters(nom), p = plainLetters(prenom);
        if (n.empty() || p.empty()) return;
        entries.push_back({n + p, {ref, via, index}});
        entries.push_back({p + n, {ref, via, index}});
    };
    for (const Dossier& d : dossiers) {
        add(d.ref, Via::Holder, -1, d.nom, d.prenom);
        for (size_t a = 0; a < d.ayantsDroits.size(); ++a)
            add(d.ref, Via::Dependant, static_cast<int>(a),
                d.ayantsDroits[a].nom.empty() ? d.nom : d.ayantsDroits[a].nom, d.ayantsDroits[a].prenom);
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& x, const Entry& y) {
        return std::tie(x.letters, x.owner.dossier, x.owner.via, x.owner.viaIndex) <
               std::tie(y.letters, y.owner.dossier, y.owner.via, y.owner.viaIndex);
    });
    for (size_t i = 0; i < entries.size(); ++i) {
        const Entry& e = entries[i];
        if (i == 0 || e.letters != entries[i - 1].letters) {
            if (i > 0) ownerStart_.push_back(static_cast<std::uint32_t>(owners_.size()));
            letters_ += e.letters;
            nameStart_.push_back(static_cast<std::uint32_t>(letters_.size()));
        } else if (e.owner.dossier == owners_.back().dossier && e.owner.via == owners_.back().via &&
                   e.owner.viaIndex == owners_.back().viaIndex) {
            continue; // a name written the same in both orders
        }
        owners_.push_back(e.owner);
        byRef_.emplace_back(e.owner.dossier, static_cast<std::uint32_t>(nameStart_.size() - 2));
    }
    if (!entries.empty()) ownerStart_.push_back(static_cast<std::uint32_t>(owners_.size()));
    std::sort(byRef_.begin(), byRef_.end());
    byRef_.erase(std::unique(byRef_.begin(), byRef_.end()), byRef_.end());
}

std::vector<Spellings::Hit> Spellings::best(const std::vector<LineSteps>& lines, double floor,
                                            const std::vector<DossierRef>& among) const {
    std::vector<std::uint32_t> spelled; // the names to align
    if (size() <= kWholeScan) {
        spelled.resize(size());
        for (std::uint32_t n = 0; n < size(); ++n)
            spelled[n] = n;
    } else {
        for (DossierRef ref : among)
            for (auto it =
                     std::lower_bound(byRef_.begin(), byRef_.end(), std::make_pair(ref, std::uint32_t{0}));
                 it != byRef_.end() && it->first == ref; ++it)
                spelled.push_back(it->second);
        std::sort(spelled.begin(), spelled.end());
        spelled.erase(std::unique(spelled.begin(), spelled.end()), spelled.end());
    }
    // Best cost of each name spelled over the lines (a name is spelled on one line), and the line.
    std::vector<std::pair<double, int>> costs(spelled.size(), {kImpossible, -1});
    std::vector<double> cur, next;
    for (size_t l = 0; l < lines.size(); ++l) {
        const Prepared p = prepare(lines[l]);
        if (p.relative.empty()) continue;
        for (size_t k = 0; k < spelled.size(); ++k) {
            const std::string_view letters = name(spelled[k]);
            const double limit = std::max(floor, costs[k].first);
            if (bound(p, letters) < limit) continue;
            const double c = align(p, letters, cur, next);
            if (c >= limit && c > costs[k].first) costs[k] = {c, static_cast<int>(l)};
        }
    }
    std::vector<Hit> hits;
    for (size_t k = 0; k < spelled.size(); ++k) {
        if (costs[k].first < floor) continue;
        const std::uint32_t n = spelled[k];
        for (std::uint32_t o = ownerStart_[n]; o < ownerStart_[n + 1]; ++o)
            hits.push_back({owners_[o].dossier, owners_[o].via, owners_[o].viaIndex, n, costs[k].first,
                            costs[k].second});
    }
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
        return a.cost != b.cost         ? a.cost > b.cost
               : a.dossier != b.dossier ? a.dossier < b.dossier
                                        : a.name < b.name;
    });
    // One hit per dossier and way (its two orders are two names): the better one.
    std::vector<Hit> unique;
    std::set<std::tuple<DossierRef, Via, int>> seen;
    for (const Hit& h : hits)
        if (seen.emplace(h.dossier, h.via, h.viaIndex).second) unique.push_back(h);
    return unique;
}

} // namespace guichet::match
