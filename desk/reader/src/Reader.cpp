// The pipeline. Order matters for time: barcodes are read first on a reduced copy (cheap), the
// envelope work happens on a 1200-px copy, and Tesseract only sees the recipient block. When the
// upright/upside-down cues were weak, or nothing matched, the other orientation is read too and
// the better reading kept.
#include "guichet/reader/Reader.hpp"

#include "guichet/codes/OpenCvAdapter.hpp"
#include "guichet/envelope/Envelope.hpp"
#include "guichet/match/Spelling.hpp"
#include "guichet/ocr/Ocr.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <limits>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace guichet::reader {

namespace {

bool allDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(),
                                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}
bool allUpper(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(),
                                     [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
}

double msSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

int rank(match::Decision d) {
    switch (d) {
    case match::Decision::Auto:
        return 2;
    case match::Decision::Confirm:
        return 1;
    case match::Decision::Unknown:
        return 0;
    }
    return 0;
}

} // namespace

std::optional<MailCode> classifyMailCode(std::string_view raw) {
    std::string text;
    for (char c : raw)
        if (!std::isspace(static_cast<unsigned char>(c)))
            text += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    // La Poste domestic: digit, letter, 11 digits ("1A 123 456 7890 1"). 1-3: registered letters
    // (R1..R3 with or without A.R.); 5-9: Colissimo / Chronopost parcels.
    if (text.size() == 13 && std::isdigit(static_cast<unsigned char>(text[0])) &&
        std::isupper(static_cast<unsigned char>(text[1])) && allDigits(std::string_view(text).substr(2))) {
        const char first = text[0];
        if (first >= '1' && first <= '3') return MailCode{MailKind::Recommande, text};
        if (first >= '5' && first <= '9') return MailCode{MailKind::Colis, text};
        return std::nullopt;
    }
    // UPU S10 international item: 2 letters, 9 digits, 2 letters ("RR123456785FR").
    if (text.size() == 13 && allUpper(std::string_view(text).substr(0, 2)) &&
        allDigits(std::string_view(text).substr(2, 9)) && allUpper(std::string_view(text).substr(11, 2))) {
        if (text[0] == 'R') return MailCode{MailKind::Recommande, text};
        if (text[0] == 'C' || text[0] == 'E' || text[0] == 'V') return MailCode{MailKind::Colis, text};
    }
    return std::nullopt;
}

struct Reader::Impl {
    const match::Directory* directory = nullptr;
    Options options;
    ocr::Engine engine;
    /// The second model (Options::secondOcrLanguages), loaded when a retry first needs it; stays
    /// empty when it is turned off or could not be loaded (secondProblem says why), and those
    /// retries are skipped.
    std::optional<ocr::Engine> secondModel;
    std::string secondProblem; ///< Reader::secondModelProblem; set once, never retried
    Timings timings;           ///< of the page being read

    Impl(const match::Directory& dir, const Options& opts, ocr::Engine eng)
        : directory(&dir), options(opts), engine(std::move(eng)) {}

    struct Attempt {
        envelope::Located located;
        ocr::OcrText text;
        match::MatchResult match;
        bool namePartOnly = false; ///< read above the street and town lines only (see namePart)
        /// When namePartOnly: the street and town lines of the reading it was cut from, matched
        /// with the name (a "BP 42" above the street is the person's box, see match::Recipient).
        std::vector<std::string> below;
        std::vector<std::string> lines() const {
            std::vector<std::string> all = text.texts();
            all.insert(all.end(), below.begin(), below.end());
            return all;
        }
    };

