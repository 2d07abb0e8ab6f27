#include "guichet/sync/SyncEngine.hpp"

#include "guichet/directory/DirectoryFile.hpp"
#include "guichet/core/Rules.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace guichet::sync {

using backend::ApiError;
using backend::ApiErrorKind;
using nlohmann::json;

namespace {

constexpr const char* kLastSuccess = "sync.lastSuccess";
constexpr const char* kLastPull = "sync.lastPull";
constexpr const char* kLastFullPull = "sync.lastFullPull";
constexpr const char* kLastError = "sync.lastError";
constexpr const char* kLogin = "sync.login";
constexpr const char* kHalted = "sync.halted";
constexpr const char* kHoldUntil = "sync.holdUntil";
constexpr const char* kInflight = "sync.inflight";   ///< requests whose outcome is not known yet
constexpr const char* kSentTimes = "sync.sentTimes"; ///< the throttle's last hour, for the next process

Result<std::optional<Instant>> instantSetting(store::Store& store, const char* key) {
    auto value = store.setting(key);
    if (!value) return value.error();
    if (!value.value() || value.value()->empty()) return std::optional<Instant>{};
    return parseInstant(**value);
}

Result<std::string> textSetting(store::Store& store, const char* key) {
    auto value = store.setting(key);
    if (!value) return value.error();
    return value.value().value_or("");
}

struct Plan {
    Unit unit;
    bool reconcile = false; ///< sent before with an unknown outcome: look in the history first
};

json toJson(const Unit& u) {
    return json{{"dossier", u.dossier}, {"type", toString(u.type)}, {"count", u.count},
                {"events", u.events},   {"marker", u.marker},       {"content", u.content}};
}

std::optional<Unit> unitFromJson(const json& j) {
    try {
        Unit u;
        u.dossier = j.at("dossier").get<DossierRef>();
        const auto type = parseEventType(j.at("type").get<std::string>());
        if (!type) return std::nullopt;
        u.type = *type;
        u.count = j.at("count").get<int>();
        u.events = j.at("events").get<std::vector<EventId>>();
        u.marker = j.at("marker").get<std::string>();
        u.content = j.at("content").get<std::string>();
        return u;
    } catch (const json::exception&) {
        return std::nullopt;
    }
}

bool stopsEverything(ApiErrorKind kind) {
    return kind == ApiErrorKind::Forbidden || kind == ApiErrorKind::RateLimited ||
           kind == ApiErrorKind::CodeNeeded || kind == ApiErrorKind::LoginFailed ||
           kind == ApiErrorKind::Unauthorized || kind == ApiErrorKind::Config ||
           kind == ApiErrorKind::NotSent;
}

} // namespace

Result<SyncStatus> readStatus(store::Store& store) {
    SyncStatus status;
    auto lastSuccess = instantSetting(store, kLastSuccess);
    if (!lastSuccess) return lastSuccess.error();
    status.lastSuccess = *lastSuccess;
    auto lastPull = instantSetting(store, kLastPull);
    if (!lastPull) return lastPull.error();
    status.lastPull = *lastPull;
    auto lastFull = instantSetting(store, kLastFullPull);
    if (!lastFull) return lastFull.error();
    status.lastFullPull = *lastFull;
    auto hold = instantSetting(store, kHoldUntil);
    if (!hold) return hold.error();
    status.holdUntil = *hold;
    for (auto [key, field] : {std::pair{kLastError, &status.lastError}, std::pair{kLogin, &status.login},
                              std::pair{kHalted, &status.halted}}) {
        auto text = textSetting(store, key);
        if (!text) return text.error();
        *field = *text;
    }
    auto all = store.events(std::nullopt);
    if (!all) return all.error();
    for (const Event& e : *all) {
        switch (e.state) {
        case EventState::Pending:
            ++status.pending;
            break;
        case EventState::Uncertain:
            ++status.uncertain;
            break;
        case EventState::Delivered:
            ++status.delivered;
            break;
        case EventState::Parked:
            status.parked.push_back(e);
            break;
        }
        if (e.state == EventState::Pending || e.state == EventState::Uncertain)
            if (!status.nextRetry || e.nextTry < *status.nextRetry) status.nextRetry = e.nextTry;
    }
    return status;
}

Result<void> clearHalt(store::Store& store) {
    return store.transaction([&]() -> Result<void> {
        if (auto r = store.setSetting(kHalted, ""); !r) return r;
        if (auto r = store.setSetting(kHoldUntil, ""); !r) return r;
        return store.setSetting(kLogin, "");
    });
}

