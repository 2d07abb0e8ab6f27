// The Welcome screen's state -> intents, in a headless ImGui context (no window, no GL).
#include "guichet/kiosk/screens/WelcomeScreen.hpp"

#include "guichet/ui/Context.hpp"
#include "guichet/ui/Strings.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>
#include <string>

using namespace guichet;
using namespace guichet::kiosk;
using ui::FrameInput;
using ui::Key;
using ui::Language;

namespace {

std::unique_ptr<ui::Context> makeContext(int width = 1280, int height = 800) {
    ui::ContextOptions options;
    options.width = width;
    options.height = height;
    auto context = ui::Context::create(options);
    REQUIRE(context.has_value());
    return std::move(*context);
}

/// Runs two settling frames then `script`, one frame each, and returns every intent returned.
std::vector<WelcomeIntent> run(ui::Context& context, const WelcomeView& view,
                               const std::vector<FrameInput>& script) {
    std::vector<FrameInput> frames(2);
    frames.insert(frames.end(), script.begin(), script.end());
    std::vector<WelcomeIntent> intents;
    for (const FrameInput& input : frames) {
        context.beginFrame(input);
        auto got = welcomeScreen(view, context.frame());
        context.endFrame();
        intents.insert(intents.end(), got.begin(), got.end());
    }
    return intents;
}

std::string describe(const std::vector<WelcomeIntent>& intents) {
    std::string out;
    for (const WelcomeIntent& intent : intents) {
        if (const auto* choose = std::get_if<ChooseLanguage>(&intent))
            out += "ChooseLanguage{" + std::string(ui::languageCode(choose->language)) + "} ";
        else if (std::holds_alternative<TypeCode>(intent))
            out += "TypeCode{} ";
        else if (const auto* move = std::get_if<MoveFocus>(&intent))
            out += "MoveFocus{" + std::to_string(move->target) + "} ";
    }
    return out.empty() ? "(none)" : out;
}

} // namespace

TEST_CASE("Welcome: a tap on a target asks for what it names") {
    auto context = makeContext();
    const WelcomeLayout layout = layoutWelcome(1280, 800, context->frame().pixelsPerMm);
    struct Row {
        const char* what;
        ui::Point at;
        std::vector<WelcomeIntent> expected;
    };
    const ui::Rect& spanish = layout.languageButtons[languageTarget(Language::Spanish)];
    const std::vector<Row> rows{
        {"Français", layout.languageButtons[0].center(), {ChooseLanguage{Language::French}}},
        {"English", layout.languageButtons[1].center(), {ChooseLanguage{Language::English}}},
        {"Español, near its corner", {spanish.x + 3, spanish.y + 3}, {ChooseLanguage{Language::Spanish}}},
        {"العربية", layout.languageButtons[3].center(), {ChooseLanguage{Language::Arabic}}},
        {"Română", layout.languageButtons[4].center(), {ChooseLanguage{Language::Romanian}}},
        {"Українська", layout.languageButtons[5].center(), {ChooseLanguage{Language::Ukrainian}}},
        {"the typed-code button", layout.typeCodeButton.center(), {TypeCode{}}},
        {"the pictogram", layout.pictogram.center(), {}},
        {"the headline", {layout.sentences.x + 20, layout.sentences.y + 30}, {}},
        {"between two language buttons", {spanish.right() + 10 * 800.0f / 800.0f, spanish.center().y}, {}},
        {"the top left corner", {2, 2}, {}},
    };
    for (const Row& row : rows) {
        INFO(row.what << ": got " << describe(run(*context, {}, ui::tapFrames(row.at))));
        CHECK(run(*context, {}, ui::tapFrames(row.at)) == row.expected);
    }
}

TEST_CASE("Welcome: a press without a release, or a drag off the target, asks nothing") {
    auto context = makeContext();
    const WelcomeLayout layout = layoutWelcome(1280, 800, context->frame().pixelsPerMm);
    const ui::Point english = layout.languageButtons[1].center();
    CHECK(run(*context, {}, {FrameInput{english, false, {}, {}}, FrameInput{english, true, {}, {}}}).empty());
    const std::vector<FrameInput> dragOff{FrameInput{english, false, {}, {}},
                                          FrameInput{english, true, {}, {}},
                                          FrameInput{layout.pictogram.center(), true, {}, {}},
                                          FrameInput{layout.pictogram.center(), false, {}, {}}};
    CHECK(run(*context, {}, dragOff).empty());
}

