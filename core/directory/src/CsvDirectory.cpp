#include "guichet/core/Text.hpp"
#include "guichet/directory/DirectoryFile.hpp"

#include <charconv>
#include <optional>
#include <unordered_map>

namespace guichet::directory {
namespace {

constexpr size_t kMaxReportedErrors = 20;

struct Record {
    size_t line = 0; ///< 1-based line where the record starts
    std::vector<std::string> fields;
};

char detectSeparator(std::string_view text) {
    size_t commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n') break;
        commas += c == ',';
        semicolons += c == ';';
        tabs += c == '\t';
    }
    if (tabs > commas && tabs > semicolons) return '\t';
    return semicolons > commas ? ';' : ',';
}

/// RFC 4180 records. Returns an error for a quote left open at the end of the file.
Result<std::vector<Record>> splitRecords(std::string_view text, char sep, const std::string& source) {
    std::vector<Record> records;
    Record current{1, {}};
    std::string field;
    size_t line = 1;
    bool quoted = false, fieldStarted = false, afterQuote = false;
    auto endField = [&] {
        current.fields.push_back(std::move(field));
        field.clear();
        fieldStarted = afterQuote = false;
    };
    auto endRecord = [&] {
        endField();
        bool blank = current.fields.size() == 1 && trim(current.fields[0]).empty();
        if (!blank) records.push_back(std::move(current));
        current = Record{line, {}};
    };
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                    afterQuote = true;
                }
            } else {
                if (c == '\n') ++line;
                field += c;
            }
            continue;
        }
        if (c == '"' && !fieldStarted) {
            quoted = fieldStarted = true;
        } else if (c == sep) {
            endField();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue;
        } else if (c == '\n') {
            ++line;
            endRecord();
        } else if (afterQuote) {
            if (c != ' ' && c != '\t')
                return Error{source + ":" + std::to_string(line) + ": text after a closing quote"};
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted)
        return Error{source + ":" + std::to_string(current.line) + ": quote opened here is never closed"};
    endRecord();
    return records;
}

std::string headerKey(std::string_view name) {
    std::string folded = foldForSearch(name), key;
    for (char c : folded)
        if (c != ' ') key += c;
    return key;
}

enum class Column { Ref, CustomRef, Nom, Prenom, Surnom, DateNaissance, Statut, AyantsDroits, Procurations };

std::optional<Column> columnOf(const std::string& key) {
    static const std::unordered_map<std::string, Column> names{
        {"ref", Column::Ref},
        {"customref", Column::CustomRef},
        {"nom", Column::Nom},
        {"prenom", Column::Prenom},
        {"surnom", Column::Surnom},
        {"datenaissance", Column::DateNaissance},
        {"statut", Column::Statut},
        {"ayantsdroits", Column::AyantsDroits},
        {"procurations", Column::Procurations},
    };
    auto it = names.find(key);
    return it == names.end() ? std::nullopt : std::optional<Column>(it->second);
}

bool isUpperWord(std::string_view word) {
    bool letter = false;
    for (size_t pos = 0; pos < word.size(); ++pos) {
        auto c = static_cast<unsigned char>(word[pos]);
        if (c >= 'a' && c <= 'z') return false;
        if (c >= 'A' && c <= 'Z') letter = true;
        // Lower-case accented Latin letters in UTF-8 are 0xC3 0xA0..0xBF.
        if (c == 0xC3 && pos + 1 < word.size() && static_cast<unsigned char>(word[pos + 1]) >= 0xA0)
            return false;
    }
    return letter;
}