SyncEngine::SyncEngine(store::Store& store, backend::DomifaClient& client, backend::Clock& clock,
                       SyncOptions options)
    : store_(&store), client_(&client), clock_(&clock), options_(std::move(options)) {}

Instant SyncEngine::nowInstant() const {
    return std::chrono::floor<std::chrono::seconds>(clock_->now());
}

Result<void> SyncEngine::noteLogin(const ApiError& error) {
    switch (error.kind) {
    case ApiErrorKind::CodeNeeded:
        if (auto r = store_->setSetting(kLogin, "code needed"); !r) return r;
        break;
    case ApiErrorKind::LoginFailed:
    case ApiErrorKind::Unauthorized:
        if (auto r = store_->setSetting(kLogin, "login failed: " + error.message); !r) return r;
        break;
    case ApiErrorKind::Forbidden:
        if (auto r = store_->setSetting(kHalted, error.message); !r) return r;
        break;
    case ApiErrorKind::RateLimited: {
        const auto until =
            std::max(client_->throttle().heldUntil(),
                     clock_->now() + std::chrono::duration_cast<backend::Millis>(
                                         error.retryAfter.value_or(std::chrono::seconds{1800})));
        client_->throttle().holdUntil(until);
        if (auto r = store_->setSetting(kHoldUntil,
                                        formatInstant(std::chrono::floor<std::chrono::seconds>(until)));
            !r)
            return r;
        break;
    }
    default:
        break;
    }
    return store_->setSetting(kLastError, error.message);
}

Result<void> SyncEngine::loadThrottle() {
    if (throttleLoaded_) return {};
    auto text = textSetting(*store_, kSentTimes);
    if (!text) return text.error();
    throttleLoaded_ = true;
    if (text->empty()) return {};
    try {
        std::vector<backend::TimePoint> sent;
        for (const auto& ms : json::parse(*text))
            sent.emplace_back(backend::Millis{ms.get<std::int64_t>()});
        client_->throttle().remember(sent);
    } catch (const json::exception&) {
        // A damaged record only costs the carried-over windows; the limits still hold in-process.
    }
    return {};
}

Result<void> SyncEngine::saveThrottle() {
    json sent = json::array();
    for (const auto& t : client_->throttle().recent())
        sent.push_back(t.time_since_epoch().count());
    return store_->setSetting(kSentTimes, sent.dump());
}

Result<PullReport> SyncEngine::pull() {
    if (auto r = loadThrottle(); !r) return r.error();
    auto report = pullOnce();
    if (auto r = saveThrottle(); !r) return r.error();
    return report;
}

Result<PushReport> SyncEngine::push(const std::function<void(const Progress&)>& progress) {
    if (auto r = loadThrottle(); !r) return r.error();
    auto report = pushOnce(progress);
    if (auto r = saveThrottle(); !r) return r.error();
    return report;
}

Result<PullReport> SyncEngine::pullOnce() {
    if (auto halted = textSetting(*store_, kHalted); !halted)
        return halted.error();
    else if (!halted->empty())
        return makeError("sync halted: " + *halted);
    if (auto hold = instantSetting(*store_, kHoldUntil); !hold)
        return hold.error();
    else if (*hold && **hold > nowInstant()) {
        client_->throttle().holdUntil(backend::TimePoint{
            std::chrono::duration_cast<backend::Millis>(hold->value().time_since_epoch())});
        return makeError("rate limited (429): nothing is sent before " + formatInstant(**hold));
    }
    auto lastPull = instantSetting(*store_, kLastPull);
    if (!lastPull) return lastPull.error();
    const Instant startedAt = nowInstant();
    PullReport report;
    report.full = !*lastPull || startedAt - **lastPull > options_.feedWindow;
    // A full reload asks for the struck-off too: someone struck off while we were offline must
    // not stay VALIDE in the replica (their mail goes back to the sender).
    auto answer = report.full ? client_->usagers(true) : client_->changedUsagers();
    if (!answer) {
        if (auto noted = noteLogin(answer.error()); !noted) return noted.error();
        return makeError(std::string(report.full ? "directory pull" : "change feed") + ": " +
                         answer.error().message);
    }
    json list = answer.value();
    if (list.is_object() && list.contains("usagers")) list = list["usagers"];
    if (!list.is_array()) return makeError("directory pull: the answer holds no usager list");
    report.received = static_cast<int>(list.size());
    if (!list.empty()) {
        auto parsed = directory::parseDomifaJson(list.dump(),
                                                 report.full ? "GET /search-usagers" : "GET update-manage");
        if (!parsed) return parsed.error();
        auto stats = store_->upsertDossiers(parsed->dossiers);
        if (!stats) return stats.error();
        report.stats = *stats;
    }
    auto saved = store_->transaction([&]() -> Result<void> {
        if (auto r = store_->setSetting(kLastPull, formatInstant(startedAt)); !r) return r;
        if (auto r = store_->setSetting(kLogin, "ok"); !r) return r;
        if (auto r = store_->setSetting(kLastSuccess, formatInstant(nowInstant())); !r) return r;
        if (auto r = store_->setSetting(kLastError, ""); !r) return r;
        if (report.full) return store_->setSetting(kLastFullPull, formatInstant(startedAt));
        return {};
    });
    if (!saved) return saved.error();
    return report;
}

