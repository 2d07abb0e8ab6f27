#include "StoreCodec.hpp"

#include <charconv>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace guichet::store::codec {
namespace {

using nlohmann::json;

json date(const std::optional<Date>& d) {
    return d ? json(formatDate(*d)) : json(nullptr);
}
std::optional<Date> date(const json& j) {
    return j.is_string() ? parseDate(j.get<std::string>()) : std::nullopt;
}
std::string str(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
std::optional<Date> dateAt(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() ? date(*it) : std::nullopt;
}

} // namespace

std::string encodeDetails(const Dossier& d) {
    json j = json::object();
    if (!d.ayantsDroits.empty()) {
        json list = json::array();
        for (const auto& a : d.ayantsDroits)
            list.push_back({{"nom", a.nom},
                            {"prenom", a.prenom},
                            {"dateNaissance", date(a.dateNaissance)},
                            {"lien", a.lien}});
        j["ayantsDroits"] = std::move(list);
    }
    if (!d.procurations.empty()) {
        json list = json::array();
        for (const auto& p : d.procurations)
            list.push_back({{"nom", p.nom},
                            {"prenom", p.prenom},
                            {"dateNaissance", date(p.dateNaissance)},
                            {"dateDebut", date(p.dateDebut)},
                            {"dateFin", date(p.dateFin)}});
        j["procurations"] = std::move(list);
    }
    if (d.transfert != Transfert{})
        j["transfert"] = {{"actif", d.transfert.actif},
                          {"nom", d.transfert.nom},
                          {"adresse", d.transfert.adresse},
                          {"dateDebut", date(d.transfert.dateDebut)},
                          {"dateFin", date(d.transfert.dateFin)}};
    if (d.npai != Npai{}) j["npai"] = {{"actif", d.npai.actif}, {"dateDebut", date(d.npai.dateDebut)}};
    return j.dump();
}

bool decodeDetails(const std::string& text, Dossier& d) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return false;
    d.ayantsDroits.clear();
    d.procurations.clear();
    if (auto it = j.find("ayantsDroits"); it != j.end() && it->is_array())
        for (const auto& a : *it)
            d.ayantsDroits.push_back(
                {str(a, "nom"), str(a, "prenom"), dateAt(a, "dateNaissance"), str(a, "lien")});
    if (auto it = j.find("procurations"); it != j.end() && it->is_array())
        for (const auto& p : *it)
            d.procurations.push_back({str(p, "nom"), str(p, "prenom"), dateAt(p, "dateNaissance"),
                                      dateAt(p, "dateDebut"), dateAt(p, "dateFin")});
    d.transfert = {};
    if (auto it = j.find("transfert"); it != j.end() && it->is_object())
        d.transfert = {it->value("actif", false), str(*it, "nom"), str(*it, "adresse"),
                       dateAt(*it, "dateDebut"), dateAt(*it, "dateFin")};
    d.npai = {};
    if (auto it = j.find("npai"); it != j.end() && it->is_object())
        d.npai = {it->value("actif", false), dateAt(*it, "dateDebut")};
    return true;
}

std::string encodeCandidates(const std::vector<std::pair<DossierRef, double>>& candidates) {
    std::string out;
    for (const auto& [ref, score] : candidates) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%s%lld:%.4f", out.empty() ? "" : ";", static_cast<long long>(ref),
                      score);
        out += buf;
    }
    return out;
}

std::vector<std::pair<DossierRef, double>> decodeCandidates(const std::string& text) {
    std::vector<std::pair<DossierRef, double>> out;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find(';', pos);
        if (end == std::string::npos) end = text.size();
        std::string item = text.substr(pos, end - pos);
        size_t colon = item.find(':');
        if (colon != std::string::npos) {
            long long ref = 0;
            double score = 0;
            if (std::sscanf(item.c_str(), "%lld:%lf", &ref, &score) == 2) out.emplace_back(ref, score);
        }
        pos = end + 1;
    }
    return out;
}

std::optional<std::string> dateText(const std::optional<Date>& d) {
    return d ? std::optional<std::string>(formatDate(*d)) : std::nullopt;
}
std::optional<Date> textDate(const std::string& text) {
    return text.empty() ? std::nullopt : parseDate(text);
}

} // namespace guichet::store::codec
