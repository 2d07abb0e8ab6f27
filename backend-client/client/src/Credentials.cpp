#include "guichet/backend/Credentials.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace guichet::backend {

Result<Credentials> loadCredentials(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        if (errno == ENOENT) return Credentials{};
        return makeError("credentials file " + path + ": " + std::strerror(errno));
    }
    if ((info.st_mode & 077) != 0)
        return makeError("credentials file " + path + " is readable by others (mode must be 0600): refused");
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError("credentials file " + path + ": cannot open");
    std::stringstream text;
    text << in.rdbuf();
    try {
        const auto json = nlohmann::json::parse(text.str());
        Credentials c;
        c.trustToken = json.value("trustToken", "");
        c.accessToken = json.value("accessToken", "");
        c.accessExpiresAt = TimePoint{Millis{json.value("accessExpiresAtMs", std::int64_t{0})}};
        c.accessIssuedAt = TimePoint{Millis{json.value("accessIssuedAtMs", std::int64_t{0})}};
        return c;
    } catch (const nlohmann::json::exception&) {
        return makeError("credentials file " + path + " is not valid JSON");
    }
}

Result<void> saveCredentials(const std::string& path, const Credentials& credentials) {
    const nlohmann::json json{{"trustToken", credentials.trustToken},
                              {"accessToken", credentials.accessToken},
                              {"accessExpiresAtMs", credentials.accessExpiresAt.time_since_epoch().count()},
                              {"accessIssuedAtMs", credentials.accessIssuedAt.time_since_epoch().count()}};
    const std::string text = json.dump();
    const std::string temporary = path + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return makeError("credentials file " + temporary + ": " + std::strerror(errno));
    bool ok = ::fchmod(fd, 0600) == 0;
    std::size_t written = 0;
    while (ok && written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok) written += static_cast<std::size_t>(n);
    }
    ok = ok && ::fsync(fd) == 0;
    const int savedErrno = errno;
    ::close(fd);
    if (!ok || ::rename(temporary.c_str(), path.c_str()) != 0) {
        ::unlink(temporary.c_str());
        return makeError("credentials file " + path + ": cannot write (" +
                         std::strerror(ok ? errno : savedErrno) + ")");
    }
    return {};
}

std::string jwtPayload(const std::string& token) {
    const auto first = token.find('.');
    if (first == std::string::npos) return {};
    const auto second = token.find('.', first + 1);
    if (second == std::string::npos) return {};
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (std::size_t i = first + 1; i < second; ++i) {
        const char c = token[i];
        int v = -1;
        if (c >= 'A' && c <= 'Z')
            v = c - 'A';
        else if (c >= 'a' && c <= 'z')
            v = c - 'a' + 26;
        else if (c >= '0' && c <= '9')
            v = c - '0' + 52;
        else if (c == '-' || c == '+')
            v = 62;
        else if (c == '_' || c == '/')
            v = 63;
        else if (c == '=')
            break;
        if (v < 0) return {};
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> bits) & 0xFFu));
        }
    }
    return out;
}

} // namespace guichet::backend
