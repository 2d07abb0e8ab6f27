// Envelopes: who is written and how (the real-world forms of issue 22), and the envelope drawn at
// 300 dpi (sender, postage, window, registered sticker, folded A4 letter).
#include "Camera.hpp"
#include "Internal.hpp"
#include "Text.hpp"
#include "guichet/corpus2/Corpus2.hpp"

#include <algorithm>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <set>
#include <stdexcept>

namespace guichet::corpus2 {

std::string surnameTitle(const std::string& nom);
Person randomPerson(detail::Rng& rng, bool frenchBias);

namespace {
using detail::Rng;
constexpr double kPxPerMm = 300.0 / 25.4;

std::vector<std::string> existing(const std::vector<std::string>& files) {
    std::vector<std::string> out;
    for (const auto& f : files)
        if (std::filesystem::exists(f)) out.push_back(f);
    return out;
}
} // namespace

std::vector<std::string> printedFonts() {
    const std::string t = "/usr/share/fonts/truetype/", o = "/usr/share/fonts/opentype/";
    return existing({t + "freefont/FreeSans.ttf", t + "freefont/FreeSerif.ttf", t + "freefont/FreeMono.ttf",
                     t + "freefont/FreeSansBold.ttf", t + "crosextra/Carlito-Regular.ttf",
                     t + "crosextra/Caladea-Regular.ttf", o + "linux-libertine/LinLibertine_R.otf",
                     o + "linux-libertine/LinBiolinum_R.otf", o + "cantarell/Cantarell-Regular.otf",
                     t + "open-sans/OpenSans-Regular.ttf", t + "open-sans/OpenSans-CondLight.ttf",
                     t + "lato/Lato-Regular.ttf", t + "lato/Lato-Bold.ttf", t + "andika/Andika-Regular.ttf",
                     t + "roboto/unhinted/RobotoTTF/Roboto-Regular.ttf",
                     t + "roboto/unhinted/RobotoCondensed-Regular.ttf"});
}

std::vector<std::string> handFonts() {
    const std::string o = "/usr/share/fonts/opentype/";
    return existing({o + "bwht/BecauseWeBuild-Regular.otf", o + "bwht/BecauseWeConnect-Regular.otf",
                     o + "bwht/BecauseWeCreate-Regular.otf", o + "bwht/BecauseWeLearn-Regular.otf",
                     o + "bwht/BecauseWeMentor-Regular.otf", o + "bwht/BecauseWeOrganize-Regular.otf",
                     o + "dancingscript/DancingScript-Regular.otf",
                     o + "kaushanscript/KaushanScript-Regular.otf"});
}

namespace {

// ---------------------------------------------------------------- who is written, and how

struct Recipient {
    std::optional<std::int64_t> dossier;
    std::string form, absentKind, civility, order;
    bool boxNumber = false;
    std::vector<std::string> above;     ///< other bodies' numbers, printed references
    std::vector<std::string> nameLines; ///< the name (one line, sometimes two)
    std::vector<std::string> address;   ///< c/o, the structure, its street, postcode and town
};

std::string lowerWord(const std::string& s) {
    return surnameTitle(s);
}

std::string civilityFor(const Person& p, Rng& rng) {
    const double r = rng.uniform();
    if (r < 0.3) return "";
    if (r < 0.36) return "Monsieur ou Madame";
    if (p.female) {
        if (r < 0.55) return "Mme";
        if (r < 0.85) return "Madame";
        return rng.chance(0.5) ? "Mlle" : "MADAME";
    }
    if (r < 0.6) return "M.";
    if (r < 0.9) return "Monsieur";
    return "MONSIEUR";
}

std::string joinName(const std::string& given, const std::string& nom, bool givenFirst) {
    if (given.empty()) return nom;
    return givenFirst ? given + " " + nom : nom + " " + given;
}

std::string oneLetterAway(const std::string& utf8, Rng& rng) {
    std::u32string s = detail::decode(utf8);
    std::vector<size_t> letters;
    for (size_t i = 0; i < s.size(); ++i)
        if (s[i] != ' ' && s[i] != '-' && s[i] != '\'') letters.push_back(i);
    if (letters.empty()) return utf8 + "E";
    const size_t i = letters[static_cast<size_t>(rng.range(0, static_cast<int>(letters.size()) - 1))];
    const std::u32string alphabet = U"ABCDEFGILMNOPRSTUZ";
    const int op = s.size() > 3 ? rng.range(0, 2) : rng.range(0, 1);
    char32_t c = alphabet[static_cast<size_t>(rng.range(0, static_cast<int>(alphabet.size()) - 1))];
    if (op == 0) {
        if (c == s[i]) c = (c == U'A') ? U'E' : U'A';
        s[i] = c;
    } else if (op == 1) {
        s.insert(s.begin() + static_cast<long>(i), c);
    } else {
        s.erase(s.begin() + static_cast<long>(i));
    }
    return detail::encode(s);
}

std::vector<std::string> structureLines(const Structure& st, Rng& rng, bool& box) {
    std::vector<std::string> l;
    const int boxNo = st.number;
    box = true;
    switch (st.kind) {
    case 0:
        l.push_back(rng.chance(0.5) ? "CCAS de Villeurbanne" : "C/O CCAS DE VILLEURBANNE");
        if (rng.chance(0.75))
            l.push_back(rng.pick(std::vector<std::string>{"Boîte n° ", "BOITE ", "Boîte aux lettres "}) +
                        std::to_string(boxNo));
        else
            box = false;
        l.push_back(st.street);
        break;
    case 1:
        l.push_back(rng.chance(0.7) ? "PAS LYON 3 – BOITE " + std::to_string(boxNo)
                                    : "Point d'Accueil Solidarité – Boîte " + std::to_string(boxNo));
        l.push_back(st.street);
        break;
    case 2:
        l.push_back("Chez " + st.name);
        l.push_back(rng.chance(0.6) ? "DOMICILIATION – BP " + std::to_string(boxNo)
                                    : "Domiciliation – BP " + std::to_string(boxNo));
        break;
    case 3:
        l.push_back(rng.chance(0.5) ? "CCAS de Bordeaux – Domiciliation" : "Élisant domicile au CCAS");
        l.push_back(st.street);
        l.push_back("CS " + std::to_string(30000 + boxNo));
        break;
    default:
        l.push_back(st.name);
        if (rng.chance(0.5))
            l.push_back("Casier " + std::to_string(boxNo));
        else
            box = false;
        l.push_back(st.street);
        break;
    }
    l.push_back(rng.chance(0.8) ? st.postcodeCity
                                : st.postcodeCity.substr(0, 6) + lowerWord(st.postcodeCity.substr(6)));
    return l;
}

std::string otherId(Rng& rng) {
    auto digits = [&](int n) {
        std::string s;
        for (int i = 0; i < n; ++i)
            s.push_back(static_cast<char>('0' + rng.range(i == 0 ? 1 : 0, 9)));
        return s;
    };
    switch (rng.range(0, 7)) {
    case 0:
        return "Identifiant : " + digits(10);
    case 1:
        return "N° allocataire : " + digits(7);
    case 2:
        return "Vos références : 2025/" + digits(6);
    case 3:
        return "N° fiscal : " + digits(13);
    case 4:
        return "N° sécurité sociale : 1 " + digits(2) + " " + digits(2) + " " + digits(2) + " " + digits(3) +
               " " + digits(3);
    case 5:
        return "Réf. client : C-" + digits(8);
    case 6:
        return "Nos réf. : DP/" + digits(4) + "/" + digits(2);
    default:
        return "N° de dossier CAF " + digits(7);
    }
}

const Person* pickWhere(const Directory& d, Rng& rng, bool (*pred)(const Person&)) {
    std::vector<const Person*> c;
    for (const auto& p : d.people)
        if (pred(p)) c.push_back(&p);
    if (c.empty()) return nullptr;
    return c[static_cast<size_t>(rng.range(0, static_cast<int>(c.size()) - 1))];
}

Recipient chooseRecipient(const Directory& d, Rng& rng) {
    Recipient r;
    Person shown;
    const Person* target = nullptr;
    if (rng.chance(0.15)) {
        std::set<std::string> names;
        for (const auto& p : d.people)
            names.insert(p.nom + "|" + p.prenom);
        if (rng.chance(0.55)) {
            r.form = "look-alike";
            r.absentKind = "look-alike";
            for (int tries = 0; tries < 50; ++tries) {
                shown = d.people[static_cast<size_t>(rng.range(0, static_cast<int>(d.people.size()) - 1))];
                if (rng.chance(0.75) || detail::decode(shown.prenom).size() < 3)
                    shown.nom = oneLetterAway(shown.nom, rng);
                else
                    shown.prenom = surnameTitle(oneLetterAway(detail::upper(shown.prenom), rng));
                if (!names.count(shown.nom + "|" + shown.prenom)) break;
            }
        } else {
            r.form = "stranger";
            r.absentKind = "stranger";
            for (int tries = 0; tries < 50; ++tries) {
                shown = randomPerson(rng, true);
                bool clash = false;
                for (const auto& p : d.people)
                    clash |= p.nom == shown.nom;
                if (!clash) break;
            }
        }
    } else {
        struct F {
            const char* name;
            int weight;
            bool (*pred)(const Person&);
        };
        static const F forms[] = {
            {"plain", 18, [](const Person& p) { return p.statut == "VALIDE"; }},
            {"dossier-ref", 8, [](const Person&) { return true; }},
            {"other-ids", 12, [](const Person& p) { return p.statut == "VALIDE"; }},
            {"nickname-alone", 5, [](const Person& p) { return !p.surnom.empty(); }},
            {"nickname-surname", 7, [](const Person& p) { return !p.surnom.empty(); }},
            {"extra-given", 8, [](const Person& p) { return p.statut == "VALIDE"; }},
            {"initials", 7, [](const Person& p) { return p.statut == "VALIDE"; }},
            {"two-letter", 6, [](const Person& p) { return detail::decode(p.nom).size() == 2; }},
            {"particle", 7, [](const Person& p) { return p.nom.find_first_of(" '-") != std::string::npos; }},
            {"compound", 6,
             [](const Person& p) { return p.prenom.find_first_of(" -") != std::string::npos; }},
            {"homonym", 6, [](const Person& p) { return p.homonymOf >= 0; }},
            {"struck-off", 4, [](const Person& p) { return p.statut == "RADIE"; }},
        };
        int total = 0;
        for (const auto& f : forms)
            total += f.weight;
        int x = rng.range(0, total - 1);
        const F* chosen = &forms[0];
        for (const auto& f : forms) {
            if (x < f.weight) {
                chosen = &f;
                break;
            }
            x -= f.weight;
        }
        target = pickWhere(d, rng, chosen->pred);
        if (!target) chosen = &forms[0], target = pickWhere(d, rng, forms[0].pred);
        if (!target) target = &d.people.front();
        r.form = chosen->name;
        r.dossier = target->ref;
        shown = *target;
    }

    // How the name is written.
    const bool givenFirst = rng.chance(0.45);
    r.order = givenFirst ? "given-first" : "surname-first";
    r.civility = civilityFor(shown, rng);
    std::string given = shown.prenom, nom = shown.nom;
    if (rng.chance(0.2)) given = detail::upper(given);
    if (r.form == "extra-given") {
        static const std::vector<std::string> extra = {"Marie",  "Lamine", "Alpha",  "Ali",
                                                       "Pierre", "Thị",    "Ioan",   "José",
                                                       "Abdel",  "Anne",   "Joseph", "Ibrahim"};
        given = rng.chance(0.7) ? given + " " + rng.pick(extra) : rng.pick(extra) + " " + given;
    } else if (r.form == "initials") {
        const std::u32string g = detail::decode(shown.prenom);
        std::string ini = detail::encode(std::u32string(1, g[0])) + ".";
        const size_t dash = g.find(U'-');
        if (dash != std::u32string::npos && dash + 1 < g.size())
            ini += "-" + detail::encode(std::u32string(1, g[dash + 1])) + ".";
        given = ini;
    } else if (r.form == "particle") {
        const double v = rng.uniform();
        if (v < 0.25) { // glued: DELAFONTAINE, NDIAYE, ONEILL
            std::string g;
            for (const char c : nom)
                if (c != ' ' && c != '\'') g.push_back(c);
            nom = g;
        } else if (v < 0.45) {
            nom = surnameTitle(nom); // "De La Fontaine", "N'Diaye"
        }
    } else if (r.form == "compound") {
        const double v = rng.uniform();
        std::string g = given;
        if (v < 0.4)
            std::replace(g.begin(), g.end(), '-', ' ');
        else if (v < 0.7)
            g = g.substr(0, g.find_first_of(" -"));
        given = g;
    }
    if (rng.chance(0.12)) nom = detail::stripAccents(nom), given = detail::stripAccents(given);

    if (r.form == "nickname-alone") {
        const std::string& s = shown.surnom;
        const double v = rng.uniform();
        r.nameLines.push_back(v < 0.35 ? "« " + s + " »" : v < 0.7 ? detail::upper(s) : "\"" + s + "\"");
        r.civility.clear();
    } else if (r.form == "nickname-surname") {
        const double v = rng.uniform();
        const std::string s = shown.surnom;
        if (v < 0.4)
            r.nameLines.push_back(detail::upper(s) + " " + nom);
        else if (v < 0.7)
            r.nameLines.push_back(nom + " dit « " + s + " »");
        else
            r.nameLines.push_back(joinName(given, nom, givenFirst) + " dit " + s);
        r.civility.clear();
    } else {
        std::string line = joinName(given, nom, givenFirst);
        if (!r.civility.empty()) {
            if (r.civility == "Monsieur ou Madame" || rng.chance(0.2))
                r.nameLines.push_back(r.civility), r.nameLines.push_back(line);
            else
                r.nameLines.push_back(r.civility + " " + line);
        } else {
            r.nameLines.push_back(line);
        }
    }
    if (r.form == "dossier-ref") {
        const std::string ref = std::to_string(shown.ref);
        static const std::vector<std::string> pre = {
            "Réf. dossier ", "Dossier n° ",
            "Votre référence domiciliation : ", "N° domiciliation : ", "Réf. DOM "};
        const std::string line = rng.pick(pre) + ref;
        if (rng.chance(0.6))
            r.above.push_back(line);
        else
            r.nameLines.push_back(line);
    }
    if (r.form == "other-ids" || rng.chance(0.1)) {
        const int n = rng.range(1, 2);
        for (int i = 0; i < n; ++i)
            r.above.push_back(otherId(rng));
    }
    r.address = structureLines(d.structure, rng, r.boxNumber);
    return r;
}

// ---------------------------------------------------------------- drawing

struct Sender {
    const char* name;
    const char* line2;
    const char* line3;
    double r, g, b;
    int logo; // 0 circle, 1 bars, 2 square, 3 tricolour
};

const std::vector<Sender>& senders() {
    static const std::vector<Sender> s = {
        {"CAF du Rhône", "TSA 37001", "69847 LYON CEDEX 20", 0.0, 0.35, 0.7, 0},
        {"Assurance Maladie", "CPAM de Paris", "75948 PARIS CEDEX 19", 0.0, 0.45, 0.75, 2},
        {"France Travail", "TSA 30127", "92891 NANTERRE CEDEX 9", 0.1, 0.15, 0.55, 1},
        {"DGFiP", "Service des impôts des particuliers", "69431 LYON CEDEX 03", 0.1, 0.1, 0.45, 3},
        {"Préfecture du Rhône", "Direction des migrations", "69419 LYON CEDEX 03", 0.0, 0.1, 0.5, 3},
        {"Tribunal judiciaire", "Greffe civil", "67 rue Servient 69003 LYON", 0.2, 0.2, 0.2, 3},
        {"La Banque Postale", "Centre financier", "TSA 10001 69900 LYON", 0.0, 0.25, 0.55, 0},
        {"MSA Ain-Rhône", "TSA 10100", "01011 BOURG-EN-BRESSE", 0.3, 0.55, 0.1, 2},
        {"Hospices Civils", "Service des admissions", "69437 LYON CEDEX 03", 0.0, 0.4, 0.4, 1},
        {"OFII", "Direction territoriale", "69007 LYON", 0.1, 0.2, 0.5, 3},
        {"Free Mobile", "Service client", "75371 PARIS CEDEX 08", 0.75, 0.0, 0.0, 2},
        {"EDF", "Service clients", "TSA 21941 62978 ARRAS", 0.95, 0.45, 0.0, 0},
        {"Amende.gouv", "ANTAI", "35094 RENNES CEDEX 9", 0.1, 0.1, 0.5, 3},
    };
    return s;
}

void rect(cairo_t* cr, double x, double y, double w, double h, double r, double g, double b) {
    cairo_set_source_rgb(cr, r, g, b);
    cairo_rectangle(cr, x, y, w, h);
    cairo_fill(cr);
}

void dataMatrix(cairo_t* cr, double x, double y, double size, Rng& rng) {
    const int n = rng.range(14, 24) & ~1;
    const double m = size / n;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            bool on = false;
            if (j == 0 || i == n - 1)
                on = true; // L finder: left and bottom
            else if (i == 0)
                on = (j % 2 == 0); // top: alternating
            else if (j == n - 1)
                on = (i % 2 == 1); // right: alternating
            else
                on = rng.chance(0.5);
            if (on) rect(cr, x + j * m, y + i * m, m + 0.3, m + 0.3, 0, 0, 0);
        }
}

void bars(cairo_t* cr, double x, double y, double w, double h, Rng& rng) {
    const double unit = std::max(2.0, w / 190.0);
    double cx = x;
    bool black = true;
    while (cx < x + w) {
        const double bw = unit * rng.range(1, 4);
        if (black) rect(cr, cx, y, bw, h, 0, 0, 0);
        cx += bw;
        black = !black;
    }
}

void drawSender(cairo_t* cr, double mm, const Sender& s, detail::Face* f, Rng& rng) {
    const double x = (8 + rng.uniform(0, 6)) * mm, y = (6 + rng.uniform(0, 5)) * mm, L = 14 * mm;
    switch (s.logo) {
    case 0:
        cairo_set_source_rgb(cr, s.r, s.g, s.b);
        cairo_arc(cr, x + L / 2, y + L / 2, L / 2, 0, 6.2832);
        cairo_fill(cr);
        break;
    case 1:
        for (int i = 0; i < 4; ++i)
            rect(cr, x + i * L / 4, y + L * (0.6 - 0.15 * i), L / 5, L * (0.4 + 0.15 * i), s.r, s.g, s.b);
        break;
    case 2:
        rect(cr, x, y, L, L, s.r, s.g, s.b);
        break;
    default:
        rect(cr, x, y, L / 3, L, 0.0, 0.15, 0.55);
        rect(cr, x + L / 3, y, L / 3, L, 0.95, 0.95, 0.95);
        rect(cr, x + 2 * L / 3, y, L / 3, L, 0.85, 0.1, 0.15);
        break;
    }
    detail::Pen pen{f, 3.2 * mm, s.r * 0.6, s.g * 0.6, s.b * 0.6, false, 0};
    drawLine(cr, pen, x + L + 3 * mm, y + 4 * mm, s.name, rng);
    pen.size = 2.6 * mm;
    pen.r = pen.g = pen.b = 0.2;
    drawLine(cr, pen, x + L + 3 * mm, y + 8 * mm, s.line2, rng);
    drawLine(cr, pen, x + L + 3 * mm, y + 11.5 * mm, s.line3, rng);
}

void drawPostage(cairo_t* cr, double mm, double W, Rng& rng, detail::Face* f) {
    const int kind = rng.range(0, 3);
    const double right = W - (8 + rng.uniform(0, 5)) * mm, top = (6 + rng.uniform(0, 5)) * mm;
    detail::Pen pen{f, 2.4 * mm, 0.1, 0.1, 0.1, false, 0};
    if (kind == 0) { // stamp with perforations and a postmark
        const double w = 22 * mm, h = 26 * mm, x = right - w;
        const double cr_ = rng.uniform(0.1, 0.9), cg = rng.uniform(0.1, 0.6), cb = rng.uniform(0.2, 0.8);
        rect(cr, x, top, w, h, 0.97, 0.97, 0.95);
        rect(cr, x + 1.5 * mm, top + 1.5 * mm, w - 3 * mm, h - 3 * mm, cr_, cg, cb);
        cairo_set_source_rgb(cr, 0.96, 0.95, 0.9);
        for (double t = 0; t < w; t += 2 * mm) {
            cairo_arc(cr, x + t, top, 0.6 * mm, 0, 6.3), cairo_fill(cr);
            cairo_arc(cr, x + t, top + h, 0.6 * mm, 0, 6.3), cairo_fill(cr);
        }
        cairo_set_source_rgb(cr, 0.95, 0.9, 0.85);
        cairo_arc(cr, x + w / 2, top + h / 2, 6 * mm, 0, 6.3);
        cairo_fill(cr);
        pen.r = pen.g = pen.b = 1.0;
        drawLine(cr, pen, x + 2.5 * mm, top + h - 3 * mm, "LETTRE VERTE", rng);
        // postmark: circle and waves
        cairo_set_source_rgba(cr, 0.1, 0.1, 0.15, 0.75);
        cairo_set_line_width(cr, 0.5 * mm);
        const double px = x - 4 * mm, py = top + h * 0.6;
        cairo_arc(cr, px, py, 11 * mm, 0, 6.3);
        cairo_stroke(cr);
        for (int i = 0; i < 5; ++i) {
            cairo_move_to(cr, px - 45 * mm, py - 8 * mm + i * 4 * mm);
            for (double t = 0; t < 40 * mm; t += 2 * mm)
                cairo_line_to(cr, px - 45 * mm + t,
                              py - 8 * mm + i * 4 * mm + 1.2 * mm * std::sin(t / (3 * mm)));
            cairo_stroke(cr);
        }
        pen.r = pen.g = pen.b = 0.1;
        pen.size = 2.2 * mm;
        drawLine(cr, pen, px - 8 * mm, py, "LYON CTC", rng);
        drawLine(cr, pen, px - 8 * mm, py + 3 * mm, std::to_string(rng.range(1, 28)) + "-11-26", rng);
    } else if (kind == 1) { // port payé
        const double w = 34 * mm, h = 16 * mm, x = right - w;
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        cairo_set_line_width(cr, 0.35 * mm);
        cairo_rectangle(cr, x, top, w, h);
        cairo_stroke(cr);
        drawLine(cr, pen, x + 2 * mm, top + 4.5 * mm, "PORT PAYÉ", rng);
        drawLine(cr, pen, x + 2 * mm, top + 8.5 * mm, "FRANCE", rng);
        drawLine(cr, pen, x + 2 * mm, top + 12.5 * mm, "LA POSTE – Lettre verte", rng);
    } else if (kind == 2) { // e-franking with a DataMatrix-like square
        const double s = rng.uniform(12, 18) * mm, x = right - s - 30 * mm;
        dataMatrix(cr, x, top, s, rng);
        pen.size = 2.2 * mm;
        drawLine(cr, pen, x + s + 2 * mm, top + 3 * mm, "LA POSTE", rng);
        drawLine(cr, pen, x + s + 2 * mm, top + 6.5 * mm, "LETTRE VERTE 20g", rng);
        drawLine(cr, pen, x + s + 2 * mm, top + 10 * mm,
                 "1,52 €  " + std::to_string(rng.range(10, 28)) + "/11/26", rng);
        drawLine(cr, pen, x + s + 2 * mm, top + 13.5 * mm, "1A" + std::to_string(rng.range(100000, 999999)),
                 rng);
    } else { // red machine franking
        const double w = 40 * mm, h = 20 * mm, x = right - w;
        cairo_set_source_rgb(cr, 0.8, 0.1, 0.15);
        cairo_set_line_width(cr, 0.4 * mm);
        cairo_rectangle(cr, x, top, w, h);
        cairo_stroke(cr);
        pen.r = 0.8, pen.g = 0.1, pen.b = 0.15;
        drawLine(cr, pen, x + 2 * mm, top + 5 * mm, "FRANCE  LA POSTE", rng);
        pen.size = 4.5 * mm;
        drawLine(cr, pen, x + 2 * mm, top + 12 * mm, "001,16 €", rng);
        pen.size = 2.2 * mm;
        drawLine(cr, pen, x + 2 * mm, top + 17 * mm, "HA " + std::to_string(rng.range(100000, 999999)), rng);
    }
}

void drawSticker(cairo_t* cr, double mm, double x, double y, Rng& rng, detail::Face* f) {
    const double w = 62 * mm, h = 28 * mm;
    rect(cr, x, y, w, h, 0.99, 0.99, 0.97);
    rect(cr, x, y, w, 6 * mm, 0.95, 0.85, 0.1);
    detail::Pen pen{f, 3.2 * mm, 0.1, 0.1, 0.1, false, 0};
    drawLine(cr, pen, x + 2 * mm, y + 4.6 * mm,
             rng.chance(0.5) ? "RECOMMANDÉ  R1  AR" : "LETTRE RECOMMANDÉE  R1", rng);
    bars(cr, x + 4 * mm, y + 8 * mm, w - 8 * mm, 12 * mm, rng);
    char num[32];
    std::snprintf(num, sizeof num, "1A %03d %03d %04d %d", rng.range(0, 999), rng.range(0, 999),
                  rng.range(0, 9999), rng.range(0, 9));
    pen.size = 3 * mm;
    drawLine(cr, pen, x + 8 * mm, y + 25 * mm, num, rng);
}

const char* kLetterBody[] = {
    "Madame, Monsieur,",
    "Nous accusons réception de votre demande et vous informons que votre dossier",
    "est en cours d'examen. Les pièces justificatives demandées doivent nous parvenir",
    "avant le 15 décembre. Sans réponse de votre part, nous ne pourrons pas donner",
    "suite à votre demande. Pour toute question, munissez-vous de vos références.",
    "Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
};

} // namespace

