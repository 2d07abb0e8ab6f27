#include "guichet/sync/SyncEngine.hpp"

#include "guichet/core/Rules.hpp"
#include "guichet/directory/DirectoryFile.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
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
constexpr const char* kInstallId = "sync.installId"; ///< random, created once: part of every marker

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

std::string lowerTrimmed(std::string text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.pop_back();
    std::size_t start = 0;
    while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start])))
        ++start;
    text.erase(0, start);
    std::transform(text.begin(), text.end(), text.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return text;
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
           kind == ApiErrorKind::NotSent || kind == ApiErrorKind::Banned;
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
    // The 429 hold stays: a login is a request too, and DomiFa bans an IP that keeps knocking.
    return store.transaction([&]() -> Result<void> {
        if (auto r = store.setSetting(kHalted, ""); !r) return r;
        return store.setSetting(kLogin, "");
    });
}

Result<std::string> installId(store::Store& store) {
    std::string id;
    auto r = store.transaction([&]() -> Result<void> {
        auto current = store.setting(kInstallId);
        if (!current) return current.error();
        if (current.value() && !current.value()->empty()) {
            id = **current;
            return {};
        }
        // 6 characters of 32 (30 bits): two stores picking the same id is a one-in-a-billion event.
        static constexpr char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        std::random_device random;
        for (int i = 0; i < 6; ++i)
            id.push_back(alphabet[random() % 32]);
        return store.setSetting(kInstallId, id);
    });
    if (!r) return r.error();
    return id;
}

Result<std::vector<Event>> requeueParked(store::Store& store, std::optional<EventId> event) {
    std::vector<Event> requeued;
    auto r = store.transaction([&]() -> Result<void> {
        auto parked = store.events(EventState::Parked);
        if (!parked) return parked.error();
        for (const Event& e : *parked) {
            if (event && e.id != *event) continue;
            requeued.push_back(e);
            Event back = e;
            back.state = e.attempts > 0 ? EventState::Uncertain : EventState::Pending;
            back.nextTry = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
            back.lastError.clear();
            if (auto u = store.updateEvent(back); !u) return u;
        }
        if (event && requeued.empty()) return makeError("event " + std::to_string(*event) + " is not parked");
        return {};
    });
    if (!r) return r.error();
    return requeued;
}

SyncEngine::SyncEngine(store::Store& store, backend::DomifaClient& client, backend::Clock& clock,
                       SyncOptions options)
    : store_(&store), client_(&client), clock_(&clock), options_(std::move(options)) {
    recordSendsIn(store, client);
}

void recordSendsIn(store::Store& store, backend::DomifaClient& client) {
    // Every send is in the store before it leaves: a process killed after 11 requests leaves 11
    // send times for the next one, not the 1 saved at the last checkpoint.
    client.setSendRecorder([&store](const std::vector<backend::TimePoint>& sent) {
        json times = json::array();
        for (const auto& t : sent)
            times.push_back(t.time_since_epoch().count());
        return store.setSetting(kSentTimes, times.dump()).has_value();
    });
}

Result<void> loadSendTimes(store::Store& store, backend::DomifaClient& client) {
    auto text = textSetting(store, kSentTimes);
    if (!text) return text.error();
    if (text->empty()) return {};
    try {
        std::vector<backend::TimePoint> sent;
        for (const auto& ms : json::parse(*text))
            sent.emplace_back(backend::Millis{ms.get<std::int64_t>()});
        client.throttle().remember(sent);
    } catch (const json::exception&) {
        // A damaged record only costs the carried-over windows; the limits still hold in-process.
    }
    return {};
}

SyncEngine::~SyncEngine() {
    client_->setSendRecorder({});
}

Result<std::string> SyncEngine::markerPrefix() {
    if (markerPrefix_.empty()) {
        auto id = installId(*store_);
        if (!id) return id.error();
        markerPrefix_ = options_.markerPrefix + "-" + *id;
    }
    return markerPrefix_;
}

Result<int> SyncEngine::parkEventsOf(const std::vector<DossierRef>& refs, const std::string& why) {
    if (refs.empty()) return 0;
    const std::set<DossierRef> gone(refs.begin(), refs.end());
    int parked = 0;
    auto r = store_->transaction([&]() -> Result<void> {
        for (EventState state : {EventState::Pending, EventState::Uncertain}) {
            auto list = store_->events(state);
            if (!list) return list.error();
            for (Event& e : *list) {
                if (!gone.count(e.dossier)) continue;
                e.state = EventState::Parked;
                e.lastError = "dossier " + std::to_string(e.dossier) + " " + why + ": not sent";
                if (auto u = store_->updateEvent(e); !u) return u;
                ++parked;
            }
        }
        return {};
    });
    if (!r) return r.error();
    return parked;
}

