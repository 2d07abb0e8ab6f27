#include "guichet/directory/DirectoryFile.hpp"

#include <nlohmann/json.hpp>
#include <unordered_map>

namespace guichet::directory {
namespace {

using nlohmann::json;

/// Reads the fields of one usager; throws std::runtime_error naming the field on a wrong type.
class UsagerReader {
public:
    explicit UsagerReader(const json& object) : object_(object) {}

    const json* find(const json& in, const char* key) const {
        auto it = in.find(key);
        return it == in.end() || it->is_null() ? nullptr : &*it;
    }
    std::string text(const json& in, const char* key) const {
        const json* v = find(in, key);
        if (!v) return {};
        if (v->is_string()) return v->get<std::string>();
        if (v->is_number_integer()) return std::to_string(v->get<long long>());
        throw std::runtime_error(std::string("field \"") + key + "\" should be text");
    }
    std::optional<Date> date(const json& in, const char* key) const {
        std::string t = text(in, key);
        if (t.empty()) return std::nullopt;
        auto d = parseDate(t);
        if (!d) throw std::runtime_error(std::string("field \"") + key + "\" is not a date: \"" + t + "\"");
        return d;
    }
    int count(const json& in, const char* key) const {
        const json* v = find(in, key);
        if (!v) return 0;
        if (!v->is_number_integer() || v->get<long long>() < 0 || v->get<long long>() > 100000)
            throw std::runtime_error(std::string("field \"") + key + "\" should be a count");
        return v->get<int>();
    }
    bool flag(const json& in, const char* key) const {
        const json* v = find(in, key);
        if (!v) return false;
        if (!v->is_boolean())
            throw std::runtime_error(std::string("field \"") + key + "\" should be true or false");
        return v->get<bool>();
    }
    /// DomiFa keeps procurations/transfert/npai under "options"; older exports at the top level.
    const json* option(const char* key) const {
        if (const json* options = find(object_, "options"); options && options->is_object())
            if (const json* v = find(*options, key)) return v;
        return find(object_, key);
    }

    Dossier read() const {
        Dossier d;
        const json* ref = find(object_, "ref");
        if (!ref || !ref->is_number_integer() || ref->get<long long>() <= 0)
            throw std::runtime_error("field \"ref\" is missing or not a positive whole number");
        d.ref = ref->get<long long>();
        if (const json* uuid = find(object_, "uuid"); uuid && uuid->is_string())
            d.uuid = uuid->get<std::string>();
        d.customRef = text(object_, "customRef");
        d.nom = text(object_, "nom");
        d.prenom = text(object_, "prenom");
        d.surnom = text(object_, "surnom");
        if (d.nom.empty()) throw std::runtime_error("field \"nom\" is empty");
        d.dateNaissance = date(object_, "dateNaissance");
        std::string statut = text(object_, "statut");
        const json* decision = find(object_, "decision");
        if (statut.empty() && decision) statut = text(*decision, "statut");
        auto parsed = parseStatut(statut);
        if (!parsed) throw std::runtime_error("field \"statut\" is unknown: \"" + statut + "\"");
        d.statut = *parsed;
        if (decision && decision->is_object()) {
            d.dateDebut = date(*decision, "dateDebut");
            d.dateFin = date(*decision, "dateFin");
        }
        if (const json* list = find(object_, "ayantsDroits"); list && list->is_array())
            for (const json& a : *list)
                d.ayantsDroits.push_back(
                    {text(a, "nom"), text(a, "prenom"), date(a, "dateNaissance"), text(a, "lien")});
        if (const json* list = option("procurations"); list && list->is_array())
            for (const json& p : *list)
                d.procurations.push_back({text(p, "nom"), text(p, "prenom"), date(p, "dateNaissance"),
                                          date(p, "dateDebut"), date(p, "dateFin")});
        if (const json* t = option("transfert"); t && t->is_object())
            d.transfert = {flag(*t, "actif"), text(*t, "nom"), text(*t, "adresse"), date(*t, "dateDebut"),
                           date(*t, "dateFin")};
        if (const json* n = option("npai"); n && n->is_object())
            d.npai = {flag(*n, "actif"), date(*n, "dateDebut")};
        if (const json* last = find(object_, "lastInteraction"); last && last->is_object()) {
            d.pending = {count(*last, "courrierIn"), count(*last, "recommandeIn"), count(*last, "colisIn")};
            std::string when = text(*last, "dateInteraction");
            if (!when.empty()) {
                d.lastVisit = parseInstant(when);
                if (!d.lastVisit) {
                    if (auto day = parseDate(when))
                        d.lastVisit = std::chrono::sys_days{*day};
                    else
                        throw std::runtime_error("field \"lastInteraction.dateInteraction\" is not a date");
                }
            }
        }
        return d;
    }

private:
    const json& object_;
};

} // namespace

Result<ReadReport> parseDomifaJson(std::string_view text, const std::string& source) {
    json root;
    try {
        root = json::parse(text);
    } catch (const json::parse_error& e) {
        return Error{source + ": not valid JSON (byte " + std::to_string(e.byte) + ")"};
    }
    const json* list = &root;
    if (root.is_object()) {
        auto it = root.find("usagers");
        if (it == root.end() || !it->is_array())
            return Error{source + ": a JSON object without a \"usagers\" list (is it GET /search-usagers?)"};
        list = &*it;
    } else if (!root.is_array()) {
        return Error{source + ": expected a JSON object or array of usagers"};
    }
    ReadReport report;
    std::vector<std::string> errors;
    std::unordered_map<DossierRef, size_t> indexOfRef;
    for (size_t i = 0; i < list->size() && errors.size() < 20; ++i) {
        const json& item = (*list)[i];
        auto where = source + ": usager #" + std::to_string(i) + ": ";
        if (!item.is_object()) {
            errors.push_back(where + "not a JSON object");
            continue;
        }
        try {
            Dossier d = UsagerReader(item).read();
            auto [it, fresh] = indexOfRef.emplace(d.ref, i);
            if (!fresh) {
                errors.push_back(where + "ref " + std::to_string(d.ref) + " already used by usager #" +
                                 std::to_string(it->second));
                continue;
            }
            report.dossiers.push_back(std::move(d));
        } catch (const std::exception& e) {
            std::string ref = item.contains("ref") ? " (ref " + item["ref"].dump() + ")" : "";
            errors.push_back(where.substr(0, where.size() - 2) + ref + ": " + e.what());
        }
    }
    if (!errors.empty()) {
        std::string message = "nothing imported, " + std::to_string(errors.size()) + " bad usager(s):";
        for (const auto& e : errors)
            message += "\n  " + e;
        return Error{message};
    }
    return report;
}

} // namespace guichet::directory
