#include "guichet/match/Recipient.hpp"

#include "NameKey.hpp"
#include "guichet/core/Text.hpp"

#include <algorithm>
#include <unordered_set>

namespace guichet::match {
namespace {

struct Token {
    std::string folded; ///< a-z0-9 only
    bool upper = false;
};

bool isDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
bool hasDigit(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// A word is "upper" when it has letters and none in lower case (ASCII or Latin-1 accented).
bool isUpperWord(std::string_view word) {
    bool letter = false;
    for (size_t i = 0; i < word.size(); ++i) {
        auto c = static_cast<unsigned char>(word[i]);
        if (c >= 'a' && c <= 'z') return false;
        if (c == 0xC3 && i + 1 < word.size() && static_cast<unsigned char>(word[i + 1]) >= 0xA0) return false;
        if ((c >= 'A' && c <= 'Z') || c == 0xC3) letter = true;
    }
    return letter;
}

/// Splits "DUPONTJean" (OCR lost the space) into "DUPONT" and "Jean".
std::vector<std::string_view> splitGluedCase(std::string_view word) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (size_t i = 2; i + 1 < word.size(); ++i) {
        auto up = [](char c) { return c >= 'A' && c <= 'Z'; };
        auto low = [](char c) { return c >= 'a' && c <= 'z'; };
        if (up(word[i - 2]) && up(word[i - 1]) && up(word[i]) && low(word[i + 1]) && i - start >= 2) {
            parts.push_back(word.substr(start, i - start));
            start = i;
        }
    }
    parts.push_back(word.substr(start));
    return parts;
}

/// Tesseract often reads a capital I as "IÏ" or "ÏI" (KEITA → KEIÏTA). A diaeresis on i never
/// follows or precedes an i in French or in the transcribed names we meet, so the extra letter is
/// dropped before folding.
std::string dropSpuriousDiaeresis(std::string_view line) {
    auto isI = [](char c) { return c == 'I' || c == 'i'; };
    std::string out;
    out.reserve(line.size());
    for (size_t i = 0; i < line.size(); ++i) {
        const bool diaeresis =
            line[i] == '\xC3' && i + 1 < line.size() && (line[i + 1] == '\x8F' || line[i + 1] == '\xAF');
        if (diaeresis && ((!out.empty() && isI(out.back())) || (i + 2 < line.size() && isI(line[i + 2])))) {
            ++i;
            continue;
        }
        out += line[i];
    }
    return out;
}

std::vector<Token> tokenize(std::string_view raw) {
    const std::string cleaned = dropSpuriousDiaeresis(raw);
    const std::string_view line = cleaned;
    std::vector<Token> tokens;
    size_t pos = 0;
    while (pos < line.size()) {
        while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t'))
            ++pos;
        size_t end = pos;
        while (end < line.size() && line[end] != ' ' && line[end] != '\t')
            ++end;
        if (end > pos) {
            for (std::string_view part : splitGluedCase(line.substr(pos, end - pos))) {
                bool upper = isUpperWord(part);
                std::string folded = foldForSearch(part); // apostrophes and hyphens become spaces
                size_t p = 0;
                while (p < folded.size()) {
                    size_t e = folded.find(' ', p);
                    if (e == std::string::npos) e = folded.size();
                    if (e > p) tokens.push_back({folded.substr(p, e - p), upper});
                    p = e + 1;
                }
            }
        }
        pos = end;
    }
    return tokens;
}

const std::unordered_set<std::string>& civilities() {
    static const std::unordered_set<std::string>
        words{"m",      "mr",       "mme",       "mmes",     "mlle", "mle",     "melle", "mademoiselle",
              "madame", "monsieur", "messieurs", "mesdames", "dr",   "docteur", "me",    "maitre",
              "pr",     "famille",  "mm",        "mrs",      "ms",   "miss",    "sr",    "sra",
              "veuve",  "vve"}; // "Madame veuve DUPONT": the name follows
    return words;
}
const std::unordered_set<std::string>& streetWords() {
    static const std::unordered_set<std::string> words{
        "rue",       "avenue",   "av",       "ave",    "bd",          "boulevard", "blvd",    "place",
        "pl",        "chemin",   "che",      "allee",  "impasse",     "imp",       "quai",    "route",
        "rte",       "cours",    "square",   "sq",     "passage",     "voie",      "sentier", "residence",
        "res",       "batiment", "bat",      "cite",   "lotissement", "hameau",    "lieudit", "parvis",
        "esplanade", "faubourg", "fg",       "montee", "promenade",   "villa",     "etage",   "appartement",
        "appt",      "apt",      "escalier", "esc",    "porte",       "cedex",     "rond",    "point",
        "zi",        "za",       "zac",      "bis",    "ter"};
    return words;
}
const std::unordered_set<std::string>& organisationWords() {
    static const std::unordered_set<std::string> words{
        "ccas",          "cias",       "association",   "asso",      "mairie", "centre",   "service",
        "services",      "accueil",    "secours",       "croix",     "emmaus", "restos",   "fondation",
        "hotel",         "ville",      "domiciliation", "structure", "caf",    "cpam",     "foyer",
        "relais",        "samusocial", "samu",          "armee",     "salut",  "boutique", "solidarite",
        "social",        "sociale",    "point",         "espace",    "maison", "communal", "communale",
        "departemental", "prefecture"};
    return words;
}
const std::unordered_set<std::string>& boxWords() {
    static const std::unordered_set<std::string> words{"boite", "bolte",  "b0ite", "bte",  "bal",
                                                       "box",   "casier", "boitc", "boile"};
    return words;
}

/// Finds "Boite [N|No|Numero] X" in the tokens; returns X and erases the matched tokens.
std::optional<std::string> takeBox(std::vector<Token>& tokens) {
    for (size_t i = 0; i < tokens.size(); ++i) {
        if (!boxWords().count(tokens[i].folded)) continue;
        size_t j = i + 1;
        if (j < tokens.size() && j + 1 < tokens.size() &&
            (tokens[j].folded == "n" || tokens[j].folded == "no" || tokens[j].folded == "numero" ||
             tokens[j].folded == "num"))
            ++j;
        if (j < tokens.size() && hasDigit(tokens[j].folded)) {
            std::string box = tokens[j].folded;
            // "Boite 12 B": a single trailing letter belongs to the number.
            size_t last = j;
            if (j + 1 < tokens.size() && tokens[j + 1].folded.size() == 1 &&
                !hasDigit(tokens[j + 1].folded) && j + 1 == tokens.size() - 1) {
                box += tokens[j + 1].folded;
                last = j + 1;
            }
            tokens.erase(tokens.begin() + static_cast<long>(i), tokens.begin() + static_cast<long>(last) + 1);
            return box;
        }
    }
    return std::nullopt;
}

/// Whether `word` is `label`, or (labels of six letters or more) one OCR slip from it.
bool isLabel(const std::string& word, std::string_view label) {
    if (word == label) return true;
    return label.size() >= 6 && word.size() + 2 >= label.size() &&
           boundedDistance(word, label, label.size() >= 10 ? 2 : 1) <= (label.size() >= 10 ? 2 : 1);
}

enum class RefLine { None, Domiciliation, Other };

/// A reference line: a few label words, then a number ("Réf. dossier 1234", "N° allocataire :
/// 1234567", "Identifiant : 7283649102", "Vos références : 2025/123456"). The domiciliation's own
/// reference names the dossier or the domiciliation and no other body; its number is `number`.
RefLine referenceLine(const std::vector<Token>& t, std::string& number) {
    size_t firstNumber = 0;
    while (firstNumber < t.size() && !hasDigit(t[firstNumber].folded))
        ++firstNumber;
    if (firstNumber == 0 || firstNumber == t.size() || firstNumber > 5) return RefLine::None;
    static const char* const kOwn[] = {"dossier", "domiciliation", "dom"};
    static const char* const kOthers[] = {"identifiant", "allocataire", "fiscal",   "securite", "sociale",
                                          "client",      "caf",         "cpam",     "contrat",  "facture",
                                          "compte",      "matricule",   "adherent", "nos",      "vos",
                                          "avis",        "siret",       "police",   "abonne",   "usager"};
    static const char* const kLabels[] = {"ref", "refs", "reference", "references", "numero", "num"};
    bool own = false, other = false, label = false;
    for (size_t i = 0; i < firstNumber; ++i) {
        const std::string& w = t[i].folded;
        // "DOMICILIATION – BP 90": a postal box, not a reference.
        if (w == "bp" || w == "cs" || w == "tsa" || boxWords().count(w)) return RefLine::None;
        for (const char* l : kOwn)
            own = own || isLabel(w, l);
        for (const char* l : kOthers)
            other = other || isLabel(w, l);
        for (const char* l : kLabels)
            label = label || isLabel(w, l);
        // "N°" is folded to "n" (OCR: "no", "nd"), before another label.
        label = label || ((w == "n" || w == "no" || w == "nd") && i + 1 < firstNumber);
    }
    if (!own && !other && !label) return RefLine::None;
    if (own && !other) {
        const std::string& n = t[firstNumber].folded;
        number = isDigits(n) && firstNumber + 1 == t.size() ? n : std::string();
        return RefLine::Domiciliation;
    }
    return RefLine::Other;
}

std::optional<Date> takeBirthDate(std::string_view line) {
    for (size_t i = 0; i + 10 <= line.size(); ++i) {
        if (line[i + 2] == '/' && line[i + 5] == '/')
            if (auto d = parseDate(line.substr(i, 10))) return d;
    }
    return std::nullopt;
}

enum class LineKind { Name, Via, Address, City, Organisation, PostBox, Empty };

LineKind classify(const std::vector<Token>& t) {
    if (t.empty()) return LineKind::Empty;
    const std::string& first = t[0].folded;
    // A civility among the first words, with a name after it, makes a name line even when a
    // stamp's date was read before it ("2026 MME SECK Hélène").
    for (size_t i = 1; i < t.size() - 1 && i < 4; ++i)
        if (civilities().count(t[i].folded) && t[i].folded.size() >= 2 && hasDigit(first))
            return LineKind::Name;
    if (first == "chez" || (first == "c" && t.size() > 1 && t[1].folded == "o") || first == "co" ||
        first == "domicilie" || first == "domiciliee" ||
        (first == "aux" && t.size() > 1 && t[1].folded == "bons") ||
        (first == "a" && t.size() > 1 && t[1].folded == "s"))
        return LineKind::Via;
    if ((first == "bp" || first == "cs" || first == "tsa") && t.size() > 1 && hasDigit(t[1].folded))
        return LineKind::PostBox;
    for (const Token& tok : t)
        if (tok.folded.size() == 5 && isDigits(tok.folded)) return LineKind::City;
    if (first == "france" && t.size() == 1) return LineKind::City;
    if (isDigits(first) || (hasDigit(first) && first.size() <= 4 && t.size() > 1)) return LineKind::Address;
    int street = 0, organisation = 0;
    for (const Token& tok : t) {
        street += streetWords().count(tok.folded) ? 1 : 0;
        organisation += organisationWords().count(tok.folded) ? 1 : 0;
    }
    if (street > 0 && (t.size() >= 2)) {
        for (const Token& tok : t)
            if (hasDigit(tok.folded)) return LineKind::Address;
        if (street * 2 >= static_cast<int>(t.size()) || streetWords().count(first)) return LineKind::Address;
    }
    if (organisation > 0) return LineKind::Organisation;
    return LineKind::Name;
}

/// A line that says "this is an address": c/o, a PO box, a street word, or a postcode followed by
/// a town name. Digits alone do not count (garbage read from an upside-down block has digits).
bool isAddressCue(LineKind kind, const std::vector<Token>& t) {
    switch (kind) {
    case LineKind::Via:
    case LineKind::PostBox:
        return true;
    case LineKind::Address:
        return std::any_of(t.begin(), t.end(),
                           [](const Token& tok) { return streetWords().count(tok.folded); });
    case LineKind::City:
        for (size_t i = 0; i + 1 < t.size(); ++i)
            if (t[i].folded.size() == 5 && isDigits(t[i].folded) && t[i + 1].folded.size() >= 3 &&
                !hasDigit(t[i + 1].folded))
                return true;
        return false;
    default:
        return false;
    }
}

NameReading reading(const std::vector<Token>& tokens, bool derived = false) {
    NameReading r;
    r.derived = derived;
    for (const Token& t : tokens) {
        r.tokens.push_back(t.folded);
        r.upper.push_back(t.upper);
    }
    return r;
}

/// A civility as Tesseract often misreads it in handwriting: M read as N ("Nadame", "Nonsieur",
/// "NNE"), a looped script capital M as H ("Hadane"). Only whole words that become a civility when
/// every n is read as m on both sides (and a first h as m), so a first name (Nadine, Anne) is
/// never taken for one.
bool misreadCivility(const std::string& word) {
    // Every n read as m, and an i read into "mme" ("Mine", "Nine") taken out; of the two-letter
    // civilities only MM. and Mr. ("NM." read for "M.").
    auto canonical = [](std::string w) {
        std::replace(w.begin(), w.end(), 'n', 'm');
        if (!w.empty() && w[0] == 'h') w[0] = 'm'; // a looped script M ("Hadame")
        if (w.size() == 4 && w[1] == 'i') w.erase(1, 1);
        return w;
    };
    static const std::unordered_set<std::string> forms = [&] {
        std::unordered_set<std::string> out;
        for (const std::string& c : civilities())
            if (c.size() >= 3 || c == "mm" || c == "mr") out.insert(canonical(c));
        return out;
    }();
    // A "Mme" whose first stroke was lost or split ("vme", "wme", "ume").
    if (word.size() == 3 && word.substr(1) == "me" &&
        std::string_view("vwu").find(word[0]) != std::string_view::npos)
        return true;
    // `w` (canonical) is `civility` with two letters misread at most, and `readIn` letters read in
    // at most (none missing).
    const auto near = [&](const std::string& w, std::string_view civility, size_t readIn) {
        const std::string c = canonical(std::string(civility));
        return w.size() >= c.size() && w.size() <= c.size() + readIn && boundedDistance(w, c, 2) <= 2;
    };
    // A Monsieur whose first letter was lost ("onSieuc"), with a letter misread at most.
    if (word.size() == 7 && word[0] == 'o' && near(canonical("m" + word), "monsieur", 0)) return true;
    if (word.size() < 2 || (word[0] != 'n' && word[0] != 'm' && word[0] != 'h')) return false;
    if (forms.count(canonical(word)) > 0) return true;
    // The longest civilities with a letter or two misread, or one read in ("Monsiduc", "Monsidue",
    // "Misnsieur"): no name of eight letters or more is that close to them; names of seven are
    // (MONNIER, MOSNIER, MANSIER), so none is missing. Not Madame: Nadine and Hanane are one letter
    // from it.
    const std::string w = canonical(word);
    return near(w, "monsieur", 1) || near(w, "mademoiselle", 1);
}

/// Drops leading civilities ("M.", "Mme", "M. et Mme") and what introduces the addressee ("à
/// l'attention de", "pour").
std::vector<Token> stripCivility(std::vector<Token> t) {
    // Stamp or smudge fragments read on the name line before the civility ("LE 28 NOV. M. DIOP
    // Awa"): short words and numbers up to a civility are dropped with it.
    const bool fragmentFirst = !t.empty() && !civilities().count(t[0].folded) &&
                               !misreadCivility(t[0].folded) &&
                               (hasDigit(t[0].folded) || t[0].folded.size() <= 3);
    for (size_t k = 1; fragmentFirst && k + 1 < t.size() && k < 8; ++k) {
        const std::string& w = t[k].folded;
        if (hasDigit(w)) continue;
        if (w.size() > 3) break; // a real word: no fragment before the name
        if (civilities().count(w)) {
            t.erase(t.begin(), t.begin() + static_cast<long>(k));
            break;
        }
    }
    if (t.size() > 1 && !civilities().count(t[0].folded) && misreadCivility(t[0].folded)) t.erase(t.begin());
    // Words that introduce the addressee: "à l'attention de", "à l'intention de", "attn",
    // "destinataire :", "pour"; "à" only before a civility ("À Madame DIOP").
    static const std::vector<std::vector<std::string>> kIntroductions = {{"a", "l", "attention"},
                                                                         {"a", "l", "intention"},
                                                                         {"a", "l", "att"},
                                                                         {"attention"},
                                                                         {"attn"},
                                                                         {"att"},
                                                                         {"destinataire"},
                                                                         {"dest"},
                                                                         {"pour"}};
    size_t start = 0;
    for (const auto& words : kIntroductions) {
        if (t.size() < words.size() + 1) continue; // a name must follow
        if (!std::equal(words.begin(), words.end(), t.begin(),
                        [](const std::string& w, const Token& token) { return w == token.folded; }))
            continue;
        start = words.size();
        if (t[start].folded == "de" || t[start].folded == "du" || t[start].folded == "d") ++start;
        break;
    }
    if (start == 0 && t.size() >= 3 && t[0].folded == "a" && civilities().count(t[1].folded)) start = 1;
    // "M. et Mme", "Madame, Monsieur"; but after a civility a lone "M" is an initial ("Mme M. DIOP").
    bool afterCivility = false;
    while (start + 1 < t.size()) {
        const std::string& w = t[start].folded;
        bool civility = civilities().count(w) && !(afterCivility && w.size() == 1);
        bool joiner = (w == "et" || w == "ou") && afterCivility;
        if (!civility && !joiner) break;
        afterCivility = civility;
        ++start;
    }
    t.erase(t.begin(), t.begin() + static_cast<long>(start));
    return t;
}

/// Name readings of one line: as written, and with "épouse / née / dit X" alternatives.
std::vector<NameReading> readingsOf(std::vector<Token> tokens) {
    std::vector<NameReading> out;
    tokens = stripCivility(std::move(tokens));
    // Words that end a name: "M. DUPONT Jean ou Mme ..." keeps the first person only.
    for (size_t i = 1; i < tokens.size(); ++i)
        if ((tokens[i].folded == "et" || tokens[i].folded == "ou") && i + 1 < tokens.size() &&
            civilities().count(tokens[i + 1].folded)) {
            tokens.resize(i);
            break;
        }
    for (size_t i = 0; i < tokens.size(); ++i) {
        const std::string& w = tokens[i].folded;
        bool married = w == "epouse" || w == "ep" || w == "epse" || w == "veuve" || w == "vve" ||
                       w == "nee" || w == "divorcee" || w == "div";
        bool alias = w == "dit" || w == "dite";
        if ((!married && !alias) || i == 0 || i + 1 >= tokens.size()) continue;
        std::vector<Token> before(tokens.begin(), tokens.begin() + static_cast<long>(i));
        std::vector<Token> after(tokens.begin() + static_cast<long>(i) + 1, tokens.end());
        if (alias) {
            out.push_back(reading(before));
            out.push_back(reading(after, true));
            // "LEFÈVRE dit « Mimi »": the surname with the nickname beside it.
            std::vector<Token> both(before);
            both.insert(both.end(), after.begin(), after.end());
            out.push_back(reading(both, true));
            return out;
        }
        out.push_back(reading(before));
        // The other surname replaces the surname written first or last.
        if (before.size() >= 2) {
            std::vector<Token> lastReplaced(before.begin(), before.end() - 1);
            lastReplaced.insert(lastReplaced.end(), after.begin(), after.end());
            out.push_back(reading(lastReplaced, true));
            std::vector<Token> firstReplaced(after);
            firstReplaced.insert(firstReplaced.end(), before.begin() + 1, before.end());
            out.push_back(reading(firstReplaced, true));
        }
        std::vector<Token> both(before);
        both.insert(both.end(), after.begin(), after.end());
        out.push_back(reading(both, true));
        return out;
    }
    if (!tokens.empty()) out.push_back(reading(tokens));
    return out;
}

/// Where a c/o starts inside a name line ("M. DIOP Awa chez CCAS de Lyon", "DIOP Awa c/o Emmaüs",
/// "DIOP Awa, domiciliée au CCAS"): the index of its first word, or tokens.size() when there is
/// none. Two words at least come before it (a civility and a name, or a name). "co" and "a/s"
/// count only before an organisation's name: they could be initials.
size_t careOfStart(const std::vector<Token>& t) {
    auto organisationAfter = [&](size_t from) {
        return std::any_of(t.begin() + static_cast<long>(std::min(from, t.size())), t.end(),
                           [](const Token& tok) { return organisationWords().count(tok.folded) > 0; });
    };
    for (size_t i = 2; i + 1 < t.size(); ++i) {
        const std::string& w = t[i].folded;
        const std::string& next = t[i + 1].folded;
        if (w == "chez" || w == "domicilie" || w == "domiciliee" || (w == "c" && next == "o") ||
            (w == "aux" && next == "bons"))
            return i;
        if ((w == "co" || (w == "a" && next == "s")) && organisationAfter(i + 1)) return i;
    }
    return t.size();
}

/// OCR writes a vertical rule (a stamp's frame, a window's edge) as a word of bars: "REÇU LE 2 NOV
/// || DIOP Awa". What stands on each side of it are separate texts.
/// The lines cut at bars, each part with the index of the line it comes from.
std::vector<std::pair<std::string, int>> splitAtRules(const std::vector<std::string>& lines) {
    std::vector<std::pair<std::string, int>> out;
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        const int from = static_cast<int>(i);
        std::string part;
        size_t pos = 0;
        while (pos <= line.size()) {
            size_t end = line.find(' ', pos);
            if (end == std::string::npos) end = line.size();
            const std::string_view word(line.data() + pos, end - pos);
            if (!word.empty() && word.find_first_not_of('|') == std::string_view::npos) {
                if (!part.empty()) out.emplace_back(std::move(part), from);
                part.clear();
            } else if (!word.empty()) {
                part += (part.empty() ? "" : " ") + std::string(word);
            }
            pos = end + 1;
        }
        out.emplace_back(std::move(part), from);
    }
    return out;
}

} // namespace

