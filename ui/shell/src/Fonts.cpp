#include "guichet/ui/Fonts.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <imgui.h>
#include <imgui_freetype.h>
#include <imgui_internal.h>

namespace guichet::ui {
namespace {

// Pairs of first and last code points, zero-terminated; ImWchar is 16 bits in Debian's build.
constexpr ImWchar kRanges[] = {
    0x0020, 0x00FF, // Basic Latin, Latin-1 Supplement
    0x0100, 0x024F, // Latin Extended-A and -B
    0x0300, 0x036F, // combining diacritics (a letter typed with a separate accent)
    0x0400, 0x052F, // Cyrillic and its supplement
    0x0600, 0x06FF, // Arabic (logical letters, digits, punctuation)
    0x2000, 0x206F, // general punctuation: — ‘ ’ “ ” … and the narrow no-break space
    0x20A0, 0x20CF, // currency signs: €
    0x2190, 0x21FF, // arrows
    0x2713, 0x2714, // check marks
    0xFB50, 0xFDFF, // Arabic Presentation Forms-A: what visualLine() joins letters into
    0xFE70, 0xFEFF, // Arabic Presentation Forms-B (and lam-alef ligatures)
    0,
};

} // namespace

FontSizes fontSizesFor(float logicalHeight, float dpiScale) {
    const float scale = dpiScale > 0 ? dpiScale : 1.0f;
    const float normal = std::round(std::max(16.0f, logicalHeight * 0.034f) * scale);
    return {normal, 2 * normal};
}

const unsigned short* glyphRanges() {
    return kRanges;
}

std::string defaultFontFolder() {
    return GUICHET_FONT_DIR;
}

Result<Fonts> loadFonts(const FontSizes& sizes, const std::string& folder) {
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    atlas.Clear();
    const std::filesystem::path regular = std::filesystem::path(folder) / "DejaVuSans.ttf";
    const std::filesystem::path bold = std::filesystem::path(folder) / "DejaVuSans-Bold.ttf";
    for (const auto& file : {regular, bold})
        if (!std::filesystem::is_regular_file(file))
            return makeError("font file missing: " + file.string() + " (install fonts-dejavu-core)");

    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    ImFontConfig config;
    config.OversampleH = 1; // FreeType renders at the final size; oversampling only costs memory
    config.OversampleV = 1;
    Fonts fonts;
    fonts.sizes = sizes;
    fonts.normal = atlas.AddFontFromFileTTF(regular.c_str(), sizes.normal, &config, kRanges);
    fonts.large = atlas.AddFontFromFileTTF(bold.c_str(), sizes.large, &config, kRanges);
    if (fonts.normal == nullptr || fonts.large == nullptr || !atlas.Build()) {
        atlas.Clear();
        return makeError("could not build the font atlas from " + folder);
    }
    return fonts;
}

bool fontCovers(const ImFont& font, const std::string& text) {
    const char* cursor = text.c_str();
    const char* end = cursor + text.size();
    while (cursor < end) {
        unsigned int codepoint = 0;
        const int length = ImTextCharFromUtf8(&codepoint, cursor, end);
        if (length <= 0) return false;
        cursor += length;
        if (codepoint > 0xFFFF) return false; // ImWchar is 16 bits in Debian's build
        if (font.FindGlyphNoFallback(static_cast<ImWchar>(codepoint)) == nullptr) return false;
    }
    return true;
}

} // namespace guichet::ui
