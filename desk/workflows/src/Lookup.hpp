#pragma once
// The lookups every flow starts with, with the one message each failure gives.

#include "guichet/store/Store.hpp"

#include <string>

namespace guichet::desk {

inline Result<MailItem> requireItem(store::Store& store, MailItemId id) {
    auto found = store.findMailItem(id);
    if (!found) return found.error();
    if (!*found) return Error{"mail item " + std::to_string(id) + " does not exist"};
    return std::move(**found);
}

inline Result<Dossier> requireDossier(store::Store& store, DossierRef ref) {
    auto found = store.findDossier(ref);
    if (!found) return found.error();
    if (!*found) return Error{"dossier " + std::to_string(ref) + " is not in the directory"};
    return std::move(**found);
}

} // namespace guichet::desk
