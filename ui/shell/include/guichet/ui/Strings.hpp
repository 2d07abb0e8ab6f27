#pragma once
// What the screens say, one table per language (see Language.hpp for the languages and why Arabic
// is not among them). A screen asks text(Text::ShowYourCard, language); it never holds a sentence
// of its own. Adding a key: add it to Text before Count and a sentence to every table in
// Strings.cpp; ui_shell_tests fails while any language lacks it. Speech text is not here: what the
// synthesiser reads is written separately (espeak reads "M." and "CCAS" badly). Pure; thread-safe.

#include "guichet/ui/Language.hpp"

#include <cstddef>
#include <string_view>

namespace guichet::ui {

enum class Text {
    ShowYourCard,       ///< the kiosk's first words: "Montrez votre carte"
    HoldItToTheCamera,  ///< how: "Tenez-la devant la caméra"
    NoCardTypeYourCode, ///< the typed-code fallback button
    Count               ///< not a key: the number of keys
};

inline constexpr std::size_t kTextCount = static_cast<std::size_t>(Text::Count);

/// The sentence for `key` in `language` (UTF-8). An empty view for Text::Count only.
std::string_view text(Text key, Language language);

} // namespace guichet::ui
