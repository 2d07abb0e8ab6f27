#pragma once
// Where a desk keeps its card keys and which structure its cards name: the key files next to the
// store (card.key 0600 on the desk only, card.pub copied to every kiosk) and the structure's id
// and name from the store's settings. The CLI, the desk app and the kiosk resolve them alike.

#include "guichet/cards/Keys.hpp"
#include "guichet/cards/Verifier.hpp"
#include "guichet/core/Date.hpp"
#include "guichet/core/Result.hpp"
#include "guichet/store/Store.hpp"

#include <string>

namespace guichet::desk {

inline constexpr const char* kStructureIdSetting = "structure.id";
inline constexpr const char* kStructureNameSetting = "structure.name";

struct CardSetup {
    std::string secretKey;     ///< default: <store folder>/card.key
    std::string publicKey;     ///< default: <store folder>/card.pub
    std::string structureId;   ///< default: the store's setting, else "1"
    std::string structureName; ///< default: the store's setting, else a generic name
    int validityDays = 365;    ///< a card older than this is refused
};

/// `given` with what it leaves empty filled in from the store's folder and settings.
CardSetup resolveCardSetup(store::Store& store, const std::string& dbPath, CardSetup given = {});

/// The kiosk's and the desk's rules for `today`: this structure, its public key (read from the
/// file; an Error names it), the validity. A validity under 1 day is an Error.
Result<cards::VerifyPolicy> verifyPolicy(const CardSetup& setup, Date today);

/// The secret key to sign cards; when the file does not exist the Error says to create the keys.
Result<cards::SecretKey> signingKey(const CardSetup& setup);

/// Creates the key pair (never replaces one: an existing file is an Error), keeps the structure's
/// id and name in the settings when `given` names them, and writes an audit row (key prefix only).
Result<cards::PublicKey> createKeys(store::Store& store, const std::string& dbPath, const CardSetup& given,
                                    const std::string& staff);

} // namespace guichet::desk
