// The directory: people from about thirty name traditions, nicknames, homonyms, particles,
// two-letter surnames, struck-off dossiers; and the UTF-8 helpers.
#include "Internal.hpp"
#include "guichet/corpus2/Corpus2.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace guichet::corpus2 {
namespace detail {

std::u32string decode(std::string_view s) {
    std::u32string out;
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        char32_t cp = c;
        int extra = 0;
        if (c >= 0xF0)
            cp = c & 0x07, extra = 3;
        else if (c >= 0xE0)
            cp = c & 0x0F, extra = 2;
        else if (c >= 0xC0)
            cp = c & 0x1F, extra = 1;
        ++i;
        for (int k = 0; k < extra && i < s.size(); ++k, ++i)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
        out.push_back(cp);
    }
    return out;
}

std::string encode(const std::u32string& text) {
    std::string out;
    for (const char32_t cp : text) {
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }
    return out;
}

namespace {
char32_t upperOf(char32_t c) {
    if (c >= 'a' && c <= 'z') return c - 32;
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
    if (c == 0x131) return 'I';
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return (c % 2 == 1) ? c - 1 : c;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c % 2 == 0) ? c - 1 : c;
    if (c == 0x1A1 || c == 0x1B0) return c - 1;
    if (c >= 0x218 && c <= 0x21B) return (c % 2 == 1) ? c - 1 : c;
    if (c >= 0x1EA0 && c <= 0x1EF9) return (c % 2 == 1) ? c - 1 : c;
    return c;
}

const std::map<char32_t, const char*>& asciiMap() {
    static const std::map<char32_t, const char*> m = [] {
        std::map<char32_t, const char*> t;
        const char* groups[][2] = {{"àáâãäåāăąạảấầẩẫậắằẳẵặ", "a"},
                                   {"ÀÁÂÃÄÅĀĂĄẠẢẤẦẨẪẬẮẰẲẴẶ", "A"},
                                   {"çćĉċč", "c"},
                                   {"ÇĆĈĊČ", "C"},
                                   {"đď", "d"},
                                   {"ĐĎ", "D"},
                                   {"èéêëēĕėęěẹẻẽếềểễệ", "e"},
                                   {"ÈÉÊËĒĔĖĘĚẸẺẼẾỀỂỄỆ", "E"},
                                   {"ğĝġģ", "g"},
                                   {"ĞĜĠĢ", "G"},
                                   {"ìíîïĩīĭįıỉị", "i"},
                                   {"ÌÍÎÏĨĪĬĮİỈỊ", "I"},
                                   {"łĺļľ", "l"},
                                   {"ŁĹĻĽ", "L"},
                                   {"ñńņň", "n"},
                                   {"ÑŃŅŇ", "N"},
                                   {"òóôõöøōŏőơọỏốồổỗộớờởỡợ", "o"},
                                   {"ÒÓÔÕÖØŌŎŐƠỌỎỐỒỔỖỘỚỜỞỠỢ", "O"},
                                   {"śŝşšș", "s"},
                                   {"ŚŜŞŠȘ", "S"},
                                   {"ţťțŧ", "t"},
                                   {"ŢŤȚŦ", "T"},
                                   {"ùúûüũūŭůűųưụủứừửữự", "u"},
                                   {"ÙÚÛÜŨŪŬŮŰŲƯỤỦỨỪỬỮỰ", "U"},
                                   {"ýÿŷỳỵỷỹ", "y"},
                                   {"ÝŸŶỲỴỶỸ", "Y"},
                                   {"źżž", "z"},
                                   {"ŹŻŽ", "Z"},
                                   {"«»“”„", "\""},
                                   {"’‘", "'"},
                                   {"–—", "-"},
                                   {"°", "o"},
                                   {"œ", "oe"},
                                   {"Œ", "OE"},
                                   {"æ", "ae"},
                                   {"Æ", "AE"},
                                   {"ß", "ss"},
                                   {"€", "EUR"}};
        for (const auto& g : groups)
            for (const char32_t c : decode(g[0]))
                t[c] = g[1];
        t[0xA0] = " ";
        return t;
    }();
    return m;
}
} // namespace

std::string upper(std::string_view utf8) {
    std::u32string s = decode(utf8);
    for (auto& c : s)
        c = upperOf(c);
    return encode(s);
}

