#pragma once
// The structure's Ed25519 key pair for signing cards (libsodium). The desk holds the secret key;
// a kiosk needs only the public key.
//
// Key files are text: a header line naming the kind of key, then the key in hex.
//   secret: "guichet-card-secret-key ed25519 v1" + the 32-byte seed; created with mode 0600 and
//           refused on reading when group or others may read it (like ssh).
//   public: "guichet-card-public-key ed25519 v1" + the 32-byte public key.
// Errors are values naming the file and the cause. Thread-safe: no shared state.

#include "guichet/core/Result.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace guichet::cards {

struct PublicKey {
    std::array<std::uint8_t, 32> bytes{};

    std::string hex() const;
    static std::optional<PublicKey> fromHex(std::string_view hex);
    bool operator==(const PublicKey&) const = default;
};

/// An Ed25519 secret key held in memory that is wiped when released. Move-only.
class SecretKey {
public:
    /// A new random key.
    static SecretKey generate();
    /// The key derived from a 32-byte seed (what the key file stores).
    static SecretKey fromSeed(std::span<const std::uint8_t, 32> seed);

    SecretKey(SecretKey&&) noexcept = default;
    SecretKey& operator=(SecretKey&&) noexcept = default;
    ~SecretKey();

    PublicKey publicKey() const;
    /// Ed25519 signature (64 bytes) of `message`.
    std::array<std::uint8_t, 64> sign(std::span<const std::uint8_t> message) const;

private:
    struct Material; // seed and libsodium's 64-byte secret key
    struct Wipe {
        void operator()(Material* material) const noexcept;
    };
    explicit SecretKey(std::unique_ptr<Material, Wipe> material);
    std::unique_ptr<Material, Wipe> material_;

    friend Result<void> writeSecretKeyFile(const SecretKey&, const std::filesystem::path&);
};

/// True when `signature` is a valid Ed25519 signature of `message` by `key`.
bool verifySignature(const PublicKey& key, std::span<const std::uint8_t> message,
                     std::span<const std::uint8_t, 64> signature);

/// Writes the secret key file, created with mode 0600. Fails if the file already exists (a key is
/// never overwritten silently: every card signed with it would become unverifiable).
Result<void> writeSecretKeyFile(const SecretKey& key, const std::filesystem::path& path);
/// Writes (or replaces) the public key file, mode 0644.
Result<void> writePublicKeyFile(const PublicKey& key, const std::filesystem::path& path);

/// Reads a secret key file; refuses one that group or others can read.
Result<SecretKey> readSecretKeyFile(const std::filesystem::path& path);
Result<PublicKey> readPublicKeyFile(const std::filesystem::path& path);

} // namespace guichet::cards
