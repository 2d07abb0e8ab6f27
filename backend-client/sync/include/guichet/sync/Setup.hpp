#pragma once
// Where a desk finds its DomiFa settings: `domifa.json` next to the store ({baseUrl, origin, email,
// caBundle, markerPrefix}); without it, the defaults point at the local stand-in
// (guichet-backend-sim) so the demo needs nothing. The password (needed to renew the 12-hour
// token) is kept in `domifa-password` next to the store, mode 0600, or given by
// GUICHET_DOMIFA_PASSWORD; the tokens in `domifa-credentials.json` (0600). The CLI, the desk app
// and the kiosk read the same files.

#include "guichet/backend/DomifaClient.hpp"
#include "guichet/core/Result.hpp"

#include <string>

namespace guichet::sync {

/// The stand-in's demo account (guichet-backend-sim seeds it); used only when no domifa.json exists.
inline constexpr const char* kStandInEmail = "guichet@ccas-demo.fr";
inline constexpr const char* kStandInPassword = "guichet-demo";

struct SyncSetup {
    backend::ClientConfig client;
    std::string configPath;
    std::string passwordPath;
    std::string markerPrefix = "G"; ///< one per desk when several desks share a DomiFa account
    bool standInDefaults = true;    ///< no config file: the local stand-in
};

/// The folder of the store file ("." for a bare file name).
std::string storeFolder(const std::string& dbPath);

/// Reads `configOverride`, else `domifa.json` next to the store. A missing default file gives the
/// stand-in defaults; a missing override or a file that is not JSON is an Error naming the file.
Result<SyncSetup> loadSetup(const std::string& dbPath, const std::string& configOverride = {});

/// The settings for a stand-in already running at `baseUrl` (the demo starts one).
SyncSetup standInSetup(const std::string& dbPath, const std::string& baseUrl);

/// GUICHET_DOMIFA_PASSWORD, else the password file when it is private (mode 0600; a file others
/// can read is ignored), else the stand-in's password when on stand-in defaults, else "".
std::string readPassword(const SyncSetup& setup);

/// Keeps the password in the password file, mode 0600 from its creation.
Result<void> rememberPassword(const SyncSetup& setup, const std::string& password);

} // namespace guichet::sync
