#include "SyntheticNames.hpp"

#include "guichet/core/Text.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace guichet::bench {
namespace {

// Frequent names per origin (public statistics of surnames and given names), plus syllables
// that build the long tail of rarer surnames.
struct Origin {
    double weight;
    std::vector<const char*> surnames;
    std::vector<const char*> firstNames;
    std::vector<const char*> prefixes;
    std::vector<const char*> suffixes;
};

const std::vector<Origin>& origins() {
    static const std::vector<Origin> table{
        {0.42,
         {"MARTIN",    "BERNARD",    "THOMAS",     "PETIT",       "ROBERT",         "RICHARD",   "DURAND",
          "DUBOIS",    "MOREAU",     "LAURENT",    "SIMON",       "MICHEL",         "LEFÈVRE",   "LEROY",
          "ROUX",      "DAVID",      "BERTRAND",   "MOREL",       "FOURNIER",       "GIRARD",    "BONNET",
          "DUPONT",    "LAMBERT",    "FONTAINE",   "ROUSSEAU",    "VINCENT",        "MULLER",    "LEFEBVRE",
          "FAURE",     "ANDRÉ",      "MERCIER",    "BLANC",       "GUÉRIN",         "BOYER",     "GARNIER",
          "CHEVALIER", "FRANÇOIS",   "LEGRAND",    "GAUTHIER",    "GARCIA",         "PERRIN",    "ROBIN",
          "CLÉMENT",   "MORIN",      "NICOLAS",    "HENRY",       "ROUSSEL",        "MATHIEU",   "GAUTIER",
          "MASSON",    "MARCHAND",   "DUVAL",      "DENIS",       "DUMONT",         "MARIE",     "LEMAIRE",
          "NOËL",      "MEYER",      "DUFOUR",     "MEUNIER",     "BRUN",           "BLANCHARD", "GIRAUD",
          "JOLY",      "RIVIÈRE",    "LUCAS",      "BRUNET",      "GAILLARD",       "BARBIER",   "ARNAUD",
          "MARTINEZ",  "GÉRARD",     "ROCHE",      "RENARD",      "SCHMITT",        "ROY",       "LEROUX",
          "COLIN",     "VIDAL",      "CARON",      "PICARD",      "ROGER",          "FABRE",     "AUBERT",
          "LEMOINE",   "RENAUD",     "DUMAS",      "LACROIX",     "OLIVIER",        "PHILIPPE",  "BOURGEOIS",
          "PIERRE",    "BENOÎT",     "REY",        "LECLERC",     "PAYET",          "ROLLAND",   "LECLERCQ",
          "GUILLAUME", "LECOMTE",    "LÓPEZ",      "JEAN",        "DUPUY",          "GUILLOT",   "HUBERT",
          "BERGER",    "CARPENTIER", "SANCHEZ",    "DUPUIS",      "MOULIN",         "LOUIS",     "DESCHAMPS",
          "HUET",      "VASSEUR",    "PEREZ",      "BOUCHER",     "FLEURY",         "ROYER",     "KLEIN",
          "JACQUET",   "ADAM",       "PARIS",      "POIRIER",     "MARTY",          "AUBRY",     "GUYOT",
          "CARRÉ",     "CHARLES",    "RENAULT",    "CHARPENTIER", "MÉNARD",         "MAILLARD",  "BARON",
          "BERTIN",    "BAILLY",     "HERVÉ",      "SCHNEIDER",   "FERNANDEZ",      "LE GALL",   "COLLET",
          "LÉGER",     "BOUVIER",    "JULIEN",     "PRÉVOST",     "MILLET",         "PERROT",    "DANIEL",
          "LE ROUX",   "COUSIN",     "GERMAIN",    "BRETON",      "BESSON",         "LANGLOIS",  "RÉMY",
          "LE GOFF",   "PELLETIER",  "LÉVÊQUE",    "PERRIER",     "LEBLANC",        "BARRÉ",     "LEBRUN",
          "MARCHAL",   "WEBER",      "MALLET",     "HAMON",       "BOULANGER",      "JACOB",     "MONNIER",
          "MICHAUD",   "RODRIGUEZ",  "GUICHARD",   "GILLET",      "ÉTIENNE",        "GRONDIN",   "POULAIN",
          "TESSIER",   "CHEVALLIER", "COLLIN",     "CHAUVIN",     "DA SILVA",       "BOUCHET",   "GAY",
          "LEMAÎTRE",  "BENARD",     "MARÉCHAL",   "HUMBERT",     "REYNAUD",        "ANTOINE",   "HOARAU",
          "PERRET",    "BARTHÉLEMY", "CORDIER",    "PICHON",      "LEJEUNE",        "GILBERT",   "LAMY",
          "DELAUNAY",  "PASQUIER",   "CARLIER",    "LAPORTE",     "DE LA FONTAINE", "DE SOUSA",  "DOS SANTOS",
          "LE BIHAN",  "D'ALMEIDA",  "DE OLIVEIRA"},
         {"Jean",        "Pierre",        "Michel",        "André",        "Philippe",    "Louis",
          "Alain",       "Jacques",       "Bernard",       "Marcel",       "Daniel",      "Christian",
          "Patrick",     "Nicolas",       "Claude",        "Thierry",      "Stéphane",    "Éric",
          "Christophe",  "Frédéric",      "Laurent",       "Julien",       "David",       "Sébastien",
          "Olivier",     "Pascal",        "François",      "Thomas",       "Antoine",     "Maxime",
          "Kévin",       "Jérémy",        "Lucas",         "Hugo",         "Théo",        "Mathieu",
          "Matthieu",    "Romain",        "Guillaume",     "Yann",         "Marie",       "Jeanne",
          "Françoise",   "Monique",       "Catherine",     "Nathalie",     "Isabelle",    "Sylvie",
          "Martine",     "Christine",     "Sophie",        "Valérie",      "Sandrine",    "Céline",
          "Julie",       "Aurélie",       "Émilie",        "Camille",      "Laura",       "Manon",
          "Léa",         "Chloé",         "Sarah",         "Anne",         "Hélène",      "Brigitte",
          "Nicole",      "Chantal",       "Danielle",      "Océane",       "Jean-Pierre", "Jean-Claude",
          "Jean-Marc",   "Jean-Luc",      "Jean-François", "Marie-Claire", "Anne-Marie",  "Marie-Thérèse",
          "Pierre-Yves", "Jean-Baptiste", "Gaëlle",        "Loïc",         "Maëlys",      "Noémie",
          "Gérard",      "Régis",         "Hervé",         "Joël",         "Dominique",   "Yves",
          "Gilles",      "Didier",        "Bruno",         "Cédric",       "Fabrice",     "Ludovic"},
         {"BEAU", "BON",  "CHAMP", "CHATEL", "COUR", "DES",   "DU",    "FOR", "GRAND", "HAUT",
          "LA",   "LE",   "MAL",   "MON",    "PONT", "ROCHE", "SAINT", "VAL", "VIL",   "BOIS",
          "BROU", "CHAR", "FER",   "GAR",    "LOU",  "MAR",   "PER",   "TOUR"},
         {"CHAMP", "MONT", "VILLE", "COURT", "FORT", "LARD", "NIER", "RIER", "TIER",
          "VIN",   "DIN",  "GEOT",  "LET",   "LOT",  "MAN",  "NEAU", "RAND", "REAU",
          "SSON",  "TEAU", "VAL",   "BERT",  "DIER", "GNY",  "QUET", "ZIN"}},
        {0.22,
         {"BENALI",      "BEN ALI",   "BELKACEM", "BOUAZIZ",  "BENSAÏD",   "HAMIDI",     "MANSOURI",
          "AMRANI",      "BOUZID",    "CHERIF",   "HADDAD",   "KHELIFI",   "MEZIANE",    "SAIDI",
          "ZIANI",       "BENAMAR",   "BOUDJEMA", "BRAHIMI",  "DJELLOUL",  "FERHAT",     "GHERBI",
          "HAMDI",       "KADDOUR",   "LAHMAR",   "MAHDI",    "NACERI",    "OUALI",      "RAHMANI",
          "SLIMANI",     "TAHRI",     "YAHIAOUI", "ZEROUALI", "EL AMRANI", "EL IDRISSI", "EL OUARDI",
          "BEN YOUSSEF", "BENMOUSSA", "BOUKHARI", "CHAOUI",   "DAHMANI",   "FILALI",     "GUERFI",
          "HAMMOUDI",    "IDIR",      "JELLOULI", "KACI",     "LOUNES",    "MEBARKI",    "NAIT",
          "OUHIBI",      "RAHMOUNI",  "SAADI",    "TOUATI",   "ZAOUI",     "AÏT AHMED",  "AÏT ALI",
          "BELHADJ",     "BEN SALAH", "TRABELSI", "JEBALI",   "GHARBI",    "MEJRI",      "BOUAZZA",
          "OUALID",      "BENCHEIKH", "LAKHDAR",  "MOKHTARI", "OULD AHMED"},
         {"Mohamed",  "Ahmed",  "Ali",     "Karim",   "Mehdi",         "Yacine",      "Nabil",   "Rachid",
          "Samir",    "Farid",  "Omar",    "Youssef", "Khaled",        "Mourad",      "Hicham",  "Abdelkader",
          "Abdallah", "Hassan", "Hamza",   "Bilal",   "Sofiane",       "Walid",       "Nadia",   "Fatima",
          "Samira",   "Leïla",  "Yasmine", "Amina",   "Khadija",       "Malika",      "Soraya",  "Nawel",
          "Rania",    "Meriem", "Sabrina", "Houria",  "Zohra",         "Aïcha",       "Djamila", "Farida",
          "Imane",    "Salma",  "Inès",    "Sarah",   "Mohamed Amine", "Abdel Karim", "Sidi",    "Lamine",
          "Redouane", "Toufik", "Brahim",  "Moussa",  "Idriss"},
         {"BEN", "BOU", "EL", "AÏT", "HAM", "KHE", "MEZ", "SAL", "TAH", "ZER", "BEL", "CHA", "DJE", "FER",
          "LAH", "MEB"},
         {"ALI", "AOUI", "AZIZ", "DI", "HADJ", "IDI", "KACI", "LAOUI", "MANI", "OUNI", "RI", "SAÏD", "TANI",
          "ZIANE"}},
        {0.16,
         {"DIALLO",  "TRAORÉ",  "KONATÉ",    "CISSÉ",    "DIOP",      "NDIAYE",  "N'DIAYE", "FALL",
          "SOW",     "BA",      "KEITA",     "CAMARA",   "COULIBALY", "TOURÉ",   "SYLLA",   "DIARRA",
          "SANGARÉ", "KANTÉ",   "BAMBA",     "OUATTARA", "KOUASSI",   "KONÉ",    "YAO",     "DIABY",
          "SISSOKO", "DIAKITÉ", "FOFANA",    "SACKO",    "DOUMBIA",   "GUEYE",   "MBAYE",   "SECK",
          "SARR",    "THIAM",   "DIENG",     "FAYE",     "NIANG",     "SAMB",    "KANE",    "WADE",
          "DEMBÉLÉ", "TIMERA",  "SOUMARÉ",   "KOUYATÉ",  "DRAMÉ",     "OKAFOR",  "ADEYEMI", "MENSAH",
          "ASANTE",  "BOATENG", "N'GUESSAN", "N'GORAN",  "KOFFI",     "N'DOUR",  "MBENGUE", "TSHIBANGU",
          "MUKENDI", "KABILA",  "MBEKI",     "NKOSI",    "ONANA",     "ESSOMBA", "MBARGA",  "NJOYA",
          "FOTSO"},
         {"Mamadou",        "Moussa",      "Ibrahima",    "Ousmane",      "Abdoulaye",
          "Amadou",         "Seydou",      "Boubacar",    "Souleymane",   "Cheikh",
          "Modou",          "Lamine",      "Bakary",      "Sekou",        "Adama",
          "Youssouf",       "Aliou",       "Djibril",     "Issa",         "Oumar",
          "Aminata",        "Fatoumata",   "Mariam",      "Awa",          "Kadiatou",
          "Aïssatou",       "Hawa",        "Fanta",       "Ramatoulaye",  "Binta",
          "Ndeye",          "Khady",       "Coumba",      "Oumou",        "Salimata",
          "Assitan",        "Chinedu",     "Kwame",       "Kofi",         "Ama",
          "Akua",           "Yaw",         "Emmanuel",    "Blessing",     "Grace",
          "Mamadou Lamine", "Papa Moussa", "Ndeye Fatou", "Jean-Baptiste"},
         {"BA", "DIA", "KO", "SA", "TOU", "KEI", "DIOU", "MBA", "NDI", "SI", "FO", "GO", "KA", "OU", "YA",
          "NGO"},
         {"BA", "BY", "GA", "KÉ", "LLO", "MBA", "NÉ", "RA", "RÉ", "SSO", "TÉ", "YE", "KO", "MA", "NDE",
          "YI"}},
        {0.08,
         {"KOWALSKI",   "NOWAK",     "WIŚNIEWSKI", "WÓJCIK",   "KOWALCZYK", "KAMIŃSKI",  "LEWANDOWSKI",
          "ZIELIŃSKI",  "SZYMAŃSKI", "WOŹNIAK",    "POPESCU",  "POPA",      "POP",       "RADU",
          "IONESCU",    "DUMITRU",   "STAN",       "STOICA",   "GHEORGHE",  "MATEI",     "CIOBANU",
          "CONSTANTIN", "IVANOV",    "PETROV",     "SIDOROV",  "SMIRNOV",   "KUZNETSOV", "POPOV",
          "VASILIEV",   "SOKOLOV",   "MIKHAILOV",  "NOVIKOV",  "FEDOROV",   "MOROZOV",   "VOLKOV",
          "HORVAT",     "KOVAČ",     "BABIĆ",      "MARKOVIĆ", "PETROVIĆ",  "JOVANOVIĆ", "NIKOLIĆ",
          "ILIĆ",       "DIMITROV",  "GEORGIEV",   "STOYANOV", "BALOGH",    "NAGY",      "KOVÁCS",
          "TÓTH",       "SZABÓ",     "HORVÁTH",    "BERISHA",  "KRASNIQI",  "GASHI",     "SHEHU",
          "HOXHA"},
         {"Piotr",   "Krzysztof", "Andrzej",   "Tomasz",    "Paweł",      "Marek",    "Zbigniew", "Ioana",
          "Elena",   "Maria",     "Andreea",   "Mihai",     "Ion",        "Gheorghe", "Vasile",   "Dmitri",
          "Sergei",  "Andrei",    "Alexei",    "Vladimir",  "Olga",       "Tatiana",  "Natalia",  "Svetlana",
          "Irina",   "Anna",      "Katarzyna", "Agnieszka", "Małgorzata", "Ivan",     "Nikola",   "Milan",
          "Dragan",  "Goran",     "Ana",       "Jelena",    "Milica",     "Arben",    "Besnik",   "Fatmir",
          "Valbona", "Drita",     "Ştefan"},
         {"KOWAL", "NOW", "WIŚ", "POP", "ION", "DUMI", "IVAN", "PETR", "SOKOL", "MARK", "NIKOL", "STOJ",
          "BER", "KRAS"},
         {"SKI", "CZYK", "ESCU", "OV", "OVA", "EV", "IĆ", "OVIĆ", "AK", "IN", "ENKO", "ISHA", "IQI",
          "ULESCU"}},
        {0.06,
         {"SINGH",     "KAUR",     "KUMAR",    "SHARMA", "PATEL",       "KHAN",      "AHMED",
          "HOSSAIN",   "RAHMAN",   "ISLAM",    "UDDIN",  "CHOWDHURY",   "BEGUM",     "AKTER",
          "MIAH",      "ALI",      "HUSSAIN",  "IQBAL",  "MALIK",       "QURESHI",   "BUTT",
          "CHAUDHRY",  "SIDDIQUI", "RAZA",     "SHAH",   "KARIMI",      "AHMADI",    "HOSSEINI",
          "MOHAMMADI", "RAHIMI",   "SAFI",     "NOORI",  "STANEKZAI",   "POPAL",     "WARDAK",
          "SULTANI",   "PERERA",   "FERNANDO", "SILVA",  "JAYAWARDENA", "RAJAPAKSA", "SIVAKUMAR",
          "KRISHNAN",  "NAIR",     "RAO",      "REDDY",  "GUPTA",       "DAS",       "BOSE",
          "MUKHERJEE"},
         {"Gurpreet", "Harpreet", "Manpreet", "Rajesh", "Suresh",  "Ramesh",      "Anil",
          "Sunil",    "Vijay",    "Amit",     "Rahul",  "Abdul",   "Mohammad",    "Muhammad",
          "Imran",    "Asif",     "Tariq",    "Bilal",  "Zahid",   "Faisal",      "Hamid",
          "Ahmad",    "Farid",    "Jawad",    "Sayed",  "Priya",   "Anjali",      "Sunita",
          "Pooja",    "Fatema",   "Nasrin",   "Shirin", "Parveen", "Rukhsana",    "Nargis",
          "Zainab",   "Mariam",   "Tharshan", "Kajan",  "Nirosha", "Abdul Karim", "Mohammad Reza"},
         {"RAH", "HOS", "CHOW", "SID", "KAR", "AHM", "MOH", "NOOR", "SUL", "JAY", "SIVA", "KRISH", "MUKH",
          "RAJ"},
         {"MAN", "SAIN", "DHURY", "DIQUI", "IMI", "ADI", "AMMADI", "ZAI", "TANI", "WARDENA", "KUMAR", "NAN",
          "ERJEE"}},
        {0.06,
         {"KARIMOV",    "RAHIMOV",     "ALIYEV",   "MAMEDOV",   "HASANOV",    "ISMAILOV",   "YUSUPOV",
          "TASHKENTOV", "NAZAROV",     "SAIDOV",   "ABDULLAEV", "ERGASHEV",   "TURSUNOV",   "KHODJAEV",
          "MIRZAEV",    "SULTANOV",    "USMANOV",  "YULDASHEV", "NURMATOV",   "ZOKIROV",    "TOKTOGULOV",
          "BEKOV",      "ZHUMABAEV",   "NURLANOV", "SERIKOV",   "AKHMETOV",   "DAVLETOV",   "MAGOMEDOV",
          "KADYROV",    "BASAYEV",     "DUDAYEV",  "UMAROV",    "GRIGORYAN",  "PETROSYAN",  "HAKOBYAN",
          "SARGSYAN",   "KHACHATRYAN", "BERIDZE",  "KAPANADZE", "GELASHVILI", "MAISURADZE", "TSERETELI"},
         {"Rustam", "Timur",   "Farrukh",   "Bakhtiyor", "Jamshid", "Sherzod", "Dilshod", "Aziz",
          "Bobur",  "Ulugbek", "Nursultan", "Aibek",     "Daniyar", "Ruslan",  "Magomed", "Ramzan",
          "Aslan",  "Zaur",    "Artur",     "Aram",      "Tigran",  "Giorgi",  "Levan",   "Nino",
          "Tamara", "Gulnara", "Dilnoza",   "Madina",    "Zarina",  "Aigerim", "Aliya",   "Kamila",
          "Lusine", "Anahit",  "Mariam",    "Khadizhat", "Patimat"},
         {"KARI", "RAHI", "ALI", "MAME", "HASA", "ISMAI", "YUSU", "NAZA", "SAI", "TUR", "MIR", "SUL", "NUR",
          "ZHU"},
         {"MOV", "YEV", "DOV", "LOV", "POV", "KOV", "BAEV", "YAN", "DZE", "SHVILI", "ROV", "TOV", "GULOV",
          "ROV"}},
    };
    return table;
}

template <typename T>
const T& pick(const std::vector<T>& v, std::mt19937_64& rng) {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
}

bool chance(double p, std::mt19937_64& rng) {
    return std::uniform_real_distribution<double>(0, 1)(rng) < p;
}

int drawOrigin(std::mt19937_64& rng) {
    double x = std::uniform_real_distribution<double>(0, 1)(rng), acc = 0;
    const auto& o = origins();
    for (size_t i = 0; i < o.size(); ++i) {
        acc += o[i].weight;
        if (x < acc) return static_cast<int>(i);
    }
    return 0;
}

/// Capitalised like a first name: "jean-pierre" → "Jean-Pierre".
std::string titleCase(const std::string& upper) {
    std::string out;
    bool start = true;
    for (size_t i = 0; i < upper.size(); ++i) {
        auto c = static_cast<unsigned char>(upper[i]);
        if (c < 0x80) {
            out += static_cast<char>(start ? std::toupper(c) : std::tolower(c));
            start = !std::isalpha(c);
        } else {
            out += upper[i]; // accented letters keep their case; rare in generated tails
            if ((c & 0xC0) != 0x80) start = false;
        }
    }
    return out;
}

std::string upperAscii(const std::string& s) {
    std::string out = s;
    for (auto& c : out)
        if (static_cast<unsigned char>(c) < 0x80)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

/// Lower-case ASCII letters of accented Latin-1 capitals (É→é...): enough for French text.
std::string lowerText(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80)
            out += static_cast<char>(std::tolower(c));
        else if (c == 0xC3 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
                 static_cast<unsigned char>(s[i + 1]) < 0xA0) {
            out += s[i];
            out += static_cast<char>(s[i + 1] + 0x20);
            ++i;
        } else
            out += s[i];
    }
    return out;
}

