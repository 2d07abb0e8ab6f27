#include "guichet/match/Matcher.hpp"

#include "NameKey.hpp"
#include "guichet/core/Text.hpp"
#include "guichet/match/Spelling.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <unordered_map>

namespace guichet::match {

const char* toString(Decision d) {
    switch (d) {
    case Decision::Auto:
        return "auto";
    case Decision::Confirm:
        return "confirm";
    case Decision::Unknown:
        return "unknown";
    }
    return "?";
}

const char* toString(Via v) {
    switch (v) {
    case Via::Holder:
        return "holder";
    case Via::Alias:
        return "alias";
    case Via::Dependant:
        return "dependant";
    case Via::Procuration:
        return "procuration";
    case Via::Box:
        return "box";
    }
    return "?";
}

namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// Score shapes (see docs/MATCHING.md for the reasoning behind each number).
constexpr double kAmbiguityMargin = 0.15; ///< a runner-up this close makes the best one ambiguous
/// A pairing that leaves out the word before the surname (not an initial) ranks below one that
/// explains every word.
constexpr double kDroppedWordWeight = 0.92;
/// The whole-name scan (see Directory::match): readings of at least this many letters, names at
/// least this similar (1 - edits / length), scored this much per unit of similarity.
constexpr size_t kWholeMinLetters = 6;
constexpr double kWholeMinSimilarity = 0.6;
constexpr double kWholeWeight = 0.72;
/// Names compared letter by letter per reading, those sharing the most trigrams with it.
constexpr size_t kWholeCompared = 64;
/// ... among the names at most this many letters longer or shorter than the reading.
constexpr size_t kWholeLengthSlack = 3;

/// One name under which a dossier can receive mail.
struct Variant {
    std::uint32_t dossier = 0;
    Via via = Via::Holder;
    std::int16_t index = -1;
    std::uint32_t surname = kNone;       ///< loose key id of the whole surname (finds candidates)
    std::uint32_t surnameStrict = kNone; ///< strict key id (decides exactness)
    std::uint32_t first = kNone;         ///< strict key id of all given names joined
    std::uint32_t firstLoose = kNone;    ///< loose key id of the same
    std::uint32_t firstToken = kNone;    ///< strict key id of the first given name alone
    std::uint32_t nickname = kNone;      ///< strict key id of the dossier's surnom (holder only)
    std::string initials;                ///< first letter of each given name
    std::uint8_t surnameWords = 0;
};

enum class FirstName {
    Exact,
    Nickname,
    NearExact,
    Extra,
    Partial,
    Initial,
    Fuzzy,
    Missing,
    Absent,
    Mismatch
};

const char* describe(FirstName f) {
    switch (f) {
    case FirstName::Exact:
        return "first name exact";
    case FirstName::Nickname:
        return "the dossier's nickname beside the surname";
    case FirstName::NearExact:
        return "first name exact but for a doubled letter";
    case FirstName::Extra:
        return "first name exact plus other given names";
    case FirstName::Partial:
        return "only one of the given names";
    case FirstName::Initial:
        return "initial only";
    case FirstName::Fuzzy:
        return "first name close";
    case FirstName::Missing:
        return "no first name on the envelope";
    case FirstName::Absent:
        return "dossier has no first name";
    case FirstName::Mismatch:
        return "first name differs";
    }
    return "";
}

double firstNameWeight(FirstName f, double fuzzy) {
    switch (f) {
    case FirstName::Exact:
    case FirstName::Nickname:
        return 1.0;
    case FirstName::NearExact:
        return 0.93;
    case FirstName::Extra:
        return 0.9;
    case FirstName::Partial:
        return 0.85;
    case FirstName::Initial:
        return 0.6;
    case FirstName::Fuzzy:
        return fuzzy;
    case FirstName::Missing:
        return 0.35;
    case FirstName::Absent:
        return 0.5;
    case FirstName::Mismatch:
        return 0.1 * fuzzy; // orders the candidates only: 0.55 + 0.045 stays below Confirm
    }
    return 0.0;
}

double roleWeight(Via via) {
    switch (via) {
    case Via::Holder:
        return 1.0;
    case Via::Alias:
        return 0.98;
    case Via::Dependant:
        return 0.97;
    case Via::Procuration:
        return 0.9;
    case Via::Box:
        return 1.0;
    }
    return 1.0;
}

/// Everything known about one (dossier, name) pairing; the best one per dossier is kept.
struct Scored {
    double score = 0.0;
    std::uint32_t variant = kNone; ///< kNone: the box number alone
    int surnameDistance = 0;
    bool surnameStrict = false; ///< equal without collapsing doubled letters
    bool partialSurname = false;
    FirstName first = FirstName::Missing;
    double firstSimilarity = 0.0; ///< for FirstName::Fuzzy
    bool exactName = false;
    bool boxMatch = false, boxConflict = false;
    bool refMatch = false, refConflict = false; ///< the printed dossier reference (Recipient::dossierRef)
    bool birthMatch = false, birthConflict = false;
    int line = -1;            ///< the name line (NameReading::line) this pairing was read from; -1: box only
    bool derived = false;     ///< read through a married name or an alias (NameReading::derived)
    bool wide = false;        ///< found by the wide search (listed for staff, never Auto)
    bool droppedWord = false; ///< a word before the surname was left out (listed, never Auto)
    int wholeDistance = -1;   ///< found by the whole-name scan: edits between the whole names
    int sourceLine = -1;      ///< NameReading::sourceLine
};

std::string join(const std::vector<std::string>& tokens, size_t from, size_t to) {
    std::string out;
    for (size_t i = from; i < to; ++i)
        out += tokens[i];
    return out;
}

int maxDistanceFor(size_t keyLength) {
    return keyLength <= 3 ? 0 : keyLength <= 10 ? 1 : 2;
}

std::string boxKey(std::string_view text) {
    std::string out;
    for (char c : foldForSearch(text))
        if (c != ' ') out += c;
    // "0042" and "42" are the same box.
    size_t firstNonZero = out.find_first_not_of('0');
    return firstNonZero == std::string::npos ? (out.empty() ? out : "0") : out.substr(firstNonZero);
}

/// The surname of the dossier that a variant stands for, as the directory writes it.
const std::string& surnameOf(const Variant& v, const Dossier& d) {
    const auto i = static_cast<size_t>(v.index);
    switch (v.via) {
    case Via::Alias:
        return d.surnom;
    case Via::Dependant:
        return d.ayantsDroits[i].nom.empty() ? d.nom : d.ayantsDroits[i].nom;
    case Via::Procuration:
        return d.procurations[i].nom;
    default:
        return d.nom;
    }
}

/// Folded text as letters only, runs collapsed ("DE LA FONTAINE" → "delafontaine", "Yann" → "yan").
std::string plainKey(std::string_view folded) {
    std::string out;
    for (char c : folded)
        if (c >= 'a' && c <= 'z' && (out.empty() || out.back() != c)) out += c;
    return out;
}

int trigramCode(char a, char b, char c) {
    auto code = [](char ch) { return ch >= 'a' && ch <= 'z' ? ch - 'a' + 1 : 0; };
    return code(a) * 729 + code(b) * 27 + code(c);
}

std::vector<int> trigramsOf(const std::string& key) {
    std::string padded = "\x01\x01" + key + "\x01";
    std::vector<int> out;
    for (size_t i = 0; i + 2 < padded.size(); ++i)
        out.push_back(trigramCode(padded[i], padded[i + 1], padded[i + 2]));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

} // namespace

struct Directory::Index {
    std::vector<Dossier> dossiers;
    StructureAddress structure;
    std::vector<std::string> structureKeys; ///< boxKey of each of the structure's numbers
    std::unique_ptr<Spellings> spellings;
    std::unordered_map<DossierRef, std::uint32_t> byRef;
    std::unordered_multimap<std::string, std::uint32_t> byBox;