/// "Prénom NOM" → {prenom, nom}: the trailing words in capitals are the surname; without capitals
/// the last word is.
std::pair<std::string, std::string> splitPersonName(std::string_view text) {
    std::vector<std::string_view> words;
    size_t pos = 0;
    text = trim(text);
    while (pos < text.size()) {
        size_t end = text.find(' ', pos);
        if (end == std::string_view::npos) end = text.size();
        if (end > pos) words.push_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    if (words.empty()) return {};
    size_t firstUpper = words.size();
    while (firstUpper > 0 && isUpperWord(words[firstUpper - 1]))
        --firstUpper;
    if (firstUpper == words.size() || firstUpper == 0) firstUpper = words.size() - 1;
    auto join = [&](size_t from, size_t to) {
        std::string out;
        for (size_t i = from; i < to; ++i)
            out += (out.empty() ? "" : " ") + std::string(words[i]);
        return out;
    };
    return {join(0, firstUpper), join(firstUpper, words.size())};
}

/// The ';'-separated items of a cell, trimmed, empty ones dropped.
std::vector<std::string_view> splitList(std::string_view list) {
    std::vector<std::string_view> out;
    size_t pos = 0;
    while (pos <= list.size()) {
        size_t end = list.find(';', pos);
        if (end == std::string_view::npos) end = list.size();
        auto item = trim(list.substr(pos, end - pos));
        if (!item.empty()) out.push_back(item);
        pos = end + 1;
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> splitPeople(std::string_view list) {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto item : splitList(list))
        out.push_back(splitPersonName(item));
    return out;
}

} // namespace

Result<ReadReport> parseCsv(std::string_view input, const std::string& source) {
    ReadReport report;
    std::string converted;
    if (input.size() >= 3 && input.substr(0, 3) == "\xEF\xBB\xBF") input.remove_prefix(3);
    if (!isValidUtf8(input)) {
        converted = cp1252ToUtf8(input);
        input = converted;
        report.warnings.push_back(source + ": not UTF-8; read as Windows-1252 (Excel's French CSV)");
    }
    char sep = detectSeparator(input);
    auto records = splitRecords(input, sep, source);
    if (!records) return records.error();
    if (records->empty()) return Error{source + ": empty file (no header row)"};

    const Record& header = records->front();
    std::vector<std::optional<Column>> columns;
    std::unordered_map<int, size_t> seen;
    std::vector<std::string> ignored;
    for (const auto& name : header.fields) {
        auto column = columnOf(headerKey(name));
        if (column && seen.count(static_cast<int>(*column)))
            return Error{source + ":" + std::to_string(header.line) + ": column \"" + name +
                         "\" appears twice"};
        if (column)
            seen[static_cast<int>(*column)] = columns.size();
        else if (!trim(name).empty())
            ignored.push_back(std::string(trim(name)));
        columns.push_back(column);
    }
    for (auto [required, label] :
         {std::pair{Column::Ref, "ref"}, {Column::Nom, "nom"}, {Column::Prenom, "prenom"}})
        if (!seen.count(static_cast<int>(required)))
            return Error{source + ":" + std::to_string(header.line) + ": the header has no \"" + label +
                         "\" column"};
    if (!ignored.empty()) {
        std::string list;
        for (const auto& name : ignored)
            list += (list.empty() ? "" : ", ") + name;
        report.warnings.push_back(source + ": ignored column(s): " + list);
    }

    std::vector<std::string> errors;
    std::unordered_map<DossierRef, size_t> lineOfRef;
    report.dossiers.reserve(records->size() - 1);
    for (size_t r = 1; r < records->size() && errors.size() < kMaxReportedErrors; ++r) {
        const Record& rec = (*records)[r];
        auto where = source + ":" + std::to_string(rec.line) + ": ";
        if (rec.fields.size() != columns.size()) {
            errors.push_back(where + std::to_string(rec.fields.size()) + " fields, the header has " +
                             std::to_string(columns.size()) + " (a separator inside an unquoted value?)");
            continue;
        }
        Dossier d;
        d.statut = Statut::Valide;
        std::string error;
        for (size_t c = 0; c < columns.size() && error.empty(); ++c) {
            if (!columns[c]) continue;
            std::string_view value = trim(rec.fields[c]);
            switch (*columns[c]) {
            case Column::Ref: {
                long long ref = 0;
                auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), ref);
                if (value.empty() || ec != std::errc() || ptr != value.data() + value.size() || ref <= 0)
                    error = "ref \"" + std::string(value) + "\" is not a positive whole number";
                d.ref = ref;
                break;
            }
            case Column::CustomRef:
                d.customRef = value;
                break;
            case Column::Nom:
                if (foldForSearch(value).empty()) error = "nom is empty";
                d.nom = value;
                break;
            case Column::Prenom:
                d.prenom = value;
                break;
            case Column::Surnom:
                d.surnom = value;
                break;
            case Column::DateNaissance:
                if (!value.empty()) {
                    d.dateNaissance = parseDate(value);
                    if (!d.dateNaissance)
                        error =
                            "dateNaissance \"" + std::string(value) + "\" is not YYYY-MM-DD nor DD/MM/YYYY";
                }
                break;
            case Column::Statut:
                if (!value.empty()) {
                    auto statut = parseStatut(value);
                    if (!statut)
                        error = "statut \"" + std::string(value) +
                                "\" is not one of INSTRUCTION, ATTENTE_DECISION, VALIDE, REFUS, RADIE";
                    else
                        d.statut = *statut;
                }
                break;
            case Column::AyantsDroits:
                for (auto& [prenom, nom] : splitPeople(value))
                    d.ayantsDroits.push_back({nom, prenom, {}, {}});
                break;
            case Column::Procurations:
                // "Marc LEROY (2026-01-01..2027-06-30)": the dates a procuration is valid between;
                // without them it is kept but never accepted (the desk must know its period).
                for (auto item : splitList(value)) {
                    std::optional<Date> from, to;
                    if (const auto open = item.rfind('(');
                        open != std::string_view::npos && item.back() == ')') {
                        const auto period = item.substr(open + 1, item.size() - open - 2);
                        const auto dots = period.find("..");
                        if (dots != std::string_view::npos) {
                            from = parseDate(trim(period.substr(0, dots)));
                            to = parseDate(trim(period.substr(dots + 2)));
                        }
                        if (!from || !to || *to < *from) {
                            error = "procuration \"" + std::string(item) +
                                    "\": the period must read (YYYY-MM-DD..YYYY-MM-DD), start before end";
                            break;
                        }
                        item = trim(item.substr(0, open));
                    }
                    auto [prenom, nom] = splitPersonName(item);
                    d.procurations.push_back({nom, prenom, {}, from, to});
                }
                if (d.procurations.size() > 5) error = "more than 5 procurations";
                break;
            }
        }
        if (error.empty()) {
            auto [it, fresh] = lineOfRef.emplace(d.ref, rec.line);
            if (!fresh)
                error =
                    "ref " + std::to_string(d.ref) + " already used on line " + std::to_string(it->second);
        }
        if (!error.empty()) {
            errors.push_back(where + error);
            continue;
        }
        report.dossiers.push_back(std::move(d));
    }
    if (!errors.empty()) {
        std::string message = "nothing imported, " + std::to_string(errors.size()) +
                              (errors.size() >= kMaxReportedErrors ? "+" : "") + " bad row(s):";
        for (const auto& e : errors)
            message += "\n  " + e;
        return Error{message};
    }
    return report;
}

} // namespace guichet::directory
