// The Intake, Returns and Statistics screens' state -> intents, keys only (every action has one),
// in a headless ImGui context; and the outcome colours' contrast.
#include "guichet/ui/desk/IntakeScreen.hpp"

#include "ScreenHarness.hpp"
#include "guichet/ui/desk/ReturnsScreen.hpp"
#include "guichet/ui/desk/StatsScreen.hpp"
#include "guichet/ui/desk/SyncScreen.hpp"

#include <catch2/catch.hpp>

using namespace guichet;
using namespace guichet::ui::desk;
using guichet::test::runScreen;
using guichet::test::typed;
using ui::Key;

namespace {

IntakeView liveIntake() {
    IntakeView view;
    view.cameraLive = true;
    view.live = {0, 960, 540};
    view.strip = {{12, EnvelopeOutcome::Auto, MailKind::Courrier, "", 1003, "", "09:41:02"}};
    view.undoItem = 12;
    view.undoSeconds = 7;
    view.hotFolderWatched = true;
    view.hotFolder = "inbox \u2014 0 lus";
    return view;
}

template <typename View, typename Change>
View with(View view, Change change) {
    change(view);
    return view;
}

} // namespace

TEST_CASE("Intake: Space captures, Z undoes the last automatic record, B reads the scanner's folder") {
    auto context = test::deskContext();
    const IntakeView view = liveIntake();
    struct Row {
        const char* what;
        IntakeView view;
        std::vector<ui::FrameInput> input;
        std::vector<IntakeIntent> expected;
    };
    const std::vector<Row> rows = {
        {"Space captures", view, ui::keyFrames(Key::Space), {CaptureNow{}}},
        {"no camera: Space does nothing",
         with(view, [](IntakeView& v) { v.cameraLive = false; }),
         ui::keyFrames(Key::Space),
         {}},
        {"while reading: Space does nothing",
         with(view, [](IntakeView& v) { v.reading = true; }),
         ui::keyFrames(Key::Space),
         {}},
        {"Z undoes the last automatic record", view, typed("z"), {UndoRecord{12}}},
        {"Z once the seconds ran out: nothing",
         with(view, [](IntakeView& v) { v.undoSeconds = 0; }),
         typed("Z"),
         {}},
        {"Z with nothing to undo: nothing",
         with(view, [](IntakeView& v) { v.undoItem.reset(); }),
         typed("Z"),
         {}},
        {"B reads the hot folder", view, typed("b"), {ReadHotFolder{}}},
        {"B with no hot folder: nothing",
         with(view, [](IntakeView& v) { v.hotFolderWatched = false; }),
         typed("B"),
         {}},
        {"Tab moves the focus to the undo button",
         view,
         ui::keyFrames(Key::Tab),
         {MoveIntakeFocus{IntakeFocus::Undo}}},
        {"Up from the first button wraps to the last",
         view,
         ui::keyFrames(Key::Up),
         {MoveIntakeFocus{IntakeFocus::ReadFolder}}},
        {"Enter presses the focused button",
         with(view, [](IntakeView& v) { v.focus = IntakeFocus::Undo; }),
         ui::keyFrames(Key::Enter),
         {UndoRecord{12}}},
        {"F2 shows the review queue", view, ui::keyFrames(Key::F2), {SwitchScreen{DeskScreen::Review}}},
        {"F6 shows the statistics", view, ui::keyFrames(Key::F6), {SwitchScreen{DeskScreen::Statistics}}},
    };
    for (const Row& row : rows) {
        INFO(row.what);
        CHECK(runScreen(*context, row.view, intakeScreen, row.input) == row.expected);
    }
    CHECK(applyIntakeIntent(view, MoveIntakeFocus{IntakeFocus::ReadFolder}).focus == IntakeFocus::ReadFolder);
    CHECK(applyIntakeIntent(view, CaptureNow{}) == view);
}

TEST_CASE("Intake: a strip entry names its kind, tracking number and dossier") {
    EnvelopeRow row{13, EnvelopeOutcome::Auto, MailKind::Recommande, "1A72680669935", 1136, "", "09:42:10"};
    CHECK(envelopeLine(row, ui::Language::French) ==
          "recommand\u00e9 \u00B7 1A72680669935 \u00B7 dossier 1136");
    CHECK(envelopeLine(row, ui::Language::English) == "registered \u00B7 1A72680669935 \u00B7 dossier 1136");
    row.dossier.reset();
    row.tracking.clear();
    row.kind = MailKind::Courrier;
    CHECK(envelopeLine(row, ui::Language::French) == "lettre");
    CHECK(outcomeWord(EnvelopeOutcome::Review, ui::Language::French) == "\u00C0 trier");
    CHECK(outcomeWord(EnvelopeOutcome::Return, ui::Language::English) == "Return");
}

TEST_CASE("the outcome colours stand out from the page (3:1) and from each other") {
    const ui::Palette& palette = ui::highContrastPalette();
    const EnvelopeOutcome all[] = {EnvelopeOutcome::Auto, EnvelopeOutcome::Review, EnvelopeOutcome::Return,
                                   EnvelopeOutcome::Failed};
    for (EnvelopeOutcome outcome : all) {
        INFO(outcomeWord(outcome, ui::Language::English));
        CHECK(ui::contrastRatio(outcomeColour(outcome), palette.page.background) >= 3.0);
        // The icons' white strokes on the disc.
        CHECK(ui::contrastRatio(outcomeColour(outcome), {0xFF, 0xFF, 0xFF}) >= 4.5);
        for (EnvelopeOutcome other : all)
            if (other != outcome) CHECK(!(outcomeColour(outcome) == outcomeColour(other)));
    }
}

