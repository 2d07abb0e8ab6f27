#include "guichet/backend/DomifaClient.hpp"

#include <algorithm>
#include <cctype>
#include <curl/curl.h>
#include <memory>
#include <stdexcept>
#include <utility>

namespace guichet::backend {

const char* toString(ApiErrorKind kind) {
    switch (kind) {
    case ApiErrorKind::NotSent:
        return "not sent";
    case ApiErrorKind::Unknown:
        return "outcome unknown";
    case ApiErrorKind::CodeNeeded:
        return "code needed";
    case ApiErrorKind::LoginFailed:
        return "login failed";
    case ApiErrorKind::Unauthorized:
        return "unauthorized";
    case ApiErrorKind::Forbidden:
        return "forbidden";
    case ApiErrorKind::RateLimited:
        return "rate limited";
    case ApiErrorKind::Invalid:
        return "invalid";
    case ApiErrorKind::Banned:
        return "banned";
    case ApiErrorKind::ServerError:
        return "server error";
    case ApiErrorKind::BadResponse:
        return "bad response";
    case ApiErrorKind::Config:
        return "configuration";
    }
    return "?";
}

std::string defaultUserAgent() {
    return std::string("Mozilla/5.0 (X11; Linux x86_64) Guichet/") + GUICHET_VERSION;
}

Result<void> validateConfig(const ClientConfig& config) {
    const std::string& ua = config.userAgent;
    if (ua.empty()) return makeError("client config: the User-Agent is empty");
    for (char c : ua)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E)
            return makeError("client config: the User-Agent must be printable ASCII");
    if (ua.rfind("Mozilla/5.0 (", 0) != 0)
        return makeError("client config: the User-Agent must be browser-like (\"Mozilla/5.0 (...) ...\"), "
                         "else DomiFa bans the IP");
    std::string lower = ua;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return static_cast<char>(std::tolower(c)); });
    for (const char* flagged : {"curl", "wget", "python", "bot", "spider", "crawl", "java/", "go-http",
                                "okhttp", "httpclient", "headless"})
        if (lower.find(flagged) != std::string::npos)
            return makeError(std::string("client config: the User-Agent contains \"") + flagged +
                             "\", which DomiFa's bot detector flags");
    if (config.origin.empty()) return makeError("client config: the Origin (front-end URL) is empty");
    for (char c : config.origin)
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) > 0x7E)
            return makeError("client config: the Origin must be an ASCII URL");
    if (config.baseUrl.rfind("http://", 0) != 0 && config.baseUrl.rfind("https://", 0) != 0)
        return makeError("client config: the base URL must start with http:// or https://");
    if (config.baseUrl.rfind("http://", 0) == 0 && !isLoopbackUrl(config.baseUrl))
        return makeError("client config: baseUrl " + config.baseUrl +
                         " is plain http to another machine: the password and the tokens would cross the "
                         "network in clear. Set \"baseUrl\" in domifa.json to the https:// address (plain "
                         "http is accepted only for the local stand-in on 127.0.0.1 or localhost)");
    return {};
}

