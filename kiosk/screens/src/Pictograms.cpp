#include "Pictograms.hpp"

#include <algorithm>
#include <array>
#include <imgui.h>
#include <utility>

namespace guichet::kiosk {
namespace {

// A 9 x 9 code: three finder squares and a fixed scatter of modules, drawn on the card. It only
// has to read as "a code" at a glance; it encodes nothing.
constexpr std::array<const char*, 9> kCode{
    "###.#.###", "#.#...#.#", "###.#.###", "...##....", "#.#.#.##.",
    ".#..##..#", "###..#.#.", "#.#.#..##", "###.##.#.",
};

} // namespace

void drawCardToCamera(ImDrawList& list, const ui::Rect& box, const ui::Palette& palette) {
    const float s = std::min(box.width, box.height);
    const float x0 = box.x + (box.width - s) / 2;
    const float y0 = box.y + (box.height - s) / 2;
    auto at = [&](float fx, float fy) { return ImVec2{x0 + fx * s, y0 + fy * s}; };
    const ImU32 ink = ui::packColour(palette.pictogram);
    const ImU32 accent = ui::packColour(palette.pictogramAccent);
    const ImU32 outline = ui::packColour(palette.border);
    const ImU32 paper = ui::packColour(palette.page.background);
    const ImU32 white = ui::packColour({0xFF, 0xFF, 0xFF});
    const float line = std::max(2.0f, s * 0.012f);

    // The camera, at the top: a body with a lens looking down at the card.
    list.AddRectFilled(at(0.30f, 0.02f), at(0.70f, 0.20f), ink, s * 0.03f);
    list.AddRectFilled(at(0.36f, 0.00f), at(0.46f, 0.03f), ink, s * 0.01f);
    list.AddCircleFilled(at(0.50f, 0.11f), s * 0.065f, paper, 32);
    list.AddCircleFilled(at(0.50f, 0.11f), s * 0.045f, accent, 32);
    list.AddCircleFilled(at(0.515f, 0.095f), s * 0.012f, paper, 12);

    // The camera's field of view, from the lens to the card's edges, dashed.
    const ImVec2 lens = at(0.50f, 0.18f);
    for (const ImVec2& corner : {at(0.20f, 0.42f), at(0.80f, 0.42f)}) {
        constexpr int dashes = 7;
        for (int d = 0; d < dashes; ++d) {
            const float t0 = static_cast<float>(d) / dashes;
            const float t1 = t0 + 0.55f / dashes;
            list.AddLine({lens.x + (corner.x - lens.x) * t0, lens.y + (corner.y - lens.y) * t0},
                         {lens.x + (corner.x - lens.x) * t1, lens.y + (corner.y - lens.y) * t1}, accent,
                         line);
        }
    }

    // The hand behind the card: the fingers' knuckles show below its edge, then the palm and wrist.
    list.AddRectFilled(at(0.36f, 0.70f), at(0.70f, 0.94f), ink, s * 0.07f);
    list.AddRectFilled(at(0.42f, 0.90f), at(0.64f, 1.00f), ink, s * 0.02f);

    // The card (ID-1 proportions), white with a dark outline, a code on the right, lines on the left.
    const ImVec2 cardMin = at(0.17f, 0.42f);
    const ImVec2 cardMax = at(0.83f, 0.84f);
    list.AddRectFilled(cardMin, cardMax, white, s * 0.03f);
    list.AddRect(cardMin, cardMax, outline, s * 0.03f, 0, line * 1.5f);
    list.AddRectFilled(at(0.17f, 0.47f), at(0.83f, 0.51f), accent);
    for (int row = 0; row < 3; ++row) {
        const float y = 0.58f + 0.07f * static_cast<float>(row);
        list.AddRectFilled(at(0.22f, y), at(row == 2 ? 0.36f : 0.44f, y + 0.03f), ink, s * 0.01f);
    }
    const float module = 0.026f;
    const float codeX = 0.52f;
    const float codeY = 0.555f;
    for (std::size_t row = 0; row < kCode.size(); ++row)
        for (std::size_t col = 0; kCode[row][col] != '\0'; ++col)
            if (kCode[row][col] == '#')
                list.AddRectFilled(
                    at(codeX + module * static_cast<float>(col), codeY + module * static_cast<float>(row)),
                    at(codeX + module * static_cast<float>(col + 1),
                       codeY + module * static_cast<float>(row + 1)),
                    ink);

    // The thumb in front of the card, slanting up from the palm, outlined in white to stand apart
    // from the card's edge.
    const ImVec2 thumbBase = at(0.41f, 0.90f);
    const ImVec2 thumbTip = at(0.35f, 0.77f);
    const float thumb = s * 0.085f;
    for (const auto& [colour, width] : {std::pair{white, thumb + 2 * line}, std::pair{ink, thumb}}) {
        list.AddLine(thumbBase, thumbTip, colour, width);
        list.AddCircleFilled(thumbTip, width / 2, colour, 24);
        list.AddCircleFilled(thumbBase, width / 2, colour, 24);
    }
    list.AddRectFilled(at(0.36f, 0.86f), at(0.70f, 0.94f), ink, s * 0.04f); // the palm over the thumb's root
}

void drawCheckMark(ImDrawList& list, const ui::Rect& box, ui::Rgb colour, float thickness) {
    const ImVec2 points[] = {{box.x + box.width * 0.10f, box.y + box.height * 0.55f},
                             {box.x + box.width * 0.40f, box.y + box.height * 0.85f},
                             {box.x + box.width * 0.92f, box.y + box.height * 0.18f}};
    list.AddPolyline(points, 3, ui::packColour(colour), ImDrawFlags_None, thickness);
}

void drawKeypad(ImDrawList& list, const ui::Rect& box, ui::Rgb colour) {
    const float keyWidth = box.width / 3.4f;
    const float keyHeight = box.height / 4.5f;
    const float gapX = (box.width - 3 * keyWidth) / 2;
    const float gapY = (box.height - 4 * keyHeight) / 3;
    for (int row = 0; row < 4; ++row)
        for (int col = 0; col < 3; ++col) {
            const float x = box.x + static_cast<float>(col) * (keyWidth + gapX);
            const float y = box.y + static_cast<float>(row) * (keyHeight + gapY);
            list.AddRectFilled({x, y}, {x + keyWidth, y + keyHeight}, ui::packColour(colour),
                               keyHeight * 0.25f);
        }
}

} // namespace guichet::kiosk