TEST_CASE("Returns: M marks the proposals, P writes the slip, C the CSV, and with nothing to write nothing "
          "is done") {
    auto context = test::deskContext();
    ReturnsView view;
    view.day = "06/12/2026";
    view.rows = {{21, MailKind::Courrier, "", "02/09/2026", "D\u00e9lai de garde d\u00e9pass\u00e9", 1004}};
    view.proposals = 2;
    ReturnsView empty;
    struct Row {
        const char* what;
        ReturnsView view;
        std::vector<ui::FrameInput> input;
        std::vector<ReturnsIntent> expected;
    };
    const std::vector<Row> rows = {
        {"M marks the proposals", view, typed("m"), {MarkProposals{}}},
        {"M with no proposal: nothing", empty, typed("M"), {}},
        {"P writes the slip", view, typed("p"), {PrintSlip{}}},
        {"P with an empty list: nothing", empty, typed("P"), {}},
        {"C exports the list", view, typed("c"), {ExportReturnsCsv{}}},
        {"Tab moves the focus", view, ui::keyFrames(Key::Tab), {MoveReturnsFocus{ReturnsFocus::Slip}}},
        {"Enter presses the focused button",
         with(view, [](ReturnsView& v) { v.focus = ReturnsFocus::Csv; }),
         ui::keyFrames(Key::Enter),
         {ExportReturnsCsv{}}},
        {"F1 goes to the intake", view, ui::keyFrames(Key::F1), {SwitchScreen{DeskScreen::Intake}}},
    };
    for (const Row& row : rows) {
        INFO(row.what);
        CHECK(runScreen(*context, row.view, returnsScreen, row.input) == row.expected);
    }
    CHECK(applyReturnsIntent(view, MoveReturnsFocus{ReturnsFocus::Csv}).focus == ReturnsFocus::Csv);
}

TEST_CASE("Statistics: 1 2 3 or the arrows choose the period, C exports it") {
    auto context = test::deskContext();
    StatsView view;
    view.total.received = {5, 2, 1};
    view.total.automatic = 6;
    struct Row {
        const char* what;
        StatsView view;
        std::vector<ui::FrameInput> input;
        std::vector<StatsIntent> expected;
    };
    const std::vector<Row> rows = {
        {"2 is the week", view, typed("2"), {ChoosePeriod{StatsPeriod::Week}}},
        {"3 is the month", view, typed("3"), {ChoosePeriod{StatsPeriod::Month}}},
        {"Right from the day is the week",
         view,
         ui::keyFrames(Key::Right),
         {ChoosePeriod{StatsPeriod::Week}}},
        {"Left from the day: nothing", view, ui::keyFrames(Key::Left), {}},
        {"Left from the month is the week",
         with(view, [](StatsView& v) { v.period = StatsPeriod::Month; }),
         ui::keyFrames(Key::Left),
         {ChoosePeriod{StatsPeriod::Week}}},
        {"C exports", view, typed("c"), {ExportStatsCsv{}}},
        {"F5 shows the returns", view, ui::keyFrames(Key::F5), {SwitchScreen{DeskScreen::Returns}}},
    };
    for (const Row& row : rows) {
        INFO(row.what);
        CHECK(runScreen(*context, row.view, statsScreen, row.input) == row.expected);
    }
    CHECK(applyStatsIntent(view, ChoosePeriod{StatsPeriod::Month}).period == StatsPeriod::Month);
}

TEST_CASE("Sync: Enter puts the focused parked event back in the queue, A all of them") {
    auto context = test::deskContext();
    SyncView view;
    view.account = "accueil@ccas.fr";
    view.pending = 3;
    view.parked = {{41, "courrierIn", 1003, "05/12/2026 16:02", "400: usager introuvable"},
                   {42, "visite", 1004, "05/12/2026 16:05", "dossier replaced"}};
    struct Row {
        const char* what;
        SyncView view;
        std::vector<ui::FrameInput> input;
        std::vector<SyncIntent> expected;
    };
    const std::vector<Row> rows = {
        {"Enter requeues the focused event", view, ui::keyFrames(Key::Enter), {RequeueParked{41}}},
        {"Enter on the second",
         with(view, [](SyncView& v) { v.focus = 1; }),
         ui::keyFrames(Key::Enter),
         {RequeueParked{42}}},
        {"A requeues them all", view, typed("a"), {RequeueParked{0}}},
        {"nothing parked: A and Enter do nothing", SyncView{}, typed("A"), {}},
        {"Down moves the focus", view, ui::keyFrames(Key::Down), {MoveSyncFocus{1}}},
        {"Up at the top: nothing", view, ui::keyFrames(Key::Up), {}},
        {"F7 is this screen's tab", view, ui::keyFrames(Key::F7), {SwitchScreen{DeskScreen::Sync}}},
    };
    for (const Row& row : rows) {
        INFO(row.what);
        CHECK(runScreen(*context, row.view, syncScreen, row.input) == row.expected);
    }
    CHECK(applySyncIntent(view, MoveSyncFocus{1}).focus == 1);
    CHECK(applySyncIntent(view, MoveSyncFocus{5}).focus == 0);
}