bool isLoopbackUrl(const std::string& url) {
    const auto scheme = url.find("://");
    if (scheme == std::string::npos) return false;
    std::string rest = url.substr(scheme + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (const auto at = rest.rfind('@'); at != std::string::npos) rest = rest.substr(at + 1);
    std::string host;
    if (!rest.empty() && rest.front() == '[') {
        host = rest.substr(0, rest.find(']') == std::string::npos ? rest.size() : rest.find(']') + 1);
    } else {
        host = rest.substr(0, rest.find(':'));
    }
    std::transform(host.begin(), host.end(), host.begin(),
                   [](char c) { return static_cast<char>(std::tolower(c)); });
    if (host == "localhost" || host == "[::1]") return true;
    // 127.0.0.0/8, written as four decimal numbers.
    if (host.rfind("127.", 0) != 0) return false;
    int dots = 0;
    for (char c : host) {
        if (c == '.')
            ++dots;
        else if (c < '0' || c > '9')
            return false;
    }
    return dots == 3;
}

namespace {

struct CurlDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using HeaderList = std::unique_ptr<curl_slist, SlistDeleter>;

struct HttpReply {
    long status = 0;
    std::string body;
    std::size_t limit = 0; ///< bytes of body accepted; more aborts the transfer
    bool tooLarge = false;
    std::optional<std::chrono::seconds> retryAfter;
    std::string trustCookie; ///< dm_trust from Set-Cookie, if any
};

std::size_t onBody(char* data, std::size_t size, std::size_t count, void* user) {
    auto* reply = static_cast<HttpReply*>(user);
    if (size * count > reply->limit - std::min(reply->limit, reply->body.size())) {
        reply->tooLarge = true;
        return 0; // aborts the transfer (CURLE_WRITE_ERROR)
    }
    reply->body.append(data, size * count);
    return size * count;
}

struct WaitState {
    const std::function<void(const std::string&, Millis)>* notice = nullptr;
    const std::string* what = nullptr;
    Millis every{5000};
    std::chrono::steady_clock::time_point start;
    int told = 0;
};

int onProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* state = static_cast<WaitState*>(user);
    const auto waited = std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - state->start);
    if (state->notice && *state->notice && state->every.count() > 0 &&
        waited >= state->every * (state->told + 1)) {
        ++state->told;
        (*state->notice)(*state->what, waited);
    }
    return 0;
}

std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* user) {
    auto* reply = static_cast<HttpReply*>(user);
    const std::string line(data, size * count);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](char c) { return static_cast<char>(std::tolower(c)); });
        std::string value = line.substr(colon + 1);
        while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
            value.pop_back();
        while (!value.empty() && value.front() == ' ')
            value.erase(0, 1);
        if (name == "retry-after") {
            try {
                reply->retryAfter = std::chrono::seconds{std::stol(value)};
            } catch (const std::exception&) {
                // An HTTP-date Retry-After: keep the default hold.
            }
        } else if (name == "set-cookie" && value.rfind("dm_trust=", 0) == 0) {
            reply->trustCookie = value.substr(9, value.find(';') == std::string::npos ? std::string::npos
                                                                                      : value.find(';') - 9);
        }
    }
    return size * count;
}

/// The answer's `message`, or the start of the body when it has none: compares two answers.
std::string detailOf(const std::string& body);

std::string messageOf(const std::string& body) {
    try {
        const auto json = nlohmann::json::parse(body);
        if (json.is_object() && json.contains("message")) {
            const auto& m = json["message"];
            if (m.is_string()) return m.get<std::string>();
            return m.dump();
        }
    } catch (const nlohmann::json::exception&) {
    }
    return {};
}

std::string detailOf(const std::string& body) {
    const std::string message = messageOf(body);
    return message.empty() ? body.substr(0, 200) : message;
}

enum class Method { Get, Post, Delete };

const char* nameOf(Method method) {
    switch (method) {
    case Method::Get:
        return "GET";
    case Method::Post:
        return "POST";
    case Method::Delete:
        return "DELETE";
    }
    return "?";
}

} // namespace

struct DomifaClient::Impl {
    ClientConfig config;
    Clock* clock;
    Throttle throttle;
    CurlHandle curl;
    Credentials credentials;
    std::string password;
    std::string loginBlocked; ///< set after a failed login: never retry a password in a loop
    std::string forbidden;    ///< set after a 403: refuse everything
    ClientStats stats;
    std::function<bool(const std::vector<TimePoint>&)> recorder;
    std::function<void(const std::string&, Millis)> waitingNotice;

    Impl(ClientConfig c, Clock& k) : config(std::move(c)), clock(&k), throttle(k, config.limits) {}

