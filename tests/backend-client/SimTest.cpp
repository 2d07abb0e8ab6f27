// The stand-in backend follows the documented DomiFa behaviour.
#include "Harness.hpp"

#include <curl/curl.h>

using namespace guichet;
using guichet::testing::Harness;

namespace {
/// A raw request with any User-Agent (libcurl directly: the client refuses bot-like agents).
long rawGet(const std::string& url, const std::string& userAgent, const std::string& origin) {
    CURL* h = curl_easy_init();
    REQUIRE(h);
    curl_slist* headers = nullptr;
    if (!origin.empty()) headers = curl_slist_append(headers, ("Origin: " + origin).c_str());
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_USERAGENT, userAgent.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(
        h, CURLOPT_WRITEFUNCTION, +[](char*, std::size_t s, std::size_t n, void*) { return s * n; });
    long status = 0;
    if (curl_easy_perform(h) == CURLE_OK) curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(h);
    return status;
}
} // namespace

TEST_CASE("sim: a bot-like User-Agent bans the IP for good, a missing Origin is refused", "[sim]") {
    Harness h(3);
    const std::string ua = backend::defaultUserAgent();
    CHECK(rawGet(h.server->baseUrl() + "/search-usagers", ua, "") == 403);
    CHECK(h.server->counters().bans == 0);
    CHECK(h.client->usager(1));
    CHECK(rawGet(h.server->baseUrl() + "/search-usagers", "curl/7.88.1", "http://localhost:4200") == 403);
    CHECK(h.server->counters().bans == 1);
    auto banned = h.client->usager(1); // even the good client is now refused
    REQUIRE_FALSE(banned);
    CHECK(banned.error().kind == backend::ApiErrorKind::Forbidden);
}

TEST_CASE("sim: rate limits answer 429 and block", "[sim]") {
    auto options = guichet::testing::simOptions();
    options.perSecond = 1000;
    options.perMinute = 20;
    Harness h(3, options);
    backend::ClientConfig config = guichet::testing::clientConfig(*h.server);
    config.limits = backend::ThrottleLimits{1000, 1000, 100000}; // a badly configured client
    auto greedy = backend::DomifaClient::create(config, h.clock);
    REQUIRE(greedy);
    guichet::testing::loginWithCode(*greedy, *h.server);
    int ok = 0;
    backend::ApiErrorKind last{};
    for (int i = 0; i < 30; ++i) {
        auto r = greedy->usager(1);
        if (r)
            ++ok;
        else {
            last = r.error().kind;
            break;
        }
    }
    CHECK(ok < 20);
    CHECK(last == backend::ApiErrorKind::RateLimited);
    CHECK(greedy->throttle().held()); // and the client holds off by itself
}

TEST_CASE("sim: Out closes every pending In, SMS merge shows the last count, delete re-opens", "[sim]") {
    Harness h(4);
    auto& c = *h.client;
    REQUIRE(c.postInteractions(1, {{"courrierIn", 2, "a", {}, false}}));
    REQUIRE(c.postInteractions(1, {{"courrierIn", 3, "b", {}, false}}));
    REQUIRE(c.postInteractions(1, {{"colisIn", 1, "c", {}, false}}));
    auto afterIn = h.server->usager(1);
    CHECK((*afterIn)["lastInteraction"]["courrierIn"] == 5);
    if ((*afterIn).value("contactByPhone", false)) {
        const auto sms = h.server->smsQueue();
        REQUIRE(sms.size() == 2);
        CHECK(sms[0].kind == "colis");
        CHECK(sms[1].count == 3); // the known defect: 5 letters, the SMS says 3
        CHECK(sms[1].text.find("3 nouveau(x) courrier(s)") != std::string::npos);
    }
    auto out = c.postInteractions(1, {{"courrierOut", {}, "remis", {}, false}});
    REQUIRE(out);
    CHECK((*out)["lastInteraction"]["courrierIn"] == 0);
    CHECK((*out)["lastInteraction"]["colisIn"] == 1);
    const auto rows = h.server->interactions(1);
    REQUIRE(rows.size() == 4);
    CHECK(rows[3].nbCourrier == 5);
    for (const auto& sms : h.server->smsQueue())
        CHECK(sms.kind != "courrier"); // collected: its SMS is gone
    REQUIRE(c.deleteInteraction(1, rows[3].uuid));
    CHECK((*h.server->usager(1))["lastInteraction"]["courrierIn"] == 5);
}

TEST_CASE("sim: validation of the items, missing procuration is a 500", "[sim]") {
    Harness h(4);
    auto& c = *h.client;
    CHECK(c.postInteractions(1, {{"courrierIn", {}, "", {}, false}}).error().kind ==
          backend::ApiErrorKind::Invalid);
    CHECK(c.postInteractions(1, {{"courrierIn", 101, "", {}, false}}).error().kind ==
          backend::ApiErrorKind::Invalid);
    CHECK(c.postInteractions(1, {{"lettre", 1, "", {}, false}}).error().kind ==
          backend::ApiErrorKind::Invalid);
    auto five = c.postInteractions(1, {{"courrierOut", {}, "", 4, false}});
    REQUIRE_FALSE(five);
    CHECK(five.error().status == 500);
    CHECK(five.error().kind == backend::ApiErrorKind::Unknown); // a write's 5xx: maybe applied
    CHECK(h.server->interactions(1).empty());
}

TEST_CASE("sim: a new code login replaces the session, the old token gets 401", "[sim]") {
    Harness h(3);
    backend::ClientConfig config = guichet::testing::clientConfig(*h.server);
    auto second = backend::DomifaClient::create(config, h.clock); // another device, no trust token
    REQUIRE(second);
    guichet::testing::loginWithCode(*second, *h.server);
    // The first client's token is dead; it renews with its trust token (which keeps the session).
    const auto before = h.client->stats().status401;
    REQUIRE(h.client->usager(1));
    CHECK(h.client->stats().status401 == before + 1);
    REQUIRE(second->usager(1)); // the trust-token login did not kill the second session
}

TEST_CASE("sim: an inactive account is refused and the client does not retry", "[sim]") {
    guichet::testing::curlGlobal();
    auto options = guichet::testing::simOptions();
    options.users[0].active = false;
    auto server = sim::SimServer::create(options);
    REQUIRE(server);
    REQUIRE((*server)->start(0));
    backend::ManualClock clock(
        std::chrono::time_point_cast<backend::Millis>(std::chrono::system_clock::now()));
    auto client = backend::DomifaClient::create(guichet::testing::clientConfig(**server), clock);
    REQUIRE(client);
    client->setPassword("s3cret-pass");
    auto refused = client->login();
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == backend::ApiErrorKind::LoginFailed);
    CHECK(refused.error().message.find("ACCOUNT_NOT_ACTIVE") != std::string::npos);
}
