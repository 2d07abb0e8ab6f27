// The kiosk queue screen's state -> intents.
#include "guichet/ui/desk/QueueScreen.hpp"

#include "ScreenHarness.hpp"
#include "guichet/ui/DeskStrings.hpp"
#include "guichet/ui/Fonts.hpp"

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
    CHECK(runScreen(*context, view, screen, ui::keyFrames(Key::Down)) ==
          std::vector<QueueIntent>{MoveQueueFocus{1}});
    QueueView second = applyQueueIntent(view, MoveQueueFocus{1});
    CHECK(runScreen(*context, second, screen, ui::keyFrames(Key::Enter)) ==
          std::vector<QueueIntent>{OpenTicket{32, 1002}});
    CHECK(runScreen(*context, second, screen, ui::keyFrames(Key::Down)).empty());
    CHECK(runScreen(*context, QueueView{}, screen, ui::keyFrames(Key::Enter)).empty());
    CHECK(runScreen(*context, view, screen, ui::keyFrames(Key::F3)) ==
          std::vector<QueueIntent>{SwitchScreen{DeskScreen::Person}});
}

TEST_CASE("every desk sentence exists in French and English and is drawn with loaded glyphs") {
    auto context = test::deskContext();
    const ui::Fonts& fonts = context->fonts();
    for (std::size_t k = 0; k < ui::kDeskTextCount; ++k) {
        const auto key = static_cast<ui::DeskText>(k);
        for (ui::Language language : {ui::Language::French, ui::Language::English}) {
            const std::string sentence(ui::deskText(key, language));
            INFO("key " << k << " in " << ui::languageCode(language) << ": " << sentence);
            CHECK_FALSE(sentence.empty());
            CHECK(ui::fontCovers(*fonts.normal, sentence));
            CHECK(ui::fontCovers(*fonts.large, sentence));
        }
    }
    CHECK(ui::deskText(ui::DeskText::Count, ui::Language::French).empty());
    // The signs the screens draw beside the sentences.
    for (const char* sign : {"\u2192", "\u00D7", "\u2022", "\u00B7", "\u2014", "\u202f", "n\u00B0"})
        CHECK(ui::fontCovers(*fonts.normal, sign));
    CHECK_FALSE(ui::fontCovers(*fonts.normal, "\u2717")); // not loaded: would show as '?'
}
