#include "guichet/desk/CardSetup.hpp"

#include <filesystem>

namespace guichet::desk {

namespace fs = std::filesystem;

namespace {

constexpr const char* kDefaultStructureId = "1";
constexpr const char* kDefaultStructureName = "Structure de domiciliation";

fs::path folderOf(const std::string& dbPath) {
    const fs::path parent = fs::path(dbPath).parent_path();
    return parent.empty() ? fs::path(".") : parent;
}

std::string settingOr(store::Store& store, const char* key, const char* fallback) {
    auto value = store.setting(key);
    if (value && value->has_value() && !(*value)->empty()) return **value;
    return fallback;
}

} // namespace

CardSetup resolveCardSetup(store::Store& store, const std::string& dbPath, CardSetup given) {
    const fs::path folder = folderOf(dbPath);
    if (given.secretKey.empty()) given.secretKey = (folder / "card.key").string();
    if (given.publicKey.empty()) given.publicKey = (folder / "card.pub").string();
    if (given.structureId.empty())
        given.structureId = settingOr(store, kStructureIdSetting, kDefaultStructureId);
    if (given.structureName.empty())
        given.structureName = settingOr(store, kStructureNameSetting, kDefaultStructureName);
    return given;
}

Result<cards::VerifyPolicy> verifyPolicy(const CardSetup& setup, Date today) {
    // -1 once made every card valid forever.
    if (setup.validityDays <= 0)
        return Error{"the card validity must be a number of days of 1 or more (given " +
                     std::to_string(setup.validityDays) + ")"};
    auto key = cards::readPublicKeyFile(setup.publicKey);
    if (!key) return key.error();
    return cards::VerifyPolicy{setup.structureId, *key, today, setup.validityDays, 1};
}

Result<cards::SecretKey> signingKey(const CardSetup& setup) {
    auto key = cards::readSecretKeyFile(setup.secretKey);
    if (key) return key;
    // `keys init` only helps when there is no key yet; it never replaces one.
    std::error_code ec;
    if (!fs::exists(setup.secretKey, ec))
        return Error{key.error().message + " (run `guichet keys init` first)"};
    return key.error();
}

Result<cards::PublicKey> createKeys(store::Store& store, const std::string& dbPath, const CardSetup& given,
                                    const std::string& staff) {
    const CardSetup setup = resolveCardSetup(store, dbPath, given);
    const cards::SecretKey key = cards::SecretKey::generate();
    if (auto written = cards::writeSecretKeyFile(key, setup.secretKey); !written)
        return Error{written.error().message + " (keys already initialised? a key is never replaced)"};
    if (auto written = cards::writePublicKeyFile(key.publicKey(), setup.publicKey); !written)
        return written.error();
    auto saved = store.transaction([&]() -> Result<void> {
        if (!given.structureId.empty())
            if (auto r = store.setSetting(kStructureIdSetting, given.structureId); !r) return r;
        if (!given.structureName.empty())
            if (auto r = store.setSetting(kStructureNameSetting, given.structureName); !r) return r;
        return store.audit(staff, "keys.created", "key:" + key.publicKey().hex().substr(0, 16));
    });
    if (!saved) return saved.error();
    return key.publicKey();
}

} // namespace guichet::desk