std::string upperText(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80)
            out += static_cast<char>(std::toupper(c));
        else if (c == 0xC3 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0xA0 &&
                 static_cast<unsigned char>(s[i + 1]) < 0xC0) {
            out += s[i];
            out += static_cast<char>(s[i + 1] - 0x20);
            ++i;
        } else
            out += s[i];
    }
    return out;
}

} // namespace

std::string NameGenerator::surname(int origin) {
    const Origin& o = origins()[static_cast<size_t>(origin)];
    // A population's surnames follow a long tail: the frequent ones cover about a third of people,
    // the rest are rare. The tail is built from the origin's syllables.
    if (chance(0.15, rng_)) return pick(o.surnames, rng_);
    static const std::vector<const char*> consonants{"B", "CH", "D", "F", "G", "K", "L",  "M", "N",
                                                     "P", "R",  "S", "T", "V", "Z", "SS", "NT"};
    static const std::vector<const char*> vowels{"A", "E", "I", "O", "OU", "AI", "U"};
    std::string s = pick(o.prefixes, rng_);
    int middles = std::uniform_int_distribution<int>(1, 2)(rng_);
    for (int i = 0; i < middles; ++i)
        s += std::string(pick(consonants, rng_)) + pick(vowels, rng_);
    return s + pick(o.suffixes, rng_);
}

