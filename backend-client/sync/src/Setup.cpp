#include "guichet/sync/Setup.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

namespace guichet::sync {

namespace fs = std::filesystem;

std::string storeFolder(const std::string& dbPath) {
    const fs::path folder = fs::path(dbPath).parent_path();
    return folder.empty() ? std::string(".") : folder.string();
}

namespace {

SyncSetup defaultsFor(const std::string& dbPath) {
    SyncSetup setup;
    const fs::path folder = storeFolder(dbPath);
    setup.configPath = (folder / "domifa.json").string();
    setup.passwordPath = (folder / "domifa-password").string();
    setup.client.credentialsPath = (folder / "domifa-credentials.json").string();
    setup.client.email = kStandInEmail;
    return setup;
}

} // namespace

Result<SyncSetup> loadSetup(const std::string& dbPath, const std::string& configOverride) {
    SyncSetup setup = defaultsFor(dbPath);
    if (!configOverride.empty()) setup.configPath = configOverride;
    std::ifstream in(setup.configPath);
    if (!in) {
        if (!configOverride.empty()) return makeError(configOverride + ": cannot open");
        return setup;
    }
    setup.standInDefaults = false;
    try {
        const auto json = nlohmann::json::parse(in);
        if (!json.is_object()) return makeError(setup.configPath + ": expected a JSON object");
        setup.client.baseUrl = json.value("baseUrl", setup.client.baseUrl);
        setup.client.origin = json.value("origin", setup.client.origin);
        setup.client.email = json.value("email", setup.client.email);
        setup.client.caBundle = json.value("caBundle", "");
        setup.markerPrefix = json.value("markerPrefix", setup.markerPrefix);
    } catch (const nlohmann::json::exception& e) {
        return makeError(setup.configPath + ": not valid JSON (" + e.what() + ")");
    }
    return setup;
}

SyncSetup standInSetup(const std::string& dbPath, const std::string& baseUrl) {
    SyncSetup setup = defaultsFor(dbPath);
    setup.client.baseUrl = baseUrl;
    return setup;
}

std::string readPassword(const SyncSetup& setup) {
    if (const char* env = std::getenv("GUICHET_DOMIFA_PASSWORD"); env && *env) return env;
    struct stat info {};
    if (::stat(setup.passwordPath.c_str(), &info) == 0 && (info.st_mode & 077) == 0) {
        std::ifstream in(setup.passwordPath);
        std::string password;
        std::getline(in, password);
        if (!password.empty()) return password;
    }
    return setup.standInDefaults ? kStandInPassword : "";
}

Result<void> rememberPassword(const SyncSetup& setup, const std::string& password) {
    const std::string& path = setup.passwordPath;
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return makeError(path + ": " + std::strerror(errno));
    const bool ok = ::fchmod(fd, 0600) == 0 &&
                    ::write(fd, password.data(), password.size()) == static_cast<ssize_t>(password.size());
    ::close(fd);
    if (!ok) return makeError(path + ": cannot write");
    return {};
}

} // namespace guichet::sync
