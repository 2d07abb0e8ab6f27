#include "guichet/sim/Seed.hpp"

#include "guichet/sim/SimServer.hpp"

#include <array>
#include <cstdio>
#include <random>
#include <string>

namespace guichet::sim {

using nlohmann::json;

namespace {

json optionalDate(const std::optional<Date>& date) {
    if (!date) return nullptr;
    return formatDate(*date) + "T00:00:00.000Z";
}

} // namespace

nlohmann::json usagerFromDossier(const Dossier& d) {
    json ayants = json::array();
    for (const auto& a : d.ayantsDroits)
        ayants.push_back(json{{"nom", a.nom},
                              {"prenom", a.prenom},
                              {"dateNaissance", optionalDate(a.dateNaissance)},
                              {"lien", a.lien}});
    json procurations = json::array();
    for (const auto& p : d.procurations)
        procurations.push_back(json{{"nom", p.nom},
                                    {"prenom", p.prenom},
                                    {"dateNaissance", optionalDate(p.dateNaissance)},
                                    {"dateDebut", optionalDate(p.dateDebut)},
                                    {"dateFin", optionalDate(p.dateFin)}});
    char phone[16];
    std::snprintf(phone, sizeof phone, "06%08lld", static_cast<long long>(d.ref % 100'000'000));
    return json{{"ref", d.ref},
                {"customRef", d.customRef},
                {"nom", d.nom},
                {"prenom", d.prenom},
                {"surnom", d.surnom.empty() ? json(nullptr) : json(d.surnom)},
                {"dateNaissance", optionalDate(d.dateNaissance)},
                {"sexe", "femme"},
                {"statut", toString(d.statut)},
                {"decision",
                 {{"statut", toString(d.statut)},
                  {"dateDebut", optionalDate(d.dateDebut)},
                  {"dateFin", optionalDate(d.dateFin)}}},
                {"ayantsDroits", ayants},
                {"telephone", {{"countryCode", "fr"}, {"numero", phone}}},
                {"contactByPhone", true},
                {"options",
                 {{"procurations", procurations},
                  {"transfert",
                   {{"actif", d.transfert.actif},
                    {"nom", d.transfert.nom},
                    {"adresse", d.transfert.adresse},
                    {"dateDebut", optionalDate(d.transfert.dateDebut)},
                    {"dateFin", optionalDate(d.transfert.dateFin)}}},
                  {"npai", {{"actif", d.npai.actif}, {"dateDebut", optionalDate(d.npai.dateDebut)}}}}},
                {"lastInteraction",
                 {{"dateInteraction", nullptr},
                  {"enAttente", false},
                  {"courrierIn", 0},
                  {"recommandeIn", 0},
                  {"colisIn", 0}}}};
}

std::vector<nlohmann::json> syntheticUsagers(int count, std::uint64_t seed) {
    static constexpr std::array<const char*, 24> noms{
        "MARTIN",   "BERNARD", "THOMAS",   "PETIT",  "ROBERT",   "RICHARD", "DURAND",  "DUBOIS",
        "MOREAU",   "LAURENT", "SIMON",    "MICHEL", "LEFEBVRE", "LEROY",   "ROUX",    "DAVID",
        "BERTRAND", "MOREL",   "FOURNIER", "GIRARD", "BONNET",   "DUPONT",  "LAMBERT", "FONTAINE"};
    static constexpr std::array<const char*, 20> prenoms{
        "Marie",    "Jean",  "Pierre",   "Sophie",  "Ahmed",   "Fatima",   "Michel",
        "Nathalie", "Karim", "Isabelle", "Olivier", "Aïcha",   "Stéphane", "Hélène",
        "Mamadou",  "Chloé", "Loïc",     "Zoé",     "Mohamed", "Françoise"};
    std::mt19937_64 rng(seed);
    auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
    std::vector<json> out;
    out.reserve(static_cast<std::size_t>(count));
    for (int i = 1; i <= count; ++i) {
        Dossier d;
        d.ref = i;
        d.customRef = std::to_string(1000 + i);
        d.nom = noms[static_cast<std::size_t>(pick(static_cast<int>(noms.size())))];
        d.prenom = prenoms[static_cast<std::size_t>(pick(static_cast<int>(prenoms.size())))];
        d.dateNaissance = std::chrono::year{1950 + pick(50)} /
                          std::chrono::month{static_cast<unsigned>(1 + pick(12))} /
                          std::chrono::day{static_cast<unsigned>(1 + pick(28))};
        const int roll = pick(100);
        d.statut = roll < 90 ? Statut::Valide : roll < 95 ? Statut::Radie : Statut::Instruction;
        d.dateDebut = std::chrono::year{2026} / std::chrono::January / std::chrono::day{1};
        d.dateFin = std::chrono::year{2027} / std::chrono::January / std::chrono::day{1};
        if (pick(10) == 0) {
            Procuration p{"DURAND", "Paul", std::nullopt, d.dateDebut, d.dateFin};
            if (pick(3) == 0) p.dateFin = std::chrono::year{2025} / std::chrono::June / std::chrono::day{30};
            d.procurations.push_back(p);
        }
        json u = usagerFromDossier(d);
        u["contactByPhone"] = pick(10) < 8;
        u["sexe"] = pick(2) == 0 ? "homme" : "femme";
        out.push_back(std::move(u));
    }
    return out;
}

} // namespace guichet::sim
