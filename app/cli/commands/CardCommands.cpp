// guichet keys init / card issue / card revoke / card verify / decode: QR cards and the barcode
// reader from the terminal. Key files live next to the store unless told otherwise.
#include "commands/Commands.hpp"
#include "guichet/cards/CardRender.hpp"
#include "guichet/cards/Keys.hpp"
#include "guichet/cards/Verifier.hpp"
#include "guichet/codes/Codes.hpp"
#include "guichet/codes/ImageFile.hpp"
#include "guichet/core/Text.hpp"
#include "guichet/desk/CardSetup.hpp"
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

/// The command-line spelling of a card setup: empty values mean "the default" (see CardSetup).
using CardOptions = desk::CardSetup;

int fail(const std::string& message) {
    std::fprintf(stderr, "guichet: %s\n", message.c_str());
    return 2;
}

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
    auto created = desk::createKeys(*store, context.dbPath, o, context.staff);
    if (!created) return fail(created.error().message);
    const CardOptions setup = desk::resolveCardSetup(*store, context.dbPath, o);
    std::printf("secret key: %s (mode 0600: keep it on the desk computer only)\n", setup.secretKey.c_str());
    std::printf("public key: %s (copy it to every kiosk)\n", setup.publicKey.c_str());
    std::printf("structure:  %s\n", setup.structureId.c_str());
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
    const CardOptions setup = desk::resolveCardSetup(*store, context.dbPath, o);
    auto key = desk::signingKey(setup);
    if (!key) return fail(key.error().message);
    // All cards or none: the serials are saved in one transaction, and only after the files are
    // written, so a failed print does not invalidate a card the person still holds.
    SystemClock clock;
    desk::Cards flow(*store, clock);
    auto prepared = flow.prepare(refs, *key, setup.structureId, setup.structureName);
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
    const CardOptions setup = desk::resolveCardSetup(*store, context.dbPath, o);
    SystemClock clock;
    desk::Cards flow(*store, clock);
    for (DossierRef ref : refs) {
        auto revoked = flow.revoke(ref, setup.structureId, context.staff);
        if (!revoked) return fail("card revoke: " + revoked.error().message);
        std::printf("dossier %lld: card serial %d %s\n", static_cast<long long>(ref), revoked->card.serial,
                    revoked->already ? "was already revoked" : "revoked");
    }
    return 0;
}

struct VerifyArgs {
    std::string input;
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

/// The tokens to check: the QR codes of a photo, or the token text itself.
Result<std::vector<std::pair<std::string, std::string>>> tokensOf(const std::string& input) {
    std::vector<std::pair<std::string, std::string>> tokens; // source, text
    std::error_code ec;
    if (!fs::is_regular_file(input, ec)) {
        tokens.emplace_back("token", std::string(trim(input)));
        return tokens;
    }
    auto texts = codesInPhoto(input);
    if (!texts) return texts.error();
    for (const std::string& text : *texts)
        tokens.emplace_back(input, text);
    return tokens;
}

int runCardVerify(const Context& context, const CardOptions& o, const VerifyArgs& args) {
    // -1 once made every card valid forever: refused before anything is read.
    if (o.validityDays <= 0)
        return fail("card verify: --validity-days must be a number of days of 1 or more (given " +
                    std::to_string(o.validityDays) + ")");
    auto store = openStore(context.dbPath);
    if (!store) return fail(store.error().message);
    auto policy = desk::verifyPolicy(desk::resolveCardSetup(*store, context.dbPath, o), dateOf(now()));
    if (!policy) return fail("card verify: " + policy.error().message);
    auto tokens = tokensOf(args.input);
    if (!tokens) return fail(tokens.error().message);
    if (tokens->empty()) {
        if (args.json)
            std::cout
                << nlohmann::json{{"source", args.input}, {"accepted", false}, {"reason", "no-code"}}.dump()
                << std::endl;
        else
            std::printf("%s: no QR code found\n", args.input.c_str());
        return 1;
    }
    SystemClock clock;
    desk::Cards flow(*store, clock);
    bool anyAccepted = false;
    for (const auto& [source, text] : *tokens) {
        auto verdict = flow.check(text, *policy, "kiosk");
        if (!verdict) return fail(verdict.error().message);
        anyAccepted = anyAccepted || verdict->accepted();
        printVerdict(*verdict, args.json, source);
    }
    return anyAccepted ? 0 : 1;
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
    const fs::path folder = fs::path(desk::resolveCardSetup(*store, context.dbPath).publicKey).parent_path();
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
    auto policy = desk::verifyPolicy(desk::resolveCardSetup(*store, context.dbPath, options), dateOf(now()));
    if (!policy) return fail(policy.error().message);
    const desk::StoreCardRecords records(*store);
    demoVerdict("the card as printed:", first, *policy, records);
    std::string altered = first;
    altered[40] = altered[40] == 'A' ? 'B' : 'A';
    demoVerdict("one character altered:", altered, *policy, records);

    if (int status = runCardRevoke(context, options, {std::to_string(ref)}); status != 0) return status;
    demoVerdict("after revocation:", first, *policy, records);
    const std::string sheet = (folder / "cards-sheet.pdf").string();
    if (int status = runCardIssue(context, options, {refs, sheet, true, 300}); status != 0) return status;
    demoVerdict("old card, after a new one:", first, *policy, records);
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
    verify->add_option("--validity-days", options->validityDays, "Card validity in days (1 or more)")
        ->capture_default_str();
    verify->add_flag("--json", verifyArgs->json, "One JSON line per card");
    addCardOptions(verify, *options, false, false);
    verify->callback([&context, options, verifyArgs] {
        context.run = [&context, options, verifyArgs] {
            return runCardVerify(context, *options, *verifyArgs);
        };
    });
}

} // namespace guichet::app