    enum class Model { Primary, Second };
    /// A way to read the block again when the first reading was not sure.
    struct Retry {
        int capHeightPx;
        bool bolder; ///< thicken the strokes (thin pens, outline lettering)
        double grow; ///< a larger region (lines the grouping missed, a wrong envelope edge)
        Model model;
        /// Tried only when the best reading so far has a name scoring at least this much.
        double needsName;
    };
    /// Any name at all (a score above 0): when two readings found none, the other text sizes and
    /// strokes rarely do (1 envelope in 1,000 on the generated corpora).
    static constexpr double kSomeName = std::numeric_limits<double>::min();
    /// Larger text helps handwriting most; bolder strokes help thin and outlined lettering; smaller
    /// text helps wide, loose handwriting; a larger region recovers a name line the layout missed;
    /// the second model makes other mistakes than the first on handwriting ("BONNET Linh" where
    /// the first reads "RONNET Linh" at every size) and costs 1.6 first-model readings. It was
    /// tried only after a name at 0.6 or more (it rarely reads what the first read as garbage);
    /// since the letters it saw are spelled against the directory (spellNames), which needs its
    /// reading anyway, it is tried whenever the ladder is.
    static constexpr Retry kRetries[] = {{44, false, 0, Model::Primary, 0},
                                         {40, true, 0, Model::Primary, kSomeName},
                                         {30, false, 0, Model::Second, 0},
                                         {22, false, 0, Model::Primary, kSomeName},
                                         {30, false, 1.6, Model::Primary, 0}};
    /// Two ways of reading that give the same image to the same model (capitals within 3 %).
    static bool sameImage(const Retry& a, const Retry& b) {
        return a.bolder == b.bolder && a.grow == b.grow && a.model == b.model &&
               std::abs(a.capHeightPx - b.capHeightPx) <= std::max(1, a.capHeightPx * 3 / 100);
    }
    /// A word read with less confidence (Tesseract's 0..100) on the line of an exact name makes the
    /// name doubtful: it is read a second time before it is recorded.
    static constexpr float kDoubtfulWord = 60.0f;
    /// Every word of the name lines at least this sure: no retry (see readSurely).
    static constexpr float kSureWord = 85.0f;
    /// A candidate this close is a name one letter or so away: worth a second reading.
    static constexpr double kOneSlip = 0.85;
    /// Mean word confidences this far apart: the surer reading is the better one (see better).
    static constexpr float kConfidenceGap = 25.0f;
    /// A block whose capitals are below this share of the OCR size is coarse (see decide).
    static constexpr double kCoarseBlock = 0.8;
    /// How much a coarse block is enlarged for its second reading.
    static constexpr double kEnlarge = 1.5;

    /// `keepTop` < 1: only that top fraction of the block is read (a retry for the name, without
    /// the street and town lines a first reading found below it: `below`).
    std::optional<Attempt> read(envelope::Located located, bool bolder, std::string& why,
                                double keepTop = 1.0, std::vector<std::string> below = {},
                                Model model = Model::Primary, bool letterSteps = false) {
        ocr::Engine* eng = model == Model::Primary ? &engine : secondEngine();
        if (!eng) {
            why = secondProblem.empty() ? "the second OCR model is turned off" : secondProblem;
            return std::nullopt;
        }
        cv::Mat block = located.block;
        if (keepTop < 1.0)
            block = block.rowRange(
                0, std::clamp(static_cast<int>(std::lround(keepTop * block.rows)), 1, block.rows));
        if (bolder) cv::erode(block, block, cv::getStructuringElement(cv::MORPH_ELLIPSE, {3, 3}));
        const auto t0 = std::chrono::steady_clock::now();
        auto text = eng->read({block.data, block.cols, block.rows, static_cast<int>(block.step[0])},
                              located.blockDpi, ocr::Layout::SingleBlock, letterSteps);
        if (!text) {
            why = text.error().message;
            return std::nullopt;
        }
        timings.ocr += msSince(t0);
        ++timings.ocrPasses;
        Attempt a{std::move(located), std::move(text.value()), {}, keepTop < 1.0, {}};
        if (a.namePartOnly) a.below = std::move(below);
        a.match = directory->match(a.lines());
        return a;
    }

    /// The block of `a` re-cut from the page and read the way `retry` says (only its top
    /// `namepart` unless the region grows); nothing when it cannot be cut or read.
    std::optional<Attempt> reread(const cv::Mat& page, const Attempt& a, const Retry& retry,
                                  double namepart) {
        auto cut = envelope::recutBlock(page, a.located, retry.capHeightPx, retry.grow);
        if (!cut) return std::nullopt;
        return readCut(std::move(cut.value()), a, retry, namepart);
    }
    /// `cut`, a re-cut of the block of `a`, read the way `retry` says, keeping the letters seen
    /// (they are spelled against the directory when no reading is sure, see spellNames).
    std::optional<Attempt> readCut(envelope::Located cut, const Attempt& a, const Retry& retry,
                                   double namepart) {
        std::string ignored;
        if (retry.grow > 0 || namepart >= 1.0)
            return read(std::move(cut), retry.bolder, ignored, 1.0, {}, retry.model, true);
        return read(std::move(cut), retry.bolder, ignored, namepart, streetAndTown(a), retry.model, true);
    }