Envelope makeEnvelope(const Directory& directory, std::uint64_t seed, int index) {
    if (directory.people.empty()) throw std::invalid_argument("empty directory");
    Rng rng(detail::mix(seed, static_cast<std::uint64_t>(index) + 1));
    const auto printed = printedFonts(), hand = handFonts();
    if (printed.empty() || hand.empty()) throw std::runtime_error("no fonts: run scripts/install-deps.sh");

    Envelope out;
    EnvelopeTruth& t = out.truth;
    char name[32];
    std::snprintf(name, sizeof name, "env-%04d", index);

    const double c = rng.uniform();
    t.cls = c < 0.28   ? "clean-scan"
            : c < 0.52 ? "photo"
            : c < 0.68 ? "held-in-hand"
            : c < 0.84 ? "handwritten"
                       : "webcam";
    const bool handwritten = t.cls == "handwritten";

    const Recipient r = chooseRecipient(directory, rng);
    t.dossier = r.dossier;
    t.form = r.form;
    t.absentKind = r.absentKind;
    t.civility = r.civility;
    t.order = r.order;
    t.boxNumber = r.boxNumber;

    // Layout and size.
    const double l = rng.uniform();
    t.layout = handwritten ? (l < 0.9 ? "envelope" : "registered")
                           : (l < 0.35   ? "envelope"
                              : l < 0.65 ? "window"
                              : l < 0.82 ? "registered"
                                         : "folded-a4");
    double wMm = 220, hMm = 110;
    if (t.layout == "folded-a4")
        wMm = 210, hMm = 297;
    else if (rng.chance(0.3))
        wMm = 229, hMm = 162;
    else if (rng.chance(0.08))
        wMm = 324, hMm = 229;
    const double mm = kPxPerMm;
    const int W = static_cast<int>(wMm * mm), H = static_cast<int>(hMm * mm);

    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    cairo_t* cr = cairo_create(surface);
    static const double papers[][3] = {{0.98, 0.98, 0.97}, {0.96, 0.95, 0.9},  {0.78, 0.64, 0.45},
                                       {0.88, 0.92, 0.98}, {0.98, 0.92, 0.93}, {0.97, 0.96, 0.82}};
    const int paper = (t.layout == "folded-a4" || t.layout == "window") ? rng.range(0, 1) : rng.range(0, 5);
    rect(cr, 0, 0, W, H, papers[paper][0], papers[paper][1], papers[paper][2]);

    detail::Face* small = detail::face(rng.pick(printed));
    const std::string fontFile = handwritten ? rng.pick(hand) : rng.pick(printed);
    detail::Face* font = detail::face(fontFile);
    t.font = std::filesystem::path(fontFile).filename().string();

    if (!handwritten || rng.chance(0.2)) drawSender(cr, mm, rng.pick(senders()), small, rng);
    if (t.layout != "folded-a4") drawPostage(cr, mm, W, rng, small);

    // The block: lines, size and place.
    std::vector<std::string> lines = r.above;
    for (const auto& s : r.nameLines)
        lines.push_back(s);
    for (const auto& s : r.address)
        lines.push_back(s);
    const bool adminCaps = !handwritten && rng.chance(0.35);
    if (adminCaps)
        for (auto& s : lines)
            s = detail::upper(detail::stripAccents(s));
    t.lines = lines;

    detail::Pen pen;
    pen.face = font;
    pen.hand = handwritten;
    pen.size = handwritten ? rng.uniform(5.5, 8.0) * mm : rng.uniform(3.4, 4.4) * mm;
    if (handwritten) {
        const bool blue = rng.chance(0.6);
        pen.r = blue ? 0.05 : 0.08, pen.g = blue ? 0.12 : 0.08, pen.b = blue ? 0.55 : 0.1;
        pen.slant = rng.uniform(-0.06, 0.04);
    } else {
        pen.r = pen.g = pen.b = rng.uniform(0.0, 0.2);
    }
    const double leadFactor = handwritten ? rng.uniform(1.25, 1.6) : rng.uniform(1.15, 1.35);
    double maxW = 0;
    for (const auto& s : lines)
        maxW = std::max(maxW, measure(cr, pen, s));
    const double blockH = pen.size * leadFactor * static_cast<double>(lines.size());
    double x0, y0;
    if (t.layout == "window" || t.layout == "folded-a4") {
        const double wx = (wMm > 215 ? 110 : 105) * mm, wy = (t.layout == "folded-a4" ? 45
                                                              : hMm > 150             ? 60
                                                                                      : 50) *
                                                             mm;
        const double ww = 95 * mm, wh = std::max(45 * mm, blockH + 8 * mm);
        if (maxW > ww - 6 * mm) pen.size *= (ww - 6 * mm) / maxW, maxW = ww - 6 * mm;
        if (t.layout == "window") {
            cairo_set_source_rgba(cr, 0.6, 0.65, 0.7, 0.35);
            cairo_set_line_width(cr, 0.4 * mm);
            cairo_rectangle(cr, wx, wy, ww, wh);
            cairo_stroke(cr);
            cairo_set_source_rgba(cr, 1, 1, 1, 0.3);
            cairo_rectangle(cr, wx, wy, ww, wh);
            cairo_fill(cr);
        }
        x0 = wx + rng.uniform(3, 10) * mm;
        y0 = wy + rng.uniform(2, 6) * mm + pen.size;
    } else {
        if (maxW > 0.55 * W) pen.size *= 0.55 * W / maxW, maxW = 0.55 * W;
        x0 = std::min(W - maxW - 8 * mm, W * rng.uniform(0.36, 0.52));
        y0 = std::min(H - blockH - 4 * mm, H * rng.uniform(0.42, 0.55)) + pen.size;
        if (handwritten) x0 = std::max(8 * mm, x0 - rng.uniform(0, 30) * mm);
    }
    const double lead = pen.size * leadFactor;
    for (size_t i = 0; i < lines.size(); ++i) {
        const double indent = handwritten ? rng.uniform(-2, 6) * mm : 0;
        drawLine(cr, pen, x0 + indent, y0 + static_cast<double>(i) * lead, lines[i], rng);
    }

    if (t.layout == "registered") {
        const double sx = W * rng.uniform(0.25, 0.45), sy = rng.uniform(6, 14) * mm;
        drawSticker(cr, mm, sx, sy, rng, small);
    }
    if (t.layout == "folded-a4") {
        detail::Pen body{small, 3.4 * mm, 0.15, 0.15, 0.15, false, 0};
        double y = 115 * mm;
        drawLine(cr, body, 20 * mm, 105 * mm, "Objet : votre dossier – " + otherId(rng), rng);
        for (const char* s : kLetterBody)
            drawLine(cr, body, 20 * mm, y, s, rng), y += 6 * mm;
        for (int i = 0; i < 14; ++i) { // more body text as grey lines of words
            double x = 20 * mm;
            while (x < W - 30 * mm) {
                const double ww = rng.uniform(6, 22) * mm;
                rect(cr, x, y + 40 * mm + i * 6 * mm - 2 * mm, ww, 2 * mm, 0.45, 0.45, 0.45);
                x += ww + 2.5 * mm;
            }
        }
        for (const double fy : {99.0, 198.0}) { // creases
            cairo_pattern_t* g = cairo_pattern_create_linear(0, fy * mm - 3 * mm, 0, fy * mm + 3 * mm);
            cairo_pattern_add_color_stop_rgba(g, 0, 0, 0, 0, 0);
            cairo_pattern_add_color_stop_rgba(g, 0.5, 0, 0, 0, 0.18);
            cairo_pattern_add_color_stop_rgba(g, 0.52, 1, 1, 1, 0.25);
            cairo_pattern_add_color_stop_rgba(g, 1, 1, 1, 1, 0);
            cairo_set_source(cr, g);
            cairo_rectangle(cr, 0, fy * mm - 3 * mm, W, 6 * mm);
            cairo_fill(cr);
            cairo_pattern_destroy(g);
        }
    }
    cairo_surface_flush(surface);
    cv::Mat bgra(H, W, CV_8UC4, cairo_image_surface_get_data(surface),
                 static_cast<size_t>(cairo_image_surface_get_stride(surface)));
    cv::Mat env;
    cv::cvtColor(bgra, env, cv::COLOR_BGRA2BGR);
    cairo_destroy(cr);
    cairo_surface_destroy(surface);

    const bool scan = t.cls == "clean-scan" || (handwritten && rng.chance(0.5));
    t.capture = scan ? "scan" : "camera";
    Shot shot = scan ? scanImage(env, rng) : cameraImage(env, t.cls, rng);
    t.conditions = shot.conditions;
    t.image = std::string(name) + (shot.png ? ".png" : ".jpg");
    out.encoded = shot.encoded;
    return out;
}

} // namespace guichet::corpus2