    // The only function that puts a request on the wire. It sets the User-Agent, the Origin and
    // goes through the throttle; callers cannot skip any of them.
    ApiResult<HttpReply> send(Method method, const std::string& path, const std::string* jsonBody,
                              bool authorised, const std::string& otpCode = {}, std::size_t maxBody = 0) {
        const std::string what = std::string(nameOf(method)) + " " + path;
        if (!forbidden.empty())
            return ApiError{ApiErrorKind::Forbidden,
                            403,
                            what + ": refused locally after a 403 (" + forbidden + ")",
                            {},
                            {}};
        if (throttle.held())
            return ApiError{ApiErrorKind::RateLimited, 429, what + ": holding off after a 429", {}, {}};
        if (!curl) curl.reset(curl_easy_init());
        if (!curl) return ApiError{ApiErrorKind::NotSent, 0, what + ": curl_easy_init failed", {}, {}};
        CURL* h = curl.get();
        curl_easy_reset(h);

        HeaderList headers;
        auto add = [&headers](const std::string& line) {
            curl_slist* next = curl_slist_append(headers.get(), line.c_str());
            if (!next) throw std::bad_alloc();
            (void)headers.release();
            headers.reset(next);
        };
        add("Origin: " + config.origin);
        add("Accept: application/json");
        if (jsonBody) add("Content-Type: application/json");
        if (authorised) add("Authorization: Bearer " + credentials.accessToken);
        if (!otpCode.empty()) add("Otp-Code: " + otpCode);
        add("Expect:");

        HttpReply reply;
        reply.limit = maxBody > 0 ? maxBody : config.maxBodyBytes;
        WaitState waiting{&waitingNotice, &what, config.waitingNoticeEvery, {}, 0};
        const std::string url = config.baseUrl + path;
        curl_easy_setopt(h, CURLOPT_URL, url.c_str());
        curl_easy_setopt(h, CURLOPT_USERAGENT, config.userAgent.c_str());
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
        if (!config.caBundle.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, config.caBundle.c_str());
        curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(config.connectTimeout.count()));
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(config.requestTimeout.count()));
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, onBody);
        curl_easy_setopt(h, CURLOPT_WRITEDATA, &reply);
        curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, onHeader);
        curl_easy_setopt(h, CURLOPT_HEADERDATA, &reply);
        curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, onProgress);
        curl_easy_setopt(h, CURLOPT_XFERINFODATA, &waiting);
        curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
        if (method == Method::Post) {
            curl_easy_setopt(h, CURLOPT_POST, 1L);
            curl_easy_setopt(h, CURLOPT_POSTFIELDS, jsonBody ? jsonBody->c_str() : "");
            curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(jsonBody ? jsonBody->size() : 0));
        } else if (method == Method::Delete) {
            curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, "DELETE");
        }
        if (method != Method::Get) {
            // A write never rides on a reused connection: libcurl may silently resend a request
            // on a reused connection that turned out dead, and a resent write is a duplicate.
            curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L);
            curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
        }

        throttle.acquire();
        // Saved before it leaves: a process killed now still has this send in its windows.
        if (recorder && !recorder(throttle.recent()))
            return ApiError{ApiErrorKind::NotSent,
                            0,
                            what + ": not sent: its send time could not be saved in the store",
                            {},
                            {}};
        ++stats.requests;
        waiting.start = std::chrono::steady_clock::now();
        const CURLcode code = curl_easy_perform(h);
        if (code == CURLE_WRITE_ERROR && reply.tooLarge) {
            ++stats.transportErrors;
            return ApiError{method == Method::Get ? ApiErrorKind::BadResponse : ApiErrorKind::Unknown,
                            static_cast<int>(reply.status),
                            what + ": the answer is larger than " + std::to_string(reply.limit >> 20) +
                                " MB: refused, not read (ClientConfig max body size)",
                            {},
                            {}};
        }
        if (code != CURLE_OK) {
            ++stats.transportErrors;
            const bool neverLeft = code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST ||
                                   code == CURLE_COULDNT_RESOLVE_PROXY || code == CURLE_SSL_CONNECT_ERROR ||
                                   code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CACERT_BADFILE;
            return ApiError{neverLeft ? ApiErrorKind::NotSent : ApiErrorKind::Unknown,
                            0,
                            what + ": " + curl_easy_strerror(code),
                            {},
                            code == CURLE_OPERATION_TIMEDOUT ? "timeout" : ""};
        }
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply.status);
        if (reply.status == 429) {
            ++stats.status429;
            throttle.holdUntil(clock->now() + (reply.retryAfter
                                                   ? std::chrono::duration_cast<Millis>(*reply.retryAfter)
                                                   : config.holdAfter429));
        } else if (reply.status == 401) {
            ++stats.status401;
        } else if (reply.status >= 500) {
            ++stats.status5xx;
        } else if (reply.status == 403) {
            forbidden = what + ": " + (messageOf(reply.body).empty() ? "403" : messageOf(reply.body));
        }
        return reply;
    }

    /// `never400`: a read that DomiFa never refuses with 400 (the directory, the change feed,
    /// /me): a 400 there is the answer of a banned IP.
    ApiError failure(const std::string& what, const HttpReply& reply, bool write,
                     bool never400 = false) const {
        const std::string message = messageOf(reply.body);
        const std::string text =
            what + ": HTTP " + std::to_string(reply.status) + (message.empty() ? "" : " " + message);
        const int status = static_cast<int>(reply.status);
        const std::string detail = detailOf(reply.body);
        if (status == 400 && never400)
            return {ApiErrorKind::Banned,
                    status,
                    text + " (DomiFa answers 400 to everything from a banned IP address)",
                    {},
                    detail};
        if (status == 400) return {ApiErrorKind::Invalid, status, text, {}, detail};
        if (status == 401) return {ApiErrorKind::Unauthorized, status, text, {}, detail};
        if (status == 403) return {ApiErrorKind::Forbidden, status, text, {}, detail};
        if (status == 429) return {ApiErrorKind::RateLimited, status, text, reply.retryAfter, detail};
        if (status >= 500)
            return {write ? ApiErrorKind::Unknown : ApiErrorKind::ServerError, status, text, {}, detail};
        return {write ? ApiErrorKind::Unknown : ApiErrorKind::BadResponse, status, text, {}, detail};
    }

    void persist() {
        if (config.credentialsPath.empty()) return;
        // A failure to save only costs a new code next time; the session in memory stays valid.
        (void)saveCredentials(config.credentialsPath, credentials);
    }

    ApiResult<Done> login(const std::string& otpCode) {
        if (!loginBlocked.empty())
            return ApiError{ApiErrorKind::LoginFailed, 401, "login refused locally: " + loginBlocked, {}, {}};
        if (password.empty())
            return ApiError{
                ApiErrorKind::LoginFailed, 0, "login: no password configured (guichet sync login)", {}, {}};
        nlohmann::json body{{"email", config.email}, {"password", password}};
        if (!credentials.trustToken.empty()) body["trustToken"] = credentials.trustToken;
        const std::string text = body.dump();
        ++stats.logins;
        auto sent = send(Method::Post, "/structures/auth/login", &text, false, otpCode);
        if (!sent) return sent.error();
        const HttpReply& reply = sent.value();
        const std::string message = messageOf(reply.body);
        if (reply.status == 200 || reply.status == 201) {
            std::string token;
            try {
                token = nlohmann::json::parse(reply.body).at("access_token").get<std::string>();
            } catch (const nlohmann::json::exception&) {
                return ApiError{ApiErrorKind::BadResponse,
                                static_cast<int>(reply.status),
                                "login: the answer carries no access_token",
                                {},
                                {}};
            }
            credentials.accessToken = token;
            credentials.accessIssuedAt = clock->now();
            credentials.accessExpiresAt = clock->now() + std::chrono::hours(12);
            try {
                const auto claims = nlohmann::json::parse(jwtPayload(token));
                if (claims.contains("exp") && claims["exp"].is_number())
                    credentials.accessExpiresAt =
                        TimePoint{std::chrono::seconds{claims["exp"].get<std::int64_t>()}};
                if (claims.contains("trustToken") && claims["trustToken"].is_string())
                    credentials.trustToken = claims["trustToken"].get<std::string>();
            } catch (const nlohmann::json::exception&) {
                // Not a JWT we can read: keep the documented 12 hours.
            }
            if (!reply.trustCookie.empty()) credentials.trustToken = reply.trustCookie;
            persist();
            return Done{};
        }
        if (reply.status == 401 && message == "OTP_REQUIRED") {
            if (!credentials.trustToken.empty()) { // the trust token expired or was revoked
                credentials.trustToken.clear();
                persist();
            }
            // DomiFa sends a code unless it sent one a short while ago (cooldown): the newest
            // code received is the one to type.
            return ApiError{ApiErrorKind::CodeNeeded,
                            401,
                            "login: the e-mailed code is needed (DomiFa e-mails one unless it sent one a "
                            "short while ago: type the newest code received)",
                            {},
                            {}};
        }
        if (reply.status == 401 && (message == "OTP_CODE_INVALID" || message == "OTP_CODE_EXPIRED"))
            return ApiError{
                ApiErrorKind::CodeNeeded, 401, "login: " + message + " (type the code again)", {}, {}};
        if (reply.status == 401) {
            loginBlocked = message.empty() ? "HTTP 401" : message;
            return ApiError{ApiErrorKind::LoginFailed,
                            401,
                            "login: " + loginBlocked + " (not retried: 3 failures lock the account)",
                            {},
                            {}};
        }
        if (reply.status == 429)
            return ApiError{
                ApiErrorKind::RateLimited, 429, "login: HTTP 429 " + message, reply.retryAfter, {}};
        if (reply.status == 400)
            return ApiError{ApiErrorKind::Banned,
                            400,
                            "login: HTTP 400 " + message +
                                " (a well-formed login is never refused with 400: the IP is probably banned)",
                            {},
                            detailOf(reply.body)};
        if (reply.status == 403)
            return ApiError{ApiErrorKind::Forbidden, 403, "login: HTTP 403 " + message, {}, {}};
        return ApiError{ApiErrorKind::ServerError,
                        static_cast<int>(reply.status),
                        "login: HTTP " + std::to_string(reply.status),
                        {},
                        {}};
    }

    bool tokenFresh() const {
        return !credentials.accessToken.empty() &&
               clock->now() + config.renewBefore < credentials.accessExpiresAt;
    }

    ApiResult<Done> ensureSession() {
        if (tokenFresh()) return Done{};
        if (credentials.trustToken.empty() && credentials.accessToken.empty())
            return ApiError{ApiErrorKind::CodeNeeded, 0, "not logged in: run `guichet sync login`", {}, {}};
        return login({});
    }

    // An authorised call: a fresh-enough token first; a 401 gets one renewal and one resend (a
    // 401 is answered before anything is applied, so the resend cannot duplicate).
    ApiResult<HttpReply> call(Method method, const std::string& path, const std::string* body,
                              std::size_t maxBody = 0) {
        if (auto session = ensureSession(); !session) return session.error();
        auto sent = send(method, path, body, true, {}, maxBody);
        if (!sent || sent.value().status != 401) return sent;
        credentials.accessToken.clear();
        if (auto renewed = login({}); !renewed) return renewed.error();
        sent = send(method, path, body, true, {}, maxBody);
        if (sent && sent.value().status == 401) {
            credentials.accessToken.clear();
            persist();
        }
        return sent;
    }

    ApiResult<std::string> callText(const std::string& path, std::size_t maxBody) {
        auto sent = call(Method::Get, path, nullptr, maxBody);
        if (!sent) return sent.error();
        HttpReply& reply = sent.value();
        if (reply.status < 200 || reply.status >= 300) return failure("GET " + path, reply, false, true);
        return std::move(reply.body);
    }

    ApiResult<nlohmann::json> callJson(Method method, const std::string& path, const std::string* body,
                                       bool write, bool never400 = false) {
        const std::string what = std::string(nameOf(method)) + " " + path;
        auto sent = call(method, path, body);
        if (!sent) return sent.error();
        const HttpReply& reply = sent.value();
        if (reply.status < 200 || reply.status >= 300) return failure(what, reply, write, never400);
        try {
            return nlohmann::json::parse(reply.body);
        } catch (const nlohmann::json::exception&) {
            return ApiError{write ? ApiErrorKind::Unknown : ApiErrorKind::BadResponse,
                            static_cast<int>(reply.status),
                            what + ": the answer is not valid JSON",
                            {},
                            {}};
        }
    }
};