    ocr::Engine* secondEngine() {
        if (!secondModel && secondProblem.empty() && !options.secondOcrLanguages.empty()) {
            ocr::EngineOptions eo;
            eo.dataPath = options.ocrDataPath;
            eo.language = options.secondOcrLanguages;
            auto created = ocr::Engine::create(eo);
            if (created)
                secondModel = std::move(created.value());
            else
                secondProblem = created.error().message;
        }
        return secondModel ? &*secondModel : nullptr;
    }

    /// The whole block of `a` read again enlarged (cubic) by kEnlarge, with no new layout.
    std::optional<Attempt> readEnlarged(const Attempt& a) {
        envelope::Located located = a.located;
        cv::resize(a.located.block, located.block, {}, kEnlarge, kEnlarge, cv::INTER_CUBIC);
        located.blockDpi = static_cast<int>(std::lround(located.blockDpi * kEnlarge));
        std::string ignored;
        return read(std::move(located), false, ignored);
    }

    std::optional<Attempt> attempt(const cv::Mat& page, envelope::Orientation orientation, std::string& why) {
        envelope::LocateOptions lo;
        lo.orientation = orientation;
        const auto t0 = std::chrono::steady_clock::now();
        auto located = envelope::locateRecipient(page, lo);
        timings.locate += msSince(t0);
        ++timings.layouts;
        if (!located) {
            why = located.error().message;
            return std::nullopt;
        }
        return read(std::move(located.value()), false, why);
    }

    static double topScore(const Attempt& a) {
        return a.match.candidates.empty() ? 0.0 : a.match.candidates.front().score;
    }
    /// The best score of a candidate found by name (not a look-alike of the wide search, which finds
    /// something in any garbage, an upside-down block included); 0 when there is none.
    static double nameScore(const Attempt& a) {
        for (const auto& c : a.match.candidates)
            if (!c.wide) return c.score;
        return 0.0;
    }

    /// A name was read, no dossier is one slip away from it, and every word above the street and
    /// town lines is sure (kSureWord) and inside the block (a word at its edge may be cut short:
    /// "BOURGEOIS Moha" for Mohamed, which the larger region reads whole).
    static bool readSurely(const Attempt& a) {
        if (a.match.recipient.names.empty()) return false; // a name line the layout missed?
        if (nameScore(a) >= kOneSlip) return false;        // "Anmed" read surely for Ahmed
        const int edge = std::max(2, a.located.block.cols / 100);
        int words = 0;
        const size_t end = std::min(firstStreetOrTown(a), a.text.lines.size());
        for (size_t i = 0; i < end; ++i)
            for (const auto& w : a.text.lines[i].words) {
                if (w.confidence < kSureWord || w.x <= edge || w.x + w.width >= a.located.block.cols - edge)
                    return false;
                ++words;
            }
        return words > 0;
    }

    /// The lowest word confidence on the line the best candidate's name was read from; 100 when
    /// no line is known (a box number alone).
    static float nameConfidence(const Attempt& a) {
        float low = 100.0f;
        if (a.match.candidates.empty()) return low;
        const int line = a.match.candidates.front().sourceLine;
        if (line < 0 || static_cast<size_t>(line) >= a.text.lines.size()) return low;
        for (const auto& w : a.text.lines[static_cast<size_t>(line)].words)
            low = std::min(low, w.confidence);
        return low;
    }

