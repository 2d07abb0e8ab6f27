#include "guichet/sim/SimServer.hpp"

#include "Db.hpp"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <fstream>
#include <httplib.h>
#include <map>
#include <mutex>
#include <random>
#include <regex>
#include <set>
#include <thread>

namespace guichet::sim {

using backend::Millis;
using backend::TimePoint;
using nlohmann::json;

nlohmann::json toJson(const Faults& f) {
    return json{{"latencyMs", f.latencyMs},
                {"fail5xx", f.fail5xx},
                {"fail5xxAfterCommit", f.fail5xxAfterCommit},
                {"fail429", f.fail429},
                {"fail403", f.fail403},
                {"resetBeforeCommit", f.resetBeforeCommit},
                {"resetAfterCommit", f.resetAfterCommit},
                {"slowAfterCommit", f.slowAfterCommit},
                {"slowBeforeCommit", f.slowBeforeCommit},
                {"malformedJson", f.malformedJson},
                {"lateApply", f.lateApply},
                {"lateApplyMs", f.lateApplyMs},
                {"ipBan400", f.ipBan400},
                {"slowMs", f.slowMs},
                {"randomWriteFaultRate", f.randomWriteFaultRate},
                {"randomSeed", f.randomSeed}};
}

Faults faultsFromJson(const nlohmann::json& j, Faults f) {
    auto take = [&j](const char* key, auto& field) {
        if (j.contains(key)) field = j.at(key).get<std::remove_reference_t<decltype(field)>>();
    };
    take("latencyMs", f.latencyMs);
    take("fail5xx", f.fail5xx);
    take("fail5xxAfterCommit", f.fail5xxAfterCommit);
    take("fail429", f.fail429);
    take("fail403", f.fail403);
    take("resetBeforeCommit", f.resetBeforeCommit);
    take("resetAfterCommit", f.resetAfterCommit);
    take("slowAfterCommit", f.slowAfterCommit);
    take("slowBeforeCommit", f.slowBeforeCommit);
    take("malformedJson", f.malformedJson);
    take("lateApply", f.lateApply);
    take("lateApplyMs", f.lateApplyMs);
    take("ipBan400", f.ipBan400);
    take("slowMs", f.slowMs);
    take("randomWriteFaultRate", f.randomWriteFaultRate);
    take("randomSeed", f.randomSeed);
    return f;
}

namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kHourMs = 60 * kMinuteMs;
constexpr std::int64_t kDayMs = 24 * kHourMs;

std::string isoOf(std::int64_t ms) {
    const auto tp = std::chrono::sys_time<Millis>{Millis{ms}};
    const auto day = std::chrono::floor<std::chrono::days>(tp);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{tp - day};
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()), static_cast<int>(hms.subseconds().count()));
    return buffer;
}

std::string base64url(const std::string& in) {
    static constexpr char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (unsigned char c : in) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out.push_back(table[(buffer >> bits) & 0x3Fu]);
        }
    }
    if (bits > 0) out.push_back(table[(buffer << (6 - bits)) & 0x3Fu]);
    return out;
}

bool isIn(const std::string& type) {
    return type == "courrierIn" || type == "recommandeIn" || type == "colisIn";
}
bool isOut(const std::string& type) {
    return type == "courrierOut" || type == "recommandeOut" || type == "colisOut";
}
std::string inOf(const std::string& out) {
    return out.substr(0, out.size() - 3) + "In";
}
std::string kindOf(const std::string& type) {
    return type.substr(0, type.size() - (isIn(type) ? 2 : 3));
}

bool botLike(const std::string& ua) {
    if (ua.empty()) return true;
    for (char c : ua)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E) return true;
    if (ua.rfind("Mozilla/", 0) != 0) return true;
    std::string lower = ua;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return static_cast<char>(std::tolower(c)); });
    for (const char* word :
         {"curl", "wget", "python", "bot", "spider", "crawl", "httpclient", "go-http", "okhttp", "java/"})
        if (lower.find(word) != std::string::npos) return true;
    return false;
}

std::string stripHtml(const std::string& text) {
    std::string out;
    bool inTag = false;
    for (char c : text) {
        if (c == '<')
            inTag = true;
        else if (c == '>' && inTag)
            inTag = false;
        else if (!inTag)
            out.push_back(c);
    }
    return out;
}

enum class WriteFault {
    None,
    ResetBefore,
    ResetAfter,
    SlowBefore,
    SlowAfter,
    Malformed,
    Fail5xxAfter,
    LateApply
};

struct HeldWrite { ///< a write DomiFa has not applied yet (locked table), nor cancelled
    std::int64_t ref = 0;
    std::string body;
    std::size_t user = 0;
    std::int64_t dueMs = 0;
};

struct Reply {
    int status = 200;
    json body;
    bool raw = false; ///< body is sent as is (already a string)
    std::string rawText;
    std::string setCookie;
    int retryAfter = 0;
};

Reply error(int status, const std::string& message) {
    return Reply{status, json{{"message", message}}, false, {}, {}, 0};
}

struct Token {
    std::size_t user = 0;
    std::int64_t session = 0;
    std::int64_t expiresMs = 0;
};

struct UserState {
    SimUser account;
    std::int64_t session = 0;
    std::deque<std::int64_t> failures;
    std::int64_t blockedUntilMs = 0;
    std::string code;
    std::int64_t codeExpiresMs = 0;
    std::deque<std::int64_t> codesSent;
};

struct RateWindow {
    std::deque<std::int64_t> times;
    std::int64_t blockedUntilMs = 0;
    int hitsWhileBlocked = 0;
};

} // namespace

struct SimServer::Impl {
    SimOptions options;
    backend::SystemClock systemClock;
    backend::Clock* clock;
    std::atomic<std::int64_t> offsetMs{0};

