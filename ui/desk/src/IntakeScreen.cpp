#include "guichet/ui/desk/IntakeScreen.hpp"

#include "Draw.hpp"
#include "guichet/ui/DeskStrings.hpp"
#include "guichet/ui/Input.hpp"

#include <algorithm>
#include <imgui.h>

namespace guichet::ui::desk {
namespace {

struct Layout {
    Rect live;
    Rect decision;
    Rect capture;
    Rect undo;
    Rect folder;
    Rect folderLine;
    Rect strip;
};

Layout layout(const Frame& frame) {
    const float s = frame.scale;
    const float m = 12 * s;
    const float top = draw::headerHeight(frame) + m;
    Layout l;
    const float liveW = std::min(frame.width * 0.6f, (draw::contentBottom(frame) - top) * 0.58f * 16 / 9);
    l.live = {m, top, liveW, liveW * 9 / 16};
    const float x = l.live.right() + 16 * s;
    const float w = frame.width - x - m;
    const float button = 54 * s;
    l.decision = {x, top, w, l.live.height - 3 * (button + 10 * s) - 34 * s};
    l.capture = {x, l.decision.bottom() + 10 * s, w, button};
    l.undo = {x, l.capture.bottom() + 10 * s, w, button};
    l.folder = {x, l.undo.bottom() + 10 * s, w, button};
    l.folderLine = {x, l.folder.bottom() + 6 * s, w, 28 * s};
    l.strip = {m, l.live.bottom() + 14 * s, frame.width - 2 * m,
               draw::contentBottom(frame) - l.live.bottom() - 26 * s};
    return l;
}

std::string kindWord(MailKind kind, Language language) {
    std::string counted = countOf(kind, 1, language); // "1 lettre"
    return counted.substr(counted.find(' ') + 1);
}

/// The picture fitted in `area` (letterboxed); the scale and origin map its pixels to the window.
struct Fit {
    float scale = 1;
    ImVec2 origin{};
};

Fit fitIn(const Texture& texture, const Rect& area) {
    const float scale = std::min(area.width / static_cast<float>(texture.width),
                                 area.height / static_cast<float>(texture.height));
    const float w = static_cast<float>(texture.width) * scale;
    const float h = static_cast<float>(texture.height) * scale;
    return {scale, {area.x + (area.width - w) / 2, area.y + (area.height - h) / 2}};
}

void drawLive(const draw::Painter& p, const IntakeView& view, const Rect& area) {
    const Palette& palette = *p.frame.palette;
    p.fill(area, palette.pictogram);
    const bool picture = view.cameraLive && view.live.id != 0 && view.live.width > 0 && view.live.height > 0;
    if (picture) {
        const Fit fit = fitIn(view.live, area);
        const ImVec2 max{fit.origin.x + static_cast<float>(view.live.width) * fit.scale,
                         fit.origin.y + static_cast<float>(view.live.height) * fit.scale};
        p.list.AddImage(reinterpret_cast<ImTextureID>(view.live.id), fit.origin, max);
        if (view.outline) {
            ImVec2 corners[4];
            for (std::size_t i = 0; i < 4; ++i)
                corners[i] = {fit.origin.x + view.outline->corners[i].x * fit.scale,
                              fit.origin.y + view.outline->corners[i].y * fit.scale};
            const Rgb colour = view.shown ? outcomeColour(view.shown->outcome) : palette.focusRing;
            // A white halo under the line keeps it visible on any desk; clipped to the picture.
            p.list.PushClipRect({area.x, area.y}, {area.right(), area.bottom()}, true);
            p.list.AddPolyline(corners, 4, packColour({0xFF, 0xFF, 0xFF}), ImDrawFlags_Closed, p.s(8));
            p.list.AddPolyline(corners, 4, packColour(colour), ImDrawFlags_Closed, p.s(4));
            p.list.PopClipRect();
        }
    }
    p.outline(area, palette.border, p.s(2));
    // The caption over the picture: what happens now, or the decision of the envelope shown.
    std::string caption;
    std::optional<EnvelopeOutcome> icon;
    if (!view.cameraLive) {
        caption = deskText(DeskText::CameraMissing, view.language);
        icon = EnvelopeOutcome::Failed;
    } else if (view.reading) {
        caption = deskText(DeskText::ReadingEnvelope, view.language);
    } else if (view.shown) {
        caption = outcomeWord(view.shown->outcome, view.language) + "  \u2014  " +
                  envelopeLine(*view.shown, view.language);
        icon = view.shown->outcome;
    } else if (view.outline) {
        caption = deskText(DeskText::HoldStill, view.language);
    } else {
        caption = deskText(DeskText::LayEnvelope, view.language);
    }
    const float size = p.body();
    const float pad = p.s(10);
    const float iconSize = icon ? p.s(34) : 0;
    const float wrap = area.width - 2 * pad - iconSize - 3 * pad;
    const ImVec2 measured = p.measure(caption, size, true, wrap);
    const Rect band{area.x + pad, area.y + pad, measured.x + iconSize + 3 * pad + (icon ? pad : 0),
                    std::max(measured.y, iconSize) + 2 * pad};
    p.fill(band, palette.page.background, p.s(6));
    p.outline(band, palette.border, p.s(2), p.s(6));
    float x = band.x + pad;
    if (icon) {
        draw::outcomeIcon(p, {x, band.y + (band.height - iconSize) / 2, iconSize, iconSize}, *icon);
        x += iconSize + pad;
    }
    p.text({x, band.y + pad}, palette.page.text, caption, size, true, wrap);
    // How near the automatic capture is: a bar along the bottom of the picture.
    if (view.cameraLive && !view.reading && view.stillness > 0) {
        const Rect track{area.x + pad, area.bottom() - p.s(18), area.width - 2 * pad, p.s(10)};
        p.fill(track, palette.page.background, p.s(4));
        p.fill({track.x, track.y, track.width * std::clamp(view.stillness, 0.0f, 1.0f), track.height},
               palette.focusRing, p.s(4));
    }
}

void drawDecision(const draw::Painter& p, const IntakeView& view, const Rect& area) {
    const Palette& palette = *p.frame.palette;
    p.outline(area, palette.border, p.s(2), p.s(8));
    const float pad = p.s(14);
    if (!view.shown) {
        p.text({area.x + pad, area.y + pad}, palette.pageQuiet.text,
               deskText(view.cameraLive ? DeskText::LayEnvelope : DeskText::NoEnvelopeYet, view.language),
               p.body(), false, area.width - 2 * pad);
        return;
    }
    const EnvelopeRow& row = *view.shown;
    p.fill({area.x, area.y, p.s(12), area.height}, outcomeColour(row.outcome), p.s(4));
    const float icon = p.s(64);
    draw::outcomeIcon(p, {area.x + pad + p.s(8), area.y + pad, icon, icon}, row.outcome);
    const float x = area.x + pad + p.s(8) + icon + pad;
    const ImVec2 word = p.text({x, area.y + pad}, palette.page.text, outcomeWord(row.outcome, view.language),
                               p.heading() * 1.3f, true);
    float y = area.y + pad + word.y + p.s(4);
    if (row.dossier)
        y += p.text({x, y}, palette.page.text,
                    std::string(deskText(DeskText::Dossier, view.language)) + " " +
                        std::to_string(*row.dossier),
                    p.heading(), true)
                 .y;
    y = std::max(y, area.y + pad + icon) + p.s(8);
    const float wrap = area.width - 2 * pad - p.s(8);
    std::string details = kindWord(row.kind, view.language);
    if (!row.tracking.empty())
        details +=
            "  \u00B7  " + std::string(deskText(DeskText::Tracking, view.language)) + " " + row.tracking;
    y += p.text({area.x + pad + p.s(8), y}, palette.page.text, details, p.body(), false, wrap).y + p.s(4);
    if (!row.note.empty())
        p.text({area.x + pad + p.s(8), y}, palette.pageQuiet.text, row.note, p.body(), false, wrap);
}

void drawStrip(const draw::Painter& p, const IntakeView& view, const Rect& area) {
    const Palette& palette = *p.frame.palette;
    const float heading = p.text({area.x, area.y}, palette.page.text,
                                 deskText(DeskText::LastEnvelopes, view.language), p.body(), true)
                              .y +
                          p.s(8);
    const Rect cards{area.x, area.y + heading, area.width, area.height - heading};
    if (view.strip.empty()) {
        p.text({cards.x, cards.y}, palette.pageQuiet.text, deskText(DeskText::NoEnvelopeYet, view.language),
               p.body());
        return;
    }
    constexpr std::size_t kShown = 5;
    const float gap = p.s(10);
    const float w = (cards.width - gap * (kShown - 1)) / kShown;
    const float pad = p.s(10);
    for (std::size_t i = 0; i < view.strip.size() && i < kShown; ++i) {
        const EnvelopeRow& row = view.strip[i];
        const Rect card{cards.x + static_cast<float>(i) * (w + gap), cards.y, w, cards.height};
        p.fill(card, palette.page.background, p.s(6));
        p.outline(card, palette.border, p.s(i == 0 ? 3 : 1), p.s(6));
        p.fill({card.x, card.y, p.s(10), card.height}, outcomeColour(row.outcome), p.s(4));
        const float icon = p.s(32);
        const float x = card.x + p.s(10) + pad;
        draw::outcomeIcon(p, {x, card.y + pad, icon, icon}, row.outcome);
        p.text({x + icon + p.s(8), card.y + pad + (icon - p.body()) / 2}, palette.page.text,
               outcomeWord(row.outcome, view.language), p.body(), true);
        float y = card.y + pad + icon + p.s(6);
        const float wrap = card.right() - x - pad;
        const float small = p.body() * 0.9f;
        y += p.text({x, y}, palette.page.text, kindWord(row.kind, view.language) + "  \u00B7  " + row.at,
                    small)
                 .y;
        if (row.dossier)
            y += p.text({x, y}, palette.page.text,
                        std::string(deskText(DeskText::Dossier, view.language)) + " " +
                            std::to_string(*row.dossier),
                        small, true)
                     .y;
        if (!row.tracking.empty()) y += p.text({x, y}, palette.page.text, row.tracking, small, false, wrap).y;
        if (!row.note.empty() && y + small < card.bottom() - pad)
            p.text({x, y}, palette.pageQuiet.text, row.note, small, false, wrap);
    }
}

} // namespace

std::string envelopeLine(const EnvelopeRow& row, Language language) {
    std::string line = kindWord(row.kind, language);
    if (!row.tracking.empty()) line += " \u00B7 " + row.tracking;
    if (row.dossier)
        line += " \u00B7 " + std::string(deskText(DeskText::Dossier, language)) + " " +
                std::to_string(*row.dossier);
    return line;
}

std::vector<IntakeIntent> intakeScreen(const IntakeView& view, const Frame& frame) {
    std::vector<IntakeIntent> out;
    draw::beginScreen("##intake", frame);
    const draw::Painter p{*ImGui::GetWindowDrawList(), frame};
    const Palette& palette = *frame.palette;
    if (auto tab = draw::header(p, view.header, view.language)) out.emplace_back(SwitchScreen{*tab});
    const Layout l = layout(frame);
    drawLive(p, view, l.live);
    drawDecision(p, view, l.decision);

    const bool mayUndo = view.undoItem.has_value() && view.undoSeconds > 0;
    auto press = [&](IntakeFocus which) {
        switch (which) {
        case IntakeFocus::Capture:
            if (view.cameraLive && !view.reading) out.emplace_back(CaptureNow{});
            break;
        case IntakeFocus::Undo:
            if (mayUndo) out.emplace_back(UndoRecord{*view.undoItem});
            break;
        case IntakeFocus::ReadFolder:
            if (view.hotFolderWatched) out.emplace_back(ReadHotFolder{});
            break;
        }
    };
    if (draw::button(p, "capture", 0, l.capture, deskText(DeskText::KeySpace, view.language),
                     deskText(DeskText::CaptureNow, view.language), view.focus == IntakeFocus::Capture,
                     view.cameraLive && !view.reading))
        press(IntakeFocus::Capture);
    std::string undo(deskText(DeskText::UndoLast, view.language));
    if (mayUndo)
        undo += " (" + std::to_string(*view.undoItem) + ", " + std::to_string(view.undoSeconds) + " s)";
    if (draw::button(p, "undo", 0, l.undo, "Z", undo, view.focus == IntakeFocus::Undo, mayUndo))
        press(IntakeFocus::Undo);
    if (draw::button(p, "folder", 0, l.folder, "B", deskText(DeskText::ScanBatch, view.language),
                     view.focus == IntakeFocus::ReadFolder, view.hotFolderWatched))
        press(IntakeFocus::ReadFolder);
    const std::string folder =
        view.hotFolderWatched
            ? std::string(deskText(DeskText::HotFolder, view.language)) + "\u202f: " + view.hotFolder
            : std::string(deskText(DeskText::HotFolderOff, view.language));
    p.text({l.folderLine.x, l.folderLine.y}, palette.page.text, folder, p.body() * 0.9f, false,
           l.folderLine.width);
    drawStrip(p, view, l.strip);

    // Keys: every button has one; the focus moves with Tab and the arrows.
    if (keyPressed(Key::Space)) press(IntakeFocus::Capture);
    const std::string typed = typedText();
    if (draw::typedKey(typed, 'Z')) press(IntakeFocus::Undo);
    if (draw::typedKey(typed, 'B')) press(IntakeFocus::ReadFolder);
    if (keyPressed(Key::Enter) || keyPressed(Key::KeypadEnter)) press(view.focus);
    const auto index = static_cast<std::size_t>(view.focus);
    constexpr std::size_t count = std::size(kIntakeFocusOrder);
    if (keyPressed(Key::Tab) || keyPressed(Key::Down))
        out.emplace_back(MoveIntakeFocus{kIntakeFocusOrder[(index + 1) % count]});
    if (keyPressed(Key::Up))
        out.emplace_back(MoveIntakeFocus{kIntakeFocusOrder[(index + count - 1) % count]});
    ImGui::End();
    return out;
}

IntakeView applyIntakeIntent(IntakeView view, const IntakeIntent& intent) {
    if (const auto* move = std::get_if<MoveIntakeFocus>(&intent)) view.focus = move->target;
    return view;
}

} // namespace guichet::ui::desk
