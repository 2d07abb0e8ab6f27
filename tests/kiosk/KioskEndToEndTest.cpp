// End to end without a window: a printed card's image → the camera twin (720p frames on disk, read
// by OpenCvCamera) → the kiosk's camera worker decodes it → the store worker records the visit →
// the state machine shows YourMail. The `visite` is recorded once even when the card is shown
// again; the ticket goes to the printer twin (a file) with its number and counts and no name.
#include "KioskWorker.hpp"
#include "guichet/cards/CardRender.hpp"
#include "guichet/cards/Keys.hpp"
#include "guichet/cards/Token.hpp"
#include "guichet/hardware/EscPos.hpp"
#include "guichet/hardware/EspeakSpeech.hpp"
#include "guichet/hardware/OpenCvCamera.hpp"
#include "guichet/kiosk/Spoken.hpp"
#include "guichet/store/Store.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace guichet;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

struct Folder {
    fs::path path = fs::temp_directory_path() / ("guichet-kiosk-e2e-" + std::to_string(::getpid()));
    Folder() {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~Folder() { fs::remove_all(path); }
};

std::string slurp(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Steps the machine with what the workers post until `until` or the deadline; carries out intents.
kiosk::Session runUntil(kioskapp::KioskWorker& worker, kiosk::Session session, kiosk::State until,
                        const kiosk::MachineSettings& settings, hardware::RecordingSpeech& speech) {
    const auto start = std::chrono::steady_clock::now();
    kiosk::Millis now{1'000};
    while (session.state != until && std::chrono::steady_clock::now() - start < 60s) {
        for (const kiosk::Input& input : worker.waitForInputs(200ms)) {
            now += 10ms;
            const kiosk::Step next = kiosk::step(session, input, now, settings);
            session = next.session;
            for (const kiosk::Intent& intent : next.intents) {
                if (std::holds_alternative<kiosk::Speak>(intent))
                    REQUIRE(speech.say(kiosk::spokenText(session, settings), "fr"));
                else if (!std::holds_alternative<kiosk::Cleared>(intent))
                    worker.post(intent);
            }
        }
    }
    return session;
}

} // namespace

TEST_CASE("a card shown to the camera twin records one visit and shows the person's mail") {
    Folder folder;
    const fs::path db = folder.path / "guichet.db";
    auto store = store::Store::open(db.string());
    REQUIRE(store);
    Dossier d;
    d.ref = 1136;
    d.nom = "ZZNOMPRIVE";
    d.prenom = "Zzprenom";
    d.statut = Statut::Valide;
    d.dateFin = Date{std::chrono::year{2099}, std::chrono::month{1}, std::chrono::day{1}};
    d.pending = {2, 0, 0}; // as DomiFa last said
    REQUIRE(store->upsertDossiers({d}));
    REQUIRE(store->setSetting("structure.id", "S1"));

    const cards::SecretKey key = cards::SecretKey::generate();
    REQUIRE(cards::writePublicKeyFile(key.publicKey(), folder.path / "card.pub"));
    const Date today = dateOf(guichet::now());
    REQUIRE(store->saveCard(Card{"S1", 1136, 1, today, false}));
    auto token = cards::issueToken({"S1", 1136, 1, today}, key);
    REQUIRE(token);
    REQUIRE(cards::writeCard({*token, "", "CCAS", today, "1234 5678 9012"}, folder.path / "card.png"));
    auto pattern = hardware::writeCameraTwin((folder.path / "card.png").string(),
                                             (folder.path / "twin").string(), 1280, 720, 30);
    REQUIRE(pattern);

    hardware::CameraSettings cs;
    cs.source = *pattern;
    cs.width = 1280;
    cs.height = 720;
    cs.fps = 15;
    hardware::OpenCvCamera camera(cs);
    hardware::EscPosPrinter printer((folder.path / "tickets.escpos").string());
    hardware::RecordingSpeech speech;
    kioskapp::WorkerOptions options;
    options.dbPath = db.string();
    options.repeatAfter = 1s; // shown again a second later: the visit must still be one
    kioskapp::KioskWorker worker(options, &camera, &printer, nullptr);
    worker.start();

    const kiosk::MachineSettings settings;
    kiosk::Session session = kiosk::startSession(settings, kiosk::Millis{1'000});
    session = runUntil(worker, session, kiosk::State::YourMail, settings, speech);
    REQUIRE(session.state == kiosk::State::YourMail);
    REQUIRE(session.person);
    CHECK(session.person->dossier == 1136);
    CHECK(session.person->counts.courrier == 2);

    // The person finishes; the card is still in front of the camera and read again: same visit.
    session =
        kiosk::step(session, kiosk::Press{kiosk::Button::Finish}, kiosk::Millis{2'000}, settings).session;
    session = runUntil(worker, session, kiosk::State::YourMail, settings, speech);
    REQUIRE(session.state == kiosk::State::YourMail);
    // The ticket, printed by the twin.
    kiosk::Step ask =
        kiosk::step(session, kiosk::Press{kiosk::Button::AskForMail}, kiosk::Millis{3'000}, settings);
    for (const kiosk::Intent& intent : ask.intents)
        if (!std::holds_alternative<kiosk::Speak>(intent)) worker.post(intent);
    session = ask.session;
    const auto start = std::chrono::steady_clock::now();
    while (!session.ticketNumber && std::chrono::steady_clock::now() - start < 20s)
        for (const kiosk::Input& input : worker.waitForInputs(200ms))
            session = kiosk::step(session, input, kiosk::Millis{3'100}, settings).session;
    worker.stop();

    REQUIRE(session.ticketNumber == 1);
    CHECK(session.ticketPrinted);
    auto visits = store->eventsCreated(EventType::Visite, guichet::now() - 1h, guichet::now() + 1h, 1136);
    REQUIRE(visits);
    CHECK(visits->size() == 1);

    const std::string bytes = slurp(folder.path / "tickets.escpos");
    CHECK(bytes.rfind("\x1B\x40", 0) == 0);                // ESC @: initialise
    CHECK(bytes.find("Lettres : 2") != std::string::npos); // the counts
    CHECK(bytes.find('1') != std::string::npos);           // the number
    CHECK(bytes.find("ZZNOMPRIVE") == std::string::npos);  // no name
    CHECK(bytes.find("Zzprenom") == std::string::npos);
    CHECK(bytes.find("1136") == std::string::npos);     // no dossier ref either
    CHECK(bytes.find("\x1D\x56") != std::string::npos); // GS V: the cut
}