DomifaClient::DomifaClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DomifaClient::DomifaClient(DomifaClient&&) noexcept = default;
DomifaClient& DomifaClient::operator=(DomifaClient&&) noexcept = default;
DomifaClient::~DomifaClient() = default;

Result<DomifaClient> DomifaClient::create(ClientConfig config, Clock& clock) {
    if (auto valid = validateConfig(config); !valid) return valid.error();
    while (!config.baseUrl.empty() && config.baseUrl.back() == '/')
        config.baseUrl.pop_back();
    auto impl = std::make_unique<Impl>(std::move(config), clock);
    if (!impl->config.credentialsPath.empty()) {
        auto loaded = loadCredentials(impl->config.credentialsPath);
        if (!loaded) return loaded.error();
        impl->credentials = std::move(loaded.value());
    }
    return DomifaClient(std::move(impl));
}

void DomifaClient::setPassword(std::string password) {
    impl_->password = std::move(password);
    impl_->loginBlocked.clear();
}
bool DomifaClient::hasPassword() const {
    return !impl_->password.empty();
}
ApiResult<Done> DomifaClient::login(const std::string& otpCode) {
    return impl_->login(otpCode);
}
ApiResult<Done> DomifaClient::ensureSession() {
    return impl_->ensureSession();
}
bool DomifaClient::hasTrustToken() const {
    return !impl_->credentials.trustToken.empty();
}
std::optional<TimePoint> DomifaClient::tokenExpiry() const {
    if (impl_->credentials.accessToken.empty()) return std::nullopt;
    return impl_->credentials.accessExpiresAt;
}
std::string DomifaClient::blockedReason() const {
    if (!impl_->forbidden.empty()) return "403: " + impl_->forbidden;
    if (!impl_->loginBlocked.empty()) return "login failed: " + impl_->loginBlocked;
    return {};
}

