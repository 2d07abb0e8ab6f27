// The desk's screens as staff see them, at 1280 x 800, French. Writes docs/screenshots/desk-*.png
// and compares with tests/desk-screens/screenshots/desk-*.png (see ui/Screenshot.hpp to update).
#include "guichet/ui/Screenshot.hpp"
#include "guichet/ui/Window.hpp"
#include "guichet/ui/desk/PersonScreen.hpp"
#include "guichet/ui/desk/QueueScreen.hpp"
#include "guichet/ui/desk/ReviewScreen.hpp"

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

HeaderView header(DeskScreen screen) {
    return {screen, 2, 2, "Fait\u202f: n\u00B0 6 \u2192 dossier 1003", false, false};
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
         {},
         {{1012, "12", "IVANOV Sophie", "score 91 % \u00B7 fin 31/12/2027"},
          {1031, "31", "IVANOVA Sofia", "score 64 % \u00B7 fin 30/06/2027"}}},
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