    /// Which of two readings to believe. An automatic match wins; then a reading that looks like an
    /// address (street, postcode and town, c/o...) over one that does not: an upside-down block
    /// read as garbage can have the same word confidence as the right way up.
    static bool better(const Attempt& a, const Attempt& b) {
        if (rank(a.match.decision) == 2 || rank(b.match.decision) == 2)
            return rank(a.match.decision) > rank(b.match.decision);
        // Handwriting read the wrong way up is garbage in which the address rules find cues ("QA d
        // 299%"), while the right way up misreads the street ("170 cwenin de Rende"): a much surer
        // reading wins first.
        if (std::abs(a.text.meanConfidence - b.text.meanConfidence) >= kConfidenceGap)
            return a.text.meanConfidence > b.text.meanConfidence;
        const int ca = a.match.recipient.addressCues, cb = b.match.recipient.addressCues;
        if (std::abs(ca - cb) >= 2) return ca > cb;
        if (rank(a.match.decision) != rank(b.match.decision))
            return rank(a.match.decision) > rank(b.match.decision);
        const double sa = nameScore(a), sb = nameScore(b);
        if (std::abs(sa - sb) > 0.05) return sa > sb;
        if (ca != cb) return ca > cb;
        return a.text.meanConfidence > b.text.meanConfidence;
    }

    /// Whether the other way up is to be believed over the way the locator chose. When the locator
    /// was sure (its stamp-corner and letter-shape cues agreed), the other way up must find a name:
    /// handwriting read upside down is garbage in which the whole-name search finds a weak
    /// look-alike, where the right way up read the name too badly to find one ("Babacar Ee ana").
    static bool flipBetter(const Attempt& flip, const Attempt& first) {
        if (!first.located.orientationSure || flip.match.decision == match::Decision::Auto)
            return better(flip, first);
        return nameScore(flip) >= match::kConfirmScore && nameScore(flip) > nameScore(first) &&
               better(flip, first);
    }

    /// Barcodes are read in the dense regions the locator cut out, at full resolution.
    static void readCodes(const envelope::Located& located, Reading& out) {
        codes::DecodeOptions decode;
        decode.formats = codes::Format::Code128 | codes::Format::DataMatrix;
        decode.effort = codes::Effort::Thorough;
        decode.maxCodes = 2;
        for (const cv::Mat& crop : located.codeCrops) {
            for (const auto& code : codes::decodeCodes(crop, decode)) {
                out.codes.push_back(code.text);
                if (auto mail = classifyMailCode(code.text)) {
                    if (out.tracking.empty() || mail->kind == MailKind::Recommande) {
                        out.kind = mail->kind;
                        out.tracking = mail->tracking;
                    }
                }
            }
        }
    }

    /// The top fraction of the block that holds the lines above the first street or town line
    /// (name, c/o, box number), cut halfway between the two; 1 when there is no such line or
    /// nothing above it. Retries read only that part: the lines below do not name anyone, and Tesseract's
    /// time grows with the text it reads.
    static size_t firstStreetOrTown(const Attempt& a) {
        const auto& lines = a.text.lines;
        for (size_t i = 1; i < lines.size(); ++i)
            if (match::isStreetOrTown(lines[i].text) && !lines[i].words.empty()) return i;
        return lines.size();
    }
    /// The lines of `a` from its first street or town line on (what a name-part retry skips).
    static std::vector<std::string> streetAndTown(const Attempt& a) {
        if (a.namePartOnly) return a.below;
        std::vector<std::string> out;
        for (size_t i = firstStreetOrTown(a); i < a.text.lines.size(); ++i)
            out.push_back(a.text.lines[i].text);
        return out;
    }
    static double namePart(const Attempt& a) {
        const auto& lines = a.text.lines;
        const int height = a.located.block.rows;
        if (size_t i = firstStreetOrTown(a); i < lines.size()) {
            int top = height, previousBottom = 0;
            for (const auto& w : lines[i].words)
                top = std::min(top, w.y);
            for (const auto& w : lines[i - 1].words)
                previousBottom = std::max(previousBottom, w.y + w.height);
            if (top <= previousBottom || height <= 0) return 1.0;
            return std::min(1.0, (previousBottom + top) / 2.0 / height);
        }
        return 1.0;
    }

    /// The candidates of every reading of the block, best score per dossier: staff see a dossier
    /// that one reading found even when another reading was kept.
    static std::vector<match::Candidate> mergedCandidates(const std::vector<Attempt>& attempts,
                                                          const Attempt& kept) {
        std::vector<match::Candidate> all = kept.match.candidates;
        for (const Attempt& a : attempts)
            for (const auto& c : a.match.candidates) {
                auto it = std::find_if(all.begin(), all.end(),
                                       [&](const match::Candidate& x) { return x.dossier == c.dossier; });
                if (it == all.end())
                    all.push_back(c);
                else if (c.score > it->score)
                    *it = c;
            }
        std::stable_sort(all.begin(), all.end(), [](const match::Candidate& x, const match::Candidate& y) {
            return x.score > y.score;
        });
        if (all.size() > 5) all.resize(5);
        return all;
    }