TEST_CASE("Welcome: keys move the focus and press the focused target") {
    auto context = makeContext();
    struct Row {
        WelcomeView view;
        Key key;
        std::vector<WelcomeIntent> expected;
    };
    const std::size_t fr = languageTarget(Language::French);
    const std::size_t es = languageTarget(Language::Spanish);
    const std::size_t uk = languageTarget(Language::Ukrainian);
    const std::vector<Row> rows{
        {{Language::French, fr}, Key::Right, {MoveFocus{languageTarget(Language::English)}}},
        {{Language::French, fr}, Key::Left, {}},  // the row's start: no wrap
        {{Language::French, uk}, Key::Right, {}}, // the row's end
        {{Language::French, uk}, Key::Left, {MoveFocus{languageTarget(Language::Romanian)}}},
        {{Language::French, es}, Key::Up, {MoveFocus{kTypeCodeTarget}}},
        {{Language::French, es}, Key::Down, {}},
        {{Language::Spanish, kTypeCodeTarget}, Key::Down, {MoveFocus{es}}}, // back to the chosen language
        {{Language::French, kTypeCodeTarget}, Key::Up, {}},
        {{Language::French, kTypeCodeTarget}, Key::Left, {}},
        {{Language::French, kTypeCodeTarget}, Key::Tab, {MoveFocus{fr}}}, // Tab goes round
        {{Language::French, uk}, Key::Tab, {MoveFocus{kTypeCodeTarget}}},
        {{Language::French, es}, Key::Enter, {ChooseLanguage{Language::Spanish}}},
        {{Language::French, uk}, Key::KeypadEnter, {ChooseLanguage{Language::Ukrainian}}},
        {{Language::English, kTypeCodeTarget}, Key::Enter, {TypeCode{}}},
        {{Language::French, kTypeCodeTarget}, Key::Space, {TypeCode{}}},
        {{Language::French, fr}, Key::Escape, {}},
    };
    for (const Row& row : rows) {
        const auto got = run(*context, row.view, ui::keyFrames(row.key));
        INFO("focus " << row.view.focus << ", key " << static_cast<int>(row.key) << ": got "
                      << describe(got));
        CHECK(got == row.expected);
        CHECK(welcomeFocusAfter(row.view, row.key) ==
              (row.expected.size() == 1 && std::holds_alternative<MoveFocus>(row.expected[0])
                   ? std::optional<std::size_t>(std::get<MoveFocus>(row.expected[0]).target)
                   : std::nullopt));
    }
}

TEST_CASE("Welcome: with a keypad alone a person reaches Romanian, then the typed code") {
    auto context = makeContext();
    WelcomeView view;
    auto press = [&](Key key) {
        for (const WelcomeIntent& intent : run(*context, view, ui::keyFrames(key)))
            view = applyWelcomeIntent(view, intent);
    };
    press(Key::Right);
    press(Key::Right);
    press(Key::Right);
    press(Key::Right);
    CHECK(view.focus == languageTarget(Language::Romanian));
    CHECK(view.language == Language::French);
    press(Key::Enter);
    CHECK(view.language == Language::Romanian);
    press(Key::Up);
    CHECK(view.focus == kTypeCodeTarget);
    CHECK(run(*context, view, ui::keyFrames(Key::KeypadEnter)) == std::vector<WelcomeIntent>{TypeCode{}});
}

TEST_CASE("Welcome: applying intents") {
    const WelcomeView start{Language::French, kTypeCodeTarget};
    CHECK(applyWelcomeIntent(start, ChooseLanguage{Language::Ukrainian}) ==
          WelcomeView{Language::Ukrainian, languageTarget(Language::Ukrainian)});
    CHECK(applyWelcomeIntent(start, MoveFocus{2}) == WelcomeView{Language::French, 2});
    CHECK(applyWelcomeIntent(start, MoveFocus{kWelcomeTargets}) == start); // out of range: ignored
    CHECK(applyWelcomeIntent(start, TypeCode{}) == start);
}

TEST_CASE("Welcome: targets are 15 mm or more, inside the window, apart, and their labels fit") {
    struct Size {
        int width;
        int height;
    };
    for (const Size size : {Size{1280, 800}, Size{1024, 600}, Size{1920, 1080}, Size{1366, 768}}) {
        auto context = makeContext(size.width, size.height);
        const ui::Frame frame = context->frame();
        const float minimum = 15 * frame.pixelsPerMm;
        const WelcomeLayout layout = layoutWelcome(frame.width, frame.height, frame.pixelsPerMm);
        const ui::Rect window{0, 0, frame.width, frame.height};
        for (std::size_t i = 0; i < kWelcomeTargets; ++i) {
            const ui::Rect& target = layout.target(i);
            INFO(size.width << "x" << size.height << ", target " << i);
            CHECK(target.width >= minimum);
            CHECK(target.height >= minimum);
            CHECK(target.x >= 0);
            CHECK(target.y >= 0);
            CHECK(target.right() <= window.width);
            CHECK(target.bottom() <= window.height);
            CHECK_FALSE(target.overlaps(layout.pictogram));
            for (std::size_t j = i + 1; j < kWelcomeTargets; ++j)
                CHECK_FALSE(target.overlaps(layout.target(j)));
        }
        for (ui::Language language : ui::kLanguages) {
            INFO(size.width << "x" << size.height << ", sentences in " << ui::languageCode(language));
            CHECK(welcomeSentencesBottom({language, 0}, frame) < layout.typeCodeButton.y);
        }
        CHECK(layout.typeCodeButton.x >= layout.sentences.x);
        CHECK(layout.typeCodeButton.right() <= layout.sentences.right());
        CHECK_FALSE(layout.pictogram.overlaps(layout.sentences));

        // A language's name and the chosen one's check mark fit in its button, in one line.
        const ui::Fonts& fonts = *frame.fonts;
        for (std::size_t i = 0; i < ui::kLanguages.size(); ++i) {
            const std::string_view name = ui::nativeName(ui::kLanguages[i]);
            const ImVec2 label = fonts.normal->CalcTextSizeA(fonts.sizes.normal, FLT_MAX, 0, name.data(),
                                                             name.data() + name.size());
            INFO(size.width << "x" << size.height << ", " << name);
            CHECK(label.x + fonts.sizes.normal * 1.25f <= layout.languageButtons[i].width - 16);
            CHECK(label.y <= layout.languageButtons[i].height);
        }
    }
}