std::string stripAccents(std::string_view utf8) {
    std::string out;
    for (const char32_t c : decode(utf8)) {
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
            continue;
        }
        const auto it = asciiMap().find(c);
        out += it != asciiMap().end() ? it->second : "?";
    }
    return out;
}

} // namespace detail

namespace {
using detail::Rng;

struct Pool {
    const char* origin;
    std::vector<std::string> noms;
    std::vector<std::string> men;
    std::vector<std::string> women;
};

const std::vector<Pool>& pools() {
    static const std::vector<Pool> p = {
        {"France",
         {"MARTIN",         "BERNARD",  "DUBOIS",  "THOMAS",      "ROBERT",       "PETIT",
          "DURAND",         "LEROY",    "MOREAU",  "LEFÈVRE",     "GIRARD",       "ANDRÉ",
          "MERCIER",        "DUPONT",   "LAMBERT", "BONNET",      "FRANÇOIS",     "LEGRAND",
          "GARNIER",        "ROUSSEAU", "GUÉRIN",  "PERRIN",      "CLÉMENT",      "CHEVALIER",
          "DE LA FONTAINE", "LE GOFF",  "LE BRIS", "DE LA ROCHE", "SAINT-MARTIN", "LEBLANC-DUVAL",
          "DU PLESSIS",     "BOUCHER",  "CARON",   "HÉBERT",      "MÉNARD",       "D'ESTIENNE",
          "LEMAÎTRE",       "BRÛLÉ",    "FAUCHÉ",  "NOËL"},
         {"Jean",    "Jean-Pierre", "Jean-Baptiste", "François",     "Cédric",      "Noël",     "Joël",
          "Loïc",    "Raymond",     "Christophe",    "Éric",         "Stéphane",    "Frédéric", "Sébastien",
          "Thierry", "Pascal",      "Jérôme",        "Marc-Antoine", "Pierre-Yves", "Gérard",   "René"},
         {"Marie-Thérèse", "Anne-Sophie", "Hélène", "Gaëlle", "Maëlys", "Bernadette", "Ginette", "Françoise",
          "Nathalie", "Valérie", "Sylvie", "Dominique", "Josiane", "Chloé", "Zoé", "Marie-Noëlle", "Agnès"}},
        {"Vietnam",
         {"NGUYỄN", "TRẦN", "LÊ", "PHẠM", "HOÀNG", "VŨ", "ĐẶNG", "BÙI", "ĐỖ", "HỒ", "NGÔ", "DƯƠNG", "LƯƠNG",
          "TRƯƠNG"},
         {"Văn Hùng", "Minh Đức", "Quốc Bảo", "Hữu Phước", "Công Thành", "Xuân Trường", "Đình Lộc",
          "Văn Thường"},
         {"Thị Hương", "Thị Thu Hằng", "Ngọc Ánh", "Thị Lệ", "Hồng Nhung", "Thị Phượng", "Thanh Thương",
          "Thị Mỹ Dung"}},
        {"Romania",
         {"POPESCU", "IONESCU", "STOICA", "DUMITRESCU", "ȘTEFĂNESCU", "MUNTEANU", "RĂDULESCU", "ȚURCANU",
          "LUNGU", "CIOBANU", "MOLDOVAN"},
         {"Ștefan", "Ionuț", "Florin", "Alexandru", "Gheorghe", "Cătălin", "Dănuț", "Costică"},
         {"Mădălina", "Andreea", "Mihaela", "Ioana", "Florența", "Mărioara", "Ștefania"}},
        {"Algeria",
         {"BELKACEM", "BOUZIDI", "HADDAD", "AÏT OUALI", "CHERIF", "BENSAÏD", "ZEROUAL", "MEBARKI", "BEN ALI",
          "ABDELKADER", "AÏT-AHMED", "BOUMEDIENE"},
         {"Mohamed", "Abdelkader", "Yacine", "Nour-Eddine", "Saïd", "Rachid", "Mustapha", "Djamel", "Karim"},
         {"Fatima", "Khadija", "Aïcha", "Samira", "Karima", "Nadia", "Fatiha", "Yasmina"}},
        {"Morocco",
         {"EL AMRANI", "EL KHATTABI", "BENJELLOUN", "EL IDRISSI", "OUAZZANI", "TAZI", "BERRADA", "EL FASSI",
          "AMRANI", "CHRAIBI"},
         {"Mohammed", "Youssef", "Abdelaziz", "Hicham", "Mehdi", "Driss", "Abderrahim"},
         {"Fatima-Zahra", "Naïma", "Houda", "Latifa", "Zineb", "Meryem"}},
        {"Tunisia",
         {"BEN SALAH", "TRABELSI", "GHARBI", "JEBALI", "BEN YOUSSEF", "MEJRI", "HAMMAMI"},
         {"Mohamed Amine", "Sami", "Walid", "Hatem", "Anis"},
         {"Rim", "Amel", "Sonia", "Olfa", "Ines"}},
        {"Portugal",
         {"DA SILVA", "DOS SANTOS", "FERREIRA", "PEREIRA", "GONÇALVES", "RODRIGUES", "FERNANDES", "CONCEIÇÃO",
          "MAGALHÃES", "ALVES", "D'ALMEIDA", "DE SOUSA"},
         {"João", "José", "António", "Luís", "Sebastião", "Gonçalo", "Joaquim"},
         {"Conceição", "Maria da Graça", "Inês", "Fátima", "Lurdes", "Ana Luísa"}},
        {"Poland",
         {"KOWALSKI", "WIŚNIEWSKI", "WÓJCIK", "KOWALCZYK", "KAMIŃSKI", "ŁUKASZEWICZ", "MICHAŁOWSKA",
          "SZCZEPAŃSKI", "PAWŁOWSKI", "GÓRSKA", "ZAJĄC", "KRÓL"},
         {"Łukasz", "Paweł", "Michał", "Wojciech", "Stanisław", "Grzegorz", "Przemysław"},
         {"Małgorzata", "Katarzyna", "Agnieszka", "Bożena", "Jadwiga", "Elżbieta"}},
        {"Turkey",
         {"YILMAZ", "KAYA", "DEMİR", "ŞAHİN", "ÇELİK", "YILDIZ", "ÖZTÜRK", "AYDIN", "DOĞAN", "KILIÇ",
          "ERDOĞAN", "AĞAOĞLU"},
         {"Mehmet", "Çağrı", "Gökhan", "Şükrü", "Ömer", "Ilgaz", "Doğan", "Ali Rıza"},
         {"Ayşe", "Tuğba", "Yağmur", "Işıl", "Fatma", "Emine", "Gülşen"}},
        {"Ukraine",
         {"SHEVCHENKO", "KOVALENKO", "BONDARENKO", "TKACHENKO", "KRAVCHUK", "MELNYK", "OLIINYK", "HRYTSENKO",
          "ZAKHARCHUK", "POLISHCHUK", "SHCHERBAK"},
         {"Oleksandr", "Mykola", "Andrii", "Dmytro", "Serhii", "Yurii", "Vasyl"},
         {"Olena", "Yuliia", "Iryna", "Oksana", "Nataliia", "Khrystyna"}},
        {"Senegal",
         {"DIALLO", "NDIAYE", "N'DIAYE", "FALL", "SOW", "DIOP", "GUEYE", "SECK", "FAYE", "MBAYE", "NIANG",
          "BA"},
         {"Mamadou", "Moussa", "Cheikh", "Ousmane", "Abdoulaye", "Babacar", "Mamadou Lamine", "El Hadji"},
         {"Aminata", "Awa", "Fatou", "Mariama", "Ndèye", "Khady", "Ndèye Fatou"}},
        {"Mali",
         {"TRAORÉ", "KEÏTA", "COULIBALY", "DEMBÉLÉ", "KONATÉ", "SISSOKO", "DOUCOURÉ", "SANGARÉ", "DIARRA"},
         {"Seydou", "Boubacar", "Modibo", "Salif", "Bakary", "Sékou"},
         {"Kadiatou", "Oumou", "Assétou", "Djeneba", "Fanta"}},
        {"Côte d'Ivoire",
         {"KOUASSI", "KOFFI", "KONAN", "YAO", "N'GUESSAN", "KOUAMÉ", "BAMBA", "OUATTARA", "TOURÉ", "N'GORAN"},
         {"Kouadio", "Ange", "Jean-Baptiste", "Yao", "Koffi", "Serge-Alain"},
         {"Affoué", "Adjoua", "Aya", "Amenan", "Akissi"}},
        {"China",
         {"LI", "WU", "YE", "NG", "WANG", "ZHANG", "CHEN", "LIU", "HE", "XU", "ZHOU", "HU"},
         {"Wei", "Xiaoming", "Jian", "Hao", "Zhiwei", "Jun"},
         {"Fang", "Jing", "Hui", "Mei Ling", "Li Na", "Yan"}},
        {"Sri Lanka",
         {"SIVAKUMAR", "THARMALINGAM", "RAJENDRAN", "KANAGARATNAM", "SUBRAMANIAM", "PARAMESWARAN",
          "VIGNESWARAN", "SELVARAJAH"},
         {"Tharshan", "Kumaran", "Senthil", "Jeyakumar", "Thevarajah"},
         {"Priya", "Nirmala", "Lakshmi", "Thusyanthi", "Vasanthi"}},
        {"Afghanistan",
         {"AHMADZAI", "HUSSAINI", "RAHIMI", "KARIMI", "SULTANI", "NOORI", "HAIDARI", "POPAL", "STANEKZAI"},
         {"Ahmad Shah", "Mohammad Nabi", "Farid", "Hamid", "Sayed", "Abdul Wahid", "Gul Agha"},
         {"Zahra", "Gulalai", "Nasrin", "Fereshta", "Mariam"}},
        {"Syria",
         {"AL HASSAN", "AL-KHATIB", "HAMDAN", "SHAMI", "ALLOUCH", "AL MASRI", "KHALIL", "AL-HAJJ"},
         {"Omar", "Bassel", "Hussein", "Ammar", "Abdulrahman"},
         {"Rania", "Lina", "Hiba", "Ghalia", "Rasha"}},
        {"Eritrea",
         {"TESFAYE", "GEBREMEDHIN", "HAILE", "TEKLE", "GHEBREYESUS", "WOLDEMICHAEL", "BERHANE"},
         {"Yonas", "Filmon", "Mebrahtu", "Tesfalem", "Mussie"},
         {"Selam", "Helen", "Semhar", "Luwam"}},
        {"Somalia",
         {"ABDI", "WARSAME", "FARAH", "HASSAN", "MOHAMED ALI", "JAMA", "OSMAN"},
         {"Abdirahman", "Abdullahi", "Mahad", "Liban"},
         {"Hodan", "Ayaan", "Faduma", "Sahra"}},
        {"DR Congo",
         {"MUKENDI", "TSHIBANGU", "MBUYI", "KALONJI", "NGOIE", "MUTOMBO", "KASONGO", "ILUNGA", "MPIANA",
          "MAKIADI"},
         {"Jean-Marie", "Bienvenu", "Dieudonné", "Exaucé", "Héritier", "Patient"},
         {"Grâce", "Merveille", "Christelle", "Divine", "Bénédicte"}},
        {"Haiti",
         {"JEAN-BAPTISTE", "PIERRE-LOUIS", "SAINT-FLEUR", "JOSEPH", "DORVIL", "CHÉRY", "DÉSIR", "ALEXIS",
          "JEAN-LOUIS"},
         {"Wilner", "Jocelyn", "Fritznel", "Wisly", "Jean-Robert"},
         {"Roselène", "Marie-Carmel", "Wideline", "Nadège", "Guerline"}},
        {"Albania",
         {"HOXHA", "SHEHU", "KRASNIQI", "BERISHA", "GASHI", "DOKA", "LEKA", "ÇELA", "MUÇA"},
         {"Arben", "Besnik", "Dritan", "Ermal", "Gëzim"},
         {"Elira", "Mirela", "Valbona", "Drita", "Lindita"}},
        {"Georgia",
         {"BERIDZE", "KAPANADZE", "GELASHVILI", "MAISURADZE", "TSIKLAURI", "LOMIDZE", "JAPARIDZE"},
         {"Giorgi", "Levan", "Davit", "Zurab", "Irakli"},
         {"Nino", "Tamar", "Ketevan", "Mariam", "Eka"}},
        {"Brazil",
         {"SOUZA", "OLIVEIRA", "LIMA", "CARVALHO", "NASCIMENTO", "ARAÚJO", "DA CONCEIÇÃO"},
         {"João Paulo", "Thiago", "Gabriel", "Raimundo"},
         {"Luana", "Raimunda", "Gabriela", "Maria José"}},
        {"Ireland",
         {"O'NEILL", "O'BRIEN", "MCCARTHY", "O'SULLIVAN", "FITZGERALD", "O'CONNOR"},
         {"Seán", "Patrick", "Ciarán", "Declan"},
         {"Siobhán", "Niamh", "Aoife", "Róisín"}},
        {"Spain",
         {"GARCÍA", "FERNÁNDEZ", "MUÑOZ", "LÓPEZ", "SÁNCHEZ", "DE LA CRUZ", "NÚÑEZ", "IBÁÑEZ", "DEL RÍO"},
         {"José María", "Íñigo", "Jesús", "Álvaro", "Joaquín"},
         {"Begoña", "María del Carmen", "Lucía", "Inmaculada", "Nuria"}},
        {"Guinea",
         {"BARRY", "BAH", "CAMARA", "SYLLA", "CONDÉ", "SOUMAH", "KOUROUMA", "DIALLO"},
         {"Alpha Oumar", "Mamadou Saliou", "Thierno", "Ibrahima", "Lansana"},
         {"Fatoumata Binta", "Hadja", "Mariama", "Kadiatou", "M'Mah"}},
        {"Cameroon",
         {"MBARGA", "ESSOMBA", "FOUDA", "NKOULOU", "NJOYA", "EYENGA", "ONANA", "TCHOUPO"},
         {"Jean-Claude", "Hervé", "Blaise", "Samuel", "Rigobert"},
         {"Rosine", "Gisèle", "Clarisse", "Pélagie", "Solange"}},
        {"Russia",
         {"IVANOV", "KUZNETSOV", "MAGOMEDOV", "ISMAILOV", "MUSAEVA", "PETROVA", "SOKOLOV"},
         {"Aslan", "Ruslan", "Ivan", "Magomed", "Timur"},
         {"Madina", "Zarema", "Svetlana", "Tatiana", "Khava"}},
        {"Bangladesh",
         {"RAHMAN", "HOSSAIN", "UDDIN", "ISLAM", "AKTER", "CHOWDHURY", "MIAH"},
         {"Mohammad Abdul", "Rafiqul", "Jahangir", "Shahidul", "Kamal"},
         {"Nasrin", "Shirin", "Rokeya", "Taslima"}},
        {"Pakistan",
         {"KHAN", "IQBAL", "BUTT", "MALIK", "QURESHI", "CHAUDHRY"},
         {"Imran", "Asif", "Bilal", "Tariq", "Zeeshan"},
         {"Nadia", "Sana", "Ayesha", "Bushra"}},
        {"Hungary",
         {"LAKATOS", "ORSÓS", "BALOG", "KOLOMPÁR", "HORVÁTH", "OLÁH"},
         {"Zoltán", "László", "Gyula", "Ferenc"},
         {"Erzsébet", "Gyöngyi", "Zsuzsanna", "Ilona"}},
    };
    return p;
}

const std::vector<std::string>& nicknames() {
    static const std::vector<std::string> n = {
        "Mimi",   "TATA",      "P'tit Jean",  "Le Grand", "Jojo",   "Dédé",    "Titi",
        "Nounou", "Grand Mo",  "Papy",        "Ti-Louis", "Coco",   "Babette", "Doudou",
        "Kiki",   "Le Breton", "La Rouquine", "Tonton",   "Bébert", "Le Cap"};
    return n;
}

std::string date(Rng& rng, int from, int to) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", rng.range(from, to), rng.range(1, 12), rng.range(1, 28));
    return buf;
}

