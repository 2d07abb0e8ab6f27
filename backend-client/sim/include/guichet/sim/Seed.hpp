#pragma once
// Seeding the stand-in backend: made-up usagers, or the dossiers of a directory file turned back
// into DomiFa's usager JSON. Pure functions; thread-safe.

#include "guichet/core/Dossier.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

namespace guichet::sim {

/// DomiFa's usager JSON for a dossier (telephone made up, contactByPhone true: the demo shows SMS).
nlohmann::json usagerFromDossier(const Dossier& dossier);

} // namespace guichet::sim
