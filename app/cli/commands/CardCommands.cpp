// guichet keys init / card issue / card revoke / card verify / decode: QR cards and the barcode
// reader from the terminal. Key files live next to the store unless told otherwise.
#include "commands/Commands.hpp"
#include "guichet/cards/CardRender.hpp"
#include "guichet/cards/Keys.hpp"
#include "guichet/cards/Verifier.hpp"
#include "guichet/codes/Codes.hpp"
#include "guichet/codes/ImageFile.hpp"
#include "guichet/desk/Cards.hpp"
#include "guichet/desk/Visits.hpp"
#include "guichet/store/Store.hpp"

#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

namespace guichet::app {

namespace fs = std::filesystem;

namespace {

constexpr const char* kDefaultStructureId = "1";
constexpr const char* kDefaultStructureName = "Structure de domiciliation";
constexpr const char* kStructureIdSetting = "structure.id";
constexpr const char* kStructureNameSetting = "structure.name";

/// Options shared by the card commands; empty values mean "the default".
struct CardOptions {
    std::string secretKey;     ///< default: <store folder>/card.key
    std::string publicKey;     ///< default: <store folder>/card.pub
    std::string structureId;   ///< default: the store's setting, else "1"
    std::string structureName; ///< default: the store's setting, else a generic name
};

fs::path storeFolder(const Context& context) {
    const fs::path parent = fs::path(context.dbPath).parent_path();
    return parent.empty() ? fs::path(".") : parent;
}

fs::path secretKeyPath(const Context& context, const CardOptions& o) {
    return o.secretKey.empty() ? storeFolder(context) / "card.key" : fs::path(o.secretKey);
}

fs::path publicKeyPath(const Context& context, const CardOptions& o) {
    return o.publicKey.empty() ? storeFolder(context) / "card.pub" : fs::path(o.publicKey);
}

std::string settingOr(store::Store& store, const std::string& given, const char* key, const char* fallback) {
    if (!given.empty()) return given;
    auto value = store.setting(key);
    if (value && value->has_value() && !(*value)->empty()) return **value;
    return fallback;
}

int fail(const std::string& message) {
    std::fprintf(stderr, "guichet: %s\n", message.c_str());
    return 2;
}

using desk::StoreCardRecords;

std::vector<DossierRef> parseRefs(const std::vector<std::string>& texts, std::string& error) {
    std::vector<DossierRef> refs;
    for (const std::string& text : texts) {
        std::size_t start = 0;
        while (start <= text.size()) {
            const std::size_t comma = text.find(',', start);
            const std::string item =
                text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            try {
                std::size_t used = 0;
                const long long ref = std::stoll(item, &used);
                if (used != item.size() || ref < 0) throw std::invalid_argument(item);
                refs.push_back(ref);
            } catch (const std::exception&) {
                error = "not a dossier ref: '" + item + "'";
                return {};
            }
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }
    return refs;
}

int runKeysInit(const Context& context, const CardOptions& o) {
    auto store = openStore(context.dbPath);
    if (!store) return fail(store.error().message);
    const fs::path secretPath = secretKeyPath(context, o), publicPath = publicKeyPath(context, o);
    const cards::SecretKey key = cards::SecretKey::generate();
    if (auto written = cards::writeSecretKeyFile(key, secretPath); !written)
        return fail(written.error().message + " (keys already initialised? a key is never replaced)");
    if (auto written = cards::writePublicKeyFile(key.publicKey(), publicPath); !written)
        return fail(written.error().message);
    if (!o.structureId.empty()) (void)store->setSetting(kStructureIdSetting, o.structureId);
    if (!o.structureName.empty()) (void)store->setSetting(kStructureNameSetting, o.structureName);
    (void)store->audit("desk", "keys.created", "key:" + key.publicKey().hex().substr(0, 16));
    std::printf("secret key: %s (mode 0600: keep it on the desk computer only)\n", secretPath.c_str());
    std::printf("public key: %s (copy it to every kiosk)\n", publicPath.c_str());
    std::printf("structure:  %s\n",
                settingOr(*store, o.structureId, kStructureIdSetting, kDefaultStructureId).c_str());
    return 0;
}

struct IssueArgs {
    std::vector<std::string> dossiers;
    std::string out;
    bool sheet = false;
    int dpi = 300;
};

int runCardIssue(const Context& context, const CardOptions& o, const IssueArgs& args) {
    std::string error;
    const std::vector<DossierRef> refs = parseRefs(args.dossiers, error);
    if (refs.empty()) return fail(error.empty() ? "card issue: give --dossier REF" : "card issue: " + error);
    if (!cards::outputKindOf(args.out)) return fail("card issue: --out must name a .png or .pdf file");
    auto store = openStore(context.dbPath);
    if (!store) return fail(store.error().message);
    const fs::path secretPath = secretKeyPath(context, o);
    auto key = cards::readSecretKeyFile(secretPath);
    if (!key) {
        // `keys init` only helps when there is no key yet; it never replaces one.
        std::error_code ec;
        if (!fs::exists(secretPath, ec))
            return fail(key.error().message + " (run `guichet keys init` first)");
        return fail(key.error().message);
    }
    const std::string structureId =
        settingOr(*store, o.structureId, kStructureIdSetting, kDefaultStructureId);
    const std::string structureName =
        settingOr(*store, o.structureName, kStructureNameSetting, kDefaultStructureName);
    // All cards or none: the serials are saved in one transaction, and only after the files are
    // written, so a failed print does not invalidate a card the person still holds.
    SystemClock clock;
    desk::Cards flow(*store, clock);
    auto prepared = flow.prepare(refs, *key, structureId, structureName);
    if (!prepared) return fail("card issue: " + prepared.error().message);
    const auto& faces = prepared->faces;
    const bool sheet = args.sheet || faces.size() > 1;
    const auto written = sheet ? cards::writeCardSheet(faces, args.out, args.dpi)
                               : cards::writeCard(faces[0], args.out, args.dpi);
    if (!written) return fail(written.error().message);
    if (auto saved = flow.commit(*prepared, context.staff); !saved) {
        std::error_code ignored;
        fs::remove(args.out, ignored);
        return fail(saved.error().message);
    }
    const auto& issued = prepared->records;
    for (const Card& card : issued)
        std::printf("dossier %lld: card serial %d issued %s%s\n", static_cast<long long>(card.dossier),
                    card.serial, formatDate(card.issued).c_str(),
                    card.serial > 1 ? " (older cards now refused)" : "");
    std::printf("%s: %zu card%s\n", args.out.c_str(), issued.size(), issued.size() > 1 ? "s" : "");
    return 0;
}

int runCardRevoke(const Context& context, const CardOptions& o, const std::vector<std::string>& dossiers) {
    std::string error;
    const std::vector<DossierRef> refs = parseRefs(dossiers, error);
    if (refs.empty())
        return fail(error.empty() ? "card revoke: give --dossier REF" : "card revoke: " + error);
    auto store = openStore(context.dbPath);
    if (!store) return fail(store.error().message);
    const std::string structureId =
        settingOr(*store, o.structureId, kStructureIdSetting, kDefaultStructureId);
    for (DossierRef ref : refs) {
        auto card = store->findCard(structureId, ref);
        if (!card) return fail(card.error().message);
        if (!card->has_value())
            return fail("card revoke: no card was issued for dossier " + std::to_string(ref));
        if ((*card)->revoked) {
            std::printf("dossier %lld: card serial %d was already revoked\n", static_cast<long long>(ref),
                        (*card)->serial);
            continue;
        }
        SystemClock clock;
        if (auto r = desk::Cards(*store, clock).revoke(ref, structureId, context.staff); !r)
            return fail(r.error().message);
        const Card revoked = **card;
        std::printf("dossier %lld: card serial %d revoked\n", static_cast<long long>(ref), revoked.serial);
    }
    return 0;
}

struct VerifyArgs {
    std::string input;
    int validityDays = 365;
    bool json = false;
};

void printVerdict(const cards::Verdict& v, bool json, const std::string& source) {
    if (json) {
        nlohmann::json line{{"source", source},
                            {"accepted", v.accepted()},
                            {"reason", cards::reasonCode(v.reason)},
                            {"staff", cards::staffMessage(v.reason)},
                            {"person", cards::personMessage(v.reason)},
                            {"detail", v.detail}};
        if (v.claim) {
            line["dossier"] = v.claim->dossier;
            line["serial"] = v.claim->serial;
            line["issued"] = formatDate(v.claim->issued);
        }
        std::cout << line.dump() << std::endl;
        return;
    }
    std::printf("%s: %s — %s\n  %s\n  person sees: %s\n", source.c_str(),
                v.accepted() ? "ACCEPTED" : "REFUSED", cards::reasonCode(v.reason),
                cards::staffMessage(v.reason), cards::personMessage(v.reason));
    if (!v.detail.empty()) std::printf("  detail: %s\n", v.detail.c_str());
}

int runCardVerify(const Context& context, const CardOptions& o, const VerifyArgs& args) {
    // -1 once made every card valid forever.
    if (args.validityDays <= 0)
        return fail("card verify: --validity-days must be a number of days of 1 or more (given " +
                    std::to_string(args.validityDays) + ")");
    auto store = openStore(context.dbPath);
    if (!store) return fail(store.error().message);
    auto publicKey = cards::readPublicKeyFile(publicKeyPath(context, o));
    if (!publicKey) return fail(publicKey.error().message);
    const cards::VerifyPolicy policy{
        settingOr(*store, o.structureId, kStructureIdSetting, kDefaultStructureId), *publicKey, dateOf(now()),
        args.validityDays, 1};
    const StoreCardRecords records(*store);

    std::vector<std::pair<std::string, std::string>> tokens; // source, text
    std::error_code ec;
    if (fs::is_regular_file(args.input, ec)) {
        auto texts = codesInPhoto(args.input);
        if (!texts) return fail(texts.error().message);
        for (const std::string& text : *texts)
            tokens.emplace_back(args.input, text);
        if (tokens.empty()) {
            if (args.json)
                std::cout << nlohmann::json{{"source", args.input},
                                            {"accepted", false},
                                            {"reason", "no-code"}}
                                 .dump()
                          << std::endl;
            else
                std::printf("%s: no QR code found\n", args.input.c_str());
            return 1;
        }
    } else {
        std::string text = args.input;
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
            text.pop_back();
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
            text.erase(text.begin());
        tokens.emplace_back("token", text);
    }
    bool anyAccepted = false;
    for (const auto& [source, text] : tokens) {
        const cards::Verdict verdict = cards::verifyToken(text, policy, records);
        anyAccepted = anyAccepted || verdict.accepted();
        (void)store->audit(
            "kiosk",
            verdict.accepted() ? "card.accepted"
                               : std::string("card.refused.") + cards::reasonCode(verdict.reason),
            verdict.claim ? "dossier:" + std::to_string(verdict.claim->dossier) : std::string("unknown"));
        printVerdict(verdict, args.json, source);
    }
    return anyAccepted ? 0 : 1;
}

struct DecodeArgs {
    std::vector<std::string> images;
    std::string formats = "qrcode";
    std::string effort = "camera";
    bool json = false;
};

int runDecode(const DecodeArgs& args) {
    const auto formats = codes::parseFormats(args.formats);
    if (!formats)
        return fail("decode: unknown format in '" + args.formats + "' (e.g. qrcode,datamatrix,code128)");
    codes::DecodeOptions options;
    options.formats = *formats;
    if (args.effort == "thorough")
        options.effort = codes::Effort::Thorough;
    else if (args.effort != "camera")
        return fail("decode: --effort is camera or thorough");
    int status = 0;
    for (const std::string& path : args.images) {
        auto image = codes::readImageFile(path);
        if (!image) {
            status = 2;
            if (args.json)
                std::cout << nlohmann::json{{"image", path}, {"error", image.error().message}}.dump()
                          << std::endl;
            else
                std::fprintf(stderr, "%s: error: %s\n", path.c_str(), image.error().message.c_str());
            continue;
        }
        const auto start = std::chrono::steady_clock::now();
        const std::vector<codes::Code> found = codes::decodeCodes(image->view(), options);
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (found.empty() && status == 0) status = 1;
        if (args.json) {
            nlohmann::json line{
                {"image", path}, {"text", nullptr}, {"format", nullptr}, {"ms", std::round(ms * 100) / 100}};
            if (!found.empty()) {
                line["text"] = found[0].text;
                line["format"] = codes::toString(found[0].format);
            }
            if (found.size() > 1) {
                nlohmann::json more = nlohmann::json::array();
                for (std::size_t i = 1; i < found.size(); ++i)
                    more.push_back({{"text", found[i].text}, {"format", codes::toString(found[i].format)}});
                line["more"] = more;
            }
            std::cout << line.dump() << std::endl;
        } else if (found.empty()) {
            std::printf("%s: no code (%.1f ms)\n", path.c_str(), ms);
        } else {
            for (const codes::Code& code : found)
                std::printf("%s: %s %s (%.1f ms)\n", path.c_str(), codes::toString(code.format),
                            code.text.c_str(), ms);
        }
    }
    return status;
}

/// One line of the demo: the verdict on a token, as the kiosk would decide it.
void demoVerdict(const char* what, const std::string& token, const cards::VerifyPolicy& policy,
                 const cards::CardRecords& records) {
    const cards::Verdict v = cards::verifyToken(token, policy, records);
    std::printf("  %-34s %s (%s)\n", what, v.accepted() ? "ACCEPTED" : "refused",
                cards::reasonCode(v.reason));
}

void addCardOptions(CLI::App* command, CardOptions& o, bool secret, bool structureName) {
    if (secret)
        command->add_option("--key", o.secretKey, "Secret key file (default: card.key next to the store)");
    command->add_option("--pub", o.publicKey, "Public key file (default: card.pub next to the store)");
    command->add_option("--structure-id", o.structureId,
                        "Structure id (default: the store's setting, else 1)");
    if (structureName)
        command->add_option("--structure-name", o.structureName,
                            "Structure name printed on cards (default: the store's setting)");
}

} // namespace

int runCardDemo(const Context& context) {
    std::printf("\n--- QR cards ---\n");
    auto store = openStore(context.dbPath);
    if (!store) return fail(store.error().message);
    auto dossiers = store->loadDossiers();
    if (!dossiers) return fail(dossiers.error().message);
    if (dossiers->size() < 2) return fail("card demo: the demo store holds fewer than 2 dossiers");
    const DossierRef ref = (*dossiers)[0].ref;
    const fs::path folder = storeFolder(context);
    CardOptions options;
    options.structureId = "1234";
    options.structureName = "CCAS de démonstration";
    if (int status = runKeysInit(context, options); status != 0) return status;

    const std::string card = (folder / ("card-" + std::to_string(ref) + ".png")).string();
    std::vector<std::string> refs;
    for (std::size_t i = 0; i < std::min<std::size_t>(4, dossiers->size()); ++i)
        refs.push_back(std::to_string((*dossiers)[i].ref));
    if (int status = runCardIssue(context, options, {{std::to_string(ref)}, card, false, 300}); status != 0)
        return status;

    // The kiosk's view: read the printed card as a camera would see it, then check it.
    auto image = codes::readImageFile(card);
    if (!image) return fail(image.error().message);
    const auto start = std::chrono::steady_clock::now();
    const auto found = codes::decodeCodes(image->view());
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (found.empty()) return fail("card demo: the printed card does not read back");
    const std::string first = found[0].text;
    std::printf("kiosk read the card in %.1f ms: %zu-character token, QR version %d\n", ms, first.size(),
                codes::encodeQr(first, codes::QrErrorCorrection::M)->qrVersion());
    auto publicKey = cards::readPublicKeyFile(publicKeyPath(context, options));
    if (!publicKey) return fail(publicKey.error().message);
    const cards::VerifyPolicy policy{"1234", *publicKey, dateOf(now()), 365, 1};
    const StoreCardRecords records(*store);
    demoVerdict("the card as printed:", first, policy, records);
    std::string altered = first;
    altered[40] = altered[40] == 'A' ? 'B' : 'A';
    demoVerdict("one character altered:", altered, policy, records);

    if (int status = runCardRevoke(context, options, {std::to_string(ref)}); status != 0) return status;
    demoVerdict("after revocation:", first, policy, records);
    const std::string sheet = (folder / "cards-sheet.pdf").string();
    if (int status = runCardIssue(context, options, {refs, sheet, true, 300}); status != 0) return status;
    demoVerdict("old card, after a new one:", first, policy, records);
    std::printf("printed: %s (one card), %s (A4 sheet)\n", card.c_str(), sheet.c_str());
    return 0;
}

void registerCardCommands(CLI::App& app, Context& context) {
    auto options = std::make_shared<CardOptions>();

    auto* keys = app.add_subcommand("keys", "The structure's card signing keys");
    keys->require_subcommand(1);
    auto* init =
        keys->add_subcommand("init", "Create the key pair (secret key 0600, public key for the kiosks)");
    addCardOptions(init, *options, true, true);
    init->callback([&context, options] {
        context.run = [&context, options] { return runKeysInit(context, *options); };
    });

    auto* card = app.add_subcommand("card", "QR cards: issue, revoke, verify");
    card->require_subcommand(1);

    auto issueArgs = std::make_shared<IssueArgs>();
    auto* issue =
        card->add_subcommand("issue", "Print a new card (bumps the serial: older cards are refused)");
    issue
        ->add_option("--dossier", issueArgs->dossiers,
                     "Dossier ref(s); several (or REF,REF) make an A4 sheet")
        ->required();
    issue->add_option("--out", issueArgs->out, "Output file, .png or .pdf")->required();
    issue->add_flag("--sheet", issueArgs->sheet, "A4 sheet of cards even for one dossier");
    issue->add_option("--dpi", issueArgs->dpi, "Resolution of PNG output")->capture_default_str();
    addCardOptions(issue, *options, true, true);
    issue->callback([&context, options, issueArgs] {
        context.run = [&context, options, issueArgs] { return runCardIssue(context, *options, *issueArgs); };
    });

    auto revokeRefs = std::make_shared<std::vector<std::string>>();
    auto* revoke = card->add_subcommand("revoke", "Revoke the current card of a dossier (lost or stolen)");
    revoke->add_option("--dossier", *revokeRefs, "Dossier ref(s)")->required();
    addCardOptions(revoke, *options, false, false);
    revoke->callback([&context, options, revokeRefs] {
        context.run = [&context, options, revokeRefs] {
            return runCardRevoke(context, *options, *revokeRefs);
        };
    });

    auto verifyArgs = std::make_shared<VerifyArgs>();
    auto* verify =
        card->add_subcommand("verify", "Check a card from a photo or its token text; exit 0 when accepted");
    verify->add_option("input", verifyArgs->input, "Image file, or the token text")->required();
    verify->add_option("--validity-days", verifyArgs->validityDays, "Card validity in days (1 or more)")
        ->capture_default_str();
    verify->add_flag("--json", verifyArgs->json, "One JSON line per card");
    addCardOptions(verify, *options, false, false);
    verify->callback([&context, options, verifyArgs] {
        context.run = [&context, options, verifyArgs] {
            return runCardVerify(context, *options, *verifyArgs);
        };
    });

    auto decodeArgs = std::make_shared<DecodeArgs>();
    auto* decode =
        app.add_subcommand("decode", "Read barcodes and QR codes in images (exit 0: all read, 1: some "
                                     "without code, 2: some unreadable files)");
    decode->add_option("images", decodeArgs->images, "Image files")->required();
    decode
        ->add_option("--formats", decodeArgs->formats,
                     "Comma-separated: qrcode,datamatrix,code128,code39,aztec,pdf417...")
        ->capture_default_str();
    decode->add_option("--effort", decodeArgs->effort, "camera (fast) or thorough")->capture_default_str();
    decode->add_flag("--json", decodeArgs->json, "One JSON line per image: image, text, format, ms");
    decode->callback(
        [&context, decodeArgs] { context.run = [decodeArgs] { return runDecode(*decodeArgs); }; });
}

} // namespace guichet::app