    /// The letters the recogniser saw on the name lines (above the first street or town line) of
    /// these readings.
    static std::vector<match::LineSteps> nameSteps(const Attempt& best, const std::vector<Attempt>& earlier) {
        std::vector<match::LineSteps> lines;
        const auto add = [&](const Attempt& a) {
            const size_t end = std::min(firstStreetOrTown(a), a.text.lines.size());
            for (size_t i = 0; i < end; ++i) {
                auto& steps = lines.emplace_back();
                for (const auto& w : a.text.lines[i].words)
                    steps.push_back(w.steps);
            }
        };
        add(best);
        for (const auto& e : earlier)
            add(e);
        return lines;
    }

    /// A name the letters seen spell this well (match::spellingCost, ≤ 0; a letter not seen costs
    /// ≈ 5.5) is listed for staff; this much better than any other name, first and to be confirmed.
    static constexpr double kSpellListed = -10.0;
    static constexpr double kSpellFirst = -3.0;
    static constexpr double kSpellLead = 2.0;

    /// Not Auto: the letters the rereads of the block saw (the retry ladder, the second model's
    /// rung included, runs whenever the reading is neither Auto nor sure, and those are the
    /// readings spelled) spell the directory's names; a name they spell clearly better than any
    /// other is put before the matcher's candidates. Never Auto: a name one letter away from a
    /// dossier's spells it at ≈ −5.5.
    void spellNames(const Attempt& best, const std::vector<Attempt>& earlier, Reading& out) const {
        // A name read exactly (homonyms) or every word read surely (most often someone absent):
        // the letters seen spell what was read, nothing more.
        if (readSurely(best) || (!best.match.candidates.empty() && best.match.candidates.front().exactName))
            return;
        const auto lines = nameSteps(best, earlier);
        // A large directory: only the names the readings found (Spellings::kWholeScan).
        std::vector<DossierRef> among;
        const auto addCandidates = [&](const Attempt& a) {
            for (const auto& c : a.match.candidates)
                among.push_back(c.dossier);
        };
        addCandidates(best);
        for (const auto& e : earlier)
            addCandidates(e);
        const auto hits = directory->spellings().best(lines, kSpellListed, among);
        if (hits.empty()) return;
        const auto& top = hits.front();
        // The runner-up is another name (a homonym spells the same letters).
        double runner = kSpellListed - kSpellLead;
        for (const auto& h : hits)
            if (h.name != top.name && h.dossier != top.dossier) {
                runner = h.cost;
                break;
            }
        if (top.cost - runner < kSpellLead) return;
        auto& c = out.candidates;
        const auto listed =
            std::find_if(c.begin(), c.end(), [&](const auto& x) { return x.dossier == top.dossier; });
        const auto at = std::distance(c.begin(), listed);
        match::Candidate spelled;
        if (listed != c.end()) {
            spelled = *listed;
            c.erase(listed);
        } else {
            spelled.dossier = top.dossier;
            spelled.via = top.via;
            spelled.viaIndex = top.viaIndex;
            if (const Dossier* d = directory->find(top.dossier))
                spelled.returnToSender = match::returnsToSender(*d);
            spelled.score = match::kConfirmScore - 0.01;
            // nameSteps lists the best reading's name lines first.
            if (top.line < static_cast<int>(std::min(firstStreetOrTown(best), best.text.lines.size())))
                spelled.sourceLine = top.line;
        }
        spelled.why = "the letters seen spell this name";
        const bool first = top.cost >= kSpellFirst;
        if (first) {
            spelled.score = std::max(spelled.score, match::kConfirmScore);
            c.insert(c.begin(), spelled);
            if (out.decision == match::Decision::Unknown) {
                out.decision = match::Decision::Confirm;
                out.reason = "the letters seen spell a name of the directory";
            }
        } else {
            // Listed among the first three, where it was if it was there already.
            c.insert(c.begin() + std::min<std::ptrdiff_t>({at, 2, static_cast<std::ptrdiff_t>(c.size())}),
                     spelled);
        }
        if (c.size() > match::Options{}.maxCandidates) c.resize(match::Options{}.maxCandidates);
    }

