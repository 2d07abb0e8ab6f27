#pragma once
// What the self-service kiosk tells a person about their mail, in their language: one line per
// kind of item, with correct plurals, for the screen and for speech. It names nobody and shows
// nothing else about the dossier. Pure; thread-safe.

#include "guichet/core/Dossier.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace guichet::kiosk {

enum class Language { French, English, Spanish };

/// "fr", "en", "es" (also "fr-FR"...); nullopt for a language the kiosk does not speak.
std::optional<Language> parseLanguage(std::string_view code);

struct PendingSummary {
    std::string headline;           ///< "Vous avez du courrier" / "Pas de courrier aujourd'hui"
    std::vector<std::string> items; ///< "2 lettres", "1 avis de recommandé", "1 colis"
    std::string speech;             ///< one sentence for text-to-speech
    bool operator==(const PendingSummary&) const = default;
};

PendingSummary describePending(const PendingCounts& counts, Language language);

} // namespace guichet::kiosk