std::string csvField(const std::string& s) {
    if (s.find_first_of(",;\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string titleCase(const std::string& upperName) { // "N'DIAYE" -> "N'Diaye", "DE LA CRUZ" -> "De La Cruz"
    std::u32string s = detail::decode(upperName);
    bool start = true;
    for (auto& c : s) {
        if (c == ' ' || c == '-' || c == '\'') {
            start = true;
            continue;
        }
        if (!start) {
            const std::string one = detail::encode(std::u32string(1, c));
            // lower-case: search the upper map backwards
            for (char32_t l = c; l <= c + 32 && l < 0x1F00; ++l)
                if (l != c && detail::upper(detail::encode(std::u32string(1, l))) == one) {
                    c = l;
                    break;
                }
        }
        start = false;
    }
    return detail::encode(s);
}

} // namespace

std::string surnameTitle(const std::string& nom) {
    return titleCase(nom);
}

const std::vector<std::string>& originList() {
    static std::vector<std::string> v = [] {
        std::vector<std::string> r;
        for (const auto& p : pools())
            r.push_back(p.origin);
        return r;
    }();
    return v;
}

Person randomPerson(detail::Rng& rng, bool frenchBias) {
    const auto& all = pools();
    const Pool& pool = (frenchBias && rng.chance(0.38)) ? all[0] : rng.pick(all);
    Person p;
    p.origin = pool.origin;
    p.female = rng.chance(0.45);
    p.nom = rng.pick(pool.noms);
    p.prenom = rng.pick(p.female ? pool.women : pool.men);
    if (pool.origin == std::string("France") && rng.chance(0.08)) // double surname
        p.nom += "-" + rng.pick(pool.noms);
    p.dateNaissance = date(rng, 1945, 2006);
    return p;
}

Directory makeDirectory(std::uint64_t seed, int count) {
    Rng rng(detail::mix(seed, 0xD1EC7081ULL));
    Directory d;
    const int kind = static_cast<int>(seed % 5);
    d.structure.kind = kind;
    switch (kind) {
    case 0:
        d.structure = {"CCAS de Villeurbanne", "12 rue Francis de Pressensé", "69100 VILLEURBANNE", 0, 0};
        break;
    case 1:
        d.structure = {"PAS LYON 3", "18 rue Mazenod", "69003 LYON", 1, 0};
        break;
    case 2:
        d.structure = {"Association Le Relais", "DOMICILIATION", "59000 LILLE", 2, 0};
        break;
    case 3:
        d.structure = {"CCAS de Bordeaux", "Cité municipale", "33000 BORDEAUX CEDEX", 3, 0};
        break;
    default:
        d.structure = {"Accueil de jour La Boussole", "7 avenue Jean Jaurès", "38000 GRENOBLE", 4, 0};
        break;
    }
    d.structure.number = rng.range(2, 420);
    std::set<std::int64_t> refs;
    std::set<std::string> names;
    for (int i = 0; i < count; ++i) {
        Person p;
        const bool homonym = i > 4 && rng.chance(0.035);
        if (homonym) {
            const int other = rng.range(0, i - 1);
            const Person& o = d.people[static_cast<size_t>(other)];
            if (o.homonymOf < 0) {
                p = o;
                p.dateNaissance = date(rng, 1945, 2006);
                p.surnom.clear();
                p.homonymOf = other;
                d.people[static_cast<size_t>(other)].homonymOf = i;
            } else {
                p = randomPerson(rng, true);
            }
        } else {
            for (int tries = 0; tries < 20; ++tries) {
                p = randomPerson(rng, true);
                if (!names.count(p.nom + "|" + p.prenom)) break;
            }
        }
        names.insert(p.nom + "|" + p.prenom);
        std::int64_t ref;
        do
            ref = rng.range(10000, 99999);
        while (refs.count(ref));
        refs.insert(ref);
        p.ref = ref;
        p.customRef = rng.chance(0.7) ? std::to_string(rng.range(1, 4999)) : "";
        if (p.surnom.empty() && p.homonymOf < 0 && rng.chance(0.12)) p.surnom = rng.pick(nicknames());
        p.statut = rng.chance(0.06) ? "RADIE" : "VALIDE";
        if (rng.chance(0.1)) {
            const Person dep = randomPerson(rng, false);
            p.ayantsDroits = dep.prenom + " " + p.nom;
        }
        if (rng.chance(0.06)) {
            const Person proxy = randomPerson(rng, true);
            p.procurations = proxy.prenom + " " + proxy.nom + " (2025-01-01..2027-12-31)";
        }
        d.people.push_back(p);
    }
    return d;
}

std::string Directory::csv() const {
    std::string out = "ref,customRef,nom,prenom,surnom,dateNaissance,statut,ayantsDroits,procurations\n";
    for (const auto& p : people) {
        out += std::to_string(p.ref) + "," + csvField(p.customRef) + "," + csvField(p.nom) + "," +
               csvField(p.prenom) + "," + csvField(p.surnom) + "," + p.dateNaissance + "," + p.statut + "," +
               csvField(p.ayantsDroits) + "," + csvField(p.procurations) + "\n";
    }
    return out;
}

} // namespace guichet::corpus2
