// The desk's screens as staff see them, at 1280 x 800, French. Writes docs/screenshots/desk-*.png
// and compares with tests/desk-screens/screenshots/desk-*.png (see ui/Screenshot.hpp to update).
#include "EnvelopeTwin.hpp"
#include "guichet/ui/Screenshot.hpp"
#include "guichet/ui/Window.hpp"
#include "guichet/ui/desk/IntakeScreen.hpp"
#include "guichet/ui/desk/PersonScreen.hpp"
#include "guichet/ui/desk/QueueScreen.hpp"
#include "guichet/ui/desk/ReturnsScreen.hpp"
#include "guichet/ui/desk/ReviewScreen.hpp"
#include "guichet/ui/desk/StatsScreen.hpp"
#include "guichet/ui/desk/SyncScreen.hpp"

#include <catch2/catch.hpp>
#include <filesystem>

using namespace guichet;
using namespace guichet::ui::desk;

namespace {

const std::filesystem::path kSource = GUICHET_SOURCE_DIR;

Date ymd(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

std::unique_ptr<ui::Window> openDeskWindow() {
    ui::WindowOptions options;
    options.title = "Guichet desk";
    options.vsync = false;
    auto window = ui::Window::open(options);
    if (!window) FAIL(window.error().message);
    return std::move(*window);
}

void check(const ui::Image& shot, const std::string& name) {
    REQUIRE(shot.width == 1280);
    REQUIRE(shot.height == 800);
    const auto result =
        ui::checkScreenshot(shot, {kSource / "tests/desk-screens/screenshots" / (name + ".png"),
                                   kSource / "docs/screenshots" / (name + ".png")});
    INFO(result.message);
    CHECK(result.matches);
}

template <typename Draw>
ui::Image shoot(ui::Window& window, Draw draw) {
    const std::vector<ui::FrameInput> settle(3);
    return ui::renderFrames(window, draw, settle);
}

/// The camera twin's picture of the registered letter lying still, halved to the preview's 960 x 540.
ui::Image cameraPicture() {
    deskapp::TwinOptions options;
    options.images = {(kSource / "data/samples/envelopes/scan-registered.jpg").string()};
    deskapp::EnvelopeTwin twin(options);
    REQUIRE(twin.start());
    const Frame frame = twin.frameAt(static_cast<std::uint64_t>(options.slideFrames + 5));
    twin.stop();
    ui::Image image{frame.width / 2, frame.height / 2, {}};
    image.rgba.resize(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4);
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            for (int c = 0; c < 3; ++c) {
                int sum = 0;
                for (int dy = 0; dy < 2; ++dy)
                    for (int dx = 0; dx < 2; ++dx)
                        sum += frame.bgr[static_cast<std::size_t>((2 * y + dy) * frame.stride +
                                                                  (2 * x + dx) * 3 + (2 - c))];
                image.rgba[static_cast<std::size_t>((y * image.width + x) * 4 + c)] =
                    static_cast<std::uint8_t>(sum / 4);
                image.rgba[static_cast<std::size_t>((y * image.width + x) * 4 + 3)] = 255;
            }
    return image;
}

HeaderView header(DeskScreen screen) {
    return {screen, 2, 2, "Fait\u202f: n\u00B0 6 \u2192 dossier 1003", false, false, {}};
}

ReviewView review(const ui::Texture& crop) {
    ReviewView view;
    view.header = header(DeskScreen::Review);
    view.items = {
        {7,
         MailKind::Courrier,
         "06/12/2026 09:10",
         "",
         crop,
         {"Sophie IVAMOV", "C/O Association Emma\u00fcs Solidarit\u00e9", "3 rue Louis Vitet", "69001 LYON"},
         {{1012, "12", "IVANOV Sophie",
           "score 91 % \u00B7 fin 31/12/2027 \u00B7 surname 1 edit, first name exact"},
          {1031, "31", "IVANOVA Sofia",
           "score 64 % \u00B7 fin 30/06/2027 \u00B7 surname 2 edits, first name 2 edits"}}},
        {8, MailKind::Recommande, "06/12/2026 09:12", "1A72680669935", {}, {}, {}},
    };
    return view;
}

} // namespace

TEST_CASE("the desk's screens look as committed") {
    auto window = openDeskWindow();
    auto png = ui::readPng(kSource / "tests/desk-screens/crop-sample.png");
    REQUIRE(png.has_value());
    const ui::Texture crop{window->uploadTexture(*png), png->width, png->height};
    REQUIRE(crop.id != 0);

    const ReviewView choosing = review(crop);
    check(shoot(*window, [&](const ui::Frame& f) { (void)reviewScreen(choosing, f); }), "desk-review");

    ReviewView searching = review(crop);
    searching.mode = ReviewMode::Searching;
    searching.query = "petit";
    searching.results = {{1005, "5", "PETIT Anne", "score 100 % \u00B7 surname exact, first name exact"},
                         {1017, "17", "PETITJEAN Marc", "score 58 %"}};
    check(shoot(*window, [&](const ui::Frame& f) { (void)reviewScreen(searching, f); }),
          "desk-review-search");

    PersonView person;
    person.header = header(DeskScreen::Person);
    person.today = ymd(2026, 12, 6);
    person.finding = false;
    person.ref = 1024;
    person.box = "24";
    person.name = "BERNARD Luc";
    person.endsOn = ymd(2027, 1, 15);
    person.counts = {2, 1, 1};
    person.items = {{1, MailKind::Courrier, 1, "01/12/2026", ""},
                    {2, MailKind::Courrier, 1, "04/12/2026", ""},
                    {3, MailKind::Recommande, 1, "05/12/2026", "1A72680669935"},
                    {4, MailKind::Colis, 1, "05/12/2026", "6A12345678901"}};
    person.proxies = {{0, "DUPONT Jean", ymd(2026, 6, 1), ymd(2027, 5, 31), true},
                      {1, "DURAND Paul", ymd(2021, 1, 1), ymd(2021, 12, 31), false}};
    person.warnings = {"ends_soon", "transfert"};
    person.ticked = {true, false, false};
    person.collector = 1;
    person.focus = 1;
    check(shoot(*window, [&](const ui::Frame& f) { (void)personScreen(person, f); }), "desk-person");

    QueueView queue;
    queue.header = header(DeskScreen::Queue);
    queue.tickets = {{31, 12, 1024, {2, 1, 0}, "09:41"}, {32, 13, 1005, {0, 0, 1}, "09:50"}};
    check(shoot(*window, [&](const ui::Frame& f) { (void)queueScreen(queue, f); }), "desk-queue");
    window->releaseTexture(crop.id);
}

TEST_CASE("screenshots of the Intake, Returns and Statistics screens") {
    auto window = openDeskWindow();
    const ui::Image picture = cameraPicture();
    IntakeView intake;
    intake.header = header(DeskScreen::Intake);
    intake.live = {window->uploadTexture(picture), picture.width, picture.height};
    intake.cameraLive = true;
    // The outline as the camera thread finds it around the letter (preview pixels).
    intake.outline =
        Outline{{ui::Point{76, 51}, ui::Point{884, 51}, ui::Point{884, 489}, ui::Point{76, 489}}};
    intake.shown =
        EnvelopeRow{13, EnvelopeOutcome::Auto, MailKind::Recommande, "1A72680669935", 1136, "", "09:42:10"};
    intake.strip = {
        *intake.shown,
        {12, EnvelopeOutcome::Review, MailKind::Courrier, "", std::nullopt, "2 candidats", "09:41:40"},
        {11, EnvelopeOutcome::Return, MailKind::Courrier, "", 1024, "radie", "09:41:02"},
        {0, EnvelopeOutcome::Failed, MailKind::Courrier, "", std::nullopt, "aucun texte lu", "09:40:31"},
        {10, EnvelopeOutcome::Auto, MailKind::Colis, "6A12345678901", 1005, "", "09:40:05"}};
    intake.undoItem = 13;
    intake.undoSeconds = 8;
    intake.hotFolderWatched = true;
    intake.hotFolder = "inbox \u2014 4 lus, 0 en \u00e9chec, 1 en attente";
    check(shoot(*window, [&](const ui::Frame& f) { (void)intakeScreen(intake, f); }), "desk-intake");

    IntakeView missing;
    missing.header = header(DeskScreen::Intake);
    missing.header.problems = {
        "Cam\u00e9ra absente\u202f: branchez-la ou r\u00e9glez device.camera (guichet devices set)"};
    check(shoot(*window, [&](const ui::Frame& f) { (void)intakeScreen(missing, f); }),
          "desk-intake-no-camera");
    window->releaseTexture(intake.live.id);

    ReturnsView returns;
    returns.header = header(DeskScreen::Returns);
    returns.day = "06/12/2026";
    returns.proposals = 2;
    returns.rows = {{21, MailKind::Courrier, "", "02/09/2026", "D\u00e9lai de garde d\u00e9pass\u00e9", 1004},
                    {22, MailKind::Recommande, "1A72680669935", "20/11/2026", "Radi\u00e9", 1024},
                    {23, MailKind::Courrier, "", "06/12/2026", "Destinataire inconnu", std::nullopt}};
    check(shoot(*window, [&](const ui::Frame& f) { (void)returnsScreen(returns, f); }), "desk-returns");

    StatsView stats;
    stats.header = header(DeskScreen::Statistics);
    stats.period = StatsPeriod::Week;
    const int received[] = {14, 9, 0, 11, 17, 12, 8};
    for (int i = 0; i < 7; ++i) {
        StatsFigures day;
        day.label = (i == 0 ? std::string("30/11") : "0" + std::to_string(i) + "/12");
        day.received = {received[i] - 3 > 0 ? received[i] - 3 : received[i], received[i] > 3 ? 2 : 0,
                        received[i] > 3 ? 1 : 0};
        stats.days.push_back(day);
        stats.total.received = {stats.total.received.courrier + day.received.courrier,
                                stats.total.received.recommande + day.received.recommande,
                                stats.total.received.colis + day.received.colis};
    }
    stats.total.automatic = 52;
    stats.total.confirmed = 12;
    stats.total.manual = 4;
    stats.total.awaitingReview = 3;
    stats.total.handedOver = 58;
    stats.total.returned = 6;
    stats.total.visits = 41;
    check(shoot(*window, [&](const ui::Frame& f) { (void)statsScreen(stats, f); }), "desk-stats");

    SyncView sync;
    sync.header = header(DeskScreen::Sync);
    sync.account = "accueil@ccas-exemple.fr";
    sync.lastSuccess = "06/12/2026 09:40";
    sync.lastError = "DomiFa injoignable (r\u00e9seau) : nouvel essai \u00e0 09:45";
    sync.pending = 4;
    sync.delivered = 212;
    sync.parked = {{41, "courrierIn", 1003, "05/12/2026 16:02", "400 : usager introuvable"},
                   {42, "visite", 1004, "05/12/2026 16:05", "dossier remplac\u00e9 depuis (autre personne)"}};
    check(shoot(*window, [&](const ui::Frame& f) { (void)syncScreen(sync, f); }), "desk-sync");
}