    std::vector<std::string> keys;
    std::unordered_map<std::string, std::uint32_t> keyIds;
    std::vector<std::vector<std::uint32_t>> surnamePostings; ///< key → variants whose whole surname it is
    std::vector<std::vector<std::uint32_t>> partialPostings; ///< key → variants with it as one surname word
    std::vector<bool> indexed; ///< key is a surname (or surname word) and is in the lookup indexes
    /// (hash of a surname key or of the key minus one letter, key id), sorted: finds every key
    /// within one edit (the symmetric-deletion method: one deletion on each side covers an
    /// insertion, a deletion, a substitution or a swap of neighbours).
    std::vector<std::pair<std::uint64_t, std::uint32_t>> deletions;
    /// (length << 16 | trigram) → long surname keys: for two-edit look-ups of long names.
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> trigramsByLength;
    /// Names as plain letters (no OCR-confusion mapping, which turns a misread "ci" into a d and
    /// so moves names apart), runs collapsed, found by the trigrams they share with a reading.
    struct PlainSet {
        std::vector<std::string> keys;
        std::unordered_map<std::string, std::uint32_t> ids; ///< only while building
        std::vector<std::vector<std::uint32_t>> postings;   ///< plain key → variants
        std::unordered_map<std::uint32_t, std::vector<std::uint32_t>>
            trigrams; ///< (length << 16 | trigram) → plain keys

        void add(const std::string& plain, std::uint32_t variant) {
            auto [it, fresh] = ids.emplace(plain, static_cast<std::uint32_t>(keys.size()));
            if (fresh) {
                keys.push_back(plain);
                postings.emplace_back();
                for (int t : trigramsOf(plain))
                    trigrams[static_cast<std::uint32_t>(plain.size() << 16 | static_cast<size_t>(t))]
                        .push_back(it->second);
            }
            if (postings[it->second].empty() || postings[it->second].back() != variant)
                postings[it->second].push_back(variant);
        }
    };
    /// The wide search's own index: whole surnames.
    PlainSet plainSurnames;
    /// The whole-name scan's: surname and given names, in both orders.
    PlainSet plainWholeNames;
    std::vector<Variant> variants;

    std::uint32_t intern(const std::string& key) {
        if (key.empty()) return kNone;
        auto [it, fresh] = keyIds.emplace(key, static_cast<std::uint32_t>(keys.size()));
        if (fresh) {
            keys.push_back(key);
            surnamePostings.emplace_back();
            partialPostings.emplace_back();
            indexed.push_back(false);
        }
        return it->second;
    }

    void indexKey(std::uint32_t key) {
        if (indexed[key]) return;
        indexed[key] = true;
        const std::string& k = keys[key];
        deletions.emplace_back(hashKey(k), key);
        std::string shorter;
        for (size_t i = 0; i < k.size(); ++i) {
            if (i > 0 && k[i] == k[i - 1]) continue; // same string as the previous deletion
            shorter = k.substr(0, i) + k.substr(i + 1);
            deletions.emplace_back(hashKey(shorter), key);
        }
        if (k.size() >= 9)
            for (int t : trigramsOf(k))
                trigramsByLength[static_cast<std::uint32_t>(k.size() << 16 | static_cast<size_t>(t))]
                    .push_back(key);
    }

    void finish() {
        // A nickname that is also someone's given name ("Eric") says no more than a given name: an
        // absent Eric of the same surname would otherwise receive the letter. Only nicknames that
        // are nobody's given name ("Tata", "P'tit Jean", "Le Grand") count beside the surname.
        std::vector<bool> givenName(keys.size(), false);
        for (const Variant& v : variants) {
            if (v.first != kNone) givenName[v.first] = true;
            if (v.firstToken != kNone) givenName[v.firstToken] = true;
        }
        for (Variant& v : variants)
            if (v.nickname != kNone && givenName[v.nickname]) v.nickname = kNone;
        plainSurnames.ids = {}; // only needed while building
        plainWholeNames.ids = {};
        std::sort(deletions.begin(), deletions.end());
        deletions.erase(std::unique(deletions.begin(), deletions.end()), deletions.end());
    }

