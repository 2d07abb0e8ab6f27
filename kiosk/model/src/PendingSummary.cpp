#include "guichet/kiosk/PendingSummary.hpp"

#include <array>

namespace guichet::kiosk {
namespace {

struct Words {
    const char* headline;
    const char* none;
    std::array<const char*, 3> singular; ///< courrier, recommandé, colis
    std::array<const char*, 3> plural;
    const char* youHave;
    const char* and_;
};

const Words& words(Language language) {
    static const Words french{"Vous avez du courrier",
                              "Pas de courrier pour vous aujourd'hui",
                              {"lettre", "avis de recommandé", "colis"},
                              {"lettres", "avis de recommandé", "colis"},
                              "Vous avez",
                              "et"};
    static const Words english{"You have mail",
                               "No mail for you today",
                               {"letter", "registered-mail notice", "parcel"},
                               {"letters", "registered-mail notices", "parcels"},
                               "You have",
                               "and"};
    static const Words spanish{"Tiene correo",
                               "Hoy no hay correo para usted",
                               {"carta", "aviso de certificado", "paquete"},
                               {"cartas", "avisos de certificado", "paquetes"},
                               "Tiene",
                               "y"};
    switch (language) {
    case Language::French:
        return french;
    case Language::English:
        return english;
    case Language::Spanish:
        return spanish;
    }
    return french;
}

} // namespace

std::optional<Language> parseLanguage(std::string_view code) {
    std::string_view base = code.substr(0, code.find_first_of("-_"));
    if (base == "fr") return Language::French;
    if (base == "en") return Language::English;
    if (base == "es") return Language::Spanish;
    return std::nullopt;
}

PendingSummary describePending(const PendingCounts& counts, Language language) {
    const Words& w = words(language);
    PendingSummary out;
    const std::array<int, 3> n{counts.courrier, counts.recommande, counts.colis};
    for (size_t k = 0; k < n.size(); ++k)
        if (n[k] > 0)
            out.items.push_back(std::to_string(n[k]) + " " + (n[k] == 1 ? w.singular[k] : w.plural[k]));
    if (out.items.empty()) {
        out.headline = w.none;
        out.speech = std::string(w.none) + ".";
        return out;
    }
    out.headline = w.headline;
    out.speech = w.youHave;
    for (size_t i = 0; i < out.items.size(); ++i) {
        if (i > 0)
            out.speech += i + 1 == out.items.size() ? std::string(" ") + w.and_ + " " : std::string(", ");
        else
            out.speech += " ";
        out.speech += out.items[i];
    }
    out.speech += ".";
    return out;
}

} // namespace guichet::kiosk
