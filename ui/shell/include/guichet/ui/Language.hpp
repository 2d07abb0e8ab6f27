#pragma once
// The languages the screens speak, in the order the kiosk offers them: French first, then English,
// Spanish, Romanian and Ukrainian. Arabic is not offered yet: ImGui draws glyphs left to right one
// by one, and Arabic needs shaping and right-to-left ordering (HarfBuzz + FriBidi) that the shell
// does not do today; an Arabic table would show isolated letters in the wrong order.

#include <array>
#include <optional>
#include <string_view>

namespace guichet::ui {

enum class Language { French, English, Spanish, Romanian, Ukrainian };

inline constexpr std::array<Language, 5> kLanguages{Language::French, Language::English, Language::Spanish,
                                                    Language::Romanian, Language::Ukrainian};

/// "fr", "en", "es", "ro", "uk" (ISO 639-1).
std::string_view languageCode(Language language);

/// The language named in itself, as a button shows it: "Français", "English", "Українська"...
std::string_view nativeName(Language language);

/// "fr", "fr-FR", "uk_UA"... ; nullopt for a language the screens do not speak.
std::optional<Language> parseLanguageCode(std::string_view code);

/// Position in kLanguages.
std::size_t languageIndex(Language language);

} // namespace guichet::ui
