#include "guichet/cards/Keys.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sodium.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace guichet::cards {
namespace {

constexpr std::string_view kSecretHeader = "guichet-card-secret-key ed25519 v1";
constexpr std::string_view kPublicHeader = "guichet-card-public-key ed25519 v1";

// sodium_init() is idempotent and thread-safe; a failure means the process cannot get randomness.
void requireSodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string toHex(std::span<const std::uint8_t> bytes) {
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
    out.pop_back();
    return out;
}

template <std::size_t N>
std::optional<std::array<std::uint8_t, N>> fromHex(std::string_view hex) {
    if (hex.size() != 2 * N) return std::nullopt;
    std::array<std::uint8_t, N> out{};
    std::size_t written = 0;
    if (sodium_hex2bin(out.data(), N, hex.data(), hex.size(), nullptr, &written, nullptr) != 0 ||
        written != N)
        return std::nullopt;
    return out;
}

std::string errnoText() {
    return std::strerror(errno);
}

// Reads "header\nHEX\n" and returns the hex line, or an error naming the file.
Result<std::string> readKeyText(const std::filesystem::path& path, std::string_view header) {
    std::ifstream in(path);
    if (!in) return makeError("cannot read key file " + path.string() + ": " + errnoText());
    std::string first, second;
    std::getline(in, first);
    std::getline(in, second);
    if (first != header)
        return makeError("key file " + path.string() + " is not a " + std::string(header) + " file");
    while (!second.empty() && (second.back() == '\r' || second.back() == ' '))
        second.pop_back();
    return second;
}

} // namespace

struct SecretKey::Material {
    std::array<std::uint8_t, crypto_sign_SEEDBYTES> seed{};
    std::array<std::uint8_t, crypto_sign_SECRETKEYBYTES> secret{};
    std::array<std::uint8_t, crypto_sign_PUBLICKEYBYTES> publicKey{};
};

void SecretKey::Wipe::operator()(Material* material) const noexcept {
    sodium_memzero(material, sizeof(Material));
    delete material;
}

SecretKey::SecretKey(std::unique_ptr<Material, Wipe> material) : material_(std::move(material)) {}

SecretKey::~SecretKey() = default;

SecretKey SecretKey::generate() {
    requireSodium();
    std::array<std::uint8_t, 32> seed{};
    randombytes_buf(seed.data(), seed.size());
    SecretKey key = fromSeed(seed);
    sodium_memzero(seed.data(), seed.size());
    return key;
}

SecretKey SecretKey::fromSeed(std::span<const std::uint8_t, 32> seed) {
    requireSodium();
    std::unique_ptr<Material, Wipe> m(new Material);
    std::memcpy(m->seed.data(), seed.data(), seed.size());
    crypto_sign_seed_keypair(m->publicKey.data(), m->secret.data(), m->seed.data());
    return SecretKey(std::move(m));
}

PublicKey SecretKey::publicKey() const {
    if (!material_) throw std::logic_error("SecretKey used after move");
    return PublicKey{material_->publicKey};
}

std::array<std::uint8_t, 64> SecretKey::sign(std::span<const std::uint8_t> message) const {
    if (!material_) throw std::logic_error("SecretKey used after move");
    std::array<std::uint8_t, 64> signature{};
    crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(), material_->secret.data());
    return signature;
}

bool verifySignature(const PublicKey& key, std::span<const std::uint8_t> message,
                     std::span<const std::uint8_t, 64> signature) {
    requireSodium();
    return crypto_sign_verify_detached(signature.data(), message.data(), message.size(), key.bytes.data()) ==
           0;
}

std::string PublicKey::hex() const {
    return toHex(bytes);
}

std::optional<PublicKey> PublicKey::fromHex(std::string_view hex) {
    auto bytes = cards::fromHex<32>(hex);
    if (!bytes) return std::nullopt;
    return PublicKey{*bytes};
}

Result<void> writeSecretKeyFile(const SecretKey& key, const std::filesystem::path& path) {
    if (!key.material_) throw std::logic_error("SecretKey used after move");
    // O_EXCL: never replace an existing key; 0600 from creation on, never readable by others.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return makeError("cannot create secret key file " + path.string() + ": " + errnoText());
    std::string text = std::string(kSecretHeader) + "\n" + toHex(key.material_->seed) + "\n";
    const ssize_t written = ::write(fd, text.data(), text.size());
    const bool synced = ::fsync(fd) == 0;
    const bool closed = ::close(fd) == 0;
    sodium_memzero(text.data(), text.size());
    if (written != static_cast<ssize_t>(text.size()) || !synced || !closed) {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
        return makeError("cannot write secret key file " + path.string() + ": " + errnoText());
    }
    return {};
}

Result<void> writePublicKeyFile(const PublicKey& key, const std::filesystem::path& path) {
    std::ofstream out(path, std::ios::trunc);
    out << kPublicHeader << "\n" << key.hex() << "\n";
    out.close();
    if (!out) return makeError("cannot write public key file " + path.string());
    return {};
}

Result<SecretKey> readSecretKeyFile(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return makeError("cannot read secret key file " + path.string() + ": " + errnoText());
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        return makeError("secret key file " + path.string() +
                         " is accessible to other users: run `chmod 600 " + path.string() +
                         "` (keys init would not help: it never replaces a key)");
    auto hex = readKeyText(path, kSecretHeader);
    if (!hex) return hex.error();
    auto seed = fromHex<32>(*hex);
    sodium_memzero(hex->data(), hex->size());
    if (!seed) return makeError("secret key file " + path.string() + " does not hold a 32-byte hex key");
    SecretKey key = SecretKey::fromSeed(*seed);
    sodium_memzero(seed->data(), seed->size());
    return key;
}

Result<PublicKey> readPublicKeyFile(const std::filesystem::path& path) {
    auto hex = readKeyText(path, kPublicHeader);
    if (!hex) return hex.error();
    auto key = PublicKey::fromHex(*hex);
    if (!key) return makeError("public key file " + path.string() + " does not hold a 32-byte hex key");
    return *key;
}

} // namespace guichet::cards
