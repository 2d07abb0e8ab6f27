#pragma once
// What a login leaves behind: the 30-day trust token (skips the e-mailed code) and the current
// 12-hour access token. Stored like a password: file mode 0600, written atomically, never logged.

#include "guichet/backend/Clock.hpp"
#include "guichet/core/Result.hpp"

#include <string>

namespace guichet::backend {

struct Credentials {
    std::string trustToken;
    std::string accessToken;
    TimePoint accessExpiresAt{};
    TimePoint accessIssuedAt{};

    bool operator==(const Credentials&) const = default;
};

/// Reads the credentials file. A missing file gives empty credentials; an unreadable or corrupt
/// one an Error naming the path (never its content). A file readable by group or others is
/// refused (someone copied it carelessly).
Result<Credentials> loadCredentials(const std::string& path);
/// Writes the file with mode 0600 (temporary file + rename, so a crash leaves the old one).
Result<void> saveCredentials(const std::string& path, const Credentials& credentials);

/// The payload (middle part) of a JWT, decoded from base64url; empty when malformed. Used to read
/// the access token's `exp` and `trustToken` claims (not to verify it: the server does that).
std::string jwtPayload(const std::string& token);

} // namespace guichet::backend
