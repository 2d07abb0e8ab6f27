#include "guichet/ui/Strings.hpp"

#include <array>

namespace guichet::ui {
namespace {

using Table = std::array<std::string_view, kTextCount>;

// In the order of the Text enum. French typography: a narrow no-break space (U+202F) before "?".
constexpr Table kFrench{
    "Montrez votre carte",
    "Tenez-la devant la caméra",
    "Pas de carte\u202f? Tapez votre code",
};
constexpr Table kEnglish{
    "Show your card",
    "Hold it up to the camera",
    "No card? Type your code",
};
constexpr Table kSpanish{
    "Muestre su tarjeta",
    "Acérquela a la cámara",
    "¿No tiene tarjeta? Escriba su código",
};
// Arabic in logical order (as typed); the shell shapes and reorders it (Shaping.hpp). Modern
// Standard Arabic, addressing the reader directly; the question mark is U+061F.
constexpr Table kArabic{
    "أظهر بطاقتك",
    "ضعها أمام الكاميرا",
    "ليس معك بطاقة؟ اكتب رمزك",
};
// Romanian with the comma-below letters (ț U+021B, ș U+0219), not the cedilla look-alikes.
constexpr Table kRomanian{
    "Arătați cardul",
    "Țineți-l în fața camerei",
    "Nu aveți card? Introduceți codul",
};
constexpr Table kUkrainian{
    "Покажіть свою картку",
    "Піднесіть її до камери",
    "Немає картки? Введіть код",
};

const Table& table(Language language) {
    switch (language) {
    case Language::French:
        return kFrench;
    case Language::English:
        return kEnglish;
    case Language::Spanish:
        return kSpanish;
    case Language::Arabic:
        return kArabic;
    case Language::Romanian:
        return kRomanian;
    case Language::Ukrainian:
        return kUkrainian;
    }
    return kFrench;
}

} // namespace

std::string_view text(Text key, Language language) {
    const auto index = static_cast<std::size_t>(key);
    if (index >= kTextCount) return {};
    return table(language)[index];
}

} // namespace guichet::ui