ApiResult<nlohmann::json> DomifaClient::me() {
    return impl_->callJson(Method::Get, "/structures/auth/me", nullptr, false, true);
}

ApiResult<std::string> DomifaClient::usagersText(bool includeStruckOff) {
    return impl_->callText(std::string("/search-usagers?chargerTousRadies=") +
                               (includeStruckOff ? "true" : "false"),
                           impl_->config.maxDirectoryBytes);
}

ApiResult<std::string> DomifaClient::changedUsagersText() {
    return impl_->callText("/search-usagers/update-manage", impl_->config.maxDirectoryBytes);
}

ApiResult<nlohmann::json> DomifaClient::usagers(bool includeStruckOff) {
    return impl_->callJson(Method::Get,
                           std::string("/search-usagers?chargerTousRadies=") +
                               (includeStruckOff ? "true" : "false"),
                           nullptr, false, true);
}

ApiResult<nlohmann::json> DomifaClient::changedUsagers() {
    return impl_->callJson(Method::Get, "/search-usagers/update-manage", nullptr, false, true);
}

ApiResult<nlohmann::json> DomifaClient::usager(std::int64_t ref) {
    return impl_->callJson(Method::Get, "/usagers/" + std::to_string(ref), nullptr, false);
}

ApiResult<nlohmann::json> DomifaClient::postInteractions(std::int64_t ref,
                                                         const std::vector<InteractionItem>& items) {
    nlohmann::json array = nlohmann::json::array();
    for (const auto& item : items) {
        nlohmann::json j{{"type", item.type}};
        if (item.nbCourrier) j["nbCourrier"] = *item.nbCourrier;
        if (!item.content.empty()) j["content"] = item.content;
        if (item.procurationIndex) j["procurationIndex"] = *item.procurationIndex;
        if (item.returnToSender) j["returnToSender"] = true;
        array.push_back(std::move(j));
    }
    const std::string body = array.dump();
    return impl_->callJson(Method::Post, "/interactions/" + std::to_string(ref), &body, true);
}

