#pragma once
// Name and sender lists for the corpus generator (invented combinations; no real person).

#include <array>
#include <string_view>

namespace guichet::corpus::names {

// Invented combinations of frequent names (no real person). Enough of them that two dossiers
// share a full name about as rarely as in a real directory, apart from the deliberate homonyms.
inline constexpr std::array<std::string_view, 182> surnames = {
    "DUPONT",    "MARTIN",      "BERNARD",   "PETIT",     "DURAND",     "LEROY",     "MOREAU",
    "SIMON",     "LAURENT",     "LEFÈVRE",   "MICHEL",    "GARCIA",     "DAVID",     "BERTRAND",
    "ROUX",      "VINCENT",     "FOURNIER",  "MOREL",     "GIRARD",     "ANDRÉ",     "MERCIER",
    "BLANC",     "GUÉRIN",      "BOYER",     "N'DIAYE",   "DIALLO",     "TRAORÉ",    "KONATÉ",
    "BENALI",    "HADDAD",      "MENSAH",    "NGUYEN",    "POPESCU",    "IVANOV",    "KOWALSKI",
    "DA SILVA",  "FERREIRA",    "LE GALL",   "SOW",       "FALL",       "CISSÉ",     "KEITA",
    "BAH",       "CAMARA",      "MOUSSA",    "YILMAZ",    "RAHMANI",    "BOUZID",    "CHÉRIF",
    "MEZIANE",   "SAÏDI",       "HÉBERT",    "GÉRARD",    "BÉNARD",     "LEBLANC",   "CHEVALIER",
    "FRANÇOIS",  "LEGRAND",     "GAUTHIER",  "PERRIN",    "ROBIN",      "CLÉMENT",   "MORIN",
    "NICOLAS",   "ROUSSEAU",    "FAURE",     "DUPUIS",    "LAMBERT",    "BONNET",    "MARTINEZ",
    "GARNIER",   "ROUSSEL",     "COLIN",     "VIDAL",     "CARON",      "PICARD",    "ROGER",
    "FABRE",     "AUBERT",      "LEMOINE",   "RENAUD",    "DUMAS",      "LACROIX",   "OLIVIER",
    "BOURGEOIS", "BENOÎT",      "LECLERC",   "PAYET",     "ROLLAND",    "GUILLAUME", "LECOMTE",
    "LOPEZ",     "DUPUY",       "HUBERT",    "BERGER",    "CARPENTIER", "SANCHEZ",   "DUBOIS",
    "MEUNIER",   "MASSON",      "GIRAUD",    "MAILLARD",  "RIVIÈRE",    "BRUN",      "BLANCHARD",
    "JOLY",      "GAILLARD",    "BARBIER",   "ARNAUD",    "MARCHAND",   "BOUAZIZ",   "KHELIFI",
    "AMRANI",    "BELKACEM",    "HAMIDI",    "CHAOUI",    "MANSOURI",   "BRAHIMI",   "ZERROUKI",
    "OUALI",     "TAHAR",       "LAHLOU",    "EL AMRANI", "AIT MOHAND", "BOUKHRIS",  "SAADI",
    "MESSAOUDI", "ZIANI",       "COULIBALY", "TOURÉ",     "DIARRA",     "SYLLA",     "DIOP",
    "FOFANA",    "SANGARÉ",     "KANTÉ",     "DIABY",     "BAMBA",      "OUATTARA",  "KONÉ",
    "DEMBÉLÉ",   "SISSOKO",     "GUEYE",     "FAYE",      "SECK",       "MBAYE",     "THIAM",
    "NOWAK",     "LEWANDOWSKI", "WOJCIK",    "PETROV",    "SMIRNOV",    "IONESCU",   "CONSTANTIN",
    "DUMITRU",   "RADU",        "STOICA",    "HORVATH",   "NAGY",       "TRAN",      "PHAM",
    "HOANG",     "DOS SANTOS",  "PEREIRA",   "OLIVEIRA",  "RODRIGUES",  "FERNANDES", "COSTA",
    "OZTURK",    "KAYA",        "DEMIR",     "SAHIN",     "CELIK",      "AHMADI",    "HOSSEINI",
    "KHAN",      "RAHMAN",      "MUKENDI",   "KABONGO",   "TSHIBANDA",  "HAMADOU",   "BELHADJ",
};

inline constexpr std::array<std::string_view, 112> firstNames = {
    "Jean",        "Marie",     "Aminata",   "Mohamed",  "Fatou",    "Pierre",    "Sophie",     "Karim",
    "Nadia",       "Ibrahima",  "Moussa",    "Élodie",   "Hélène",   "François",  "Jérôme",     "Awa",
    "Mamadou",     "Ioana",     "Olga",      "Yusuf",    "Leïla",    "Chloé",     "Thierry",    "Sylvie",
    "Ahmed",       "Rachid",    "Samira",    "Kevin",    "Océane",   "Loïc",      "Gaël",       "Anne-Marie",
    "Jean-Pierre", "Zoé",       "Mariana",   "Dimitri",  "Bogdan",   "Aïcha",     "Omar",       "Khadija",
    "Paul",        "Nathalie",  "Sébastien", "Isabelle", "Malik",    "Yasmine",   "Ousmane",    "Lucie",
    "Ali",         "Amadou",    "Ibrahim",   "Youssef",  "Mehdi",    "Samir",     "Nordine",    "Sofiane",
    "Bilal",       "Hamza",     "Abdoulaye", "Boubacar", "Seydou",   "Adama",     "Cheikh",     "Mariam",
    "Fatoumata",   "Kadiatou",  "Aïssatou",  "Rokia",    "Nour",     "Inès",      "Sarah",      "Amina",
    "Malika",      "Farida",    "Zineb",     "Houria",   "Jamila",   "Vasile",    "Ion",        "Andrei",
    "Elena",       "Maria",     "Natalia",   "Piotr",    "Tomasz",   "Agnieszka", "Anh",        "Linh",
    "Minh",        "Julien",    "Antoine",   "Laurent",  "Stéphane", "Frédéric",  "Christophe", "Patrick",
    "Alain",       "Catherine", "Christine", "Valérie",  "Sandrine", "Martine",   "Françoise",  "Monique",
    "Brigitte",    "Mélanie",   "Aurélie",   "Émilie",   "Manon",    "Léa",       "Hugo",       "Théo",
};

inline constexpr std::array<std::string_view, 10> aliases = {
    "JOJO", "LE GRAND", "TITI", "MIMI", "PAPY", "LE BLOND", "DOUDOU", "RICO", "NENE", "BIBI",
};

inline constexpr std::array<std::string_view, 6> associations = {
    "Association Le Relais", "Association Habitat et Humanisme", "Association La Cloche",
    "Secours Populaire",     "Association Emmaüs Solidarité",    "Association Aurore",
};

/// The structure that gives the address: one per directory (a desk serves one structure). The
/// street lines vary in form (number and street word, a PO box line, CEDEX) so that the parser is
/// never tuned to one address.
struct Structure {
    std::string_view name;      ///< as written on "chez ..." lines
    std::string_view street;    ///< street line
    std::string_view postBox;   ///< an extra "BP ..." or "CS ..." line, or ""
    std::string_view city;      ///< postcode and town, capitals
    std::string_view cityMixed; ///< the same as people write it
    std::string_view postmark;  ///< the sorting office on the postmark
    std::string_view stamp;     ///< the structure on its "Reçu le" stamp
};

inline constexpr std::array<Structure, 8> structures = {{
    {"CCAS de Lyon", "3 rue Louis Vitet", "", "69001 LYON", "69001 Lyon", "LYON CTC", "CCAS DE LYON"},
    {"CCAS de Villeurbanne", "12 bis avenue Henri Barbusse", "", "69100 VILLEURBANNE", "69100 Villeurbanne",
     "VILLEURB.", "CCAS VILLEURBANNE"},
    {"Secours Catholique", "8 impasse des Tanneurs", "BP 4021", "13001 MARSEILLE CEDEX 01", "13001 Marseille",
     "MARSEILLE", "SECOURS CATHOLIQUE"},
    {"Point Accueil Solidarité", "41 boulevard de la Villette", "", "75019 PARIS", "75019 Paris", "PARIS 19",
     "PAS PARIS 19"},
    {"CCAS de Saint-Denis", "Place Victor Hugo", "CS 30012", "93201 SAINT-DENIS CEDEX", "93200 Saint-Denis",
     "ST DENIS", "CCAS SAINT-DENIS"},
    {"Maison de la Veille Sociale", "27 quai de Paludate", "", "33800 BORDEAUX", "33800 Bordeaux",
     "BORDEAUX PPDC", "MVS BORDEAUX"},
    {"CIAS du Grand Nancy", "5 allée des Érables", "BP 217", "54000 NANCY", "54000 Nancy", "NANCY",
     "CIAS GRAND NANCY"},
    {"Fondation Abbé Pierre", "170 chemin de Ronde", "", "31000 TOULOUSE", "31000 Toulouse", "TOULOUSE",
     "FONDATION A. PIERRE"},
}};

struct Sender {
    std::string_view code; ///< truth label
    std::string_view logo; ///< letters in the logo
    std::string_view line1;
    std::string_view line2;
    std::string_view line3;
    unsigned colour; ///< 0xRRGGBB
};

inline constexpr std::array<Sender, 10> senders = {{
    {"CAF", "caf", "Caisse d'Allocations Familiales", "du Rhône - TSA 21001", "69849 LYON CEDEX 20",
     0x0066B3},
    {"CPAM", "AM", "l'Assurance Maladie", "CPAM du Rhône", "69907 LYON CEDEX 20", 0x0C419A},
    {"FranceTravail", "FT", "France Travail", "Agence Lyon Part-Dieu", "TSA 30001 - 92891 NANTERRE",
     0x00A19A},
    {"DGFiP", "RF", "Direction générale des Finances", "publiques - impots.gouv.fr",
     "SIP LYON 3 - 69422 LYON", 0x000091},
    {"Bank", "LBP", "La Banque Postale", "Centre Financier de Lyon", "69900 LYON CEDEX 20", 0xF6A800},
    {"Bank", "CA", "Crédit Agricole Centre-Est", "Service Clients", "69541 CHAMPAGNE AU MONT D'OR", 0x007A5E},
    {"Court", "TJ", "Tribunal judiciaire de Lyon", "Greffe civil - 67 rue Servient", "69433 LYON CEDEX 03",
     0x2B2B6B},
    {"Hospital", "HCL", "Hospices Civils de Lyon", "Service des admissions", "69229 LYON CEDEX 02", 0x009FE3},
    {"Prefecture", "RF", "Préfecture du Rhône", "Service des étrangers", "69419 LYON CEDEX 03", 0x000091},
    {"CAF", "caf", "Caisse d'Allocations Familiales", "de l'Isère - TSA 71000", "38045 GRENOBLE CEDEX 9",
     0x0066B3},
}};

inline constexpr std::array<std::string_view, 5> printedFonts = {
    "DejaVu Sans", "Liberation Sans", "Liberation Serif", "Nimbus Sans", "DejaVu Sans Mono",
};
inline constexpr std::array<std::string_view, 4> handFonts = {
    "DkgHandwriting",
    "Humor Sans",
    "Comic Neue",
    "femkeklaver",
};
/// Fonts the pipeline was never tuned on (Options::heldOutFonts): an estimate of how it reads
/// writing it has not seen. Debian packages fonts-urw-base35, fonts-dejavu, fonts-liberation;
/// fonts-breip, fonts-ecolier-court, fonts-kristi, fonts-tomsontalks.
inline constexpr std::array<std::string_view, 5> heldOutPrintedFonts = {
    "C059", "URW Gothic", "DejaVu Serif", "Nimbus Roman", "Liberation Mono",
};
inline constexpr std::array<std::string_view, 4> heldOutHandFonts = {
    "Breip",
    "Ecolier_court",
    "Kristi",
    "Tomson Talks",
};

} // namespace guichet::corpus::names