Result<PushReport> SyncEngine::pushOnce(const std::function<void(const Progress&)>& progress) {
    PushReport report;
    if (auto halted = textSetting(*store_, kHalted); !halted)
        return halted.error();
    else if (!halted->empty()) {
        report.stopped = true;
        report.stopReason = "halted after a 403, staff must check the account: " + *halted;
        return report;
    }
    Instant now = nowInstant();
    if (auto hold = instantSetting(*store_, kHoldUntil); !hold)
        return hold.error();
    else if (*hold && **hold > now) {
        client_->throttle().holdUntil(backend::TimePoint{
            std::chrono::duration_cast<backend::Millis>(hold->value().time_since_epoch())});
        report.stopped = true;
        report.stopReason = "rate limited (429): waiting until " + formatInstant(**hold);
        return report;
    }

    // Everything not yet delivered, by id; then what may go now.
    std::map<EventId, Event> open;
    for (EventState state : {EventState::Pending, EventState::Uncertain}) {
        auto list = store_->events(state);
        if (!list) return list.error();
        for (Event& e : *list)
            open.emplace(e.id, std::move(e));
    }
    // A person's events go in order: the first one that must wait holds back the later ones.
    std::map<DossierRef, EventId> waitFrom;
    std::map<std::pair<DossierRef, std::string>, Instant> batchLatest;
    for (const auto& [id, e] : open)
        if (isArrival(e.type) && !e.batchKey.empty()) {
            auto& latest = batchLatest[{e.dossier, e.batchKey}];
            latest = std::max(latest, e.createdAt);
        }
    for (const auto& [id, e] : open) {
        bool wait = e.nextTry > now;
        if (isArrival(e.type) && !e.batchKey.empty() &&
            batchLatest[{e.dossier, e.batchKey}] + options_.batchQuiet > now &&
            options_.batchQuiet.count() > 0)
            wait = true;
        if (wait && !waitFrom.count(e.dossier)) waitFrom[e.dossier] = id;
    }
    auto mayGo = [&](const Event& e) {
        const auto it = waitFrom.find(e.dossier);
        return it == waitFrom.end() || e.id < it->second;
    };

    auto inflightText = textSetting(*store_, kInflight);
    if (!inflightText) return inflightText.error();
    json inflight = json::object();
    if (!inflightText->empty()) {
        try {
            inflight = json::parse(*inflightText);
        } catch (const json::exception&) {
            return makeError("store setting " + std::string(kInflight) + " is corrupt");
        }
    }

    std::vector<Plan> plans;
    std::set<EventId> planned;
    for (auto it = inflight.begin(); it != inflight.end();) {
        auto unit = unitFromJson(it.value());
        const bool anyOpen = unit && std::any_of(unit->events.begin(), unit->events.end(),
                                                 [&](EventId id) { return open.count(id) != 0; });
        if (!anyOpen) { // settled meanwhile (delivered, parked) or unreadable: forget it
            it = inflight.erase(it);
            continue;
        }
        for (EventId id : unit->events)
            planned.insert(id);
        const bool due = std::all_of(unit->events.begin(), unit->events.end(), [&](EventId id) {
            const auto e = open.find(id);
            return e == open.end() || (e->second.nextTry <= now && mayGo(e->second));
        });
        if (due) plans.push_back(Plan{*unit, true});
        ++it;
    }
    std::vector<Event> fresh;
    for (const auto& [id, e] : open) {
        if (planned.count(id) || e.nextTry > now || !mayGo(e)) continue;
        if (e.state == EventState::Uncertain) { // outcome unknown but its request record is missing
            Unit u{e.dossier,
                   e.type,
                   isArrival(e.type) ? e.count : 0,
                   {e.id},
                   markerText(options_.markerPrefix, e.id),
                   {}};
            u.content = composeContent({e}, e.type, u.marker, now, options_.lateAfter);
            plans.push_back(Plan{u, true});
        } else {
            fresh.push_back(e);
        }
    }
    for (Unit& u : groupEvents(fresh)) {
        std::vector<Event> members;
        for (EventId id : u.events)
            members.push_back(open.at(id));
        u.marker = markerText(options_.markerPrefix, u.events.front());
        u.content = composeContent(members, u.type, u.marker, now, options_.lateAfter);
        plans.push_back(Plan{u, false});
    }
    std::sort(plans.begin(), plans.end(),
              [](const Plan& a, const Plan& b) { return a.unit.events.front() < b.unit.events.front(); });
    report.units = static_cast<int>(plans.size());
    if (plans.empty()) {
        if (auto r = store_->setSetting(kInflight, inflight.dump()); !r) return r.error();
        return report;
    }
    if (auto session = client_->ensureSession(); !session) {
        if (auto noted = noteLogin(session.error()); !noted) return noted.error();
        report.stopped = true;
        report.stopReason = session.error().message;
        report.deferred = static_cast<int>(open.size());
        return report;
    }
    if (auto r = store_->setSetting(kLogin, "ok"); !r) return r.error();

    auto saveEvents = [&](const Unit& u, const std::function<void(Event&)>& change,
                          bool keepInflight) -> Result<void> {
        return store_->transaction([&]() -> Result<void> {
            for (EventId id : u.events) {
                Event& e = open.at(id);
                change(e);
                if (auto r = store_->updateEvent(e); !r) return r;
            }
            if (keepInflight)
                inflight[u.marker] = toJson(u);
            else
                inflight.erase(u.marker);
            return store_->setSetting(kInflight, inflight.dump());
        });
    };
    auto backoff = [&](int attempts) {
        auto delay = options_.retryBase;
        for (int i = 1; i < attempts && delay < options_.retryMax; ++i)
            delay *= 2;
        return std::min(delay, options_.retryMax);
    };

    // Instants are whole seconds (floored): one more second makes the wait at least settleDelay.
    const std::chrono::seconds settle = options_.settleDelay + std::chrono::seconds{1};
    std::set<DossierRef> heldBack;
    int done = 0;
    for (const Plan& plan : plans) {
        if (progress) progress(Progress{done, report.units});
        ++done;
        const Unit& u = plan.unit;
        const int eventCount = static_cast<int>(u.events.size());
        if (report.stopped || heldBack.count(u.dossier)) {
            report.deferred += eventCount;
            continue;
        }
        now = nowInstant();
        // A failure that leaves the outcome unknown: stay Uncertain, reconcile later.
        auto keepUncertain = [&](const ApiError& error) -> Result<void> {
            heldBack.insert(u.dossier);
            report.deferred += eventCount;
            return saveEvents(
                u,
                [&](Event& e) {
                    e.state = EventState::Uncertain;
                    e.nextTry = now + std::max(settle, backoff(e.attempts));
                    e.lastError = error.message;
                },
                true);
        };
        auto park = [&](const std::string& reason) -> Result<void> {
            report.parked += eventCount;
            return saveEvents(
                u,
                [&](Event& e) {
                    e.state = EventState::Parked;
                    e.lastError = reason;
                },
                false);
        };
        auto stopAll = [&](const ApiError& error) -> Result<void> {
            report.stopped = true;
            report.stopReason = error.message;
            report.deferred += eventCount;
            return noteLogin(error);
        };

        if (plan.reconcile) {
            std::optional<std::string> found;
            bool failed = false;
            bool moreHistory = false; ///< every page searched was full: older entries remain
            for (int page = 1; page <= options_.historyPages && !found; ++page) {
                auto history = client_->history(u.dossier, page, 100);
                if (!history) {
                    failed = true;
                    const ApiError& error = history.error();
                    Result<void> r = error.kind == ApiErrorKind::Invalid ? park("history: " + error.message)
                                     : stopsEverything(error.kind)       ? stopAll(error)
                                                                         : keepUncertain(error);
                    if (!r) return r.error();
                    break;
                }
                for (const auto& entry : *history)
                    if (entry.type == toString(u.type) && entry.content.find(u.marker) != std::string::npos &&
                        (!isArrival(u.type) || entry.nbCourrier == u.count)) {
                        found = entry.uuid;
                        break;
                    }
                moreHistory = history->size() >= 100;
                if (!moreHistory) break;
            }
            if (failed) continue;
            if (!found && moreHistory) {
                // Not in the part of the history searched, but more exists: resending could
                // duplicate. Staff check by hand (the marker is in the content).
                auto r =
                    park("outcome unknown and " + u.marker + " not in the last " +
                         std::to_string(options_.historyPages * 100) + " history entries: check in DomiFa");
                if (!r) return r.error();
                continue;
            }
            if (found) {
                ++report.reconciled;
                report.delivered += eventCount;
                auto r = saveEvents(
                    u,
                    [&](Event& e) {
                        e.state = EventState::Delivered;
                        e.remoteUuid = *found;
                        e.lastError.clear();
                    },
                    false);
                if (!r) return r.error();
                continue;
            }
        } else {
            // Checks DomiFa does not make: a mandated collector must hold a valid procuration on
            // the day of the hand-over (a missing index is a 500 there; an expired one passes).
            const Event& first = open.at(u.events.front());
            if (isArrival(u.type) && (u.count < 1 || u.count > 100)) {
                if (auto r = park("nbCourrier " + std::to_string(u.count) + " hors de 1..100"); !r)
                    return r.error();
                continue;
            }
            if (first.procurationIndex) {
                auto dossier = store_->findDossier(u.dossier);
                if (!dossier) return dossier.error();
                const std::string refused =
                    !*dossier ? "dossier inconnu dans le répertoire local"
                              : checkCollector(**dossier, first.procurationIndex, dateOf(first.createdAt));
                if (!refused.empty()) {
                    if (auto r = park("procuration refusée: " + refused); !r) return r.error();
                    continue;
                }
            }
        }

        // Send: mark Uncertain and record the request first, so a crash from here on is reconciled.
        if (auto r = saveEvents(
                u,
                [&](Event& e) {
                    e.state = EventState::Uncertain;
                    ++e.attempts;
                    e.nextTry = now + settle;
                    e.lastError.clear();
                },
                true);
            !r)
            return r.error();
        const Event& first = open.at(u.events.front());
        backend::InteractionItem item;
        item.type = toString(u.type);
        if (isArrival(u.type)) item.nbCourrier = u.count;
        item.content = u.content;
        item.procurationIndex = first.procurationIndex;
        item.returnToSender = first.returnToSender;
        ++report.requests;
        auto sent = client_->postInteractions(u.dossier, {item});
        now = nowInstant();
        if (sent) {
            report.delivered += eventCount;
            auto r = saveEvents(
                u,
                [&](Event& e) {
                    e.state = EventState::Delivered;
                    e.lastError.clear();
                },
                false);
            if (!r) return r.error();
            // The answer is the updated usager: refresh the replica's counts (best effort; the
            // next pull does it anyway).
            if (auto parsed =
                    directory::parseDomifaJson(json::array({sent.value()}).dump(), "POST /interactions"))
                (void)store_->upsertDossiers(parsed->dossiers);
            continue;
        }
        const ApiError& error = sent.error();
        Result<void> r;
        switch (error.kind) {
        case ApiErrorKind::Invalid:
            r = park(error.message);
            break;
        case ApiErrorKind::RateLimited:
        case ApiErrorKind::Forbidden:
        case ApiErrorKind::Unauthorized:
        case ApiErrorKind::CodeNeeded:
        case ApiErrorKind::LoginFailed:
            // Answered before anything was applied: back to Pending, request record dropped.
            r = saveEvents(
                u,
                [&](Event& e) {
                    e.state = EventState::Pending;
                    e.nextTry = now;
                    e.lastError = error.message;
                },
                false);
            if (r) r = stopAll(error);
            break;
        case ApiErrorKind::NotSent:
            r = keepUncertain(error);
            report.deferred -= eventCount;
            if (r) r = stopAll(error);
            break;
        default:
            r = keepUncertain(error);
            break;
        }
        if (!r) return r.error();
    }
    if (progress) progress(Progress{report.units, report.units});
    if (!report.stopped) {
        auto r = store_->transaction([&]() -> Result<void> {
            if (auto s = store_->setSetting(kLastSuccess, formatInstant(nowInstant())); !s) return s;
            return store_->setSetting(kLastError, report.deferred > 0 ? "some events wait for a retry" : "");
        });
        if (!r) return r.error();
    }
    return report;
}

} // namespace guichet::sync
