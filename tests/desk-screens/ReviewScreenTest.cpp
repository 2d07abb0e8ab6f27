// The Review screen's state -> intents, keys and clicks, in a headless ImGui context.
#include "guichet/ui/desk/ReviewScreen.hpp"

#include "ScreenHarness.hpp"

using namespace guichet;
using namespace guichet::ui::desk;
using guichet::test::runScreen;
using guichet::test::typed;
using ui::Key;

namespace {

ReviewView twoItems() {
    ReviewView view;
    view.items = {
        {7,
         MailKind::Courrier,
         "06/12/2026 09:10",
         "",
         {},
         {},
         {{1001, "12", "MARTIN Sophie", "score 91 %"},
          {1002, "13", "MARTINS Sophia", "score 70 %"},
          {1003, "14", "MARTINEZ Sofia", "score 62 %"}}},
        {8,
         MailKind::Recommande,
         "06/12/2026 09:12",
         "1A00000000001",
         {},
         {},
         {{1002, "13", "MARTINS Sophia", ""}}},
    };
    return view;
}

ReviewView with(ReviewView view, ReviewMode mode, std::string query = {},
                std::vector<CandidateRow> results = {}) {
    view.mode = mode;
    view.query = std::move(query);
    view.results = std::move(results);
    return view;
}

auto screen = [](const ReviewView& v, const ui::Frame& f) { return reviewScreen(v, f); };

} // namespace

TEST_CASE("Review: keys decide the item shown") {
    auto context = test::deskContext();
    const ReviewView view = twoItems();
    const std::vector<CandidateRow> found{{1005, "20", "PETIT Anne", "score 88 %"},
                                          {1006, "21", "PETIT Jean", ""}};
    struct Row {
        const char* what;
        ReviewView view;
        std::vector<ui::FrameInput> input;
        std::vector<ReviewIntent> expected;
    };
    const std::vector<Row> rows{
        {"1 confirms the first-ranked candidate", view, typed("1"), {PickDossier{7, 1001}}},
        {"2 the second", view, typed("2"), {PickDossier{7, 1002}}},
        {"3 the third", view, typed("3"), {PickDossier{7, 1003}}},
        {"4: there is no fourth", view, typed("4"), {}},
        {"Enter picks the focused candidate", view, ui::keyFrames(Key::Enter), {PickDossier{7, 1001}}},
        {"down moves the focus", view, ui::keyFrames(Key::Down), {MoveReviewFocus{1}}},
        {"up at the top does nothing", view, ui::keyFrames(Key::Up), {}},
        {"/ opens the search", view, typed("/"), {SetReviewMode{ReviewMode::Searching}}},
        {"U is unknown, back to sender", view, typed("U"), {MarkUnknown{7}}},
        {"u too", view, typed("u"), {MarkUnknown{7}}},
        {"R asks for a reason", view, typed("r"), {SetReviewMode{ReviewMode::Returning}}},
        {"searching, a letter is typed into the query",
         with(view, ReviewMode::Searching, "PET"),
         typed("I"),
         {SetSearchText{"PETI"}}},
        {"searching, 1 is typed too, it picks nothing",
         with(view, ReviewMode::Searching, "box "),
         typed("1"),
         {SetSearchText{"box 1"}}},
        {"searching, Backspace removes a character (é is two bytes)",
         with(view, ReviewMode::Searching, "PÉ"),
         ui::keyFrames(Key::Backspace),
         {SetSearchText{"P"}}},
        {"searching, Enter picks the first result",
         with(view, ReviewMode::Searching, "PETIT", found),
         ui::keyFrames(Key::Enter),
         {PickDossier{7, 1005}}},
        {"searching, Escape closes",
         with(view, ReviewMode::Searching, "PETIT", found),
         ui::keyFrames(Key::Escape),
         {SetReviewMode{ReviewMode::Choosing}}},
        {"returning, 2 is npai",
         with(view, ReviewMode::Returning),
         typed("2"),
         {ReturnItem{7, ReturnChoice::Npai}}},
        {"returning, Enter the focused reason",
         with(view, ReviewMode::Returning),
         ui::keyFrames(Key::Enter),
         {ReturnItem{7, ReturnChoice::Refused}}},
        {"returning, Escape goes back",
         with(view, ReviewMode::Returning),
         ui::keyFrames(Key::Escape),
         {SetReviewMode{ReviewMode::Choosing}}},
        {"F4 shows the kiosk's queue", view, ui::keyFrames(Key::F4), {SwitchScreen{DeskScreen::Queue}}},
        {"nothing to review: 1 does nothing", ReviewView{}, typed("1"), {}},
    };
    for (const Row& row : rows) {
        INFO(row.what);
        CHECK(runScreen(*context, row.view, screen, row.input) == row.expected);
    }
}

TEST_CASE("Review: clicks on the queue and on the action buttons") {
    auto context = test::deskContext();
    const ReviewView view = twoItems();
    const float s = 1.0f; // 800 px high
    const float top = 64 * s + 12 * s;
    // The queue starts at the left margin below the header; its rows are 62 px apart.
    CHECK(runScreen(*context, view, screen, ui::tapFrames({100, top + 62 * s + 20})) ==
          std::vector<ReviewIntent>{ShowItem{1}});
    // The actions row: three buttons across the bottom, right of the queue.
    const float x = 12 + 280 + 16;
    const float w = (1280 - x - 12 - 24) / 3;
    const float y = 800 - 40 - 12 - 30; // above the status line at the foot (40 px)
    CHECK(runScreen(*context, view, screen, ui::tapFrames({x + w / 2, y})) ==
          std::vector<ReviewIntent>{SetReviewMode{ReviewMode::Searching}});
    CHECK(runScreen(*context, view, screen, ui::tapFrames({x + w * 1.5f + 12, y})) ==
          std::vector<ReviewIntent>{MarkUnknown{7}});
    CHECK(runScreen(*context, view, screen, ui::tapFrames({x + w * 2.5f + 24, y})) ==
          std::vector<ReviewIntent>{SetReviewMode{ReviewMode::Returning}});
}

TEST_CASE("Review: a decision brings the next item up in the same place of the list") {
    ReviewView view = twoItems();
    view.items.push_back({9, MailKind::Colis, "06/12/2026 09:20", "", {}, {}, {}});
    view.current = 1;
    const ReviewView after = applyReviewIntent(view, PickDossier{8, 1002});
    REQUIRE(after.items.size() == 2);
    CHECK(after.current == 1);
    CHECK(after.items[1].id == 9);
    const ReviewView last = applyReviewIntent(after, MarkUnknown{9});
    CHECK(last.current == 0);
    CHECK(last.items[0].id == 7);
    const ReviewView searching = applyReviewIntent(with(view, ReviewMode::Searching, "x"), ReturnItem{8, {}});
    CHECK(searching.mode == ReviewMode::Choosing);
    CHECK(searching.query.empty());
}