bool isStreetOrTown(const std::string& line) {
    const std::vector<Token> tokens = tokenize(line);
    const LineKind kind = classify(tokens);
    return (kind == LineKind::Address || kind == LineKind::City) && isAddressCue(kind, tokens);
}

Recipient parseRecipient(const std::vector<std::string>& rawLines) {
    Recipient r;
    struct NameLine {
        std::vector<Token> tokens;
        int source; ///< index in rawLines
    };
    std::vector<NameLine> nameLines;
    std::optional<std::string> bp; // the first "BP 42" line
    bool streetAfterBp = false;
    struct Piece {
        std::vector<Token> tokens; ///< a line, or the name or c/o part of one
        int source;
        std::string line;
    };
    std::vector<Piece> pieces;
    for (const auto& [line, source] : splitAtRules(rawLines)) {
        if (!r.birthDate) r.birthDate = takeBirthDate(line);
        std::vector<Token> tokens = tokenize(line);
        // "M. DIOP Awa chez CCAS de Lyon" on one line: the name, then its c/o.
        const size_t via = careOfStart(tokens);
        if (via < tokens.size()) {
            pieces.push_back(
                {std::vector<Token>(tokens.begin(), tokens.begin() + static_cast<long>(via)), source, line});
            tokens.erase(tokens.begin(), tokens.begin() + static_cast<long>(via));
        }
        pieces.push_back({std::move(tokens), source, line});
    }
    for (auto& [tokens, source, line] : pieces) {
        // Printed references: the domiciliation's is a key; other bodies' numbers are set aside
        // whole (their labels are not a name).
        std::string refNumber;
        if (const RefLine ref = referenceLine(tokens, refNumber); ref != RefLine::None) {
            if (!refNumber.empty() && !r.dossierRef) r.dossierRef = refNumber;
            r.ignored.push_back(line);
            continue;
        }
        if (auto box = takeBox(tokens)) {
            if (!r.box)
                r.box = box;
            else if (*box != *r.box)
                r.moreBoxes.push_back(*box);
        }
        // "DUPONT Jean né le 12/03/1980": the date was taken above; it is not part of the name.
        for (size_t i = 0; i + 1 < tokens.size(); ++i)
            if ((tokens[i].folded == "ne" || tokens[i].folded == "nee") && tokens[i + 1].folded == "le") {
                tokens.resize(i);
                break;
            }
        LineKind kind = classify(tokens);
        if (kind == LineKind::PostBox && tokens.size() == 2 && tokens[0].folded == "bp" && !bp)
            bp = tokens[1].folded;
        else if (bp && kind == LineKind::Address && isAddressCue(kind, tokens))
            streetAfterBp = true;
        if (isAddressCue(kind, tokens)) ++r.addressCues;
        if (kind == LineKind::Name) {
            std::erase_if(tokens, [](const Token& t) { return isDigits(t.folded); });
            bool onlyDate = std::all_of(tokens.begin(), tokens.end(), [](const Token& t) {
                return hasDigit(t.folded) || t.folded == "ne" || t.folded == "nee" || t.folded == "le";
            });
            if (!onlyDate) {
                nameLines.push_back({std::move(tokens), source});
                continue;
            }
        }
        if (kind != LineKind::Empty) r.ignored.push_back(line);
    }
    // A "BP" above the street is the person's (AFNOR: lines 2-3 complete the recipient); on the line
    // before the town, with no street below it, it may be the structure's delivery line.
    if (bp) {
        if (streetAfterBp && !r.box)
            r.box = bp;
        else
            r.postBox = bp;
    }
    // A line with a civility is the best guess for the name; otherwise the first name-like line.
    auto startsWithCivility = [](const NameLine& l) {
        return l.tokens.size() > 1 && civilities().count(l.tokens[0].folded);
    };
    std::stable_partition(nameLines.begin(), nameLines.end(), startsWithCivility);
    if (!nameLines.empty() && startsWithCivility(nameLines[0])) ++r.addressCues;
    for (size_t i = 0; i < nameLines.size() && i < 3; ++i)
        for (auto& reading : readingsOf(nameLines[i].tokens))
            if (!reading.tokens.empty()) {
                reading.line = static_cast<int>(i);
                reading.sourceLine = nameLines[i].source;
                r.names.push_back(std::move(reading));
            }
    return r;
}

} // namespace guichet::match
