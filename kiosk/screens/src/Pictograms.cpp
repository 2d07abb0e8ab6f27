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