std::string NameGenerator::firstName(int origin) {
    const Origin& o = origins()[static_cast<size_t>(origin)];
    std::string f = pick(o.firstNames, rng_);
    if (chance(0.06, rng_)) f += std::string(chance(0.5, rng_) ? "-" : " ") + pick(o.firstNames, rng_);
    return f;
}

Name NameGenerator::person() {
    int origin = drawOrigin(rng_);
    Name n{surname(origin), firstName(origin)};
    if (chance(0.03, rng_)) n.nom += " " + surname(origin); // compound surname
    return n;
}

std::vector<Dossier> NameGenerator::directory(size_t count) {
    std::vector<Dossier> out;
    out.reserve(count);
    for (size_t i = 0; i < count; ++i) {
        Dossier d;
        d.ref = static_cast<DossierRef>(100000 + i);
        d.customRef = std::to_string(i + 1);
        Name n = person();
        if (i > 0 && chance(0.005, rng_)) { // a true homonym of an earlier dossier
            const Dossier& other = out[std::uniform_int_distribution<size_t>(0, i - 1)(rng_)];
            n = {other.nom, other.prenom};
        }
        d.nom = n.nom;
        d.prenom = n.prenom;
        double s = std::uniform_real_distribution<double>(0, 1)(rng_);
        d.statut = s < 0.9    ? Statut::Valide
                   : s < 0.95 ? Statut::Radie
                   : s < 0.98 ? Statut::Instruction
                              : Statut::Refus;
        d.npai.actif = chance(0.01, rng_);
        if (chance(0.05, rng_)) d.surnom = titleCase(person().prenom);
        int dependants = chance(0.2, rng_) ? std::uniform_int_distribution<int>(1, 3)(rng_) : 0;
        for (int k = 0; k < dependants; ++k)
            d.ayantsDroits.push_back({d.nom, person().prenom, {}, "ENFANT"});
        if (chance(0.1, rng_)) {
            Name p = person();
            d.procurations.push_back({p.nom, p.prenom, {}, parseDate("2026-01-01"), parseDate("2026-12-31")});
        }
        out.push_back(std::move(d));
    }
    return out;
}

