// The DomiFa client: every request carries the User-Agent and the Origin; login rules; tokens.
#include "Harness.hpp"

#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

using namespace guichet;
using guichet::testing::Harness;

TEST_CASE("no request leaves without the browser-like User-Agent and the Origin", "[client]") {
    Harness h(5);
    auto& c = *h.client;
    // Every public call of the client, including the login and a renewal.
    REQUIRE(c.me());
    REQUIRE(c.usagers());
    REQUIRE(c.changedUsagers());
    REQUIRE(c.usager(1));
    auto posted =
        c.postInteractions(1, {backend::InteractionItem{"courrierIn", 2, "test (réf. T-1)", {}, false}});
    REQUIRE(posted);
    auto history = c.history(1, 1, 10);
    REQUIRE(history);
    REQUIRE(history->size() == 1);
    REQUIRE(c.deleteInteraction(1, history->front().uuid));
    h.server->advanceClock(std::chrono::hours(13));
    REQUIRE(c.usager(2)); // 401, renewal, resend
    CHECK(c.usager(999).error().kind == backend::ApiErrorKind::Invalid);

    const auto requests = h.server->requests();
    REQUIRE(requests.size() >= 12);
    for (const auto& r : requests) {
        INFO(r.method << " " << r.path);
        CHECK(r.userAgent == backend::defaultUserAgent());
        CHECK(r.origin == "http://localhost:4200");
    }
    CHECK(backend::defaultUserAgent().rfind("Mozilla/5.0 (X11; Linux x86_64) Guichet/", 0) == 0);
    CHECK(h.server->counters().bans == 0);
}

TEST_CASE("a bot-like User-Agent or no Origin cannot even be configured", "[client]") {
    backend::ManualClock clock(backend::TimePoint{});
    for (const std::string ua :
         {"", "curl/7.88.1", "Guichet/1.0", "libcurl/7.88", "Mozilla/5.0 (compatible; Googlebot/2.1)",
          "Mozilla/5.0 (X11) Guichet/1.0 é"}) {
        backend::ClientConfig config;
        config.userAgent = ua;
        INFO(ua);
        CHECK_FALSE(backend::DomifaClient::create(config, clock));
    }
    backend::ClientConfig noOrigin;
    noOrigin.origin = "";
    CHECK_FALSE(backend::DomifaClient::create(noOrigin, clock));
}

TEST_CASE("a wrong password is reported once and never retried", "[client]") {
    guichet::testing::curlGlobal();
    auto server = sim::SimServer::create(guichet::testing::simOptions());
    REQUIRE(server);
    REQUIRE((*server)->start(0));
    backend::ManualClock clock(
        std::chrono::time_point_cast<backend::Millis>(std::chrono::system_clock::now()));
    auto client = backend::DomifaClient::create(guichet::testing::clientConfig(**server), clock);
    REQUIRE(client);
    client->setPassword("wrong");
    auto first = client->login();
    REQUIRE_FALSE(first);
    CHECK(first.error().kind == backend::ApiErrorKind::LoginFailed);
    const auto sent = (*server)->counters().requests;
    for (int i = 0; i < 5; ++i) {
        auto again = client->login();
        CHECK(again.error().kind == backend::ApiErrorKind::LoginFailed);
        CHECK_FALSE(client->ensureSession());
    }
    CHECK((*server)->counters().requests == sent); // nothing more reached the server
    CHECK_FALSE(client->blockedReason().empty());
}

TEST_CASE("the trust token skips the code, is kept 0600 and never leaks into messages", "[client]") {
    guichet::testing::curlGlobal();
    backend::ManualClock clock(
        std::chrono::time_point_cast<backend::Millis>(std::chrono::system_clock::now()));
    auto simOpts = guichet::testing::simOptions();
    simOpts.clock = &clock;
    auto server = sim::SimServer::create(simOpts);
    REQUIRE(server);
    REQUIRE((*server)->start(0));
    const auto path =
        std::filesystem::temp_directory_path() / ("guichet-cred-" + std::to_string(::getpid()) + ".json");
    std::filesystem::remove(path);
    auto config = guichet::testing::clientConfig(**server);
    config.credentialsPath = path.string();
    {
        auto client = backend::DomifaClient::create(config, clock);
        REQUIRE(client);
        guichet::testing::loginWithCode(*client, **server);
        CHECK(client->hasTrustToken());
    }
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    auto saved = backend::loadCredentials(path.string());
    REQUIRE(saved);
    // A new process: the trust token logs in without a code; the session is kept.
    auto client = backend::DomifaClient::create(config, clock);
    REQUIRE(client);
    client->setPassword("s3cret-pass");
    clock.advance(std::chrono::hours(12)); // the stored access token is stale: renewal
    auto renewed = client->ensureSession();
    INFO((renewed ? std::string() : renewed.error().message));
    REQUIRE(renewed);
    CHECK(client->tokenExpiry() > clock.now() + std::chrono::hours(11));
    auto me = client->me();
    REQUIRE(me);
    // Messages never carry a token.
    (*server)->stop();
    auto down = client->usager(1);
    REQUIRE_FALSE(down);
    CHECK(down.error().message.find(saved->trustToken) == std::string::npos);
    CHECK(down.error().message.find(saved->accessToken) == std::string::npos);
    CHECK(down.error().kind == backend::ApiErrorKind::NotSent);
    std::filesystem::remove(path);
}

TEST_CASE("TLS is verified: an unknown certificate is refused, the configured CA bundle is trusted",
          "[client][tls]") {
    guichet::testing::curlGlobal();
    const auto dir = std::filesystem::temp_directory_path() / ("guichet-tls-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string cert = (dir / "cert.pem").string(), key = (dir / "key.pem").string();
    const std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
                                "-addext subjectAltName=IP:127.0.0.1 -keyout " +
                                key + " -out " + cert + " >/dev/null 2>&1";
    if (std::system(command.c_str()) != 0) {
        WARN("openssl command line not available: TLS test not run");
        return;
    }
    auto options = guichet::testing::simOptions();
    options.tlsCertFile = cert;
    options.tlsKeyFile = key;
    auto server = sim::SimServer::create(options);
    REQUIRE(server);
    auto started = (*server)->start(0);
    INFO((started ? std::string() : started.error().message));
    REQUIRE(started);
    REQUIRE((*server)->baseUrl().rfind("https://", 0) == 0);
    backend::ManualClock clock(
        std::chrono::time_point_cast<backend::Millis>(std::chrono::system_clock::now()));

    auto untrusting = backend::DomifaClient::create(guichet::testing::clientConfig(**server), clock);
    REQUIRE(untrusting);
    untrusting->setPassword("s3cret-pass");
    auto refused = untrusting->login();
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == backend::ApiErrorKind::NotSent);
    CHECK((*server)->counters().requests == 0); // nothing reached the server

    auto config = guichet::testing::clientConfig(**server);
    config.caBundle = cert;
    auto trusting = backend::DomifaClient::create(config, clock);
    REQUIRE(trusting);
    guichet::testing::loginWithCode(*trusting, **server);
    CHECK(trusting->usager(1).has_value() == false); // no usager seeded: a 400, but over verified TLS
    CHECK((*server)->counters().requests >= 3);
    (*server)->stop();
    std::filesystem::remove_all(dir);
}
