// The kiosk end to end to the stand-in DomiFa: a card image shown twice to the camera twin becomes
// one `visite` interaction at the backend (the DomiFa "last visit" that keeps the person's
// domiciliation alive), pushed by the sync engine from the outbox the kiosk wrote.
#include "../backend-client/Harness.hpp"
#include "KioskWorker.hpp"
#include "guichet/cards/CardRender.hpp"
#include "guichet/cards/Keys.hpp"
#include "guichet/cards/Token.hpp"
#include "guichet/hardware/OpenCvCamera.hpp"
#include "guichet/sim/Seed.hpp"

#include <filesystem>
#include <unistd.h>

using namespace guichet;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

TEST_CASE("a card shown to the kiosk twice becomes one visite at the stand-in DomiFa") {
    const fs::path folder =
        fs::temp_directory_path() / ("guichet-kiosk-uplink-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    fs::create_directories(folder);
    const fs::path db = folder / "guichet.db";
    {
        testing::Harness h(3, testing::simOptions(), db.string());
        Dossier person;
        person.ref = 5001;
        person.nom = "NOM";
        person.prenom = "Prenom";
        person.statut = Statut::Valide;
        person.dateDebut = Date{std::chrono::year{2020}, std::chrono::month{1}, std::chrono::day{1}};
        person.dateFin = Date{std::chrono::year{2099}, std::chrono::month{12}, std::chrono::day{31}};
        REQUIRE(h.server->seed({sim::usagerFromDossier(person)}));
        REQUIRE(h.engine->pull());
        REQUIRE(h.db->setSetting("structure.id", "S1"));

        const cards::SecretKey key = cards::SecretKey::generate();
        REQUIRE(cards::writePublicKeyFile(key.publicKey(), folder / "card.pub"));
        const Date today = dateOf(guichet::now());
        REQUIRE(h.db->saveCard(Card{"S1", 5001, 1, today, false}));
        auto token = cards::issueToken({"S1", 5001, 1, today}, key);
        REQUIRE(token);
        REQUIRE(cards::writeCard({*token, "", "CCAS", today, "1234 5678 9012"}, folder / "card.png"));
        auto pattern = hardware::writeCameraTwin((folder / "card.png").string(), (folder / "twin").string(),
                                                 1280, 720, 20);
        REQUIRE(pattern);
        hardware::CameraSettings cs;
        cs.source = *pattern;
        cs.width = 1280;
        cs.height = 720;
        cs.fps = 15;
        hardware::OpenCvCamera camera(cs);
        kioskapp::WorkerOptions options;
        options.dbPath = db.string();
        options.repeatAfter = 500ms;
        kioskapp::KioskWorker worker(options, &camera, nullptr, nullptr);
        worker.start();
        // The camera worker reports the card, the machine asks for it to be verified; twice.
        int accepted = 0;
        std::uint64_t request = 0;
        const auto start = std::chrono::steady_clock::now();
        while (accepted < 2 && std::chrono::steady_clock::now() - start < 30s)
            for (const kiosk::Input& input : worker.waitForInputs(200ms)) {
                if (const auto* seen = std::get_if<kiosk::CardSeen>(&input))
                    worker.post(kiosk::VerifyCard{++request, seen->token});
                if (std::holds_alternative<kiosk::CardAccepted>(input)) ++accepted;
            }
        worker.stop();
        REQUIRE(accepted == 2);

        h.pushUntilDone();
        int visits = 0;
        for (const auto& row : h.server->interactions(5001))
            if (row.type == "visite") ++visits;
        CHECK(visits == 1);
        h.checkExactlyOnce();
    }
    fs::remove_all(folder);
}