const char* toString(Noise noise) {
    switch (noise) {
    case Noise::None:
        return "clean";
    case Noise::Confusion:
        return "ocr-confusion";
    case Noise::Doubled:
        return "doubled-letter";
    case Noise::Dropped:
        return "dropped-letter";
    case Noise::Substituted:
        return "random-letter";
    case Noise::Count:
        break;
    }
    return "?";
}

namespace {

/// Applies one OCR confusion of the kinds Tesseract makes on print: O↔0, I/l↔1, m→rn, d→cl, é→e.
std::string confuse(std::string text, std::mt19937_64& rng) {
    struct Swap {
        const char* from;
        const char* to;
    };
    static const std::array<Swap, 12> swaps{{{"O", "0"},
                                             {"o", "0"},
                                             {"I", "1"},
                                             {"l", "1"},
                                             {"I", "l"},
                                             {"i", "l"},
                                             {"m", "rn"},
                                             {"M", "RN"},
                                             {"d", "cl"},
                                             {"é", "e"},
                                             {"É", "E"},
                                             {"l", "I"}}};
    for (int attempt = 0; attempt < 12; ++attempt) {
        const Swap& s = swaps[std::uniform_int_distribution<size_t>(0, swaps.size() - 1)(rng)];
        size_t pos = text.find(s.from);
        if (pos != std::string::npos) return text.replace(pos, std::string(s.from).size(), s.to);
    }
    return text;
}

/// Byte positions of ASCII letters (edits never cut a UTF-8 sequence).
std::vector<size_t> letterPositions(const std::string& text) {
    std::vector<size_t> out;
    for (size_t i = 0; i < text.size(); ++i)
        if (std::isalpha(static_cast<unsigned char>(text[i]))) out.push_back(i);
    return out;
}

std::string editLetter(std::string text, Noise noise, std::mt19937_64& rng) {
    auto letters = letterPositions(text);
    if (letters.size() < 4) return text;
    size_t pos = letters[std::uniform_int_distribution<size_t>(1, letters.size() - 2)(rng)];
    char c = text[pos];
    bool upper = std::isupper(static_cast<unsigned char>(c));
    char random = static_cast<char>((upper ? 'A' : 'a') + std::uniform_int_distribution<int>(0, 25)(rng));
    switch (noise) {
    case Noise::Doubled:
        return text.insert(pos, 1, c);
    case Noise::Dropped:
        return text.erase(pos, 1);
    case Noise::Substituted:
        while (std::tolower(static_cast<unsigned char>(random)) ==
               std::tolower(static_cast<unsigned char>(c)))
            random = static_cast<char>((upper ? 'A' : 'a') + std::uniform_int_distribution<int>(0, 25)(rng));
        text[pos] = random;
        return text;
    default:
        return text;
    }
}

} // namespace