bool SyncEngine::banned(const ApiError& error) {
    if (error.status != 400) return false;
    auto probe = client_->me();
    return !probe && probe.error().kind == ApiErrorKind::Banned && probe.error().detail == error.detail;
}

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
    case ApiErrorKind::Banned:
        if (auto r = store_->setSetting(kHalted, "DomiFa answers 400 to every request, even reading the "
                                                 "directory: this site's IP address is probably banned. "
                                                 "Nothing was refused item by item and nothing more is sent; "
                                                 "ask DomiFa's support, then run `guichet sync login` (" +
                                                     error.message + ")");
            !r)
            return r;
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
    if (auto r = loadSendTimes(*store_, *client_); !r) return r;
    throttleLoaded_ = true;
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
    auto lastFull = instantSetting(*store_, kLastFullPull);
    if (!lastFull) return lastFull.error();
    const Instant startedAt = nowInstant();
    PullReport report;
    // The change feed shows changes, never deletions: a full reload at least daily removes the
    // usagers DomiFa deleted.
    report.full = !*lastPull || startedAt - **lastPull > options_.feedWindow || !*lastFull ||
                  startedAt - **lastFull >= options_.fullReloadEvery;
    // A full reload asks for the struck-off too: someone struck off while we were offline must
    // not stay VALIDE in the replica (their mail goes back to the sender).
    auto answer = report.full ? client_->usagersText(true) : client_->changedUsagersText();
    if (!answer) {
        if (auto noted = noteLogin(answer.error()); !noted) return noted.error();
        return makeError(std::string(report.full ? "directory pull" : "change feed") + ": " +
                         answer.error().message);
    }
    std::vector<Dossier> dossiers;
    {
        // Parsed from the answer's text, which is freed right after: one text and one tree at most.
        std::string text = std::move(answer.value());
        auto parsed =
            directory::parseDomifaJson(text, report.full ? "GET /search-usagers" : "GET update-manage");
        if (!parsed) return parsed.error();
        dossiers = std::move(parsed->dossiers);
    }
    report.received = static_cast<int>(dossiers.size());
    if (report.full && dossiers.empty()) {
        auto count = store_->dossierCount();
        if (!count) return count.error();
        if (*count > 0)
            return makeError("directory pull: DomiFa returned no usager at all; the replica of " +
                             std::to_string(*count) + " is kept as it is");
    }
    if (!dossiers.empty()) {
        std::vector<DossierRef> replaced;
        auto stats = store_->upsertDossiers(dossiers, &replaced);
        if (!stats) return stats.error();
        report.stats = *stats;
        report.replaced = static_cast<int>(replaced.size());
        auto parked = parkEventsOf(replaced, "was given by DomiFa to another person (the usager the "
                                             "event was recorded for was deleted)");
        if (!parked) return parked.error();
        report.parked += *parked;
        for (DossierRef ref : replaced)
            (void)store_->audit("sync", "dossier.replaced", "dossier:" + std::to_string(ref));
    }
    if (report.full) {
        std::vector<DossierRef> refs;
        refs.reserve(dossiers.size());
        for (const Dossier& d : dossiers)
            refs.push_back(d.ref);
        auto removed = store_->removeDossiersExcept(refs);
        if (!removed) return removed.error();
        report.removed = static_cast<int>(removed->size());
        auto parked = parkEventsOf(*removed, "is no longer in DomiFa (deleted)");
        if (!parked) return parked.error();
        report.parked += *parked;
        for (DossierRef ref : *removed)
            (void)store_->audit("sync", "dossier.removed", "dossier:" + std::to_string(ref));
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

    auto prefix = markerPrefix();
    if (!prefix) return prefix.error();
    // Everything not yet delivered, by id; then what may go now.
    std::map<EventId, Event> open;
    for (EventState state : {EventState::Pending, EventState::Uncertain}) {
        auto list = store_->events(state);
        if (!list) return list.error();
        for (Event& e : *list)
            open.emplace(e.id, std::move(e));
    }
    std::set<EventId> parkedIds; ///< their request records are kept: a requeue reconciles with them
    {
        auto list = store_->events(EventState::Parked);
        if (!list) return list.error();
        for (const Event& e : *list)
            parkedIds.insert(e.id);
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
        const bool anyParked = unit && std::any_of(unit->events.begin(), unit->events.end(),
                                                   [&](EventId id) { return parkedIds.count(id) != 0; });
        if (!anyOpen) { // settled meanwhile (delivered) or unreadable: forget it; parked: keep it
            if (anyParked)
                ++it;
            else
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
            Unit u{e.dossier, e.type, isArrival(e.type) ? e.count : 0, {e.id}, markerText(*prefix, e.id), {}};
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
        u.marker = markerText(*prefix, u.events.front());
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
    int timeoutsInARow = 0;
    bool answered = false; ///< DomiFa gave at least one clear answer in this run
    // After an answer-less failure: counts the timeouts in a row; true when the run must stop.
    auto hung = [&](const ApiError& error) {
        if (error.detail != "timeout") {
            timeoutsInARow = 0;
            return false;
        }
        return ++timeoutsInARow >= options_.timeoutsToStop;
    };
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
        // The replica must be fresh when a request leaves: a ref deleted and given to a new person
        // since the last pull would otherwise receive the old person's mail. A long flush pulls
        // the change feed again; when that fails, nothing more is sent.
        if (options_.directoryFreshness.count() > 0) {
            auto last = instantSetting(*store_, kLastPull);
            if (!last) return last.error();
            if (!*last || now - **last > options_.directoryFreshness) {
                auto pulled = pullOnce();
                if (!pulled) {
                    report.stopped = true;
                    report.stopReason = "directory not refreshed, nothing sent: " + pulled.error().message;
                    report.deferred += eventCount;
                    continue;
                }
                now = nowInstant();
            }
        }
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
            // A request that may have left keeps its record: a requeue then looks for its marker.
            const bool maySent = std::any_of(u.events.begin(), u.events.end(),
                                             [&](EventId id) { return open.at(id).attempts > 0; });
            return saveEvents(
                u,
                [&](Event& e) {
                    e.state = EventState::Parked;
                    e.lastError = reason;
                },
                maySent);
        };
        auto stopAll = [&](const ApiError& error) -> Result<void> {
            report.stopped = true;
            report.stopReason = error.message;
            report.deferred += eventCount;
            return noteLogin(error);
        };
        // A 400: a refusal of this request, unless /me gets the same 400 (a banned IP).
        auto refusedOrBanned = [&](const ApiError& error, const std::string& reason) -> Result<void> {
            if (!banned(error)) {
                answered = true;
                return park(reason);
            }
            ApiError ban = error;
            ban.kind = ApiErrorKind::Banned;
            ban.message += " (and /me answers the same: the IP is probably banned)";
            // The request just sent was refused before anything was applied: back to Pending. A
            // history read refused: the earlier send's outcome is still unknown, Uncertain stays.
            auto r = saveEvents(
                u,
                [&](Event& e) {
                    if (!plan.reconcile) {
                        e.state = EventState::Pending;
                        e.nextTry = now;
                    }
                    e.lastError = ban.message;
                },
                plan.reconcile);
            if (!r) return r;
            return stopAll(ban);
        };

        // Never to another person: the dossier the events were recorded for must still be the one
        // DomiFa has under this ref (same uuid), and must still exist.
        {
            const Event& first = open.at(u.events.front());
            auto dossier = store_->findDossier(u.dossier);
            if (!dossier) return dossier.error();
            std::string refused;
            if (!first.dossierUuid.empty() && !*dossier)
                refused =
                    "dossier " + std::to_string(u.dossier) + " is no longer in DomiFa (deleted): not sent";
            else if (!first.dossierUuid.empty() && !(*dossier)->uuid.empty() &&
                     (*dossier)->uuid != first.dossierUuid)
                refused = "dossier " + std::to_string(u.dossier) +
                          " was given by DomiFa to another person since the event was recorded: not sent";
            if (!refused.empty()) {
                if (auto r = park(refused); !r) return r.error();
                continue;
            }
        }

        if (plan.reconcile) {
            std::optional<std::string> found;
            std::string suspect; ///< an entry with the marker that fails the other checks
            bool failed = false;
            bool moreHistory = false; ///< every page searched was full: older entries remain
            auto failedWith = [&](const ApiError& error) -> Result<void> {
                failed = true;
                if (error.kind == ApiErrorKind::Invalid)
                    return refusedOrBanned(error, "history: " + error.message);
                if (stopsEverything(error.kind) || error.kind == ApiErrorKind::Banned) return stopAll(error);
                if (auto r = keepUncertain(error); !r) return r;
                if (hung(error)) {
                    report.stopped = true;
                    report.stopReason = "DomiFa does not answer (" + std::to_string(timeoutsInARow) +
                                        " timeouts in a row): run stopped";
                }
                return {};
            };
            if (!accountName_) { // who we are in the history's userName
                auto me = client_->me();
                if (!me) {
                    if (auto r = failedWith(me.error()); !r) return r.error();
                    continue;
                }
                const json& user = me->contains("user") ? (*me)["user"] : *me;
                std::string name;
                if (user.is_object())
                    name = user.value("prenom", std::string()) + " " + user.value("nom", std::string());
                accountName_ = lowerTrimmed(name);
            }
            // Not before the events were recorded (less the clocks' possible difference).
            Instant recorded = open.at(u.events.front()).createdAt;
            for (EventId id : u.events)
                recorded = std::min(recorded, open.at(id).createdAt);
            const Instant notBefore = recorded - options_.clockTolerance;
            for (int page = 1; page <= options_.historyPages && !found; ++page) {
                auto history = client_->history(u.dossier, page, 100);
                if (!history) {
                    if (auto r = failedWith(history.error()); !r) return r.error();
                    break;
                }
                answered = true;
                timeoutsInARow = 0;
                for (const auto& entry : *history) {
                    if (entry.type != toString(u.type) || entry.content.find(u.marker) == std::string::npos ||
                        (isArrival(u.type) && entry.nbCourrier != u.count))
                        continue;
                    const auto at = parseInstant(entry.dateInteraction);
                    const bool ours = accountName_->empty() || lowerTrimmed(entry.userName) == *accountName_;
                    if (at && *at >= notBefore && ours) {
                        found = entry.uuid;
                        break;
                    }
                    if (suspect.empty())
                        suspect = "history entry " + entry.uuid + " carries " + u.marker +
                                  " but was written " +
                                  (ours ? "" : "by another account (" + entry.userName + ") ") +
                                  (at && *at >= notBefore ? "" : "before these events were recorded ");
                }
                moreHistory = history->size() >= 100;
                if (!moreHistory) break;
            }
            if (failed) continue;
            if (!found && !suspect.empty()) {
                auto r = park("outcome unknown; " + suspect +
                              ": not taken as delivery, not resent; check in DomiFa");
                if (!r) return r.error();
                continue;
            }
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

        // A struck-off person: the letter arrived before the strike-off; staff decide (return to
        // sender proposed) instead of a silent push.
        if (isArrival(u.type) && !open.at(u.events.front()).returnToSender) {
            auto dossier = store_->findDossier(u.dossier);
            if (!dossier) return dossier.error();
            if (*dossier && (*dossier)->statut == Statut::Radie) {
                if (auto r =
                        park("radié: return to sender proposed (recorded before the strike-off); not sent");
                    !r)
                    return r.error();
                continue;
            }
        }

        // Send: mark Uncertain and record the request first, so a crash from here on is reconciled.
        // The throttle's wait is done first, so that the send time is known and saved with the
        // mark, in the same transaction (the client saves the actual time again as it leaves).
        for (auto wait = client_->throttle().waitNeeded(); wait.count() > 0;
             wait = client_->throttle().waitNeeded())
            clock_->sleepFor(wait);
        now = nowInstant();
        if (auto r = store_->transaction([&]() -> Result<void> {
                if (auto marked = saveEvents(
                        u,
                        [&](Event& e) {
                            e.state = EventState::Uncertain;
                            ++e.attempts;
                            e.nextTry = now + settle;
                            e.lastError.clear();
                        },
                        true);
                    !marked)
                    return marked;
                json times = json::array();
                for (const auto& t : client_->throttle().recent())
                    times.push_back(t.time_since_epoch().count());
                times.push_back(clock_->now().time_since_epoch().count());
                return store_->setSetting(kSentTimes, times.dump());
            });
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
            answered = true;
            timeoutsInARow = 0;
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
            r = refusedOrBanned(error, error.message);
            break;
        case ApiErrorKind::RateLimited:
        case ApiErrorKind::Banned:
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
            if (r && hung(error)) {
                report.stopped = true;
                report.stopReason = "DomiFa does not answer (" + std::to_string(timeoutsInARow) +
                                    " timeouts in a row): run stopped";
                r = store_->setSetting(kLastError, report.stopReason);
            }
            break;
        }
        if (!r) return r.error();
    }
    if (progress) progress(Progress{report.units, report.units});
    // A success is a run DomiFa answered: not one where every request failed.
    if (!report.stopped && answered) {
        auto r = store_->transaction([&]() -> Result<void> {
            if (auto s = store_->setSetting(kLastSuccess, formatInstant(nowInstant())); !s) return s;
            return store_->setSetting(kLastError, report.deferred > 0 ? "some events wait for a retry" : "");
        });
        if (!r) return r.error();
    }
    return report;
}

} // namespace guichet::sync