namespace guichet::kiosk {

void drawPictogram(ImDrawList& list, Pictogram pictogram, const ui::Rect& box, const ui::Palette& palette,
                   ui::Rgb inkColour, ui::Rgb paperColour, bool mirror) {
    const float s = std::min(box.width, box.height);
    const float x0 = box.x + (box.width - s) / 2;
    const float y0 = box.y + (box.height - s) / 2;
    auto at = [&](float fx, float fy) { return ImVec2{x0 + (mirror ? 1.0f - fx : fx) * s, y0 + fy * s}; };
    const ImU32 ink = ui::packColour(inkColour);
    const ImU32 accent = ui::packColour(palette.pictogramAccent);
    const ImU32 paper = ui::packColour(paperColour);
    const float line = std::max(2.0f, s * 0.06f);
    auto envelope = [&] {
        list.AddRectFilled(at(0.06f, 0.22f), at(0.94f, 0.80f), paper, s * 0.04f);
        list.AddRect(at(0.06f, 0.22f), at(0.94f, 0.80f), ink, s * 0.04f, 0, line);
        list.AddLine(at(0.08f, 0.25f), at(0.50f, 0.55f), ink, line);
        list.AddLine(at(0.50f, 0.55f), at(0.92f, 0.25f), ink, line);
    };
    switch (pictogram) {
    case Pictogram::Letter:
        envelope();
        break;
    case Pictogram::Registered:
        envelope();
        list.AddCircleFilled(at(0.78f, 0.74f), s * 0.20f, accent, 24);
        list.AddCircle(at(0.78f, 0.74f), s * 0.20f, ink, 24, line * 0.8f);
        list.AddCircleFilled(at(0.78f, 0.74f), s * 0.07f, ink, 16);
        break;
    case Pictogram::Parcel:
        list.AddRectFilled(at(0.10f, 0.25f), at(0.90f, 0.88f), accent, s * 0.03f);
        list.AddRect(at(0.10f, 0.25f), at(0.90f, 0.88f), ink, s * 0.03f, 0, line);
        list.AddLine(at(0.10f, 0.42f), at(0.90f, 0.42f), ink, line);
        list.AddRectFilled(at(0.43f, 0.25f), at(0.57f, 0.60f), ink);
        list.AddLine(at(0.20f, 0.12f), at(0.10f, 0.25f), ink, line);
        list.AddLine(at(0.80f, 0.12f), at(0.90f, 0.25f), ink, line);
        break;
    case Pictogram::Calendar:
        list.AddRectFilled(at(0.10f, 0.16f), at(0.90f, 0.90f), paper, s * 0.05f);
        list.AddRect(at(0.10f, 0.16f), at(0.90f, 0.90f), ink, s * 0.05f, 0, line);
        list.AddRectFilled(at(0.10f, 0.16f), at(0.90f, 0.36f), ink, s * 0.05f);
        list.AddRectFilled(at(0.26f, 0.06f), at(0.34f, 0.24f), ink, s * 0.02f);
        list.AddRectFilled(at(0.66f, 0.06f), at(0.74f, 0.24f), ink, s * 0.02f);
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 4; ++c) {
                const float fx = 0.18f + 0.17f * static_cast<float>(c);
                const float fy = 0.45f + 0.14f * static_cast<float>(r);
                list.AddRectFilled(at(fx, fy), at(fx + 0.10f, fy + 0.08f), (r == 2 && c == 3) ? accent : ink);
            }
        list.AddRect(at(0.66f, 0.69f), at(0.83f, 0.83f), ink, 0, 0, line * 0.7f);
        break;
    case Pictogram::Desk:
        list.AddCircleFilled(at(0.50f, 0.22f), s * 0.14f, ink, 32);
        list.AddRectFilled(at(0.28f, 0.38f), at(0.72f, 0.62f), ink, s * 0.12f);
        list.AddRectFilled(at(0.04f, 0.58f), at(0.96f, 0.72f), accent, s * 0.02f);
        list.AddRect(at(0.04f, 0.58f), at(0.96f, 0.72f), ink, s * 0.02f, 0, line * 0.7f);
        list.AddRectFilled(at(0.10f, 0.72f), at(0.90f, 0.96f), ink, s * 0.02f);
        break;
    case Pictogram::Ticket:
        list.AddRectFilled(at(0.20f, 0.04f), at(0.80f, 0.96f), paper, s * 0.03f);
        list.AddRect(at(0.20f, 0.04f), at(0.80f, 0.96f), ink, s * 0.03f, 0, line);
        list.AddRectFilled(at(0.32f, 0.16f), at(0.68f, 0.44f), ink, s * 0.02f);
        for (float fy : {0.56f, 0.68f, 0.80f})
            list.AddLine(at(0.30f, fy), at(0.70f, fy), ink, line * 0.6f);
        break;
    case Pictogram::Clock:
        list.AddCircleFilled(at(0.5f, 0.5f), s * 0.44f, paper, 48);
        list.AddCircle(at(0.5f, 0.5f), s * 0.44f, ink, 48, line);
        list.AddLine(at(0.5f, 0.5f), at(0.5f, 0.18f), ink, line);
        list.AddLine(at(0.5f, 0.5f), at(0.72f, 0.62f), ink, line);
        list.AddCircleFilled(at(0.5f, 0.5f), s * 0.06f, accent, 16);
        break;
    case Pictogram::Speaker:
        list.AddRectFilled(at(0.10f, 0.36f), at(0.30f, 0.64f), ink);
        list.AddTriangleFilled(at(0.26f, 0.50f), at(0.55f, 0.12f), at(0.55f, 0.88f), ink);
        list.PathArcTo(at(0.55f, 0.50f), s * 0.18f, -0.9f, 0.9f, 12);
        list.PathStroke(ink, 0, line * 0.8f);
        list.PathArcTo(at(0.55f, 0.50f), s * 0.34f, -0.9f, 0.9f, 16);
        list.PathStroke(ink, 0, line * 0.8f);
        break;
    case Pictogram::Hourglass:
        list.AddTriangleFilled(at(0.22f, 0.10f), at(0.78f, 0.10f), at(0.50f, 0.50f), ink);
        list.AddTriangleFilled(at(0.50f, 0.50f), at(0.22f, 0.90f), at(0.78f, 0.90f), ink);
        list.AddTriangleFilled(at(0.36f, 0.86f), at(0.64f, 0.86f), at(0.50f, 0.66f), accent);
        list.AddLine(at(0.16f, 0.08f), at(0.84f, 0.08f), ink, line);
        list.AddLine(at(0.16f, 0.92f), at(0.84f, 0.92f), ink, line);
        break;
    case Pictogram::Keypad:
        drawKeypad(list, {x0 + s * 0.2f, y0, s * 0.6f, s}, inkColour);
        break;
    case Pictogram::Check:
        drawCheckMark(list, {x0 + s * 0.1f, y0 + s * 0.1f, s * 0.8f, s * 0.8f}, inkColour, line * 1.2f);
        break;
    case Pictogram::Back:
        list.AddTriangleFilled(at(0.05f, 0.50f), at(0.45f, 0.15f), at(0.45f, 0.85f), ink);
        list.AddRectFilled(at(0.40f, 0.38f), at(0.95f, 0.62f), ink);
        break;
    }
}

} // namespace guichet::kiosk
