#include "guichet/kiosk/screens/KioskScreens.hpp"

#include "Pictograms.hpp"
#include "Text.hpp"
#include "guichet/kiosk/PendingSummary.hpp"
#include "guichet/kiosk/Words.hpp"
#include "guichet/kiosk/screens/WelcomeScreen.hpp"

#include <algorithm>
#include <array>
#include <imgui.h>
#include <string>

namespace guichet::kiosk {
namespace {

constexpr std::size_t kKeypadKeys = 10; // 1-9, then 0 under 8 (a phone's layout)

float scaleOf(float height) {
    return height / 800.0f;
}

// The bottom row of buttons, laid out from the start side (right for Arabic).
std::vector<ScreenTarget> buttonRow(const std::vector<Press>& presses, float width, float height, float ppm,
                                    bool rtl) {
    const float s = scaleOf(height);
    const float margin = 40 * s;
    const float gap = 24 * s;
    const float h = std::max(15 * ppm, 100 * s);
    const auto n = static_cast<float>(presses.size());
    const float w = std::max(15 * ppm, std::min(440 * s, (width - 2 * margin - gap * (n - 1)) / n));
    std::vector<ScreenTarget> row;
    for (std::size_t i = 0; i < presses.size(); ++i) {
        const float offset = static_cast<float>(i) * (w + gap);
        const float x = rtl ? width - margin - w - offset : margin + offset;
        row.push_back({{x, height - margin - h, w, h}, presses[i]});
    }
    return row;
}

Press button(Button b) {
    Press p;
    p.button = b;
    return p;
}

// The keypad of TypeCode: 3 columns x 4 rows at the end side (left for Arabic), above the row.
std::vector<ScreenTarget> keypad(float width, float height, float ppm, bool rtl) {
    const float s = scaleOf(height);
    const float margin = 40 * s;
    const float gap = 12 * s;
    const float rowTop = height - margin - std::max(15 * ppm, 100 * s);
    const float key = std::max(15 * ppm, std::min(120 * s, (rowTop - margin - 3 * gap - 24 * s) / 4));
    const float gridWidth = 3 * key + 2 * gap;
    const float x0 = rtl ? margin : width - margin - gridWidth;
    const float y0 = margin;
    std::vector<ScreenTarget> keys;
    for (std::size_t i = 0; i < kKeypadKeys; ++i) {
        const std::size_t column = i < 9 ? i % 3 : 1;
        const std::size_t row = i < 9 ? i / 3 : 3;
        Press p;
        p.button = Button::Digit;
        p.digit = i < 9 ? static_cast<int>(i) + 1 : 0;
        keys.push_back({{x0 + static_cast<float>(column) * (key + gap),
                         y0 + static_cast<float>(row) * (key + gap), key, key},
                        p});
    }
    return keys;
}

struct Columns {
    ui::Rect pictogram;
    ui::Rect text;
};

// Pictogram at the start side, text beside it, both above the button row; TypeCode leaves room for
// its keypad at the end side.
Columns columns(const Session& session, float width, float height, float ppm) {
    const float s = scaleOf(height);
    const float margin = 40 * s;
    const bool rtl = ui::isRightToLeft(session.language);
    const float rowTop = height - margin - std::max(15 * ppm, 100 * s) - 24 * s;
    float usable = width - 2 * margin;
    if (session.state == State::TypeCode) {
        const auto keys = keypad(width, height, ppm, rtl);
        usable -= (keys[2].rect.right() - keys[0].rect.x) + 40 * s;
    }
    // TypeCode has no pictogram of its own (its keypad is one), nor YourMail with mail (each kind
    // has its pictogram in its row): their text gets the room.
    const bool ownPictogram =
        session.state != State::TypeCode &&
        !(session.state == State::YourMail && session.person && session.person->counts.total() > 0);
    const float side = ownPictogram ? std::min(rowTop - margin, std::min(0.24f * width, 260 * s)) : 0.0f;
    const float textWidth = usable - side - (side > 0 ? 40 * s : 0.0f);
    Columns c;
    if (!rtl) {
        c.pictogram = {margin, margin, side, side};
        c.text = {margin + side + (side > 0 ? 40 * s : 0.0f), margin, textWidth, rowTop - margin};
    } else {
        c.pictogram = {width - margin - side, margin, side, side};
        c.text = {width - margin - side - (side > 0 ? 40 * s : 0.0f) - textWidth, margin, textWidth,
                  rowTop - margin};
    }
    return c;
}

Pictogram pictogramOf(const Press& p) {
    switch (p.button) {
    case Button::AskForMail:
        return Pictogram::Ticket;
    case Button::Finish:
        return Pictogram::Check;
    case Button::Repeat:
        return Pictogram::Speaker;
    case Button::Continue:
        return Pictogram::Check;
    case Button::Back:
        return Pictogram::Back;
    case Button::TypeCode:
        return Pictogram::Keypad;
    case Button::Validate:
        return Pictogram::Check;
    case Button::Erase:
        return Pictogram::Back;
    case Button::Language:
    case Button::Digit:
        break;
    }
    return Pictogram::Check;
}

std::string labelOf(const Press& p, ui::Language l) {
    switch (p.button) {
    case Button::AskForMail:
        return std::string(kioskText(KioskText::AskForMail, l));
    case Button::Finish:
        return std::string(kioskText(KioskText::Finish, l));
    case Button::Repeat:
        return std::string(kioskText(KioskText::Repeat, l));
    case Button::Continue:
        return std::string(kioskText(KioskText::Continue, l));
    case Button::Back:
        return std::string(kioskText(KioskText::Back, l));
    case Button::Erase:
        return std::string(kioskText(KioskText::Erase, l));
    case Button::Validate:
        return std::string(kioskText(KioskText::Validate, l));
    case Button::Digit:
        return std::to_string(p.digit);
    case Button::Language:
    case Button::TypeCode:
        break;
    }
    return {};
}

struct Hit {
    bool clicked = false;
    bool hovered = false;
    bool held = false;
};

Hit hitTarget(std::size_t index, const ui::Rect& rect) {
    ImGui::SetCursorScreenPos({rect.x, rect.y});
    ImGui::PushID(static_cast<int>(index));
    Hit hit;
    hit.clicked = ImGui::InvisibleButton("target", {rect.width, rect.height});
    hit.hovered = ImGui::IsItemHovered();
    hit.held = ImGui::IsItemActive();
    ImGui::PopID();
    return hit;
}

void drawButton(ImDrawList& list, const ui::Frame& frame, const ScreenTarget& target, ui::Language language,
                bool primary, const Hit& hit) {
    const ui::Palette& palette = *frame.palette;
    const ui::Ink ink = primary ? (hit.held      ? palette.buttonPressed
                                   : hit.hovered ? palette.buttonHovered
                                                 : palette.button)
                                : (hit.held || hit.hovered ? palette.secondaryActive : palette.secondary);
    const ui::Rect& r = target.rect;
    const float rounding = 12 * frame.scale;
    list.AddRectFilled({r.x, r.y}, {r.right(), r.bottom()}, ui::packColour(ink.background), rounding);
    list.AddRect({r.x, r.y}, {r.right(), r.bottom()}, ui::packColour(palette.border), rounding, 0,
                 3 * frame.scale);
    const std::string label = labelOf(target.press, language);
    const ImFont& font = *frame.fonts->normal;
    if (target.press.button == Button::Digit) {
        const ImFont& big = *frame.fonts->large;
        const float bigSize = frame.fonts->sizes.large;
        const float w = lineWidth(big, bigSize, label, language);
        list.AddText(&big, bigSize, {r.x + (r.width - w) / 2, r.y + (r.height - bigSize) / 2},
                     ui::packColour(ink.text), label.c_str());
        return;
    }
    const float icon = std::min(r.height * 0.5f, frame.fonts->sizes.normal * 1.3f);
    const float pad = frame.fonts->sizes.normal * 0.5f;
    const float textWidth = r.width - icon - 3 * pad;
    // A word longer than the button (large text, a long Ukrainian verb) is drawn smaller to fit whole.
    float size = frame.fonts->sizes.normal;
    float longest = 0;
    for (std::size_t at = 0; at < label.size();) {
        const std::size_t end = std::min(label.find(' ', at), label.size());
        longest =
            std::max(longest, lineWidth(font, size, std::string_view(label).substr(at, end - at), language));
        at = end + 1;
    }
    if (longest > textWidth) size *= textWidth / longest;
    const bool rtl = ui::isRightToLeft(language);
    const float textHeight =
        drawParagraph(nullptr, font, size, {0, 0}, textWidth, ink.text, label, language, Align::Centre);
    const float iconX = rtl ? r.right() - pad - icon : r.x + pad;
    const float textX = rtl ? r.x + pad : r.x + 2 * pad + icon;
    drawPictogram(list, pictogramOf(target.press), {iconX, r.y + (r.height - icon) / 2, icon, icon}, palette,
                  ink.text, ink.background, rtl && pictogramOf(target.press) == Pictogram::Back);
    drawParagraph(&list, font, size, {textX, r.y + (r.height - textHeight) / 2}, textWidth, ink.text, label,
                  language, Align::Centre);
}

void drawFocus(ImDrawList& list, const ui::Frame& frame, const ui::Rect& r) {
    const float by = 7 * frame.scale;
    list.AddRect({r.x - by, r.y - by}, {r.right() + by, r.bottom() + by},
                 ui::packColour(frame.palette->focusRing), 16 * frame.scale, 0, 5 * frame.scale);
}

// The text column of each screen. Returns nothing: draws only.
void drawContent(ImDrawList& list, const Session& session, const ui::Frame& frame, const Columns& c, Millis) {
    const ui::Palette& palette = *frame.palette;
    const ui::Fonts& fonts = *frame.fonts;
    const ui::Language l = session.language;
    const bool rtl = ui::isRightToLeft(l);
    float y = c.text.y;
    auto title = [&](std::string_view text) {
        y += drawParagraph(&list, *fonts.large, fonts.sizes.large, {c.text.x, y}, c.text.width,
                           palette.page.text, text, l) +
             16 * frame.scale;
    };
    auto line = [&](std::string_view text) {
        y += drawParagraph(&list, *fonts.normal, fonts.sizes.normal, {c.text.x, y}, c.text.width,
                           palette.page.text, text, l) +
             10 * frame.scale;
    };
    // A row with a pictogram at the start and a sentence beside it.
    auto row = [&](Pictogram p, std::string_view text) {
        const float icon = fonts.sizes.normal * 1.8f;
        const float textX = rtl ? c.text.x : c.text.x + icon + 20 * frame.scale;
        const float textWidth = c.text.width - icon - 20 * frame.scale;
        const float h = drawParagraph(nullptr, *fonts.normal, fonts.sizes.normal, {0, 0}, textWidth,
                                      palette.page.text, text, l);
        const float rowHeight = std::max(icon, h);
        drawPictogram(list, p, {rtl ? c.text.right() - icon : c.text.x, y, icon, icon}, palette,
                      palette.pictogram);
        drawParagraph(&list, *fonts.normal, fonts.sizes.normal, {textX, y + (rowHeight - h) / 2}, textWidth,
                      palette.page.text, text, l);
        y += rowHeight + 14 * frame.scale;
    };

    switch (session.state) {
    case State::Welcome:
    case State::IdleWarning:
        break;
    case State::TypeCode: {
        title(kioskText(KioskText::TypeYourCode, l));
        line(kioskText(KioskText::CodeHelp, l));
        // 12 boxes in three groups of four, left to right (digits read left to right in Arabic too).
        const float box = std::min(fonts.sizes.large * 1.05f, c.text.width / 15.5f);
        const float groupGap = box * 0.5f;
        // Digits read left to right in Arabic too; the row sits at the column's start side.
        const float rowWidth = box * static_cast<float>(kCodeDigits) + 2 * groupGap;
        float x = rtl ? c.text.right() - rowWidth : c.text.x;
        y += 8 * frame.scale;
        for (std::size_t i = 0; i < kCodeDigits; ++i) {
            if (i > 0 && i % 4 == 0) x += groupGap;
            list.AddRectFilled({x, y}, {x + box * 0.92f, y + box * 1.2f}, ui::packColour({0xFF, 0xFF, 0xFF}),
                               4 * frame.scale);
            list.AddRect({x, y}, {x + box * 0.92f, y + box * 1.2f}, ui::packColour(palette.border),
                         4 * frame.scale, 0, (i == session.typed.size() ? 4.0f : 2.0f) * frame.scale);
            if (i < session.typed.size()) {
                const char digit[2] = {session.typed[i], '\0'};
                const float size = std::min(fonts.sizes.normal, box * 1.1f); // a digit is ~0.64 em wide
                const float w = lineWidth(*fonts.normal, size, digit, l);
                list.AddText(fonts.normal, size, {x + (box * 0.92f - w) / 2, y + (box * 1.2f - size) / 2},
                             ui::packColour(palette.page.text), digit);
            }
            x += box;
        }
        y += box * 1.2f + 20 * frame.scale;
        if (session.codeNotRight) row(Pictogram::Desk, kioskText(KioskText::CodeNotRight, l));
        break;
    }
    case State::Reading:
        drawPictogram(list, Pictogram::Hourglass, c.pictogram, palette, palette.pictogram);
        title(kioskText(KioskText::OneMoment, l));
        line(kioskText(KioskText::ReadingCard, l));
        break;
    case State::Refused:
        drawPictogram(list, Pictogram::Desk, c.pictogram, palette, palette.pictogram);
        title(kioskText(KioskText::AskAtDesk, l));
        line(kioskText(KioskText::AskAtDeskWhy, l));
        break;
    case State::YourMail: {
        if (!session.person) break;
        const Person& p = *session.person;
        if (p.counts.total() == 0)
            drawPictogram(list, Pictogram::Check, c.pictogram, palette, palette.pictogram);

        if (!p.firstName.empty()) line(fill(KioskText::Hello, l, p.firstName));
        const PendingSummary summary = describePending(p.counts, l);
        title(summary.headline);
        const std::array<std::pair<int, Pictogram>, 3> kinds{{{p.counts.courrier, Pictogram::Letter},
                                                              {p.counts.recommande, Pictogram::Registered},
                                                              {p.counts.colis, Pictogram::Parcel}}};
        std::size_t item = 0;
        for (const auto& [count, pictogram] : kinds)
            if (count > 0) row(pictogram, summary.items[item++]);
        if (p.counts.total() > 0 && session.devices.paperOut)
            row(Pictogram::Ticket, kioskText(KioskText::NoPaper, l));
        if (p.endsOn) {
            y += 8 * frame.scale;
            row(Pictogram::Calendar, fill(KioskText::EndsOn, l, dateInWords(*p.endsOn, l)) + " " +
                                         std::string(kioskText(KioskText::RenewAtDesk, l)));
        }
        break;
    }
    case State::Ticket: {
        drawPictogram(list, Pictogram::Ticket, c.pictogram, palette, palette.pictogram);
        if (!session.ticketNumber) {
            title(kioskText(KioskText::Printing, l));
            break;
        }
        title(kioskText(KioskText::YourNumber, l));
        // The number, twice the large size, in a box: what the desk calls.
        const std::string number = std::to_string(*session.ticketNumber);
        const float size = fonts.sizes.large * 2;
        const float w = lineWidth(*fonts.large, size, number, l);
        const float boxX = rtl ? c.text.right() - w - 40 * frame.scale : c.text.x;
        list.AddRectFilled({boxX, y}, {boxX + w + 40 * frame.scale, y + size * 1.15f},
                           ui::packColour({0xFF, 0xFF, 0xFF}), 8 * frame.scale);
        list.AddRect({boxX, y}, {boxX + w + 40 * frame.scale, y + size * 1.15f},
                     ui::packColour(palette.border), 8 * frame.scale, 0, 4 * frame.scale);
        list.AddText(fonts.large, size, {boxX + 20 * frame.scale, y + size * 0.07f},
                     ui::packColour(palette.page.text), number.c_str());
        y += size * 1.15f + 20 * frame.scale;
        line(kioskText(session.ticketPrinted ? KioskText::TakeTicket : KioskText::TicketNotPrinted, l));
        line(kioskText(KioskText::WaitForNumber, l));
        break;
    }
    }
}

std::vector<Press> rowPresses(const Session& session) {
    switch (session.state) {
    case State::TypeCode:
        return {button(Button::Validate), button(Button::Erase), button(Button::Back),
                button(Button::Repeat)};
    case State::Reading:
        return {button(Button::Repeat)};
    case State::Refused:
        return {button(Button::Finish), button(Button::Repeat)};
    case State::YourMail:
        if (session.person && session.person->counts.total() > 0)
            return {button(Button::AskForMail), button(Button::Finish), button(Button::Repeat)};
        return {button(Button::Finish), button(Button::Repeat)};
    case State::Ticket:
        return {button(Button::Finish), button(Button::Repeat)};
    case State::IdleWarning:
        return {button(Button::Continue)};
    case State::Welcome:
        break;
    }
    return {};
}

std::vector<Input> welcome(const Session& session, const ui::Frame& frame) {
    WelcomeView view{session.language, session.focus, session.devices.cameraWorks};
    std::vector<Input> out;
    for (const WelcomeIntent& intent : welcomeScreen(view, frame)) {
        if (const auto* choose = std::get_if<ChooseLanguage>(&intent)) {
            Press p;
            p.button = Button::Language;
            p.language = choose->language;
            out.emplace_back(p);
        } else if (std::holds_alternative<TypeCode>(intent)) {
            out.emplace_back(button(Button::TypeCode));
        } else if (const auto* move = std::get_if<MoveFocus>(&intent)) {
            out.emplace_back(FocusOn{move->target});
        }
    }
    return out;
}

} // namespace

std::vector<ScreenTarget> screenTargets(const Session& session, float width, float height, float ppm) {
    if (session.state == State::Welcome) {
        const WelcomeLayout layout = layoutWelcome(width, height, ppm);
        std::vector<ScreenTarget> targets;
        for (std::size_t i = 0; i < ui::kLanguages.size(); ++i) {
            Press p;
            p.button = Button::Language;
            p.language = ui::kLanguages[i];
            targets.push_back({layout.languageButtons[i], p});
        }
        targets.push_back({layout.typeCodeButton, button(Button::TypeCode)});
        return targets;
    }
    const bool rtl = ui::isRightToLeft(session.language);
    std::vector<ScreenTarget> targets;
    if (session.state == State::TypeCode) targets = keypad(width, height, ppm, rtl);
    for (ScreenTarget& t : buttonRow(rowPresses(session), width, height, ppm, rtl))
        targets.push_back(t);
    if (session.state == State::IdleWarning) {
        // One large Continue in the middle of the bottom half.
        ScreenTarget& t = targets.front();
        t.rect.width = std::min(width - 80 * scaleOf(height), 600 * scaleOf(height));
        t.rect.x = (width - t.rect.width) / 2;
    }
    return targets;
}

std::optional<std::size_t> focusAfter(const Session& session, ui::Key key, std::size_t targets) {
    if (targets == 0) return std::nullopt;
    const std::size_t focus = std::min(session.focus, targets - 1);
    const bool grid = session.state == State::TypeCode;
    const bool rtl = ui::isRightToLeft(session.language) && !grid;
    switch (key) {
    case ui::Key::Left:
    case ui::Key::Right: {
        const bool forward = (key == ui::Key::Right) != rtl;
        if (forward) return focus + 1 < targets ? std::optional<std::size_t>(focus + 1) : std::nullopt;
        return focus > 0 ? std::optional<std::size_t>(focus - 1) : std::nullopt;
    }
    case ui::Key::Down:
        if (grid && focus < 6) return focus + 3;
        if (grid && focus < 9) return std::size_t{9}; // the 0 key, under 8
        if (grid && focus == 9) return kKeypadKeys;   // the row: Validate
        return focus + 1 < targets ? std::optional<std::size_t>(focus + 1) : std::nullopt;
    case ui::Key::Up:
        if (grid && focus >= 3 && focus < 9) return focus - 3;
        if (grid && focus == 9) return std::size_t{7};
        if (grid && focus >= kKeypadKeys) return std::size_t{9};
        return focus > 0 ? std::optional<std::size_t>(focus - 1) : std::nullopt;
    case ui::Key::Tab:
        return (focus + 1) % targets;
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
        break;
    }
    return std::nullopt;
}

std::vector<Input> kioskScreen(const Session& session, const ui::Frame& frame, Millis untilReset) {
    if (session.state == State::Welcome) return welcome(session, frame);

    std::vector<Input> out;
    const ui::Palette& palette = *frame.palette;
    const auto targets = screenTargets(session, frame.width, frame.height, frame.pixelsPerMm);

    ImGui::SetNextWindowPos({0, 0});
    ImGui::SetNextWindowSize({frame.width, frame.height});
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0, 0});
    ImGui::Begin("##kiosk", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar();
    ImDrawList& list = *ImGui::GetWindowDrawList();

    if (session.state == State::IdleWarning) {
        // The warning: a clock, the question, the seconds left as a number (not a shrinking bar).
        const float s = frame.scale;
        const ui::Fonts& fonts = *frame.fonts;
        const float side = 180 * s;
        drawPictogram(list, Pictogram::Clock, {(frame.width - side) / 2, 40 * s, side, side}, palette,
                      palette.pictogram);
        float y = 40 * s + side + 20 * s;
        const float width = frame.width - 160 * s;
        y += drawParagraph(&list, *fonts.large, fonts.sizes.large, {80 * s, y}, width, palette.page.text,
                           kioskText(KioskText::StillThere, session.language), session.language,
                           Align::Centre);
        y += 10 * s;
        y += drawParagraph(&list, *fonts.normal, fonts.sizes.normal, {80 * s, y}, width, palette.page.text,
                           kioskText(KioskText::StopsIn, session.language), session.language, Align::Centre);
        const std::string seconds = std::to_string((untilReset.count() + 999) / 1000);
        const float w = lineWidth(*fonts.large, fonts.sizes.large, seconds, session.language);
        list.AddText(fonts.large, fonts.sizes.large, {(frame.width - w) / 2, y + 10 * s},
                     ui::packColour(palette.page.text), seconds.c_str());
    } else {
        drawContent(list, session, frame, columns(session, frame.width, frame.height, frame.pixelsPerMm),
                    untilReset);
    }

    bool anyHovered = false;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const Hit hit = hitTarget(i, targets[i].rect);
        anyHovered = anyHovered || hit.hovered;
        const bool primary = i == 0 && session.state != State::TypeCode;
        drawButton(list, frame, targets[i], session.language,
                   primary || targets[i].press.button == Button::Validate, hit);
        if (hit.clicked) {
            Press p = targets[i].press;
            p.via = Via::Touch;
            out.emplace_back(p);
        }
    }
    if (!targets.empty()) drawFocus(list, frame, targets[std::min(session.focus, targets.size() - 1)].rect);

    // Keys: arrows and Tab move the focus, Enter presses it, digits and Backspace type the code; on
    // the warning any key continues.
    bool keyUsed = false;
    for (ui::Key key : {ui::Key::Left, ui::Key::Right, ui::Key::Up, ui::Key::Down, ui::Key::Tab})
        if (ui::keyPressed(key)) {
            keyUsed = true;
            if (auto target = focusAfter(session, key, targets.size())) out.emplace_back(FocusOn{*target});
        }
    if (ui::keyPressed(ui::Key::Enter) || ui::keyPressed(ui::Key::KeypadEnter) ||
        ui::keyPressed(ui::Key::Space)) {
        keyUsed = true;
        if (!targets.empty()) {
            Press p = targets[std::min(session.focus, targets.size() - 1)].press;
            p.via = Via::Key;
            out.emplace_back(p);
        }
    }
    if (session.state == State::TypeCode) {
        for (char c : ui::typedText())
            if (c >= '0' && c <= '9') {
                keyUsed = true;
                Press p = button(Button::Digit);
                p.digit = c - '0';
                p.via = Via::Key;
                out.emplace_back(p);
            }
        if (ui::keyPressed(ui::Key::Backspace)) {
            keyUsed = true;
            Press p = button(Button::Erase);
            p.via = Via::Key;
            out.emplace_back(p);
        }
    }
    const bool otherKey =
        ui::keyPressed(ui::Key::Escape) || ui::keyPressed(ui::Key::Backspace) || !ui::typedText().empty();
    if (session.state == State::IdleWarning && out.empty() && (keyUsed || otherKey)) {
        Press p = button(Button::Continue);
        p.via = Via::Key;
        out.emplace_back(p);
    } else if (out.empty() && (keyUsed || otherKey)) {
        out.emplace_back(Activity{Via::Key});
    }
    if (out.empty() && ImGui::IsMouseClicked(0) && !anyHovered)
        out.emplace_back(session.state == State::IdleWarning ? Input{button(Button::Continue)}
                                                             : Input{Activity{Via::Touch}});
    ImGui::End();
    return out;
}

} // namespace guichet::kiosk
