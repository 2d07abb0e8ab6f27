#include "guichet/ui/Language.hpp"

namespace guichet::ui {

std::string_view languageCode(Language language) {
    switch (language) {
    case Language::French:
        return "fr";
    case Language::English:
        return "en";
    case Language::Spanish:
        return "es";
    case Language::Arabic:
        return "ar";
    case Language::Romanian:
        return "ro";
    case Language::Ukrainian:
        return "uk";
    }
    return "fr";
}

std::string_view nativeName(Language language) {
    switch (language) {
    case Language::French:
        return "Français";
    case Language::English:
        return "English";
    case Language::Spanish:
        return "Español";
    case Language::Arabic:
        return "العربية";
    case Language::Romanian:
        return "Română";
    case Language::Ukrainian:
        return "Українська";
    }
    return "Français";
}

std::optional<Language> parseLanguageCode(std::string_view code) {
    const std::string_view base = code.substr(0, code.find_first_of("-_"));
    for (Language language : kLanguages)
        if (languageCode(language) == base) return language;
    return std::nullopt;
}

std::size_t languageIndex(Language language) {
    return static_cast<std::size_t>(language);
}

} // namespace guichet::ui