    /// The page read, with where the time went (Reading::timings, load time excepted).
    Reading readPage(const cv::Mat& page) {
        timings = {};
        Reading out = decide(page);
        out.timings = timings;
        return out;
    }

    Reading decide(const cv::Mat& page) {
        Reading out;
        std::string why;
        std::optional<Attempt> best = attempt(page, envelope::Orientation::Auto, why);
        // The other way up is worth reading only when this reading does not look like an address:
        // on the generated corpora a reading with two address cues or more never lost to its flip.
        const bool weak =
            !best || (best->match.decision != match::Decision::Auto &&
                      (best->match.recipient.addressCues < 2 || !best->located.orientationSure));
        if (best && weak) {
            const auto other =
                best->located.upsideDown ? envelope::Orientation::Upright : envelope::Orientation::UpsideDown;
            std::string ignored;
            if (auto second = attempt(page, other, ignored); second && flipBetter(*second, *best))
                best = std::move(second);
        }
        if (!best) {
            out.reason = why;
            return out;
        }
        // Still no sure answer: read the same block again in other ways (no new layout). A retry
        // that finds an exact name is kept only if no earlier reading pointed to another dossier.
        std::vector<Attempt> earlier;
        if (best->match.decision == match::Decision::Auto && nameConfidence(*best) < kDoubtfulWord) {
            // An exact name read with a doubtful word ("lon" read for "Ioana" is the dependant
            // "Ion"): a second reading at another size must not point to another dossier.
            auto again = reread(page, *best, kRetries[0], namePart(*best));
            if (again && nameScore(*again) >= match::kConfirmScore &&
                again->match.candidates.front().dossier != best->match.candidates.front().dossier) {
                best->match.decision = match::Decision::Confirm;
                best->match.reason = "a second reading of a doubtful name points to another dossier";
                earlier.push_back(std::move(*again));
            }
        }
        // A coarse block (a webcam photo: capitals below the OCR size, the source cannot be
        // enlarged that much) read as an exact name: one letter may have been made into another
        // ("MLNSAH" read "MENSAH", word confidence 92). Read once more, enlarged, it must give the
        // same name exactly.
        if (earlier.empty() && best->match.decision == match::Decision::Auto &&
            best->located.blockCapPx < kCoarseBlock * envelope::LocateOptions{}.blockCapHeightPx) {
            auto again = readEnlarged(*best);
            const auto& top = best->match.candidates.front();
            const bool same = again && !again->match.candidates.empty() &&
                              again->match.candidates.front().dossier == top.dossier &&
                              again->match.candidates.front().exactName;
            if (!same) {
                best->match.decision = match::Decision::Confirm;
                best->match.reason = "a second reading of a coarse block does not read the name the same way";
                if (again) earlier.push_back(std::move(*again));
            }
        }
        // A name read with every word sure that matches no one exactly is most often someone who
        // is not in the directory (or a name staff must choose between): reading it again at
        // other sizes reads the same words (on two generated corpora, 650 envelopes: no decision
        // changed, a fifth of the time saved).
        if (best->match.decision != match::Decision::Auto && earlier.empty() && !readSurely(*best)) {
            earlier.push_back(*best);
            const double namepart = namePart(*best);
            std::vector<Retry> done{
                {static_cast<int>(std::lround(best->located.blockCapPx)), false, 0, Model::Primary, 0}};
            for (const Retry& retry : kRetries) {
                if (nameScore(*best) < retry.needsName) continue;
                auto cut = envelope::recutBlock(page, best->located, retry.capHeightPx, retry.grow);
                if (!cut) continue;
                // A coarse block (a webcam photo) cannot be enlarged past a limit: a larger size
                // asked for gives the image already read, and the same reading.
                const Retry achieved{static_cast<int>(std::lround(cut->blockCapPx)), retry.bolder, retry.grow,
                                     retry.model, retry.needsName};
                if (std::any_of(done.begin(), done.end(),
                                [&](const Retry& d) { return sameImage(d, achieved); }))
                    continue;
                done.push_back(achieved);
                auto again = readCut(std::move(cut.value()), *best, retry, namepart);
                if (!again) continue;
                if (again->match.decision == match::Decision::Auto) {
                    const DossierRef found = again->match.candidates.front().dossier;
                    const bool contradicted =
                        std::any_of(earlier.begin(), earlier.end(), [&](const Attempt& e) {
                            return topScore(e) >= match::kConfirmScore &&
                                   e.match.candidates.front().dossier != found;
                        });
                    if (contradicted) {
                        again->match.decision = match::Decision::Confirm;
                        again->match.reason = "readings of the block disagree on the dossier";
                    } else {
                        best = std::move(again);
                        break;
                    }
                }
                earlier.push_back(*again);
                if (better(*again, *best)) best = std::move(again);
            }
        }
        const auto codesStart = std::chrono::steady_clock::now();
        if (options.readCodes) readCodes(best->located, out);
        timings.codes = msSince(codesStart);
        const auto& m = best->match;
        out.decision = m.decision;
        out.candidates =
            m.decision == match::Decision::Auto ? m.candidates : mergedCandidates(earlier, *best);
        out.reason = m.reason;
        if (m.decision != match::Decision::Auto) spellNames(*best, earlier, out);
        // Another reading found a close name: staff are asked to confirm it, not told "unknown".
        if (out.decision == match::Decision::Unknown && !out.candidates.empty() &&
            !out.candidates.front().wide && out.candidates.front().score >= match::kConfirmScore) {
            out.decision = match::Decision::Confirm;
            out.reason = "another reading of the block found a close name";
        }
        if (!out.candidates.empty()) {
            out.confidence = out.candidates.front().score;
            if (m.decision == match::Decision::Auto) {
                out.dossier = out.candidates.front().dossier;
                out.returnToSender = out.candidates.front().returnToSender;
            }
        }
        out.lines = best->lines();
        out.ocrConfidence = best->text.meanConfidence;
        out.upsideDown = best->located.upsideDown;
        out.envelopeFound = best->located.envelopeFound;
        if (options.keepCrop) cv::imencode(".png", best->located.blockColour, out.cropPng);
        return out;
    }
};

