#include "CardFixtures.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace guichet::cards;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    explicit TempDir(const std::string& name) {
        path = fs::temp_directory_path() / ("guichet-keys-" + std::to_string(::getpid()) + "-" + name);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

unsigned modeOf(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 0777u;
}

} // namespace

TEST_CASE("key files round trip, the secret one private and never overwritten", "[cards][keys]") {
    TempDir dir("roundtrip");
    const SecretKey key = SecretKey::generate();
    const fs::path secret = dir.path / "card.key", pub = dir.path / "card.pub";
    REQUIRE(writeSecretKeyFile(key, secret).has_value());
    REQUIRE(writePublicKeyFile(key.publicKey(), pub).has_value());
    CHECK(modeOf(secret) == 0600u);

    const auto readBack = readSecretKeyFile(secret);
    REQUIRE(readBack.has_value());
    CHECK(readBack->publicKey() == key.publicKey());
    const auto readPub = readPublicKeyFile(pub);
    REQUIRE(readPub.has_value());
    CHECK(*readPub == key.publicKey());
    const std::vector<std::uint8_t> message{1, 2, 3};
    CHECK(verifySignature(*readPub, message, readBack->sign(message)));

    const auto again = writeSecretKeyFile(SecretKey::generate(), secret);
    REQUIRE_FALSE(again.has_value());
    CHECK(again.error().message.find(secret.string()) != std::string::npos);
    CHECK(readSecretKeyFile(secret)->publicKey() == key.publicKey());
}

TEST_CASE("unsafe or wrong key files are refused with the file named", "[cards][keys]") {
    TempDir dir("unsafe");
    const SecretKey key = SecretKey::generate();
    const fs::path secret = dir.path / "card.key";
    REQUIRE(writeSecretKeyFile(key, secret).has_value());
    ::chmod(secret.c_str(), 0644);
    const auto open = readSecretKeyFile(secret);
    REQUIRE_FALSE(open.has_value());
    CHECK(open.error().message.find("other users") != std::string::npos);

    CHECK_FALSE(readSecretKeyFile(dir.path / "missing.key").has_value());
    CHECK_FALSE(readPublicKeyFile(dir.path / "missing.pub").has_value());

    // A secret key file given as public key, and a damaged public key.
    ::chmod(secret.c_str(), 0600);
    CHECK_FALSE(readPublicKeyFile(secret).has_value());
    const fs::path bad = dir.path / "bad.pub";
    std::ofstream(bad) << "guichet-card-public-key ed25519 v1\nzz\n";
    const auto damaged = readPublicKeyFile(bad);
    REQUIRE_FALSE(damaged.has_value());
    CHECK(damaged.error().message.find("bad.pub") != std::string::npos);
}

TEST_CASE("the same seed gives the same key, hex round trips", "[cards][keys]") {
    const SecretKey a = guichet::cards::testing::keyFromByte(5), b = guichet::cards::testing::keyFromByte(5);
    CHECK(a.publicKey() == b.publicKey());
    CHECK_FALSE(a.publicKey() == guichet::cards::testing::keyFromByte(6).publicKey());
    CHECK(PublicKey::fromHex(a.publicKey().hex()) == a.publicKey());
    CHECK_FALSE(PublicKey::fromHex("abc").has_value());
    CHECK_FALSE(PublicKey::fromHex(std::string(64, 'g')).has_value());
}
