// The kiosk queue screen's state -> intents.
#include "ScreenHarness.hpp"
#include "guichet/ui/desk/QueueScreen.hpp"

using namespace guichet;
using namespace guichet::ui::desk;
using guichet::test::runScreen;
using ui::Key;

namespace {
auto screen = [](const QueueView& v, const ui::Frame& f) { return queueScreen(v, f); };
}

TEST_CASE("Queue: tickets oldest first, Enter opens the person") {
    QueueView view;
    view.tickets = {{31, 12, 1001, {2, 1, 0}, "09:41"}, {32, 13, 1002, {0, 0, 1}, "09:50"}};
    CHECK(ticketLine(view.tickets[0], ui::Language::French) == "ticket 12 \u2014 2 lettres, 1 recommandé");
    CHECK(ticketLine(view.tickets[1], ui::Language::English) == "ticket 13 \u2014 1 parcel");
    auto context = test::deskContext();
    CHECK(runScreen(*context, view, screen, ui::keyFrames(Key::Enter)) ==
          std::vector<QueueIntent>{OpenTicket{31, 1001}});
    CHECK(runScreen(*context, view, screen, ui::keyFrames(Key::Down)) == std::vector<QueueIntent>{MoveQueueFocus{1}});
    QueueView second = applyQueueIntent(view, MoveQueueFocus{1});
    CHECK(runScreen(*context, second, screen, ui::keyFrames(Key::Enter)) ==
          std::vector<QueueIntent>{OpenTicket{32, 1002}});
    CHECK(runScreen(*context, second, screen, ui::keyFrames(Key::Down)).empty());
    CHECK(runScreen(*context, QueueView{}, screen, ui::keyFrames(Key::Enter)).empty());
    CHECK(runScreen(*context, view, screen, ui::keyFrames(Key::F2)) ==
          std::vector<QueueIntent>{SwitchScreen{DeskScreen::Person}});
}
