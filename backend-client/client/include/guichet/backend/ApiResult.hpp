#pragma once
// The outcome of a DomiFa call. An ApiError says not only what failed but what the caller may do
// next: the sync engine's exactly-once rules depend on telling "never sent" from "sent, outcome
// unknown" and a 400 from a 403.

#include "guichet/core/Result.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <utility>

namespace guichet::backend {

enum class ApiErrorKind {
    NotSent,      ///< the connection could not be made: the request never left (safe to resend)
    Unknown,      ///< sent, outcome unknown: timeout, reset, truncated or malformed answer, 5xx
    CodeNeeded,   ///< 401 OTP_REQUIRED: staff must type the e-mailed code (`guichet sync login`)
    LoginFailed,  ///< wrong password/code, account locked or inactive: stop, never retry in a loop
    Unauthorized, ///< 401 on an API call even after one renewal (token replaced by another login)
    Forbidden,    ///< 403 (role, User-Agent or Origin rule, ban): stop everything and alert staff
    RateLimited,  ///< 429, or the client is holding off after one: stop and wait, never retry now
    Invalid,      ///< 400: the backend refused this request (validation, unknown usager)
    Banned,       ///< 400 on a read that never answers 400 (the directory, /me): DomiFa answers a
                  ///< banned IP 400 on every route. Stop everything; nothing is refused item by item

    ServerError, ///< 5xx on a read (a write with a 5xx is Unknown: it may have been applied)
    BadResponse, ///< a read answered 2xx with a body that is not the expected JSON
    Config,      ///< local problem: bad configuration, unreadable credentials file
};
const char* toString(ApiErrorKind kind);

struct ApiError {
    ApiErrorKind kind = ApiErrorKind::Unknown;
    int status = 0;      ///< HTTP status when there was one
    std::string message; ///< names the call and the cause; never contains a token or a password
    std::optional<std::chrono::seconds> retryAfter; ///< from a 429's Retry-After header
    std::string detail; ///< the answer's `message` (or the start of its body), to compare answers

    bool operator==(const ApiError&) const = default;
};

/// The value of a DomiFa call, or an ApiError saying what the caller may do next.
template <typename T>
using ApiResult = guichet::Result<T, ApiError>;

struct Done { ///< the value of a call that returns nothing
    bool operator==(const Done&) const = default;
};

} // namespace guichet::backend
