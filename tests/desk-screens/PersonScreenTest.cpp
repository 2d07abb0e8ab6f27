// The Person screen's state -> intents, in a headless ImGui context.
#include "guichet/ui/desk/PersonScreen.hpp"

#include "ScreenHarness.hpp"

using namespace guichet;
using namespace guichet::ui::desk;
using guichet::test::runScreen;
using guichet::test::typed;
using ui::Key;

namespace {

Date ymd(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

PersonView martin() {
    PersonView view;
    view.today = ymd(2026, 12, 6);
    view.finding = false;
    view.ref = 1001;
    view.box = "12";
    view.name = "MARTIN Sophie";
    view.counts = {2, 1, 0};
    view.items = {{1, MailKind::Courrier, 1, "01/12/2026", ""},
                  {2, MailKind::Courrier, 1, "04/12/2026", ""},
                  {3, MailKind::Recommande, 1, "05/12/2026", "1A00000000001"}};
    view.proxies = {{0, "DUPONT Jean", ymd(2026, 6, 1), ymd(2027, 5, 31), true},
                    {1, "DURAND Paul", ymd(2025, 1, 1), ymd(2026, 11, 30), false},
                    {2, "LEROY Marc", ymd(2027, 1, 1), ymd(2027, 12, 31), false}};
    view.ticked = {true, false, false};
    return view;
}

PersonView chosen(PersonView view, std::size_t collector, std::array<bool, 3> ticked) {
    view.collector = collector;
    view.ticked = ticked;
    return view;
}

auto screen = [](const PersonView& v, const ui::Frame& f) { return personScreen(v, f); };

} // namespace

TEST_CASE("Person: keys choose who collects, what is handed over, and hand it over") {
    auto context = test::deskContext();
    const PersonView view = martin();
    PersonView struck = martin();
    struck.mayCollect = false;
    struck.warnings = {"radie"};
    PersonView finding;
    finding.found = {{1005, "20", "PETIT Anne"}};
    finding.query = "PET";
    struct Row {
        const char* what;
        PersonView view;
        std::vector<ui::FrameInput> input;
        std::vector<PersonIntent> expected;
    };
    const std::vector<Row> rows{
        {"1: the valid proxy", view, typed("1"), {ChooseCollector{1}}},
        {"2: the expired proxy is disabled", view, typed("2"), {}},
        {"3: the one not started yet too", view, typed("3"), {}},
        {"0: the person", chosen(view, 1, {true, false, false}), typed("0"), {ChooseCollector{0}}},
        {"R ticks the registered mail", view, typed("r"), {ToggleKind{MailKind::Recommande}}},
        {"C: no parcel, nothing to tick", view, typed("c"), {}},
        {"V hands the letters to the person",
         view,
         typed("v"),
         {HandOverMail{1001, std::nullopt, {MailKind::Courrier}}}},
        {"V hands letters and registered mail to the proxy",
         chosen(view, 1, {true, true, false}),
         typed("V"),
         {HandOverMail{1001, 0, {MailKind::Courrier, MailKind::Recommande}}}},
        {"V with nothing ticked does nothing", chosen(view, 0, {false, false, false}), typed("v"), {}},
        {"an expired proxy in the view cannot hand over",
         chosen(view, 2, {true, false, false}),
         typed("v"),
         {}},
        {"struck off: nothing can be chosen or handed over", struck, typed("0v1"), {}},
        {"Escape closes", view, ui::keyFrames(Key::Escape), {ClosePerson{}}},
        {"/ finds another person", view, typed("/"), {StartFinding{}}},
        {"Tab moves the focus", view, ui::keyFrames(Key::Tab), {MovePersonFocus{1}}},
        {"Enter on the focused kind ticks it",
         [] {
             PersonView v = martin();
             v.focus = kindTarget(v, MailKind::Recommande);
             return v;
         }(),
         ui::keyFrames(Key::Enter),
         {ToggleKind{MailKind::Recommande}}},
        {"Enter on a focused expired proxy does nothing",
         [] {
             PersonView v = martin();
             v.focus = 2;
             return v;
         }(),
         ui::keyFrames(Key::Enter),
         {}},
        {"F2 goes back to the review", view, ui::keyFrames(Key::F2), {SwitchScreen{DeskScreen::Review}}},
        {"finding: typing fills the query", finding, typed("I"), {SetPersonQuery{"PETI"}}},
        {"finding: Enter opens the first found", finding, ui::keyFrames(Key::Enter), {OpenPerson{1005}}},
        {"finding: Escape closes", finding, ui::keyFrames(Key::Escape), {ClosePerson{}}},
    };
    for (const Row& row : rows) {
        INFO(row.what);
        CHECK(runScreen(*context, row.view, screen, row.input) == row.expected);
    }
}

TEST_CASE("Person: letters are ticked by the app, registered mail and parcels only by staff") {
    PersonView view = martin();
    view.ticked = {false, false, false};
    CHECK_FALSE(handOverOf(view).has_value());
    view = applyPersonIntent(view, ToggleKind{MailKind::Recommande});
    REQUIRE(handOverOf(view).has_value());
    CHECK(handOverOf(view)->kinds == std::vector<MailKind>{MailKind::Recommande});
    // A proxy that is not valid today is never chosen, even asked for.
    CHECK(applyPersonIntent(view, ChooseCollector{2}).collector == 0);
    CHECK(applyPersonIntent(view, ChooseCollector{1}).collector == 1);
}