void setImageThreads(int threads) {
    cv::setNumThreads(threads < 0 ? -1 : std::max(1, threads));
}

Reader::Reader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Reader::Reader(Reader&&) noexcept = default;
Reader& Reader::operator=(Reader&&) noexcept = default;
Reader::~Reader() = default;

Result<Reader> Reader::create(const match::Directory& directory, const Options& options) {
    ocr::EngineOptions eo;
    eo.dataPath = options.ocrDataPath;
    eo.language = options.ocrLanguages;
    auto engine = ocr::Engine::create(eo);
    if (!engine) return engine.error();
    return Reader(std::make_unique<Impl>(directory, options, std::move(engine.value())));
}

const std::string& Reader::preloadSecondModel() {
    impl_->secondEngine();
    return impl_->secondProblem;
}

const std::string& Reader::secondModelProblem() const {
    return impl_->secondProblem;
}

Result<int> Reader::pageCount(const std::string& path) {
    return envelope::countPages(path);
}

Result<Reading> Reader::readPage(const std::string& path, int page, int pages) {
    const auto start = std::chrono::steady_clock::now();
    auto image = envelope::loadPage(path, page);
    if (!image) return image.error();
    const double loadMs = msSince(start);
    Reading r = impl_->readPage(*image);
    r.image = path;
    r.page = page;
    r.pages = std::max(pages, page + 1);
    r.timings.load = loadMs;
    r.ms = msSince(start);
    return r;
}

Result<std::vector<Reading>> Reader::readFile(const std::string& path) {
    auto pages = pageCount(path);
    if (!pages) return pages.error();
    std::vector<Reading> out;
    for (int i = 0; i < *pages; ++i) {
        auto r = readPage(path, i, *pages);
        if (!r) return r.error();
        out.push_back(std::move(r.value()));
    }
    return out;
}

Result<Reading> Reader::readBytes(const std::vector<unsigned char>& bytes, const std::string& name) {
    const auto start = std::chrono::steady_clock::now();
    auto page = envelope::decodeImage(bytes, name);
    if (!page) return page.error();
    const double loadMs = msSince(start);
    Reading r = impl_->readPage(*page);
    r.image = name;
    r.timings.load = loadMs;
    r.ms = msSince(start);
    return r;
}

} // namespace guichet::reader
