#include "guichet/kiosk/screens/WelcomeScreen.hpp"

#include "Pictograms.hpp"
#include "Text.hpp"
#include "guichet/kiosk/Words.hpp"
#include "guichet/ui/Shaping.hpp"
#include "guichet/ui/Strings.hpp"

#include <algorithm>
#include <cfloat>
#include <imgui.h>
#include <string_view>
#include <vector>

namespace guichet::kiosk {
namespace {

ImVec2 vec(ui::Point p) {
    return {p.x, p.y};
}

ImVec2 textSize(const ImFont& font, float size, std::string_view text, float wrapWidth = 0.0f) {
    return font.CalcTextSizeA(size, FLT_MAX, wrapWidth, text.data(), text.data() + text.size());
}

void drawText(ImDrawList& list, const ImFont& font, float size, ui::Point at, ui::Rgb colour,
              std::string_view text, float wrapWidth = 0.0f) {
    list.AddText(&font, size, vec(at), ui::packColour(colour), text.data(), text.data() + text.size(),
                 wrapWidth);
}

ui::Rect grow(const ui::Rect& r, float by) {
    return {r.x - by, r.y - by, r.width + 2 * by, r.height + 2 * by};
}

struct ButtonState {
    bool clicked = false;
    bool hovered = false;
    bool held = false;
};

// An invisible ImGui button over `rect`: ImGui decides hover, press and release (touch included);
// we draw it ourselves.
ButtonState hitTarget(std::size_t index, const ui::Rect& rect) {
    ImGui::SetCursorScreenPos({rect.x, rect.y});
    ImGui::PushID(static_cast<int>(index));
    ButtonState state;
    state.clicked = ImGui::InvisibleButton("target", {rect.width, rect.height});
    state.hovered = ImGui::IsItemHovered();
    state.held = ImGui::IsItemActive();
    ImGui::PopID();
    return state;
}

void drawLanguageButton(ImDrawList& list, const ui::Frame& frame, const ui::Rect& rect, ui::Language language,
                        bool chosen, const ButtonState& state) {
    const ui::Palette& palette = *frame.palette;
    const ui::Ink ink = chosen          ? palette.selected
                        : state.held    ? palette.buttonPressed
                        : state.hovered ? palette.buttonHovered
                                        : palette.button;
    const float rounding = 10 * frame.scale;
    list.AddRectFilled(vec({rect.x, rect.y}), vec({rect.right(), rect.bottom()}),
                       ui::packColour(ink.background), rounding);
    if (chosen)
        list.AddRect(vec({rect.x, rect.y}), vec({rect.right(), rect.bottom()}),
                     ui::packColour(palette.border), rounding, 0, 4 * frame.scale);

    const ImFont& font = *frame.fonts->normal;
    const std::string name = ui::visualLine(ui::nativeName(language), language);
    // The name in one line: with the large text size, a long name is drawn smaller to fit its button.
    const float normal = frame.fonts->sizes.normal;
    const float natural = textSize(font, normal, name).x + (chosen ? normal * 1.25f : 0.0f);
    const float size = std::min(normal, normal * (rect.width - 16 * frame.scale) / natural);
    const ImVec2 label = textSize(font, size, name);
    const float check = chosen ? size * 0.9f : 0.0f;
    const float spacing = chosen ? size * 0.35f : 0.0f;
    const float left = rect.x + (rect.width - (check + spacing + label.x)) / 2;
    const float top = rect.y + (rect.height - label.y) / 2;
    if (chosen)
        drawCheckMark(list, {left, rect.y + (rect.height - check) / 2, check, check}, ink.text,
                      4 * frame.scale);
    drawText(list, font, size, {left + check + spacing, top}, ink.text, name);
}

void drawTypeCodeButton(ImDrawList& list, const ui::Frame& frame, const ui::Rect& rect,
                        std::string_view label, ui::Language language, const ButtonState& state) {
    const ui::Palette& palette = *frame.palette;
    const ui::Ink ink = state.held || state.hovered ? palette.secondaryActive : palette.secondary;
    const float rounding = 10 * frame.scale;
    list.AddRectFilled(vec({rect.x, rect.y}), vec({rect.right(), rect.bottom()}),
                       ui::packColour(ink.background), rounding);
    list.AddRect(vec({rect.x, rect.y}), vec({rect.right(), rect.bottom()}), ui::packColour(palette.border),
                 rounding, 0, 3 * frame.scale);
    const ImFont& font = *frame.fonts->normal;
    const float size = frame.fonts->sizes.normal;
    const float keypad = rect.height * 0.5f;
    const float spacing = size * 0.6f;
    const float wrap = rect.width - 2 * size - keypad - spacing;
    const float textWidth = std::min(wrap, lineWidth(font, size, label, language));
    const float textHeight = drawParagraph(nullptr, font, size, {0, 0}, textWidth, ink.text, label, language);
    const float left = rect.x + (rect.width - (keypad + spacing + textWidth)) / 2;
    drawKeypad(list, {left, rect.y + (rect.height - keypad) / 2, keypad * 0.75f, keypad}, ink.text);
    drawParagraph(&list, font, size, {left + keypad + spacing, rect.y + (rect.height - textHeight) / 2},
                  textWidth, ink.text, label, language);
}

// The sentence in the kiosk's language, large; how to do it; the same sentence in the others,
// smaller. Draws into `list` unless it is null; returns where the text ends (y).
float drawSentences(ImDrawList* list, const WelcomeView& view, const ui::Frame& frame, const ui::Rect& column,
                    float limit) {
    const ui::Palette& palette = *frame.palette;
    const ui::Fonts& fonts = *frame.fonts;
    float y = column.y + 8 * frame.scale;
    auto line = [&](const ImFont& font, float size, ui::Rgb colour, std::string_view sentence,
                    ui::Language language, float after) {
        y += drawParagraph(list, font, size, {column.x, y}, column.width, colour, sentence, language) +
             after * frame.scale;
    };
    if (view.cameraWorks) {
        line(*fonts.large, fonts.sizes.large, palette.page.text,
             ui::text(ui::Text::ShowYourCard, view.language), view.language, 10);
        line(*fonts.normal, fonts.sizes.normal, palette.page.text,
             ui::text(ui::Text::HoldItToTheCamera, view.language), view.language, 24);
    } else {
        // No camera: the headline is the typed code, and why.
        line(*fonts.large, fonts.sizes.large, palette.page.text,
             kioskText(KioskText::TypeYourCode, view.language), view.language, 10);
        line(*fonts.normal, fonts.sizes.normal, palette.page.text,
             kioskText(KioskText::CameraBroken, view.language), view.language, 24);
        return y;
    }
    if (list != nullptr)
        list->AddLine({column.x, y}, {column.x + column.width * 0.5f, y}, ui::packColour(palette.border),
                      2 * frame.scale);
    y += 20 * frame.scale;
    // The same sentence in the other languages, quieter, in two columns (each in its own direction),
    // as many rows as fit above `limit` (with large text the last rows are left out: the language
    // buttons still name every language).
    const float half = (column.width - 24 * frame.scale) / 2;
    std::vector<ui::Language> others;
    for (ui::Language other : ui::kLanguages)
        if (other != view.language) others.push_back(other);
    float rowTop = y;
    float rowBottom = y;
    for (std::size_t i = 0; i < others.size(); i += 2) {
        float h = 0;
        for (std::size_t j = i; j < std::min(i + 2, others.size()); ++j)
            h = std::max(h, drawParagraph(nullptr, *fonts.normal, fonts.sizes.normal, {0, 0}, half,
                                          palette.pageQuiet.text, ui::text(ui::Text::ShowYourCard, others[j]),
                                          others[j]));
        if (rowTop + h > limit) break;
        for (std::size_t j = i; j < std::min(i + 2, others.size()); ++j)
            drawParagraph(list, *fonts.normal, fonts.sizes.normal,
                          {column.x + static_cast<float>(j - i) * (half + 24 * frame.scale), rowTop}, half,
                          palette.pageQuiet.text, ui::text(ui::Text::ShowYourCard, others[j]), others[j]);
        rowBottom = rowTop + h;
        rowTop = rowBottom + 6 * frame.scale;
    }
    y = rowBottom + 6 * frame.scale;
    return y;
}

} // namespace

const ui::Rect& WelcomeLayout::target(std::size_t index) const {
    return index < languageButtons.size() ? languageButtons[index] : typeCodeButton;
}

WelcomeLayout layoutWelcome(float width, float height, float pixelsPerMm) {
    const float s = height / 800.0f;
    const float margin = 40 * s;
    const float gap = 20 * s;
    const float minTarget = 15 * pixelsPerMm;
    const float targetHeight = std::max(minTarget, 88 * s);
    const std::size_t count = ui::kLanguages.size();

    WelcomeLayout layout;
    const float rowY = height - margin - targetHeight;
    const float buttonWidth = std::max(minTarget, (width - 2 * margin - gap * static_cast<float>(count - 1)) /
                                                      static_cast<float>(count));
    for (std::size_t i = 0; i < count; ++i)
        layout.languageButtons[i] = {margin + static_cast<float>(i) * (buttonWidth + gap), rowY, buttonWidth,
                                     targetHeight};

    const float upperBottom = rowY - 2 * gap;
    const float side = std::min(upperBottom - margin, 0.27f * width);
    // The pictogram, centred in the band above the language row, and the column of sentences beside it.
    const float top = margin + (upperBottom - margin - side) / 2;
    layout.pictogram = {margin, top, side, side};
    const float column = margin + side + 48 * s;
    // The sentences start at the top; the typed-code button closes the band, over the full column
    // (its label stays on one line with the large text size too).
    layout.sentences = {column, margin, width - margin - column, upperBottom - margin};
    layout.typeCodeButton = {column, upperBottom - targetHeight, layout.sentences.width, targetHeight};
    return layout;
}

std::optional<std::size_t> welcomeFocusAfter(const WelcomeView& view, ui::Key key) {
    const std::size_t row = ui::kLanguages.size();
    const std::size_t focus = view.focus < kWelcomeTargets ? view.focus : languageTarget(view.language);
    switch (key) {
    case ui::Key::Left:
        if (focus < row && focus > 0) return focus - 1;
        return std::nullopt;
    case ui::Key::Right:
        if (focus + 1 < row) return focus + 1;
        return std::nullopt;
    case ui::Key::Up:
        if (focus < row) return kTypeCodeTarget;
        return std::nullopt;
    case ui::Key::Down:
        if (focus == kTypeCodeTarget) return languageTarget(view.language);
        return std::nullopt;
    case ui::Key::Tab:
        return (focus + 1) % kWelcomeTargets;
    case ui::Key::Enter:
    case ui::Key::KeypadEnter:
    case ui::Key::Space:
    case ui::Key::Escape:
    case ui::Key::Backspace:
    case ui::Key::F1:
    case ui::Key::F2:
    case ui::Key::F3:
    case ui::Key::F4:
    case ui::Key::F5:
    case ui::Key::F6:
    case ui::Key::F7:
    case ui::Key::F8:
        return std::nullopt;
    }
    return std::nullopt;
}

std::vector<WelcomeIntent> welcomeScreen(const WelcomeView& view, const ui::Frame& frame) {
    std::vector<WelcomeIntent> intents;
    const ui::Palette& palette = *frame.palette;
    const WelcomeLayout layout = layoutWelcome(frame.width, frame.height, frame.pixelsPerMm);
    auto activate = [&](std::size_t target) {
        if (target < ui::kLanguages.size())
            intents.emplace_back(ChooseLanguage{ui::kLanguages[target]});
        else if (target == kTypeCodeTarget)
            intents.emplace_back(TypeCode{});
    };

    ImGui::SetNextWindowPos({0, 0});
    ImGui::SetNextWindowSize({frame.width, frame.height});
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0, 0});
    ImGui::Begin("##welcome", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar();
    ImDrawList& list = *ImGui::GetWindowDrawList();

    if (view.cameraWorks)
        drawCardToCamera(list, layout.pictogram, palette);
    else
        drawPictogram(list, Pictogram::Keypad, layout.pictogram, palette, palette.pictogram);

    drawSentences(&list, view, frame, layout.sentences, layout.typeCodeButton.y - 12 * frame.scale);

    for (std::size_t i = 0; i < ui::kLanguages.size(); ++i) {
        const ButtonState state = hitTarget(i, layout.languageButtons[i]);
        drawLanguageButton(list, frame, layout.languageButtons[i], ui::kLanguages[i],
                           ui::kLanguages[i] == view.language, state);
        if (state.clicked) activate(i);
    }
    const ButtonState typeCode = hitTarget(kTypeCodeTarget, layout.typeCodeButton);
    drawTypeCodeButton(list, frame, layout.typeCodeButton,
                       ui::text(ui::Text::NoCardTypeYourCode, view.language), view.language, typeCode);
    if (typeCode.clicked) activate(kTypeCodeTarget);

    // The focus ring: a thick outline standing off the focused target, so it shows on any fill.
    if (view.focus < kWelcomeTargets) {
        const ui::Rect ring = grow(layout.target(view.focus), 7 * frame.scale);
        list.AddRect({ring.x, ring.y}, {ring.right(), ring.bottom()}, ui::packColour(palette.focusRing),
                     16 * frame.scale, 0, 5 * frame.scale);
    }

    for (ui::Key key : {ui::Key::Left, ui::Key::Right, ui::Key::Up, ui::Key::Down, ui::Key::Tab})
        if (ui::keyPressed(key))
            if (auto target = welcomeFocusAfter(view, key)) intents.emplace_back(MoveFocus{*target});
    if (ui::keyPressed(ui::Key::Enter) || ui::keyPressed(ui::Key::KeypadEnter) ||
        ui::keyPressed(ui::Key::Space))
        activate(view.focus);

    ImGui::End();
    return intents;
}

float welcomeSentencesBottom(const WelcomeView& view, const ui::Frame& frame) {
    const WelcomeLayout layout = layoutWelcome(frame.width, frame.height, frame.pixelsPerMm);
    return drawSentences(nullptr, view, frame, layout.sentences, layout.typeCodeButton.y - 12 * frame.scale);
}

WelcomeView applyWelcomeIntent(WelcomeView view, const WelcomeIntent& intent) {
    if (const auto* choose = std::get_if<ChooseLanguage>(&intent)) {
        view.language = choose->language;
        view.focus = languageTarget(choose->language);
    } else if (const auto* move = std::get_if<MoveFocus>(&intent)) {
        if (move->target < kWelcomeTargets) view.focus = move->target;
    }
    return view;
}

} // namespace guichet::kiosk