    void addVariant(std::uint32_t dossier, Via via, int index, std::string_view nom, std::string_view prenom,
                    std::string_view nickname = {}) {
        std::string foldedNom = foldForSearch(nom), foldedPrenom = foldForSearch(prenom);
        if (foldedNom.empty()) return;
        Variant v;
        v.dossier = dossier;
        v.via = via;
        v.index = static_cast<std::int16_t>(index);
        v.surname = intern(ocrKey(foldedNom, true));
        v.surnameStrict = intern(ocrKey(foldedNom));
        v.first = intern(ocrKey(foldedPrenom));
        v.firstLoose = intern(ocrKey(foldedPrenom, true));
        size_t space = foldedPrenom.find(' ');
        v.firstToken = intern(ocrKey(foldedPrenom.substr(0, space)));
        v.nickname = intern(ocrKey(foldForSearch(nickname)));
        for (size_t i = 0; i < foldedPrenom.size(); ++i)
            if (i == 0 || foldedPrenom[i - 1] == ' ') v.initials += foldedPrenom[i];
        auto id = static_cast<std::uint32_t>(variants.size());
        surnamePostings[v.surname].push_back(id);
        indexKey(v.surname);
        if (std::string plain = plainKey(foldedNom); plain.size() >= 4) plainSurnames.add(plain, id);
        plainWholeNames.add(plainKey(foldedNom + foldedPrenom), id);
        plainWholeNames.add(plainKey(foldedPrenom + foldedNom), id);
        // Each word of a compound surname ("MARTIN BENALI") also finds the dossier, as a partial match.
        size_t pos = 0;
        int words = 0;
        while (pos < foldedNom.size()) {
            size_t end = foldedNom.find(' ', pos);
            if (end == std::string::npos) end = foldedNom.size();
            ++words;
            pos = end + 1;
        }
        v.surnameWords = static_cast<std::uint8_t>(std::min(words, 255));
        if (words > 1) {
            pos = 0;
            while (pos < foldedNom.size()) {
                size_t end = foldedNom.find(' ', pos);
                if (end == std::string::npos) end = foldedNom.size();
                std::string word = ocrKey(foldedNom.substr(pos, end - pos), true);
                if (word.size() >= 3 && word != keys[v.surname]) {
                    std::uint32_t k = intern(word);
                    partialPostings[k].push_back(id);
                    indexKey(k);
                }
                pos = end + 1;
            }
        }
        variants.push_back(std::move(v));
    }

    /// Per-call working memory of lookup(), so that a const Directory serves several threads.
    struct Scratch {
        std::vector<std::uint32_t> hits;
        std::vector<std::uint16_t> counts; ///< sized on first two-edit look-up
        std::vector<std::uint32_t> touched;
    };

    using TrigramIndex = std::unordered_map<std::uint32_t, std::vector<std::uint32_t>>;

    /// Counts, in scratch.counts, how many trigrams each key of `index` (ids below `ids`) of length
    /// |key| ± slack (4 at least) shares with `key`; the keys counted are listed in
    /// scratch.touched. The caller reads the counts and sets them back to 0. The `skipCommon` grams
    /// of `key` with the longest postings are not counted: a key that must share m of the T grams
    /// of `key` shares one at least of any T - m + 1 of them, and the commonest cost the most.
    static void countSharedTrigrams(const TrigramIndex& index, size_t ids, const std::string& key,
                                    size_t slack, Scratch& scratch, size_t skipCommon = 0) {
        if (scratch.counts.size() < ids) scratch.counts.resize(ids, 0);
        scratch.touched.clear();
        const size_t lo = key.size() > slack + 4 ? key.size() - slack : 4;
        std::vector<std::pair<size_t, std::vector<const std::vector<std::uint32_t>*>>> grams;
        for (int g : trigramsOf(key)) {
            auto& [size, postings] = grams.emplace_back();
            for (size_t len = lo; len <= key.size() + slack; ++len)
                if (auto it = index.find(static_cast<std::uint32_t>(len << 16 | static_cast<size_t>(g)));
                    it != index.end()) {
                    postings.push_back(&it->second);
                    size += it->second.size();
                }
        }
        if (skipCommon > 0) {
            std::sort(grams.begin(), grams.end(),
                      [](const auto& x, const auto& y) { return x.first < y.first; });
            grams.resize(grams.size() > skipCommon ? grams.size() - skipCommon : 0);
        }
        for (const auto& gram : grams)
            for (const auto* postings : gram.second)
                for (std::uint32_t k : *postings)
                    if (scratch.counts[k]++ == 0) scratch.touched.push_back(k);
    }

    /// Appends to scratch.hits the long keys of length |key| ± 2 that share at least `needed`
    /// trigrams with `key`.
    void trigramCandidates(const std::string& key, int needed, Scratch& scratch) const {
        countSharedTrigrams(trigramsByLength, keys.size(), key, 2, scratch);
        for (std::uint32_t k : scratch.touched) {
            if (scratch.counts[k] >= needed) scratch.hits.push_back(k);
            scratch.counts[k] = 0;
        }
    }

    /// The keys of `set` of length |key| ± slack sharing the most trigrams with `key` (a plainKey;
    /// at most `compared` of them are compared) that are within `maxDistance` edits of it, with
    /// their distance.
    static void plainLookup(const PlainSet& set, const std::string& key, int maxDistance, size_t slack,
                            size_t compared, Scratch& scratch,
                            std::vector<std::pair<std::uint32_t, int>>& out, std::uint16_t minShared = 1) {
        out.clear();
        // Keys sharing minShared grams share one of the rarest T - minShared + 1: only those count.
        countSharedTrigrams(set.trigrams, set.keys.size(), key, slack, scratch, minShared - 1u);
        auto& counts = scratch.counts;
        auto& touched = scratch.touched;
        std::vector<std::pair<std::uint16_t, std::uint32_t>> ranked;
        ranked.reserve(touched.size());
        for (std::uint32_t k : touched) {
            ranked.emplace_back(counts[k], k);
            counts[k] = 0;
        }
        if (ranked.size() > compared) {
            std::nth_element(ranked.begin(), ranked.begin() + static_cast<long>(compared), ranked.end(),
                             [](const auto& x, const auto& y) { return x.first > y.first; });
            ranked.resize(compared);
        }
        for (const auto& [shared, k] : ranked) {
            int d = boundedDistance(key, set.keys[k], maxDistance);
            if (d <= maxDistance) out.emplace_back(k, d);
        }
    }

    /// The wide search, for staff only: the plain surname keys sharing the most trigrams with
    /// `key` (at most 48 of them are compared) that are within about 40 % of its length in edits
    /// (a badly read handwritten name).
    void wideLookup(const std::string& key, Scratch& scratch,
                    std::vector<std::pair<std::uint32_t, int>>& out) const {
        out.clear();
        if (key.size() < 4) return;
        const int maxDistance = std::clamp(static_cast<int>(key.size() * 2 / 5), 2, 4);
        plainLookup(plainSurnames, key, maxDistance, static_cast<size_t>(maxDistance), 48, scratch, out);
    }

