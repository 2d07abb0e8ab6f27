#include "guichet/kiosk/PendingSummary.hpp"

#include "guichet/kiosk/Words.hpp"

#include <array>

namespace guichet::kiosk {
namespace {

struct Joining {
    const char* youHave; ///< the speech's opening
    const char* and_;    ///< before the last item (Arabic's "و" is written against the next word)
};

Joining joining(ui::Language language) {
    switch (language) {
    case ui::Language::French:
        return {"Vous avez", " et "};
    case ui::Language::English:
        return {"You have", " and "};
    case ui::Language::Spanish:
        return {"Tiene", " y "};
    case ui::Language::Arabic:
        return {"لديك", " و"};
    case ui::Language::Romanian:
        return {"Aveți", " și "};
    case ui::Language::Ukrainian:
        return {"У вас є", " і "};
    }
    return {"Vous avez", " et "};
}

} // namespace

PendingSummary describePending(const PendingCounts& counts, ui::Language language) {
    PendingSummary out;
    const std::array<int, 3> n{counts.courrier, counts.recommande, counts.colis};
    for (std::size_t k = 0; k < n.size(); ++k)
        if (n[k] > 0) out.items.push_back(countOf(static_cast<Kind>(k), n[k], language));
    if (out.items.empty()) {
        out.headline = kioskText(KioskText::NoMailToday, language);
        out.speech = out.headline;
        return out;
    }
    out.headline = kioskText(KioskText::YouHaveMail, language);
    const Joining j = joining(language);
    out.speech = j.youHave;
    for (std::size_t i = 0; i < out.items.size(); ++i) {
        if (i == 0)
            out.speech += " ";
        else
            out.speech +=
                i + 1 == out.items.size() ? j.and_ : (language == ui::Language::Arabic ? "، " : ", ");
        out.speech += out.items[i];
    }
    out.speech += ".";
    return out;
}

} // namespace guichet::kiosk
