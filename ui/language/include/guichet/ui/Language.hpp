#pragma once
// The languages Guichet's screens and voice speak, in the order the kiosk offers them: French
// first, then English, Spanish, Arabic, Romanian and Ukrainian. One type for the whole program:
// the kiosk's model (what it says), the shell (fonts, strings, shaping) and the desk use it.
// Arabic is written right to left; the shell shapes and reorders it before ImGui draws it
// (Shaping.hpp). Pure; no ImGui: built even without the UI (GUICHET_BUILD_UI=OFF).

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace guichet::ui {

enum class Language { French, English, Spanish, Arabic, Romanian, Ukrainian };

inline constexpr std::array<Language, 6> kLanguages{Language::French,   Language::English,
                                                    Language::Spanish,  Language::Arabic,
                                                    Language::Romanian, Language::Ukrainian};

/// "fr", "en", "es", "ar", "ro", "uk" (ISO 639-1): also what the Speech port takes.
std::string_view languageCode(Language language);

/// The language named in itself, as a button shows it: "Français", "العربية", "Українська"...
std::string_view nativeName(Language language);

/// "fr", "fr-FR", "uk_UA"... ; nullopt for a language the screens do not speak.
std::optional<Language> parseLanguageCode(std::string_view code);

/// Position in kLanguages.
std::size_t languageIndex(Language language);

/// True for a language written right to left (Arabic).
constexpr bool isRightToLeft(Language language) {
    return language == Language::Arabic;
}

} // namespace guichet::ui