    mutable std::mutex mutex;
    db::Connection db;
    Faults faults;
    std::mt19937_64 faultRng{1};
    std::mt19937_64 tokenRng{std::random_device{}()};
    std::vector<UserState> users;
    std::map<std::string, Token> tokens;
    std::map<std::string, std::pair<std::size_t, std::int64_t>> trustTokens; ///< -> user, expiry
    std::map<std::string, RateWindow> rates;
    std::set<std::string> bannedIps;
    std::vector<RequestRecord> log;
    SimCounters counters;
    std::int64_t nextSeq = 1;
    std::vector<HeldWrite> held; ///< lateApply writes, applied once the clock reaches dueMs

    std::unique_ptr<httplib::Server> server; ///< created by start(): plain or TLS
    std::thread thread;
    int port = 0;

    explicit Impl(SimOptions o) : options(std::move(o)), clock(options.clock ? options.clock : &systemClock) {
        for (const auto& u : options.users)
            users.push_back(UserState{u, 0, {}, 0, {}, 0, {}});
    }

    std::int64_t nowMs() const { return clock->now().time_since_epoch().count() + offsetMs.load(); }

    std::string randomHex(int bytes) {
        std::string out;
        static constexpr char digits[] = "0123456789abcdef";
        for (int i = 0; i < bytes; ++i) {
            const auto v = tokenRng();
            out.push_back(digits[v & 0xF]);
            out.push_back(digits[(v >> 4) & 0xF]);
        }
        return out;
    }

    std::string uuid() {
        const std::string h = randomHex(16);
        return h.substr(0, 8) + "-" + h.substr(8, 4) + "-4" + h.substr(13, 3) + "-a" + h.substr(17, 3) + "-" +
               h.substr(20, 12);
    }