ApiResult<std::vector<HistoryEntry>> DomifaClient::history(std::int64_t ref, int page, int take) {
    const std::string body =
        nlohmann::json{{"order", "DESC"}, {"page", std::max(1, page)}, {"take", std::clamp(take, 1, 500)}}
            .dump();
    const std::string what = "POST /interactions/search/" + std::to_string(ref);
    auto json = impl_->callJson(Method::Post, "/interactions/search/" + std::to_string(ref), &body, false);
    if (!json) return json.error();
    std::vector<HistoryEntry> entries;
    try {
        for (const auto& item : json.value().at("data")) {
            HistoryEntry e;
            e.uuid = item.at("uuid").get<std::string>();
            e.type = item.at("type").get<std::string>();
            if (item.contains("dateInteraction") && item["dateInteraction"].is_string())
                e.dateInteraction = item["dateInteraction"].get<std::string>();
            if (item.contains("content") && item["content"].is_string())
                e.content = item["content"].get<std::string>();
            if (item.contains("nbCourrier") && item["nbCourrier"].is_number())
                e.nbCourrier = item["nbCourrier"].get<int>();
            if (item.contains("interactionOutUUID") && item["interactionOutUUID"].is_string())
                e.interactionOutUUID = item["interactionOutUUID"].get<std::string>();
            if (item.contains("userName") && item["userName"].is_string())
                e.userName = item["userName"].get<std::string>();
            entries.push_back(std::move(e));
        }
    } catch (const nlohmann::json::exception&) {
        return ApiError{ApiErrorKind::BadResponse, 200, what + ": unexpected history format", {}, {}};
    }
    return entries;
}

