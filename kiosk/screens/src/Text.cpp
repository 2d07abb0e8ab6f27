#include "Text.hpp"

#include "guichet/ui/Shaping.hpp"

#include <cfloat>
#include <imgui.h>

namespace guichet::kiosk {
namespace {

float visualWidth(const ImFont& font, float size, std::string_view visual) {
    return font.CalcTextSizeA(size, FLT_MAX, 0.0f, visual.data(), visual.data() + visual.size()).x;
}

} // namespace

float lineWidth(const ImFont& font, float size, std::string_view text, ui::Language language) {
    return visualWidth(font, size, ui::visualLine(text, language));
}

float drawParagraph(ImDrawList* list, const ImFont& font, float size, ui::Point at, float width,
                    ui::Rgb colour, std::string_view text, ui::Language language, Align align) {
    const auto lines = ui::wrapLines(
        text, width, language, [&](std::string_view visual) { return visualWidth(font, size, visual); });
    const float lineHeight = size * 1.2f;
    float y = at.y;
    for (const std::string& logical : lines) {
        const std::string visual = ui::visualLine(logical, language);
        const float w = visualWidth(font, size, visual);
        float x = at.x;
        if (align == Align::Centre)
            x = at.x + (width - w) / 2;
        else if (ui::isRightToLeft(language))
            x = at.x + width - w;
        if (list != nullptr)
            list->AddText(&font, size, {x, y}, ui::packColour(colour), visual.data(),
                          visual.data() + visual.size());
        y += lineHeight;
    }
    return y - at.y;
}

} // namespace guichet::kiosk