std::vector<std::string> recipientLines(const Name& name, const std::string& box, Noise noise,
                                        std::mt19937_64& rng) {
    static const std::vector<const char*> civilities{"M.", "Mme", "Monsieur", "Madame", "MME", "M", "Mlle"};
    static const std::vector<const char*> vias{"Chez CCAS de Villeurbanne", "C/O Association Le Relais",
                                               "CCAS - Service domiciliation", "Aux bons soins de Emmaüs"};
    std::string nom = name.nom, prenom = name.prenom;
    if (chance(0.3, rng)) { // written without accents
        nom = foldForSearch(nom).empty() ? nom : upperAscii(foldForSearch(nom));
        prenom = titleCase(upperAscii(foldForSearch(prenom)));
    }
    if (chance(0.3, rng) && prenom.find('-') != std::string::npos)
        std::replace(prenom.begin(), prenom.end(), '-', ' ');
    double caseDraw = std::uniform_real_distribution<double>(0, 1)(rng);
    if (caseDraw < 0.2)
        prenom = upperText(prenom);
    else if (caseDraw < 0.3)
        nom = titleCase(lowerText(nom));
    bool initial = chance(0.03, rng);
    if (initial) prenom = prenom.substr(0, 1) + ".";
    std::string person = chance(0.5, rng) ? nom + " " + prenom : prenom + " " + nom;

    // The noise hits the surname or the first name.
    auto noisy = [&](const std::string& text) {
        switch (noise) {
        case Noise::Confusion:
            return confuse(text, rng);
        case Noise::Doubled:
        case Noise::Dropped:
        case Noise::Substituted:
            return editLetter(text, noise, rng);
        default:
            return text;
        }
    };
    if (noise != Noise::None) {
        bool onSurname = initial || chance(0.6, rng);
        const std::string& target = onSurname ? nom : prenom;
        size_t pos = person.find(target);
        if (pos != std::string::npos) person.replace(pos, target.size(), noisy(target));
    }
    std::vector<std::string> lines;
    lines.push_back(chance(0.75, rng) ? std::string(pick(civilities, rng)) + " " + person : person);
    if (chance(0.5, rng)) lines.push_back(pick(vias, rng));
    if (!box.empty() && chance(0.3, rng)) lines.push_back((chance(0.5, rng) ? "Boite " : "BOITE N° ") + box);
    if (chance(0.7, rng))
        lines.push_back(std::to_string(std::uniform_int_distribution<int>(1, 120)(rng)) +
                        " rue de la République");
    if (chance(0.8, rng)) lines.push_back("69100 VILLEURBANNE");
    return lines;
}

Name oneLetterAway(const Name& name, std::mt19937_64& rng) {
    Name out = name;
    std::string& target = chance(0.5, rng) ? out.nom : out.prenom;
    static const std::array<Noise, 3> kinds{Noise::Substituted, Noise::Dropped, Noise::Doubled};
    Noise kind = kinds[std::uniform_int_distribution<size_t>(0, 2)(rng)];
    if (kind == Noise::Doubled) { // an inserted letter that is not a repeat
        auto letters = letterPositions(target);
        if (letters.size() >= 3) {
            size_t pos = letters[std::uniform_int_distribution<size_t>(1, letters.size() - 1)(rng)];
            bool upper = std::isupper(static_cast<unsigned char>(target[pos]));
            char c = static_cast<char>((upper ? 'A' : 'a') + std::uniform_int_distribution<int>(0, 25)(rng));
            target.insert(pos, 1, c);
        }
        return out;
    }
    target = editLetter(target, kind, rng);
    return out;
}

} // namespace guichet::bench