ApiResult<Done> DomifaClient::deleteInteraction(std::int64_t ref, const std::string& uuid) {
    const std::string path = "/interactions/" + std::to_string(ref) + "/" + uuid;
    auto sent = impl_->call(Method::Delete, path, nullptr);
    if (!sent) return sent.error();
    if (sent.value().status < 200 || sent.value().status >= 300)
        return impl_->failure("DELETE " + path, sent.value(), true);
    return Done{};
}

ApiResult<nlohmann::json> DomifaClient::standInAdmin(const std::string& path) {
    if (path.rfind("/_admin/", 0) != 0)
        return ApiError{
            ApiErrorKind::Config, 0, "standInAdmin: " + path + " is not a stand-in admin path", {}, {}};
    auto sent = impl_->send(Method::Get, path, nullptr, false);
    if (!sent) return sent.error();
    if (sent->status != 200) return impl_->failure("GET " + path, *sent, false);
    try {
        return nlohmann::json::parse(sent->body);
    } catch (const nlohmann::json::exception&) {
        return ApiError{ApiErrorKind::BadResponse, 200, "GET " + path + ": not JSON", {}, {}};
    }
}

void DomifaClient::setSendRecorder(std::function<bool(const std::vector<TimePoint>&)> recorder) {
    impl_->recorder = std::move(recorder);
}
void DomifaClient::setWaitingNotice(std::function<void(const std::string&, Millis)> notice) {
    impl_->waitingNotice = std::move(notice);
}

Throttle& DomifaClient::throttle() {
    return impl_->throttle;
}
const ClientStats& DomifaClient::stats() const {
    return impl_->stats;
}
const ClientConfig& DomifaClient::config() const {
    return impl_->config;
}

} // namespace guichet::backend
