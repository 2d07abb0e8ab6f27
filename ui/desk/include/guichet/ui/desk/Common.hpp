#pragma once
// What the desk's screens share: which screen is shown, the header's tabs (F1–F7), the status line
// at the foot (the last outcome, and what is wrong with a device or the network and what to do),
// how a kind of mail is named with its count ("2 lettres, 1 recommandé"). Pure except the drawing
// helpers in src/.

#include "guichet/core/Dossier.hpp"
#include "guichet/ui/Language.hpp"
#include "guichet/ui/Theme.hpp"

#include <string>
#include <vector>

namespace guichet::ui::desk {

enum class DeskScreen { Intake, Review, Person, Queue, Returns, Statistics, Sync };

/// The screens in the order of their tabs and function keys (F1 = Intake ... F7 = Sync).
inline constexpr DeskScreen kDeskScreens[] = {DeskScreen::Intake, DeskScreen::Review,  DeskScreen::Person,
                                              DeskScreen::Queue,  DeskScreen::Returns, DeskScreen::Statistics,
                                              DeskScreen::Sync};

/// Staff asked for another screen (a tab, or F1 ... F7).
struct SwitchScreen {
    DeskScreen screen = DeskScreen::Review;
    bool operator==(const SwitchScreen&) const = default;
};

/// What the header shows on every screen.
struct HeaderView {
    DeskScreen screen = DeskScreen::Review;
    std::size_t reviewWaiting = 0;
    std::size_t ticketsWaiting = 0;
    std::string status; ///< the last outcome ("Fait : courrier 12 → dossier 1001"), ids only
    bool statusIsRefusal = false;
    bool busy = false; ///< the worker is on it
    /// What is missing and what to do ("Caméra absente : branchez-la..."), one line each, shown
    /// in the status line at the foot of every screen with a warning sign.
    std::vector<std::string> problems;
    bool operator==(const HeaderView&) const = default;
};

/// What became of an envelope read at the desk: recorded for its dossier, waiting for staff, going
/// back to the sender, or not read at all.
enum class EnvelopeOutcome { Auto, Review, Return, Failed };
/// "Attribué", "À trier", "Retour", "Illisible".
std::string outcomeWord(EnvelopeOutcome outcome, Language language);
/// Its colour (a stripe, the icon's disc; never alone: a word and an icon go with it). The colours
/// carry no text and reach 3:1 against the page (desk_screens_tests checks).
Rgb outcomeColour(EnvelopeOutcome outcome);

/// "2 lettres", "1 recommandé", "1 colis" (English: "2 letters", "1 registered", "1 parcel").
std::string countOf(MailKind kind, int count, Language language);
/// "2 lettres, 1 recommandé"; the kinds with nothing are left out; "" when all are 0.
std::string describeCounts(const PendingCounts& counts, Language language);

} // namespace guichet::ui::desk