    /// Surname keys within `maxDistance` (0, 1 or 2) edits of `key`, with their distance.
    void lookup(const std::string& key, int maxDistance, Scratch& scratch,
                std::vector<std::pair<std::uint32_t, int>>& out) const {
        out.clear();
        if (maxDistance == 0) {
            if (auto it = keyIds.find(key); it != keyIds.end() && indexed[it->second])
                out.emplace_back(it->second, 0);
            return;
        }
        auto& hits = scratch.hits;
        hits.clear();
        auto probe = [&](const std::string& variant) {
            auto range = std::equal_range(deletions.begin(), deletions.end(),
                                          std::pair<std::uint64_t, std::uint32_t>{hashKey(variant), 0},
                                          [](const auto& x, const auto& y) { return x.first < y.first; });
            for (auto it = range.first; it != range.second; ++it)
                hits.push_back(it->second);
        };
        probe(key);
        for (size_t i = 0; i < key.size(); ++i) {
            if (i > 0 && key[i] == key[i - 1]) continue;
            probe(key.substr(0, i) + key.substr(i + 1));
        }
        if (maxDistance >= 2 && hits.empty()) {
            // Two edits, only when nothing is within one: long keys of a close length sharing
            // enough trigrams (an edit changes at most three trigrams, a swap four), then verified.
            // A key two edits away scores too low to make a closer one ambiguous, so it only matters
            // when it is the best there is.
            const int grams = static_cast<int>(trigramsOf(key).size());
            trigramCandidates(key, std::max(2, grams - 4 * maxDistance), scratch);
        }
        std::sort(hits.begin(), hits.end());
        hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
        for (std::uint32_t k : hits) {
            int d = boundedDistance(key, keys[k], maxDistance);
            if (d <= maxDistance) out.emplace_back(k, d);
        }
    }
};

bool returnsToSender(const Dossier& d) {
    return d.npai.actif || d.statut == Statut::Radie || d.statut == Statut::Refus;
}

Directory::Directory(std::vector<Dossier> dossiers, StructureAddress structure)
    : index_(std::make_unique<Index>()) {
    Index& ix = *index_;
    ix.dossiers = std::move(dossiers);
    ix.structure = std::move(structure);
    for (const std::string& number : ix.structure.numbers)
        if (std::string key = boxKey(number); !key.empty()) ix.structureKeys.push_back(key);
    ix.byRef.reserve(ix.dossiers.size());
    ix.variants.reserve(ix.dossiers.size() * 3 / 2);
    for (std::uint32_t i = 0; i < ix.dossiers.size(); ++i) {
        const Dossier& d = ix.dossiers[i];
        ix.byRef.emplace(d.ref, i);
        if (!d.customRef.empty()) ix.byBox.emplace(boxKey(d.customRef), i);
        ix.addVariant(i, Via::Holder, -1, d.nom, d.prenom, d.surnom);
        if (!foldForSearch(d.surnom).empty()) ix.addVariant(i, Via::Alias, -1, d.surnom, "");
        for (size_t a = 0; a < d.ayantsDroits.size(); ++a)
            ix.addVariant(i, Via::Dependant, static_cast<int>(a),
                          d.ayantsDroits[a].nom.empty() ? d.nom : d.ayantsDroits[a].nom,
                          d.ayantsDroits[a].prenom);
        for (size_t p = 0; p < d.procurations.size(); ++p)
            ix.addVariant(i, Via::Procuration, static_cast<int>(p), d.procurations[p].nom,
                          d.procurations[p].prenom);
    }
    ix.finish();
    ix.spellings = std::make_unique<Spellings>(ix.dossiers);
}

const Spellings& Directory::spellings() const {
    return *index_->spellings;
}

Directory::Directory(Directory&&) noexcept = default;
Directory& Directory::operator=(Directory&&) noexcept = default;
Directory::~Directory() = default;

size_t Directory::size() const {
    return index_->dossiers.size();
}

const Dossier* Directory::find(DossierRef ref) const {
    auto it = index_->byRef.find(ref);
    return it == index_->byRef.end() ? nullptr : &index_->dossiers[it->second];
}

const std::vector<Dossier>& Directory::dossiers() const {
    return index_->dossiers;
}

const StructureAddress& Directory::structure() const {
    return index_->structure;
}

MatchResult Directory::match(const std::vector<std::string>& lines, const Options& options) const {
    return match(parseRecipient(lines), options);
}

namespace {

/// The given names written on the envelope (the words beside the surname), keyed once per segment
/// so that comparing them with each candidate's given names allocates nothing.
struct FirstNamePart {
    bool empty = true;
    bool allInitials = true;
    std::string raw;                     ///< folded words joined
    std::string strict;                  ///< ocrKey(raw)
    std::string loose;                   ///< ocrKey(raw, true)
    std::vector<std::string> prefixKeys; ///< strict keys of the first 1..n-1 words joined
    std::vector<std::string> suffixKeys; ///< strict keys of the last 1..n-1 words joined
    size_t words = 0;
    std::string firstWord;             ///< strict key of the first word alone
    std::vector<std::string> wordKeys; ///< strict key of each word, when there are several

