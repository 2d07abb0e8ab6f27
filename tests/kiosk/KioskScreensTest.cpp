// The kiosk's screens after Welcome: their targets (15 mm, inside the window, apart) for every
// screen, language and text size, and what a tap, a key or a keypad gives (headless ImGui).
#include "guichet/kiosk/screens/KioskScreens.hpp"

#include "KioskSessions.hpp"
#include "guichet/kiosk/Words.hpp"
#include "guichet/ui/Context.hpp"
#include "guichet/ui/Shaping.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

using namespace guichet;
using namespace guichet::kiosk;
using namespace guichet::kiosk::test;

namespace {

std::unique_ptr<ui::Context> makeContext(int width, int height, float dpiScale) {
    ui::ContextOptions options;
    options.width = width;
    options.height = height;
    options.dpiScale = dpiScale;
    auto context = ui::Context::create(options);
    REQUIRE(context.has_value());
    return std::move(*context);
}

std::vector<Input> run(ui::Context& context, const Session& session,
                       const std::vector<ui::FrameInput>& script) {
    std::vector<ui::FrameInput> frames(2);
    frames.insert(frames.end(), script.begin(), script.end());
    std::vector<Input> inputs;
    for (const ui::FrameInput& input : frames) {
        context.beginFrame(input);
        auto got = kioskScreen(session, context.frame(), 14'000ms);
        context.endFrame();
        inputs.insert(inputs.end(), got.begin(), got.end());
    }
    return inputs;
}

Press via(Press p, Via v) {
    p.via = v;
    return p;
}

} // namespace

TEST_CASE("every screen's targets are 15 mm or more, inside the window and apart") {
    struct Size {
        int width;
        int height;
    };
    for (const Size size : {Size{1280, 800}, Size{1024, 600}, Size{1920, 1080}})
        for (ui::Language language : ui::kLanguages)
            for (State state : kStates) {
                const Session s = sessionOn(state, language);
                const float ppm = 100.0f / 25.4f;
                const auto targets =
                    screenTargets(s, static_cast<float>(size.width), static_cast<float>(size.height), ppm);
                INFO(size.width << "x" << size.height << " " << stateName(state) << " "
                                << ui::languageCode(language));
                CHECK_FALSE(targets.empty());
                for (std::size_t i = 0; i < targets.size(); ++i) {
                    const ui::Rect& r = targets[i].rect;
                    CHECK(r.width >= 15 * ppm);
                    CHECK(r.height >= 15 * ppm);
                    CHECK(r.x >= 0);
                    CHECK(r.y >= 0);
                    CHECK(r.right() <= static_cast<float>(size.width));
                    CHECK(r.bottom() <= static_cast<float>(size.height));
                    for (std::size_t j = i + 1; j < targets.size(); ++j)
                        CHECK_FALSE(r.overlaps(targets[j].rect));
                }
            }
}

TEST_CASE("a tap on a button presses it, a tap elsewhere is only the person's presence") {
    auto context = makeContext(1280, 800, 1.3f);
    for (State state : {State::TypeCode, State::Refused, State::YourMail, State::Ticket}) {
        const Session s = sessionOn(state, ui::Language::French);
        const auto targets = screenTargets(s, 1280, 800, context->frame().pixelsPerMm);
        for (const ScreenTarget& t : targets) {
            INFO(stateName(state));
            CHECK(run(*context, s, ui::tapFrames(t.rect.center())) ==
                  std::vector<Input>{via(t.press, Via::Touch)});
        }
    }
    const Session mail = sessionOn(State::YourMail, ui::Language::French);
    CHECK(run(*context, mail, ui::tapFrames({640, 400})) == std::vector<Input>{Activity{Via::Touch}});
}

TEST_CASE("the keypad alone: digits, erase, arrows and Enter") {
    auto context = makeContext(1280, 800, 1.3f);
    const Session typing = sessionOn(State::TypeCode, ui::Language::French);
    Press seven = pressOf(Button::Digit);
    seven.digit = 7;
    CHECK(run(*context, typing, ui::textFrames("7")) == std::vector<Input>{via(seven, Via::Key)});
    CHECK(run(*context, typing, ui::keyFrames(ui::Key::Backspace)) ==
          std::vector<Input>{via(pressOf(Button::Erase), Via::Key)});
    CHECK(run(*context, typing, ui::keyFrames(ui::Key::Down)) == std::vector<Input>{FocusOn{3}});
    Session mail = sessionOn(State::YourMail, ui::Language::French);
    CHECK(run(*context, mail, ui::keyFrames(ui::Key::KeypadEnter)) ==
          std::vector<Input>{via(pressOf(Button::AskForMail), Via::Key)});
    CHECK(run(*context, mail, ui::keyFrames(ui::Key::Right)) == std::vector<Input>{FocusOn{1}});
    mail.focus = 1;
    CHECK(run(*context, mail, ui::keyFrames(ui::Key::Enter)) ==
          std::vector<Input>{via(pressOf(Button::Finish), Via::Key)});
    // Arabic is mirrored: the next button is on the left.
    Session arabic = sessionOn(State::YourMail, ui::Language::Arabic);
    CHECK(run(*context, arabic, ui::keyFrames(ui::Key::Left)) == std::vector<Input>{FocusOn{1}});
}

TEST_CASE("on the idle warning any key or tap continues") {
    auto context = makeContext(1280, 800, 1.3f);
    const Session warned = sessionOn(State::IdleWarning, ui::Language::Spanish);
    const Input cont = via(pressOf(Button::Continue), Via::Key);
    CHECK(run(*context, warned, ui::keyFrames(ui::Key::Escape)) == std::vector<Input>{cont});
    CHECK(run(*context, warned, ui::textFrames("5")) == std::vector<Input>{cont});
    CHECK(run(*context, warned, ui::tapFrames({20, 20})) ==
          std::vector<Input>{via(pressOf(Button::Continue), Via::Touch)});
}

TEST_CASE("both fonts have every glyph of every kiosk sentence, as drawn") {
    auto context = makeContext(1280, 800, 1.3f);
    const ui::Fonts& fonts = context->fonts();
    for (const ImFont* font : {fonts.normal, fonts.large})
        for (ui::Language language : ui::kLanguages) {
            for (std::size_t k = 0; k < kKioskTextCount; ++k) {
                const std::string visual =
                    ui::visualLine(kioskText(static_cast<KioskText>(k), language), language);
                INFO(ui::languageCode(language) << " key " << k << ": " << visual);
                CHECK(ui::fontCovers(*font, visual));
            }
            for (Kind kind : {Kind::Letter, Kind::Registered, Kind::Parcel})
                for (int n : {1, 2, 3, 11, 25})
                    CHECK(ui::fontCovers(*font, ui::visualLine(countOf(kind, n, language), language)));
            for (unsigned m = 1; m <= 12; ++m)
                CHECK(ui::fontCovers(
                    *font, ui::visualLine(dateInWords(Date{std::chrono::year{2027}, std::chrono::month{m},
                                                           std::chrono::day{1}},
                                                      language),
                                          language)));
        }
}

TEST_CASE("the kiosk's colours: text 7:1 on everything it is drawn on, pictograms 3:1") {
    const ui::Palette& palette = ui::highContrastPalette();
    // The palette's pairs (buttons, the chosen language, the camera banner, the page).
    for (const ui::NamedInk& pair : ui::textPairs(palette)) {
        INFO(pair.name);
        CHECK(ui::contrastRatio(pair.ink.text, pair.ink.background) >= 7.0);
    }
    // The kiosk also draws text on white: the typed digits' boxes and the ticket's number.
    const ui::Rgb white{0xFF, 0xFF, 0xFF};
    CHECK(ui::contrastRatio(palette.page.text, white) >= 7.0);
    // Pictograms on the page, on white (an envelope, a calendar) and on the buttons they label.
    for (ui::Rgb background : {palette.page.background, white})
        for (ui::Rgb stroke : {palette.pictogram, palette.pictogramAccent})
            CHECK(ui::contrastRatio(stroke, background) >= 3.0);
    for (const ui::Ink& button :
         {palette.button, palette.secondary, palette.secondaryActive, palette.buttonHovered})
        CHECK(ui::contrastRatio(button.text, button.background) >= 7.0);
}
