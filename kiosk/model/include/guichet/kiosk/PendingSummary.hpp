#pragma once
// What the self-service kiosk tells a person about their mail, in their language: one line per
// kind of item, with each language's plurals (Words.hpp), for the screen and for speech. It names
// nobody and shows nothing else about the dossier. Pure; thread-safe.

#include "guichet/core/Dossier.hpp"
#include "guichet/ui/Language.hpp"

#include <string>
#include <vector>

namespace guichet::kiosk {

struct PendingSummary {
    std::string headline;           ///< "Vous avez du courrier." / "Pas de courrier pour vous aujourd’hui."
    std::vector<std::string> items; ///< "2 lettres", "1 avis de recommandé", "1 colis"
    std::string speech;             ///< one sentence for text-to-speech
    bool operator==(const PendingSummary&) const = default;
};

PendingSummary describePending(const PendingCounts& counts, ui::Language language);

} // namespace guichet::kiosk