    FirstNamePart(const std::vector<std::string>& tokens, size_t from, size_t to) {
        empty = from == to;
        words = to - from;
        for (size_t i = from; i < to; ++i) {
            raw += tokens[i];
            allInitials = allInitials && tokens[i].size() == 1;
            if (i + 1 < to) prefixKeys.push_back(ocrKey(raw)); // proper prefixes only
        }
        strict = ocrKey(raw);
        loose = ocrKey(raw, true);
        std::string tail;
        for (size_t i = to; i > from + 1; --i) {
            tail = tokens[i - 1] + tail;
            suffixKeys.push_back(ocrKey(tail));
        }
        if (words > 1)
            for (size_t i = from; i < to; ++i)
                wordKeys.push_back(ocrKey(tokens[i]));
        if (!empty) firstWord = ocrKey(tokens[from]);
    }
};

/// How the given names written on the envelope compare with a variant's.
std::pair<FirstName, double> compareFirstNames(const FirstNamePart& part, const Variant& v,
                                               const std::vector<std::string>& keys) {
    if (part.empty) return {FirstName::Missing, 0.0};
    // An alias stands for the whole name: words beside it are unexplained.
    if (v.first == kNone) return {v.via == Via::Alias ? FirstName::Mismatch : FirstName::Absent, 0.0};
    const std::string& target = keys[v.first];
    if (part.strict == target) return {FirstName::Exact, 1.0};
    // "TATA DIALLO", "P'tit Jean MOREAU", "LEFÈVRE dit « Mimi »": the nickname beside the surname.
    if (v.nickname != kNone && part.strict == keys[v.nickname]) return {FirstName::Nickname, 1.0};
    if (part.allInitials) {
        if (v.initials.compare(0, part.raw.size(), part.raw) == 0) return {FirstName::Initial, 0.0};
        return {FirstName::Mismatch, 0.0};
    }
    if (part.loose == keys[v.firstLoose]) return {FirstName::NearExact, 0.0};
    // "Jean Pierre Marie" for "Jean-Pierre": exact given names followed by others.
    for (const auto& prefix : part.prefixKeys)
        if (prefix == target) return {FirstName::Extra, 0.0};
    // "Ioan Ousmane" or "Thi Mariam" for Ousmane, Mariam: another given name before them.
    for (const auto& suffix : part.suffixKeys)
        if (suffix == target) return {FirstName::Extra, 0.0};
    if (v.firstToken != v.first && part.words == 1 && part.strict == keys[v.firstToken])
        return {FirstName::Partial, 0.0};
    const std::string& targetLoose = keys[v.firstLoose];
    size_t length = std::max(part.loose.size(), targetLoose.size());
    int maxD = maxDistanceFor(length);
    int d = boundedDistance(part.loose, targetLoose, maxD);
    if (d <= maxD && d > 0)
        return {FirstName::Fuzzy, 1.0 - static_cast<double>(d) / static_cast<double>(length)};
    // Different: how different still orders the candidates for staff (a badly read "Océane" is
    // nearer Océane than Awa), never enough to reach the Confirm threshold.
    auto similarity = [](const std::string& x, const std::string& y) {
        const size_t len = std::max(x.size(), y.size());
        if (len == 0) return 0.0;
        const int dd = boundedDistance(x, y, 4);
        return std::max(0.0, 1.0 - static_cast<double>(dd) / static_cast<double>(len));
    };
    double sim = similarity(part.loose, targetLoose);
    for (const auto& word : part.wordKeys)
        sim = std::max(sim, similarity(word, keys[v.firstToken]));
    return {FirstName::Mismatch, sim};
}

std::string explain(const Scored& s, const Variant* v) {
    std::string why = v ? toString(v->via) : "box";
    if (v && s.wholeDistance >= 0) {
        why += ": whole name " + std::to_string(s.wholeDistance) + " edit(s) away";
    } else if (v) {
        why += s.surnameStrict          ? std::string(": surname exact")
               : s.surnameDistance == 0 ? std::string(": surname exact but for a doubled letter")
                                        : ": surname " + std::to_string(s.surnameDistance) + " edit(s)";
        if (s.partialSurname) why += " (one word of it)";
        why += ", ";
        why += describe(s.first);
    } else if (!s.boxMatch) {
        why += ": only the dossier reference printed on the envelope matches";
    } else {
        why += ": only the box number matches";
    }
    if (s.refMatch && v) why += ", dossier reference matches";
    if (s.refConflict) why += ", dossier reference differs";
    if (s.boxMatch && v) why += ", box number matches";
    if (s.boxConflict) why += ", box number differs";
    if (s.birthMatch) why += ", birth date matches";
    if (s.birthConflict) why += ", birth date differs";
    if (s.droppedWord) why += ", a word before the name left out";
    return why;
}

} // namespace

MatchResult Directory::match(const Recipient& recipient, const Options& options) const {
    const Index& ix = *index_;
    MatchResult result;
    result.recipient = recipient;

    std::unordered_map<std::uint32_t, Scored> best; // dossier index → best pairing
    Index::Scratch scratch;
    std::vector<std::pair<std::uint32_t, int>> found;
    // The structure's own numbers (configured or learned) are no one's key: the person's box is
    // the first other one read.
    auto structures = [&](const std::string& key) {
        return std::find(ix.structureKeys.begin(), ix.structureKeys.end(), key) != ix.structureKeys.end() ||
               std::any_of(options.structureNumbers.begin(), options.structureNumbers.end(),
                           [&](const std::string& n) { return boxKey(n) == key; });
    };
    std::string box;
    if (recipient.box) {
        std::vector<std::string> read{*recipient.box};
        read.insert(read.end(), recipient.moreBoxes.begin(), recipient.moreBoxes.end());
        for (const std::string& b : read)
            if (std::string key = boxKey(b); !key.empty() && !structures(key)) {
                box = key;
                break;
            }
    }

    // "BP 42" counts only when it is the dossier's box: it may be the structure's postal box.
    std::string postBox = !box.empty() || !recipient.postBox ? std::string() : boxKey(*recipient.postBox);
    if (structures(postBox)) postBox.clear();
    const std::string dossierRef = recipient.dossierRef ? boxKey(*recipient.dossierRef) : std::string();
    std::vector<std::uint32_t> refDossiers; // the dossiers whose ref or customRef it is
    if (!dossierRef.empty()) {
        char* end = nullptr;
        const long long n = std::strtoll(dossierRef.c_str(), &end, 10);
        if (end && *end == '\0')
            if (auto it = ix.byRef.find(static_cast<DossierRef>(n)); it != ix.byRef.end())
                refDossiers.push_back(it->second);
        auto [lo, hi] = ix.byBox.equal_range(dossierRef);
        for (auto it = lo; it != hi; ++it)
            if (std::find(refDossiers.begin(), refDossiers.end(), it->second) == refDossiers.end())
                refDossiers.push_back(it->second);
    }
    const bool refIsKnown = !refDossiers.empty();
    auto applyKeys = [&](Scored& s, const Dossier& d, const std::optional<Date>& birth) {
        const std::string dossierBox =
            d.customRef.empty() || (box.empty() && postBox.empty()) ? std::string() : boxKey(d.customRef);
        if (!dossierBox.empty() && (dossierBox == box || dossierBox == postBox)) {
            s.boxMatch = true;
            s.score += (1.0 - s.score) * 0.5;
        } else if (!dossierBox.empty() && !box.empty()) {
            s.boxConflict = true;
            s.score *= 0.75;
        }
        // The domiciliation's reference printed by the sender: this dossier's ref or customRef
        // confirms it strongly; another dossier's contradicts; a number that is no dossier's says
        // nothing (another body's number read as ours).
        if (!dossierRef.empty()) {
            if (std::to_string(d.ref) == dossierRef ||
                (!d.customRef.empty() && boxKey(d.customRef) == dossierRef)) {
                s.refMatch = true;
                s.score += (1.0 - s.score) * 0.6;
            } else if (refIsKnown) {
                s.refConflict = true;
                s.score *= 0.75;
            }
        }
        if (recipient.birthDate && birth) {
            if (*recipient.birthDate == *birth) {
                s.birthMatch = true;
                s.score += (1.0 - s.score) * 0.3;
            } else {
                s.birthConflict = true;
                s.score *= 0.7;
            }
        }
    };
    auto offer = [&](std::uint32_t dossier, const Scored& s) {
        auto [it, fresh] = best.emplace(dossier, s);
        if (!fresh && (s.score > it->second.score ||
                       (s.score == it->second.score && s.exactName && !it->second.exactName)))
            it->second = s;
    };

    // A pairing of a reading with a name (variant `vi`), before it is scored.
    auto pairing = [](const NameReading& reading, std::uint32_t vi, bool wide) {
        Scored s;
        s.variant = vi;
        s.line = reading.line;
        s.derived = reading.derived;
        s.sourceLine = reading.sourceLine;
        s.wide = wide;
        return s;
    };
    // `wide`: the search for staff when nothing came close, with many more edits allowed; what it
    // finds is listed (low-scored) and cannot be Auto.
    auto searchNames = [&](bool wide) {
        for (const NameReading& reading : recipient.names) {
            const auto& tokens = reading.tokens;
            const size_t n = tokens.size();
            // The surname is written first or last; the given names are the rest. After a leading
            // initial ("J. DUPONT Marie", or "N. DIOP Awa" for a misread "M.") it may come second.
            // One or two words before it that are not an initial are a misread civility or a stamp's
            // fragment ("Monsi@uc HEBERT Nocdine"): such a reading is listed for staff, never Auto.
            struct Segment {
                size_t a, b, from, to;  ///< surname tokens [a, b), given names [from, to)
                bool dropsWord = false; ///< the word before the surname is left out
            };
            std::vector<Segment> segments;
            for (size_t len = 1; len <= std::min<size_t>(4, n); ++len) {
                segments.push_back({0, len, len, n});
                if (len < n) segments.push_back({n - len, n, 0, n - len});
            }
            for (size_t skip = 1; skip <= 2; ++skip)
                for (size_t len = 1; len + skip + 1 <= n && len <= 3; ++len)
                    segments.push_back({skip, skip + len, skip + len, n, skip > 1 || tokens[0].size() > 1});
            for (const Segment& seg : segments) {
                const size_t a = seg.a, b = seg.b;
                std::string joined = join(tokens, a, b);
                std::string key = ocrKey(joined, true);
                // Two-letter surnames (LI, WU, YE, NG) count; an initial does not. "LI" keys as "l"
                // (i and l merged, the run collapsed).
                if (key.empty() || joined.size() < 2) continue;
                std::string strict = ocrKey(joined);
                const bool writtenInCapitals =
                    std::all_of(reading.upper.begin() + static_cast<long>(a),
                                reading.upper.begin() + static_cast<long>(b), [](bool u) { return u; });
                if (wide) {
                    if (b - a > 2) continue; // a surname of one or two words is enough to list
                    ix.wideLookup(plainKey(joined), scratch, found);
                } else {
                    // Joined words (particles, a split name) are looked up within one edit only:
                    // two edits across words cost much time and find little.
                    int maxD = std::min(maxDistanceFor(key.size()), b - a > 1 ? 1 : 2);
                    ix.lookup(key, maxD, scratch, found);
                }
                const FirstNamePart firstPart(tokens, seg.from, seg.to);
                for (auto [keyId, dist] : found) {
                    for (int pass = 0; pass < (wide ? 1 : 2); ++pass) {
                        const auto& postings = wide        ? ix.plainSurnames.postings[keyId]
                                               : pass == 0 ? ix.surnamePostings[keyId]
                                                           : ix.partialPostings[keyId];
                        const size_t foundLength =
                            wide ? ix.plainSurnames.keys[keyId].size() : ix.keys[keyId].size();
                        for (std::uint32_t vi : postings) {
                            const Variant& v = ix.variants[vi];
                            const Dossier& d = ix.dossiers[v.dossier];
                            Scored s = pairing(reading, vi, wide);
                            s.surnameDistance = dist;
                            s.partialSurname = pass == 1;
                            s.surnameStrict = dist == 0 && !s.partialSurname &&
                                              strict == ix.keys[v.surnameStrict] &&
                                              !(writtenInCapitals &&
                                                capitalsSwapIL(joined, foldForSearch(surnameOf(v, d))));
                            double length = static_cast<double>(std::max(key.size(), foundLength));
                            double surname = (dist == 0 && !s.surnameStrict ? 0.97 : 1.0 - dist / length) *
                                             (s.partialSurname ? 0.85 : 1.0);
                            auto [first, fuzzy] = compareFirstNames(firstPart, v, ix.keys);
                            s.first = first;
                            s.firstSimilarity = fuzzy;
                            s.score = surname * surname * (0.55 + 0.45 * firstNameWeight(first, fuzzy)) *
                                      roleWeight(v.via);
                            const size_t givenWords = seg.to - seg.from;
                            bool aliasWhole = v.via == Via::Alias && givenWords == 0 && v.surnameWords >= 2;
                            bool surnameExact = s.surnameStrict || (options.doubledLettersExact &&
                                                                    dist == 0 && !s.partialSurname);
                            bool firstExact = first == FirstName::Exact || first == FirstName::Nickname ||
                                              (options.doubledLettersExact && first == FirstName::NearExact);
                            s.exactName = surnameExact && (firstExact || aliasWhole);
                            if (aliasWhole) s.score = std::max(s.score, 0.97);
                            if (seg.dropsWord) {
                                s.droppedWord = true;
                                s.exactName = false;
                                s.score *= kDroppedWordWeight;
                            }
                            std::optional<Date> birth = d.dateNaissance;
                            if (v.via == Via::Dependant)
                                birth = d.ayantsDroits[static_cast<size_t>(v.index)].dateNaissance;
                            if (v.via == Via::Procuration)
                                birth = d.procurations[static_cast<size_t>(v.index)].dateNaissance;
                            applyKeys(s, d, birth);
                            offer(v.dossier, s);
                        }
                    }
                }
            }
        }
    };
    searchNames(false);
    const bool nothingClose = std::none_of(best.begin(), best.end(),
                                           [](const auto& kv) { return kv.second.score >= kConfirmScore; });
    if (nothingClose) {
        searchNames(true);
        // A badly read handwritten name ("BONNET-OUATARE Ton" for Ion BONNET-OUATTARA, "Nadia
        // Hnadt" for Nadia AHMADI) is often closer, letter for letter, to the right person's whole
        // name than the surname searches find: every name is compared whole. Listed for staff,
        // scored below Confirm, never Auto.
        // A first word left out too (a civility read as "Hadant"), at the dropped word's cost.
        for (const NameReading& reading : recipient.names)
            for (size_t from = 0; from < (reading.derived ? 1u : 2u) && from + 2 <= reading.tokens.size();
                 ++from) {
                const std::string key = plainKey(join(reading.tokens, from, reading.tokens.size()));
                if (key.size() < kWholeMinLetters) continue;
                const double weight = from == 0 ? kWholeWeight : kWholeWeight * kDroppedWordWeight;
                // The bound allows for a longer name: edits ≤ (1 - similarity) × the longer length.
                const int bound = static_cast<int>(static_cast<double>(key.size()) *
                                                   (1.0 - kWholeMinSimilarity) / kWholeMinSimilarity);
                // A name this similar shares a third of the reading's trigrams at least.
                const auto minShared =
                    static_cast<std::uint16_t>(std::max<size_t>(2, trigramsOf(key).size() / 3));
                ix.plainLookup(ix.plainWholeNames, key, bound, kWholeLengthSlack, kWholeCompared, scratch,
                               found, minShared);
                for (auto [keyId, d] : found) {
                    const double length =
                        static_cast<double>(std::max(key.size(), ix.plainWholeNames.keys[keyId].size()));
                    const double similarity = 1.0 - d / length;
                    if (similarity < kWholeMinSimilarity) continue;
                    for (std::uint32_t vi : ix.plainWholeNames.postings[keyId]) {
                        const Variant& v = ix.variants[vi];
                        Scored s = pairing(reading, vi, true);
                        s.wholeDistance = d;
                        s.first = FirstName::Mismatch;
                        s.droppedWord = from > 0;
                        s.score = std::min(kConfirmScore - 0.01, weight * similarity * roleWeight(v.via));
                        offer(v.dossier, s);
                    }
                }
            }
    }
    // The box number alone brings its dossier(s) to the list, for staff to see; never Auto.
    if (!box.empty()) {
        auto [lo, hi] = ix.byBox.equal_range(box);
        for (auto it = lo; it != hi; ++it)
            if (!best.count(it->second)) {
                Scored s;
                s.score = 0.5;
                s.boxMatch = true;
                best.emplace(it->second, s);
            }
    }

    // So does the printed dossier reference.
    for (std::uint32_t i : refDossiers)
        if (!best.count(i)) {
            Scored s;
            s.score = 0.5;
            s.refMatch = true;
            best.emplace(i, s);
        }

    std::vector<std::pair<std::uint32_t, Scored>> ranked(best.begin(), best.end());
    std::sort(ranked.begin(), ranked.end(), [&](const auto& x, const auto& y) {
        if (x.second.score != y.second.score) return x.second.score > y.second.score;
        // Equal scores (two exact names): a key that agrees puts its dossier first.
        if (x.second.refMatch != y.second.refMatch) return x.second.refMatch;
        if (x.second.boxMatch != y.second.boxMatch) return x.second.boxMatch;
        if (x.second.birthMatch != y.second.birthMatch) return x.second.birthMatch;
        return ix.dossiers[x.first].ref < ix.dossiers[y.first].ref;
    });
    // When nothing came close, the list for staff keeps every pairing down to the wide search's
    // floor: a surname one edit off with another first name (0.40) is a better guess than what
    // only the wide search found.
    std::erase_if(ranked, [&](const auto& r) {
        return r.second.score < (r.second.wide || nothingClose ? options.minWideScore : options.minScore);
    });

    for (size_t i = 0; i < ranked.size() && i < options.maxCandidates; ++i) {
        const auto& [dossier, s] = ranked[i];
        const Variant* v = s.variant == kNone ? nullptr : &ix.variants[s.variant];
        Candidate c;
        c.dossier = ix.dossiers[dossier].ref;
        c.score = std::clamp(s.score, 0.0, 1.0);
        c.via = v ? v->via : Via::Box;
        c.viaIndex = v ? v->index : -1;
        c.exactName = s.exactName;
        c.wide = s.wide;
        c.sourceLine = s.sourceLine;
        c.boxMatch = s.boxMatch;
        c.returnToSender = returnsToSender(ix.dossiers[dossier]);
        c.why = explain(s, v);
        result.candidates.push_back(std::move(c));
    }

    if (ranked.empty()) {
        result.decision = Decision::Unknown;
        result.reason = recipient.names.empty() ? "no name found in the recipient lines"
                                                : "no dossier resembles this name";
        return result;
    }
    const Scored& top = ranked[0].second;
    const Variant* topVariant = top.variant == kNone ? nullptr : &ix.variants[top.variant];
    auto viaOf = [&](const Scored& s) { return s.variant == kNone ? Via::Box : ix.variants[s.variant].via; };
    // The runner-up that could be the addressee instead. A procuration holder of another dossier
    // is not one: a mandataire collects someone else's mail and is not domiciled here under that
    // dossier, so a letter in their name belongs to a dossier where the name is the holder's,
    // a dependant's or an alias (when one such dossier exists), not to the dossier they collect for.
    // Nor is a dossier that has only part of the given names when the best has them all exactly
    // ("Mamadou Alpha DIALLO" is the dossier Mamadou Alpha's, not Mamadou's).
    const Scored* second = nullptr;
    for (size_t i = 1; i < ranked.size() && !second; ++i) {
        const Scored& s = ranked[i].second;
        if (top.exactName && s.first == FirstName::Extra && s.line == top.line && !s.boxMatch &&
            !s.refMatch && !s.birthMatch)
            continue;
        if (viaOf(s) != Via::Procuration || viaOf(top) == Via::Procuration) second = &s;
    }
    // Several readings of one envelope (the name as written, the married name, an alias, another
    // name-like line) describe one person: when another reading points to another dossier well
    // enough to be shown to staff, the envelope is ambiguous whatever the margin.
    const Scored* otherReading = nullptr;
    for (size_t i = 1; i < ranked.size() && !otherReading; ++i) {
        const Scored& s = ranked[i].second;
        if (s.score >= kConfirmScore && s.line >= 0 && viaOf(s) != Via::Procuration &&
            (s.line != top.line || s.derived != top.derived))
            otherReading = &s;
    }
    // A second key (box number, birth date) that agrees with the best and not with the other.
    auto separatedFrom = [&](const Scored* other) {
        return other && ((top.refMatch && !other->refMatch) || (top.boxMatch && !other->boxMatch) ||
                         (top.birthMatch && !other->birthMatch));
    };
    bool separated = separatedFrom(second);
    // Two dossiers whose names both agree exactly are homonyms whatever their scores: a penalty on
    // the other one (a box number that is not theirs, often the structure's own number, or a birth
    // date that differs) is no evidence for this one. Only a key that agrees with this one separates.
    bool homonyms = second && top.exactName && second->exactName;
    bool ambiguous = second && !separated && (second->score >= top.score - kAmbiguityMargin || homonyms);
    bool surnameWithSecondKey = topVariant &&
                                (top.surnameStrict || (options.doubledLettersExact &&
                                                       top.surnameDistance == 0 && !top.partialSurname)) &&
                                (top.first == FirstName::Missing || top.first == FirstName::Initial) &&
                                (top.boxMatch || top.birthMatch || top.refMatch);
    // A name one slip away from the dossier's (one edit in the surname or a close first name, not
    // both) plus a box number or birth date that agree: two independent keys.
    bool surnameNear = topVariant && !top.partialSurname && top.surnameDistance <= 1;
    bool surnameSure = top.surnameStrict || (topVariant && top.surnameDistance == 0 && !top.partialSurname);
    bool firstSure = top.first == FirstName::Exact || top.first == FirstName::Nickname ||
                     top.first == FirstName::NearExact;
    bool firstNear = firstSure || (top.first == FirstName::Fuzzy && top.firstSimilarity >= 0.75);
    bool nearNameWithSecondKey = (top.boxMatch || top.birthMatch || top.refMatch) &&
                                 ((surnameSure && firstNear) || (surnameNear && firstSure));
    // Measured only (Options::subsetNamesAuto): an exact surname with more given names than the
    // dossier's, and no other dossier near. (Initials alone were tried too: an OCR that lost the end
    // of "LEFEVRE SCEBASTIEN", read "LEFEVRE S", gave an absent look-alike to Sébastien LEFÈVRE.)
    bool subsetUnique = options.subsetNamesAuto && topVariant && top.surnameStrict && !top.partialSurname &&
                        top.first == FirstName::Extra && (!second || second->score < top.score - 0.3);
    // The wide search measures edits on plain letters, not on the OCR keys these rules speak of.
    bool strong = !top.wide && !top.droppedWord &&
                  (top.exactName || surnameWithSecondKey || nearNameWithSecondKey || subsetUnique);

    char margin[64];
    std::snprintf(margin, sizeof margin, "%.2f", second ? top.score - second->score : top.score);
    if (!strong) {
        result.decision = top.score >= kConfirmScore ? Decision::Confirm : Decision::Unknown;
        result.reason = top.score >= kConfirmScore ? "best candidate is close but not exact"
                                                   : "no candidate is close enough";
    } else if (topVariant && topVariant->via == Via::Procuration) {
        result.decision = Decision::Confirm;
        result.reason = "the name is a procuration holder's, not the dossier holder's";
    } else if (top.refConflict || top.boxConflict || top.birthConflict) {
        result.decision = Decision::Confirm;
        result.reason = top.refConflict   ? "the dossier reference on the envelope is another dossier's"
                        : top.boxConflict ? "the box number on the envelope belongs to another dossier"
                                          : "the birth date on the envelope differs";
    } else if (ambiguous) {
        result.decision = Decision::Confirm;
        result.reason = second->exactName ? "homonyms: several dossiers carry this name"
                                          : std::string("runner-up only ") + margin + " behind";
    } else if (otherReading && !separatedFrom(otherReading)) {
        result.decision = Decision::Confirm;
        result.reason = "the names on the envelope point to different dossiers";
    } else {
        result.decision = Decision::Auto;
        result.reason =
            std::string(top.exactName          ? "exact name"
                        : surnameWithSecondKey ? "exact surname and a second key"
                        : nearNameWithSecondKey
                            ? "name one slip away and a second key agreeing"
                            : "exact surname, the dossier's given names and others, no other dossier near") +
            (second ? std::string(", lead ") + margin + " over the next" : ", no other candidate");
    }
    return result;
}

std::vector<Sighting> sightingsOf(const Directory& directory, const std::vector<std::string>& lines,
                                  const Options& options) {
    const Recipient recipient = parseRecipient(lines);
    std::vector<std::string> numbers;
    if (recipient.box) numbers.push_back(*recipient.box);
    numbers.insert(numbers.end(), recipient.moreBoxes.begin(), recipient.moreBoxes.end());
    if (recipient.postBox) numbers.push_back(*recipient.postBox);
    std::vector<std::string> known;
    for (const std::string& n : directory.structure().numbers)
        known.push_back(boxKey(n));
    for (const std::string& n : options.structureNumbers)
        known.push_back(boxKey(n));
    std::erase_if(numbers, [&](std::string& n) {
        n = boxKey(n);
        return n.empty() || std::find(known.begin(), known.end(), n) != known.end();
    });
    if (numbers.empty()) return {};
    // Who it is for: the dossier the name fits well enough to ask staff about. Only dossiers count:
    // one person's badly read names would otherwise count as several people.
    const MatchResult result = directory.match(recipient, options);
    if (result.candidates.empty() || result.candidates[0].score < kConfirmScore) return {};
    const std::string addressee = std::to_string(result.candidates[0].dossier);
    std::vector<Sighting> out;
    for (const std::string& n : numbers)
        out.push_back({n, addressee});
    return out;
}

std::vector<std::string> recurringNumbers(const std::vector<Sighting>& sightings, size_t minAddressees) {
    std::unordered_map<std::string, std::vector<std::string>> addressees;
    for (const Sighting& s : sightings) {
        auto& list = addressees[s.number];
        if (std::find(list.begin(), list.end(), s.addressee) == list.end()) list.push_back(s.addressee);
    }
    std::vector<std::string> out;
    for (const auto& [number, list] : addressees)
        if (list.size() >= std::max<size_t>(2, minAddressees)) out.push_back(number);
    std::sort(out.begin(), out.end());
    return out;
}

Result<std::vector<std::string>> parseStructureNumbers(std::string_view text) {
    std::vector<std::string> out;
    std::string part;
    auto flush = [&]() -> Result<void> {
        // "BP 90", "Boîte n° 57", "CS 30012": the words before the number say what it is.
        std::string folded = foldForSearch(part);
        part.clear();
        size_t space = folded.rfind(' ');
        std::string number = space == std::string::npos ? folded : folded.substr(space + 1);
        if (number.empty()) return {};
        const bool digitsThenLetter = number.find_first_not_of("0123456789") >= number.size() - 1 &&
                                      number[0] >= '0' && number[0] <= '9';
        if (!digitsThenLetter)
            return Error{"structure numbers: \"" + number +
                         "\" is not a box, BP or CS number (digits, one letter after them at most)"};
        out.push_back(number);
        return {};
    };
    for (char c : text) {
        if (c == ',' || c == ';') {
            if (auto r = flush(); !r) return r.error();
        } else {
            part += c;
        }
    }
    if (auto r = flush(); !r) return r.error();
    return out;
}

} // namespace guichet::match
