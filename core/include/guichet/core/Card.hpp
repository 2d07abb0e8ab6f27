#pragma once
// A QR card handed to a domiciled person. The card itself carries only a signed opaque token;
// this is the desk's record of it.

#include "guichet/core/Dossier.hpp"

#include <string>

namespace guichet {

struct Card {
    std::string structureId;
    DossierRef dossier = 0;
    int serial = 1; ///< bumped by each new card; older serials are refused
    Date issued{};
    bool revoked = false;

    bool operator==(const Card&) const = default;
};

} // namespace guichet