    void createSchema() {
        db::exec(db.get(), R"(
            CREATE TABLE IF NOT EXISTS usagers (ref INTEGER PRIMARY KEY, json TEXT NOT NULL, updated_ms INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS interactions (uuid TEXT PRIMARY KEY, seq INTEGER NOT NULL, ref INTEGER NOT NULL,
                type TEXT NOT NULL, nb INTEGER NOT NULL, content TEXT NOT NULL, date_ms INTEGER NOT NULL,
                out_uuid TEXT, procuration INTEGER, rts INTEGER NOT NULL DEFAULT 0, user_name TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS interactions_ref ON interactions(ref, seq);
            CREATE TABLE IF NOT EXISTS sms (ref INTEGER NOT NULL, kind TEXT NOT NULL, count INTEGER NOT NULL,
                text TEXT NOT NULL, updated_ms INTEGER NOT NULL, PRIMARY KEY (ref, kind));
        )");
        db::Statement seq(db.get(), "SELECT COALESCE(MAX(seq), 0) FROM interactions");
        if (seq.step()) nextSeq = seq.integer(0) + 1;
    }

    std::optional<json> loadUsager(std::int64_t ref) const {
        db::Statement s(db.get(), "SELECT json FROM usagers WHERE ref = ?");
        s.bind(1, ref);
        if (!s.step()) return std::nullopt;
        return json::parse(s.text(0));
    }

    void saveUsager(const json& usager) {
        db::Statement s(
            db.get(),
            "INSERT INTO usagers(ref, json, updated_ms) VALUES (?, ?, ?) "
            "ON CONFLICT(ref) DO UPDATE SET json = excluded.json, updated_ms = excluded.updated_ms");
        s.bind(1, usager.at("ref").get<std::int64_t>()).bind(2, usager.dump()).bind(3, nowMs()).run();
    }

    // --- request rules --------------------------------------------------------------------------

    /// Counts the request against the key's windows. Returns false when it must get a 429.
    bool allowRate(const std::string& key, const std::string& ip) {
        const std::int64_t now = nowMs();
        RateWindow& w = rates[key];
        if (now < w.blockedUntilMs) {
            if (++w.hitsWhileBlocked > 20) { // hammering a block gets the IP banned
                if (bannedIps.insert(ip).second) ++counters.bans;
            }
            return false;
        }
        while (!w.times.empty() && w.times.front() <= now - kHourMs)
            w.times.pop_front();
        auto inLast = [&](std::int64_t ms) {
            return static_cast<int>(
                std::count_if(w.times.begin(), w.times.end(), [&](std::int64_t t) { return t > now - ms; }));
        };
        if (inLast(1000) >= options.perSecond || inLast(kMinuteMs) >= options.perMinute ||
            static_cast<int>(w.times.size()) >= options.perHour) {
            w.blockedUntilMs = now + std::chrono::duration_cast<Millis>(options.rateBlock).count();
            w.hitsWhileBlocked = 0;
            return false;
        }
        w.times.push_back(now);
        return true;
    }

    std::optional<Token> tokenOf(const httplib::Request& req) const {
        const std::string header = req.get_header_value("Authorization");
        if (header.rfind("Bearer ", 0) != 0) return std::nullopt;
        const auto it = tokens.find(header.substr(7));
        if (it == tokens.end()) return std::nullopt;
        return it->second;
    }

    std::string issueToken(std::size_t user, const std::string& trust) {
        const std::int64_t now = nowMs();
        const std::int64_t exp = now + std::chrono::duration_cast<Millis>(options.tokenLifetime).count();
        const json header{{"alg", "HS256"}, {"typ", "JWT"}};
        const json payload{{"sub", user},
                           {"sid", users[user].session},
                           {"iat", now / 1000},
                           {"exp", exp / 1000},
                           {"trustToken", trust}};
        const std::string token =
            base64url(header.dump()) + "." + base64url(payload.dump()) + "." + randomHex(24);
        tokens[token] = Token{user, users[user].session, exp};
        return token;
    }

    void sendCode(UserState& u) {
        std::uniform_int_distribution<int> digits(0, 999'999);
        char code[8];
        std::snprintf(code, sizeof code, "%06d", digits(tokenRng));
        u.code = code;
        u.codeExpiresMs = nowMs() + 30 * kMinuteMs;
        u.codesSent.push_back(nowMs());
        if (!options.otpFile.empty()) {
            std::ofstream out(options.otpFile, std::ios::app);
            out << isoOf(nowMs()) << " " << u.account.email << " " << u.code << "\n";
        }
        if (options.logRequests)
            std::fprintf(stderr, "sim: login code e-mailed to %s\n", u.account.email.c_str());
    }

    Reply login(const httplib::Request& req) {
        json body;
        try {
            body = json::parse(req.body);
        } catch (const json::exception&) {
            return error(400, "BAD_REQUEST");
        }
        if (!body.is_object() || !body.contains("email") || !body.contains("password"))
            return error(400, "BAD_REQUEST");
        const std::string email = body["email"].is_string() ? body["email"].get<std::string>() : "";
        const std::string password = body["password"].is_string() ? body["password"].get<std::string>() : "";
        const std::int64_t now = nowMs();
        auto found = std::find_if(users.begin(), users.end(),
                                  [&](const UserState& u) { return u.account.email == email; });
        if (found == users.end()) return error(401, "LOGIN_FAILED");
        UserState& u = *found;
        const auto index = static_cast<std::size_t>(found - users.begin());
        if (now < u.blockedUntilMs) return error(401, "BLOCKED_TEMP");
        if (!u.account.active) return error(401, "ACCOUNT_NOT_ACTIVE");
        while (!u.failures.empty() && u.failures.front() <= now - kHourMs)
            u.failures.pop_front();
        if (u.account.password != password) {
            u.failures.push_back(now);
            if (u.failures.size() >= 3) {
                u.blockedUntilMs = now + kHourMs;
                return error(401, "BLOCKED_TEMP");
            }
            return error(401, "LOGIN_FAILED");
        }
        if (body.contains("trustToken") && body["trustToken"].is_string()) {
            const auto it = trustTokens.find(body["trustToken"].get<std::string>());
            if (it != trustTokens.end() && it->second.first == index && now < it->second.second) {
                if (u.session == 0) u.session = 1;
                Reply r{200, json{{"access_token", issueToken(index, it->first)}}, false, {}, {}, 0};
                return r;
            }
        }
        const std::string code = req.get_header_value("Otp-Code");
        if (code.empty()) {
            while (!u.codesSent.empty() && u.codesSent.front() <= now - kHourMs)
                u.codesSent.pop_front();
            if (u.codesSent.size() >= 5) return error(429, "OTP_USER_RATE_LIMITED");
            // Cooldown: a code sent a moment ago stays the one to type; no new e-mail.
            const bool cooling =
                !u.codesSent.empty() && !u.code.empty() && now < u.codeExpiresMs &&
                now - u.codesSent.back() < std::chrono::duration_cast<Millis>(options.otpCooldown).count();
            if (!cooling) sendCode(u);
            return error(401, "OTP_REQUIRED");
        }
        if (u.code.empty() || code != u.code) return error(401, "OTP_CODE_INVALID");
        if (now >= u.codeExpiresMs) return error(401, "OTP_CODE_EXPIRED");
        u.code.clear();
        ++u.session; // a full login replaces the session: earlier tokens answer 401
        const std::string trust = randomHex(24);
        trustTokens[trust] = {index, now + 30 * kDayMs};
        Reply r{200, json{{"access_token", issueToken(index, trust)}}, false, {}, {}, 0};
        r.setCookie = "dm_trust=" + trust +
                      "; Path=/structures/auth; HttpOnly; Secure; SameSite=Strict; Max-Age=2592000";
        return r;
    }

    // --- API ------------------------------------------------------------------------------------

    json counts(std::int64_t ref) const {
        json c{{"courrierIn", 0}, {"recommandeIn", 0}, {"colisIn", 0}};
        db::Statement s(db.get(),
                        "SELECT type, SUM(nb) FROM interactions WHERE ref = ? AND out_uuid IS NULL AND "
                        "type IN ('courrierIn','recommandeIn','colisIn') GROUP BY type");
        s.bind(1, ref);
        while (s.step())
            c[s.text(0)] = s.integer(1);
        return c;
    }

    void refreshLastInteraction(json& usager, std::optional<std::int64_t> visitMs) {
        const std::int64_t ref = usager.at("ref").get<std::int64_t>();
        json last = usager.contains("lastInteraction") && usager["lastInteraction"].is_object()
                        ? usager["lastInteraction"]
                        : json::object();
        const json c = counts(ref);
        for (const auto& [key, value] : c.items())
            last[key] = value;
        last["enAttente"] =
            c["courrierIn"].get<int>() + c["recommandeIn"].get<int>() + c["colisIn"].get<int>() > 0;
        if (visitMs) last["dateInteraction"] = isoOf(*visitMs);
        usager["lastInteraction"] = last;
    }

    std::string smsText(const std::string& kind, int count) const {
        const std::string what = kind == "courrier"     ? "courrier(s)"
                                 : kind == "recommande" ? "avis de recommandé(s)"
                                                        : "colis";
        return "Bonjour, Vous avez reçu " + std::to_string(count) + " nouveau(x) " + what + ". " +
               options.smsSignature;
    }

    void applyHeldLocked() {
        const std::int64_t now = nowMs();
        for (auto it = held.begin(); it != held.end();) {
            if (it->dueMs > now) {
                ++it;
                continue;
            }
            const HeldWrite w = *it;
            it = held.erase(it);
            try {
                (void)postInteractions(w.ref, w.body, users[w.user], w.dueMs);
            } catch (const std::exception&) {
            }
        }
    }

    Reply postInteractions(std::int64_t ref, const std::string& requestBody, const UserState& user,
                           std::optional<std::int64_t> atMs = std::nullopt) {
        auto usager = loadUsager(ref);
        if (!usager) return error(400, "USAGER_NOT_FOUND");
        json items;
        try {
            items = json::parse(requestBody);
        } catch (const json::exception&) {
            return error(400, "BAD_REQUEST");
        }
        if (!items.is_array() || items.empty()) return error(400, "INTERACTIONS_MUST_BE_ARRAY");
        static const std::set<std::string> types{"courrierIn",    "recommandeIn", "colisIn", "courrierOut",
                                                 "recommandeOut", "colisOut",     "visite",  "appel"};
        static const std::set<std::string> allowed{"type", "nbCourrier", "content", "procurationIndex",
                                                   "returnToSender"};
        for (const auto& item : items) { // validation of the whole body first (DTO validation)
            if (!item.is_object()) return error(400, "INTERACTION_MUST_BE_OBJECT");
            for (const auto& [key, value] : item.items())
                if (!allowed.count(key)) return error(400, "property " + key + " should not exist");
            if (!item.contains("type") || !item["type"].is_string() ||
                !types.count(item["type"].get<std::string>()))
                return error(400, "type must be one of the interaction types");
            const std::string type = item["type"].get<std::string>();
            if (isIn(type)) {
                if (!item.contains("nbCourrier") || !item["nbCourrier"].is_number_integer() ||
                    item["nbCourrier"].get<int>() < 1 || item["nbCourrier"].get<int>() > 100)
                    return error(400, "nbCourrier must be an integer between 1 and 100");
            }
            if (item.contains("content") &&
                (!item["content"].is_string() || item["content"].get<std::string>().size() > 5000))
                return error(400, "content must be a string of at most 5000 characters");
            if (item.contains("procurationIndex") &&
                (!item["procurationIndex"].is_number_integer() || item["procurationIndex"].get<int>() < 0 ||
                 item["procurationIndex"].get<int>() > 4))
                return error(400, "procurationIndex must be between 0 and 4");
            if (item.contains("returnToSender") && !item["returnToSender"].is_boolean())
                return error(400, "returnToSender must be a boolean");
        }
        const std::int64_t now = atMs.value_or(nowMs());
        for (const auto& item : items) { // applied one by one, no transaction (as DomiFa)
            const std::string type = item["type"].get<std::string>();
            const std::string content = stripHtml(item.value("content", ""));
            std::optional<int> procuration;
            if (item.contains("procurationIndex")) procuration = item["procurationIndex"].get<int>();
            const bool rts = item.value("returnToSender", false);
            if (procuration) {
                const json opts = usager->contains("options") ? (*usager)["options"] : json::object();
                const json procs = opts.contains("procurations") ? opts["procurations"] : json::array();
                if (!procs.is_array() || static_cast<std::size_t>(*procuration) >= procs.size())
                    return error(500, "Internal server error");
            }
            const std::string id = uuid();
            int nb = isIn(type) ? item["nbCourrier"].get<int>() : 1;
            if (isOut(type)) {
                db::Statement sum(db.get(), "SELECT COALESCE(SUM(nb), 0) FROM interactions WHERE ref = ? AND "
                                            "type = ? AND out_uuid IS NULL");
                sum.bind(1, ref).bind(2, inOf(type));
                nb = sum.step() ? static_cast<int>(sum.integer(0)) : 0;
                db::Statement close(
                    db.get(),
                    "UPDATE interactions SET out_uuid = ? WHERE ref = ? AND type = ? AND out_uuid IS NULL");
                close.bind(1, id).bind(2, ref).bind(3, inOf(type)).run();
                db::Statement drop(db.get(), "DELETE FROM sms WHERE ref = ? AND kind = ?");
                drop.bind(1, ref).bind(2, kindOf(type)).run();
            }
            db::Statement insert(
                db.get(), "INSERT INTO interactions(uuid, seq, ref, type, nb, content, date_ms, out_uuid, "
                          "procuration, rts, user_name) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)");
            insert.bind(1, id)
                .bind(2, nextSeq++)
                .bind(3, ref)
                .bind(4, type)
                .bind(5, nb)
                .bind(6, content)
                .bind(7, now);
            if (procuration)
                insert.bind(8, *procuration);
            else
                insert.bindNull(8);
            insert.bind(9, rts ? 1 : 0).bind(10, user.account.name).run();
            if (isIn(type) && options.smsEnabled && usager->value("contactByPhone", false)) {
                // One queued SMS per person and kind; a merge keeps only the last count (known defect).
                db::Statement sms(
                    db.get(), "INSERT INTO sms(ref, kind, count, text, updated_ms) VALUES (?, ?, ?, ?, ?) "
                              "ON CONFLICT(ref, kind) DO UPDATE SET count = excluded.count, "
                              "text = excluded.text, updated_ms = excluded.updated_ms");
                sms.bind(1, ref)
                    .bind(2, kindOf(type))
                    .bind(3, nb)
                    .bind(4, smsText(kindOf(type), nb))
                    .bind(5, now)
                    .run();
            }
            const bool visit = type == "visite" || (isOut(type) && !procuration && !rts);
            refreshLastInteraction(*usager, visit ? std::optional<std::int64_t>(now) : std::nullopt);
            saveUsager(*usager);
            ++counters.writesCommitted;
        }
        return Reply{201, *usager, false, {}, {}, 0};
    }

    Reply history(std::int64_t ref, const httplib::Request& req) {
        if (!loadUsager(ref)) return error(400, "USAGER_NOT_FOUND");
        json body;
        try {
            body = json::parse(req.body);
        } catch (const json::exception&) {
            return error(400, "BAD_REQUEST");
        }
        const int page =
            body.contains("page") && body["page"].is_number_integer() ? body["page"].get<int>() : 1;
        const int take =
            body.contains("take") && body["take"].is_number_integer() ? body["take"].get<int>() : 10;
        if (page < 1 || take < 1 || take > 500) return error(400, "take must be between 1 and 500");
        const bool asc = body.value("order", "DESC") == "ASC";
        db::Statement countStmt(db.get(), "SELECT COUNT(*) FROM interactions WHERE ref = ?");
        countStmt.bind(1, ref);
        const std::int64_t total = countStmt.step() ? countStmt.integer(0) : 0;
        db::Statement s(
            db.get(),
            std::string("SELECT uuid, type, date_ms, content, nb, out_uuid, user_name FROM interactions "
                        "WHERE ref = ? ORDER BY seq ") +
                (asc ? "ASC" : "DESC") + " LIMIT ? OFFSET ?");
        s.bind(1, ref).bind(2, take).bind(3, static_cast<std::int64_t>(page - 1) * take);
        json data = json::array();
        while (s.step())
            data.push_back(json{{"uuid", s.text(0)},
                                {"type", s.text(1)},
                                {"dateInteraction", isoOf(s.integer(2))},
                                {"content", s.text(3)},
                                {"nbCourrier", s.integer(4)},
                                {"interactionOutUUID", s.isNull(5) ? json(nullptr) : json(s.text(5))},
                                {"userName", s.text(6)}});
        const std::int64_t pages = (total + take - 1) / take;
        return Reply{200,
                     json{{"data", data},
                          {"meta",
                           {{"page", page},
                            {"take", take},
                            {"itemCount", total},
                            {"pageCount", pages},
                            {"hasPreviousPage", page > 1},
                            {"hasNextPage", page < pages}}}},
                     false,
                     {},
                     {},
                     0};
    }

    Reply deleteInteraction(std::int64_t ref, const std::string& id) {
        auto usager = loadUsager(ref);
        if (!usager) return error(400, "USAGER_NOT_FOUND");
        db::Statement find(db.get(), "SELECT type FROM interactions WHERE ref = ? AND uuid = ?");
        find.bind(1, ref).bind(2, id);
        if (!find.step()) return error(400, "INTERACTION_NOT_FOUND");
        const std::string type = find.text(0);
        if (isOut(type)) { // deleting an Out re-opens the Ins it closed
            db::Statement reopen(db.get(), "UPDATE interactions SET out_uuid = NULL WHERE out_uuid = ?");
            reopen.bind(1, id).run();
        }
        db::Statement del(db.get(), "DELETE FROM interactions WHERE uuid = ?");
        del.bind(1, id).run();
        refreshLastInteraction(*usager, std::nullopt);
        saveUsager(*usager);
        return Reply{200, *usager, false, {}, {}, 0};
    }

    Reply usagerList(bool all) const {
        json list = json::array();
        std::int64_t struckOff = 0;
        db::Statement s(db.get(), "SELECT json FROM usagers ORDER BY ref");
        while (s.step()) {
            json u = json::parse(s.text(0));
            const bool radie = u.value("statut", "") == "RADIE";
            if (radie) ++struckOff;
            if (!radie || all) list.push_back(std::move(u));
        }
        return Reply{200, json{{"usagersRadiesTotalCount", struckOff}, {"usagers", list}}, false, {}, {}, 0};
    }

    Reply changeFeed() const {
        json list = json::array();
        db::Statement s(db.get(), "SELECT json FROM usagers WHERE updated_ms >= ? ORDER BY ref");
        s.bind(1, nowMs() - 5 * kMinuteMs);
        while (s.step())
            list.push_back(json::parse(s.text(0)));
        return Reply{200, list, false, {}, {}, 0};
    }

    /// Runs under the lock. Applies the rules, then routes.
    Reply route(const httplib::Request& req, bool& isWrite) {
        static const std::regex interactionsPath(R"(^/interactions/(\d+)$)");
        static const std::regex searchPath(R"(^/interactions/search/(\d+)$)");
        static const std::regex deletePath(R"(^/interactions/(\d+)/([0-9a-f-]+)$)");
        static const std::regex usagerPath(R"(^/usagers/(\d+)$)");
        std::smatch m;
        const std::string& path = req.path;
        if (req.method == "POST" && path == "/structures/auth/login") {
            if (!allowRate("ip:" + req.remote_addr, req.remote_addr)) return error(429, "TOO_MANY_REQUESTS");
            return login(req);
        }
        const auto token = tokenOf(req);
        if (!token || nowMs() >= token->expiresMs || users[token->user].session != token->session)
            return error(401, "UNAUTHORIZED");
        UserState& user = users[token->user];
        if (nowMs() < user.blockedUntilMs) return error(401, "BLOCKED_TEMP");
        if (!allowRate("user:" + user.account.email, req.remote_addr)) return error(429, "TOO_MANY_REQUESTS");
        const bool writer = user.account.role == "agent" || user.account.role == "facteur" ||
                            user.account.role == "responsable" || user.account.role == "admin";
        if (req.method == "GET" && path == "/structures/auth/me")
            return Reply{200,
                         json{{"user",
                               {{"email", user.account.email},
                                {"role", user.account.role},
                                {"prenom", user.account.name},
                                {"nom", ""}}},
                              {"structure", {{"id", 1}, {"nom", "Structure de démonstration"}}}},
                         false,
                         {},
                         {},
                         0};
        if (req.method == "GET" && path == "/search-usagers")
            return usagerList(req.get_param_value("chargerTousRadies") == "true");
        if (req.method == "GET" && path == "/search-usagers/update-manage") return changeFeed();
        if (req.method == "GET" && std::regex_match(path, m, usagerPath)) {
            auto u = loadUsager(std::stoll(m[1]));
            return u ? Reply{200, *u, false, {}, {}, 0} : error(400, "USAGER_NOT_FOUND");
        }
        if (req.method == "POST" && std::regex_match(path, m, searchPath))
            return history(std::stoll(m[1]), req);
        if (!writer && (req.method == "POST" || req.method == "DELETE")) return error(403, "FORBIDDEN_ROLE");
        if (req.method == "POST" && std::regex_match(path, m, interactionsPath)) {
            isWrite = true;
            return postInteractions(std::stoll(m[1]), req.body, user);
        }
        if (req.method == "DELETE" && std::regex_match(path, m, deletePath)) {
            isWrite = true;
            return deleteInteraction(std::stoll(m[1]), m[2]);
        }
        return error(404, "NOT_FOUND");
    }

    static bool isWritePath(const httplib::Request& req) {
        if (req.method == "DELETE") return true;
        return req.method == "POST" && req.path.rfind("/interactions/", 0) == 0 &&
               req.path.rfind("/interactions/search/", 0) != 0;
    }

    WriteFault drawWriteFault() {
        auto take = [](int& n) {
            if (n <= 0) return false;
            --n;
            return true;
        };
        if (take(faults.resetBeforeCommit)) return WriteFault::ResetBefore;
        if (take(faults.resetAfterCommit)) return WriteFault::ResetAfter;
        if (take(faults.slowBeforeCommit)) return WriteFault::SlowBefore;
        if (take(faults.slowAfterCommit)) return WriteFault::SlowAfter;
        if (take(faults.malformedJson)) return WriteFault::Malformed;
        if (take(faults.fail5xxAfterCommit)) return WriteFault::Fail5xxAfter;
        if (take(faults.lateApply)) return WriteFault::LateApply;
        if (faults.randomWriteFaultRate > 0) {
            std::uniform_real_distribution<double> unit(0, 1);
            if (unit(faultRng) < faults.randomWriteFaultRate) {
                std::uniform_int_distribution<int> pick(1, 6);
                return static_cast<WriteFault>(pick(faultRng));
            }
        }
        return WriteFault::None;
    }

    static void dropConnection(httplib::Response& res) {
        // Headers go out, then the body provider fails: the client sees the connection close
        // mid-answer and cannot know what happened.
        res.set_content_provider(64, "application/json",
                                 [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
    }

    void handle(const httplib::Request& req, httplib::Response& res) {
        if (req.path.rfind("/_admin/", 0) == 0) return admin(req, res);
        RequestRecord record{req.method,
                             req.path,
                             req.get_header_value("User-Agent"),
                             req.get_header_value("Origin"),
                             req.has_header("Authorization"),
                             0,
                             0};
        Reply reply;
        int latency = 0;
        bool fail5xx = false;
        bool fail429 = false;
        bool fail403 = false;
        WriteFault fault = WriteFault::None;
        bool decided = false;
        {
            std::lock_guard lock(mutex);
            ++counters.requests;
            record.atMs = nowMs();
            applyHeldLocked();
            if (faults.ipBan400) {
                reply = error(400, "Bad Request");
                decided = true;
            } else if (bannedIps.count(req.remote_addr)) {
                reply = error(403, "FORBIDDEN");
                decided = true;
            } else if (botLike(record.userAgent)) {
                if (bannedIps.insert(req.remote_addr).second) ++counters.bans;
                // ... and a temporary block of the account, known by its token or its login body.
                if (const auto token = tokenOf(req)) users[token->user].blockedUntilMs = nowMs() + kHourMs;
                if (req.path == "/structures/auth/login") {
                    const auto body = json::parse(req.body, nullptr, false);
                    if (body.is_object() && body.contains("email") && body["email"].is_string())
                        for (auto& u : users)
                            if (u.account.email == body["email"].get<std::string>())
                                u.blockedUntilMs = nowMs() + kHourMs;
                }
                reply = error(403, "FORBIDDEN");
                decided = true;
            } else if (record.origin != options.frontUrl) {
                reply = error(403, "FORBIDDEN_ORIGIN");
                decided = true;
            } else {
                latency = faults.latencyMs;
                if (req.path != "/structures/auth/login") {
                    if (faults.fail5xx > 0) {
                        --faults.fail5xx;
                        fail5xx = true;
                    } else if (faults.fail429 > 0) {
                        --faults.fail429;
                        fail429 = true;
                    } else if (faults.fail403 > 0) {
                        --faults.fail403;
                        fail403 = true;
                    } else if (isWritePath(req)) {
                        fault = drawWriteFault();
                    }
                }
            }
        }
        if (latency > 0) std::this_thread::sleep_for(Millis{latency});
        if (!decided && fail5xx) {
            reply = error(503, "Service Unavailable");
            decided = true;
        }
        if (!decided && fail429) {
            reply = error(429, "TOO_MANY_REQUESTS");
            reply.retryAfter = 60;
            decided = true;
        }
        if (!decided && fail403) {
            reply = error(403, "FORBIDDEN");
            decided = true;
        }
        if (!decided && fault == WriteFault::ResetBefore) {
            record.status = -1;
            finish(record);
            return dropConnection(res);
        }
        if (!decided && fault == WriteFault::SlowBefore) std::this_thread::sleep_for(Millis{faults.slowMs});
        if (!decided && fault == WriteFault::LateApply) {
            static const std::regex interactionsPath(R"(^/interactions/(\d+)$)");
            std::smatch m;
            bool queued = false;
            {
                std::lock_guard lock(mutex);
                const auto token = tokenOf(req);
                if (token && req.method == "POST" && std::regex_match(req.path, m, interactionsPath)) {
                    held.push_back(
                        HeldWrite{std::stoll(m[1]), req.body, token->user, nowMs() + faults.lateApplyMs});
                    queued = true;
                }
            }
            if (queued) {
                std::this_thread::sleep_for(Millis{faults.slowMs}); // the client gives up meanwhile
                record.status = -3;
                finish(record);
                return dropConnection(res);
            }
        }
        if (!decided) {
            std::lock_guard lock(mutex);
            bool isWrite = false;
            try {
                reply = route(req, isWrite);
            } catch (const std::exception& e) {
                reply = error(500, "Internal server error");
                if (options.logRequests) std::fprintf(stderr, "sim: %s\n", e.what());
            }
        }
        if (reply.status == 429) {
            std::lock_guard lock(mutex);
            ++counters.status429;
        }
        if (reply.status == 201 && fault == WriteFault::SlowAfter)
            std::this_thread::sleep_for(Millis{faults.slowMs});
        if (reply.status == 201 && fault == WriteFault::ResetAfter) {
            record.status = -2;
            finish(record);
            return dropConnection(res);
        }
        if (reply.status == 201 && fault == WriteFault::Fail5xxAfter) reply = error(502, "Bad Gateway");
        res.status = reply.status;
        if (!reply.setCookie.empty()) res.set_header("Set-Cookie", reply.setCookie);
        if (reply.retryAfter > 0) res.set_header("Retry-After", std::to_string(reply.retryAfter));
        std::string text = reply.body.dump();
        if (reply.status == 201 && fault == WriteFault::Malformed) text = text.substr(0, text.size() / 2);
        res.set_content(text, "application/json; charset=utf-8");
        record.status = reply.status;
        finish(record);
    }

    void finish(const RequestRecord& record) {
        std::lock_guard lock(mutex);
        if (options.logRequests)
            std::fprintf(stderr, "sim: %s %s -> %d\n", record.method.c_str(), record.path.c_str(),
                         record.status);
        log.push_back(record);
    }

    void admin(const httplib::Request& req, httplib::Response& res) {
        json out;
        int status = 200;
        try {
            if (req.path == "/_admin/sms") {
                out = json::array();
                for (const auto& s : smsQueueLocked())
                    out.push_back(
                        json{{"ref", s.ref}, {"kind", s.kind}, {"count", s.count}, {"text", s.text}});
            } else if (req.path == "/_admin/interactions") {
                std::optional<std::int64_t> ref;
                if (req.has_param("ref")) ref = std::stoll(req.get_param_value("ref"));
                out = json::array();
                for (const auto& i : interactionsLocked(ref))
                    out.push_back(json{{"uuid", i.uuid},
                                       {"ref", i.ref},
                                       {"type", i.type},
                                       {"nbCourrier", i.nbCourrier},
                                       {"content", i.content},
                                       {"dateInteraction", i.dateInteraction}});
            } else if (req.path == "/_admin/faults") {
                std::lock_guard lock(mutex);
                if (req.method == "POST") {
                    faults = faultsFromJson(json::parse(req.body), faults);
                    faultRng.seed(faults.randomSeed);
                }
                out = toJson(faults);
            } else if (req.path == "/_admin/clock") {
                if (req.method == "POST")
                    offsetMs += json::parse(req.body).value("advanceSeconds", std::int64_t{0}) * 1000;
                out = json{{"now", isoOf(nowMs())}};
            } else if (req.path == "/_admin/code") {
                std::lock_guard lock(mutex);
                const std::string email = req.get_param_value("email");
                out = json{{"code", nullptr}};
                for (const auto& u : users)
                    if (u.account.email == email && !u.code.empty()) out["code"] = u.code;
            } else if (req.path == "/_admin/unban" && req.method == "POST") {
                liftBansLocked();
                out = json{{"ok", true}};
            } else {
                status = 404;
                out = json{{"message", "NOT_FOUND"}};
            }
        } catch (const std::exception& e) {
            status = 400;
            out = json{{"message", e.what()}};
        }
        res.status = status;
        res.set_content(out.dump(), "application/json; charset=utf-8");
    }

    void liftBansLocked() {
        std::lock_guard lock(mutex);
        bannedIps.clear();
        rates.clear();
        for (auto& u : users) {
            u.blockedUntilMs = 0;
            u.failures.clear();
        }
    }

    std::vector<SmsRow> smsQueueLocked() const {
        std::lock_guard lock(mutex);
        std::vector<SmsRow> rows;
        db::Statement s(db.get(), "SELECT ref, kind, count, text FROM sms ORDER BY ref, kind");
        while (s.step())
            rows.push_back(SmsRow{s.integer(0), s.text(1), static_cast<int>(s.integer(2)), s.text(3)});
        return rows;
    }

    std::vector<InteractionRow> interactionsLocked(std::optional<std::int64_t> ref) {
        std::lock_guard lock(mutex);
        applyHeldLocked();
        std::vector<InteractionRow> rows;
        db::Statement s(
            db.get(), std::string("SELECT uuid, ref, type, nb, content, date_ms, out_uuid, procuration, rts "
                                  "FROM interactions ") +
                          (ref ? "WHERE ref = ? " : "") + "ORDER BY seq");
        if (ref) s.bind(1, *ref);
        while (s.step()) {
            InteractionRow r{s.text(0),        s.integer(1),        s.text(2), static_cast<int>(s.integer(3)),
                             s.text(4),        isoOf(s.integer(5)), s.text(6), std::nullopt,
                             s.integer(8) != 0};
            if (!s.isNull(7)) r.procurationIndex = static_cast<int>(s.integer(7));
            rows.push_back(std::move(r));
        }
        return rows;
    }
};

SimServer::SimServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SimServer::~SimServer() {
    stop();
}

Result<std::unique_ptr<SimServer>> SimServer::create(SimOptions options) {
    auto impl = std::make_unique<Impl>(std::move(options));
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(impl->options.dbPath.c_str(), &raw,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    impl->db.reset(raw);
    if (rc != SQLITE_OK)
        return makeError("sim: cannot open database " + impl->options.dbPath + ": " +
                         (raw ? sqlite3_errmsg(raw) : "out of memory"));
    try {
        impl->createSchema();
    } catch (const std::exception& e) {
        return makeError(std::string("sim: ") + e.what());
    }
    return std::unique_ptr<SimServer>(new SimServer(std::move(impl)));
}

Result<void> SimServer::seed(const std::vector<nlohmann::json>& usagers) {
    std::lock_guard lock(impl_->mutex);
    try {
        db::exec(impl_->db.get(), "BEGIN");
        for (const auto& u : usagers) {
            if (!u.is_object() || !u.contains("ref") || !u["ref"].is_number_integer())
                throw std::runtime_error("a seeded usager has no integer ref");
            json copy = u;
            if (!copy.contains("uuid") || !copy["uuid"].is_string()) {
                const auto existing = impl_->loadUsager(copy["ref"].get<std::int64_t>());
                copy["uuid"] =
                    existing && existing->contains("uuid") ? (*existing)["uuid"] : json(impl_->uuid());
            }
            impl_->refreshLastInteraction(copy, std::nullopt);
            impl_->saveUsager(copy);
        }
        db::exec(impl_->db.get(), "COMMIT");
    } catch (const std::exception& e) {
        db::exec(impl_->db.get(), "ROLLBACK");
        return makeError(std::string("sim seed: ") + e.what());
    }
    return {};
}

Result<std::int64_t> SimServer::createUsager(nlohmann::json usager) {
    std::lock_guard lock(impl_->mutex);
    try {
        db::Statement max(impl_->db.get(), "SELECT COALESCE(MAX(ref), 0) FROM usagers");
        const std::int64_t ref = max.step() ? max.integer(0) + 1 : 1;
        usager["ref"] = ref;
        usager["uuid"] = impl_->uuid();
        impl_->refreshLastInteraction(usager, std::nullopt);
        impl_->saveUsager(usager);
        return ref;
    } catch (const std::exception& e) {
        return makeError(std::string("sim createUsager: ") + e.what());
    }
}

Result<void> SimServer::deleteUsager(std::int64_t ref) {
    std::lock_guard lock(impl_->mutex);
    try {
        for (const char* sql : {"DELETE FROM usagers WHERE ref = ?", "DELETE FROM interactions WHERE ref = ?",
                                "DELETE FROM sms WHERE ref = ?"}) {
            db::Statement s(impl_->db.get(), sql);
            s.bind(1, ref).run();
        }
    } catch (const std::exception& e) {
        return makeError(std::string("sim deleteUsager: ") + e.what());
    }
    return {};
}

Result<void> SimServer::addForeignInteraction(std::int64_t ref, const std::string& type, int nbCourrier,
                                              const std::string& content, const std::string& userName,
                                              std::int64_t ageSeconds) {
    std::lock_guard lock(impl_->mutex);
    try {
        db::Statement insert(impl_->db.get(),
                             "INSERT INTO interactions(uuid, seq, ref, type, nb, content, date_ms, out_uuid, "
                             "procuration, rts, user_name) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0, ?)");
        insert.bind(1, impl_->uuid())
            .bind(2, impl_->nextSeq++)
            .bind(3, ref)
            .bind(4, type)
            .bind(5, nbCourrier)
            .bind(6, content)
            .bind(7, impl_->nowMs() - ageSeconds * 1000)
            .bind(8, userName)
            .run();
    } catch (const std::exception& e) {
        return makeError(std::string("sim addForeignInteraction: ") + e.what());
    }
    return {};
}

Result<int> SimServer::start(int port) {
    if (impl_->thread.joinable()) return impl_->port;
    if (!impl_->options.tlsCertFile.empty())
        impl_->server = std::make_unique<httplib::SSLServer>(impl_->options.tlsCertFile.c_str(),
                                                             impl_->options.tlsKeyFile.c_str());
    else
        impl_->server = std::make_unique<httplib::Server>();
    httplib::Server& server = *impl_->server;
    if (!server.is_valid()) return makeError("sim: cannot set up TLS with " + impl_->options.tlsCertFile);
    server.Get(".*",
               [this](const httplib::Request& req, httplib::Response& res) { impl_->handle(req, res); });
    server.Post(".*",
                [this](const httplib::Request& req, httplib::Response& res) { impl_->handle(req, res); });
    server.Delete(".*",
                  [this](const httplib::Request& req, httplib::Response& res) { impl_->handle(req, res); });
    server.set_keep_alive_max_count(100);
    server.set_read_timeout(5, 0);
    server.set_keep_alive_timeout(1); // stop() waits for idle keep-alive connections
    if (port == 0) {
        impl_->port = server.bind_to_any_port("127.0.0.1");
    } else {
        impl_->port = server.bind_to_port("127.0.0.1", port) ? port : -1;
    }
    if (impl_->port <= 0) return makeError("sim: cannot listen on 127.0.0.1:" + std::to_string(port));
    impl_->thread = std::thread([this] { impl_->server->listen_after_bind(); });
    return impl_->port;
}

void SimServer::stop() {
    if (!impl_ || !impl_->thread.joinable()) return;
    impl_->server->stop();
    impl_->thread.join();
}

int SimServer::port() const {
    return impl_->port;
}
std::string SimServer::baseUrl() const {
    return (impl_->options.tlsCertFile.empty() ? "http://127.0.0.1:" : "https://127.0.0.1:") +
           std::to_string(impl_->port);
}

void SimServer::setFaults(const Faults& faults) {
    std::lock_guard lock(impl_->mutex);
    impl_->faults = faults;
    impl_->faultRng.seed(faults.randomSeed);
}
Faults SimServer::faults() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->faults;
}
void SimServer::advanceClock(std::chrono::milliseconds by) {
    impl_->offsetMs += by.count();
}
backend::TimePoint SimServer::now() const {
    return TimePoint{Millis{impl_->nowMs()}};
}
void SimServer::liftBans() {
    impl_->liftBansLocked();
}
std::vector<SmsRow> SimServer::smsQueue() const {
    return impl_->smsQueueLocked();
}
std::vector<InteractionRow> SimServer::interactions(std::optional<std::int64_t> ref) const {
    return impl_->interactionsLocked(ref);
}
std::optional<nlohmann::json> SimServer::usager(std::int64_t ref) const {
    std::lock_guard lock(impl_->mutex);
    return impl_->loadUsager(ref);
}
std::vector<RequestRecord> SimServer::requests() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->log;
}
std::optional<std::string> SimServer::lastCode(const std::string& email) const {
    std::lock_guard lock(impl_->mutex);
    for (const auto& u : impl_->users)
        if (u.account.email == email && !u.code.empty()) return u.code;
    return std::nullopt;
}
SimCounters SimServer::counters() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->counters;
}

} // namespace guichet::sim
