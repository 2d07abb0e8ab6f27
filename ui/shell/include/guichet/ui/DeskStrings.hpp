#pragma once
// What the desk app says (staff side): French first, English second. One table per language, in
// the order of DeskText; a screen asks deskText(DeskText::HandOver, language) and never holds a
// sentence of its own. The desk speaks French and English only: any other language gets French
// (the kiosk's Strings.hpp covers the five languages people read). Adding a key: add it before
// Count and a sentence to both tables in DeskStrings.cpp; ui_shell_tests fails while one is
// missing, or when a character is outside the loaded glyphs. Pure; thread-safe.

#include "guichet/ui/Language.hpp"

#include <cstddef>
#include <string_view>

namespace guichet::ui {

enum class DeskText {
    TabReview,
    TabPerson,
    TabQueue,
    Waiting,
    ReviewEmpty,
    NoImage,
    LinesRead,
    Candidates,
    NoCandidate,
    SearchAny,
    UnknownBack,
    ReturnWithReason,
    TypeToSearch,
    NoResult,
    EscCancel,
    ChooseReason,
    ReasonRefused,
    ReasonNpai,
    ReasonRadie,
    ReasonHolding,
    Box,
    Ref,
    Score,
    KindLetterOne,
    KindLetterMany,
    KindRegisteredOne,
    KindRegisteredMany,
    KindParcelOne,
    KindParcelMany,
    HeadingLetters,
    HeadingRegistered,
    HeadingParcels,
    FindPerson,
    PendingMail,
    NothingPending,
    ArrivedOn,
    Tracking,
    WhoCollects,
    ThePerson,
    Proxy,
    From,
    To,
    ExpiredOn,
    StartsOn,
    NoDates,
    NotValid,
    WhatIsHanded,
    TickToInclude,
    HandOver,
    Close,
    WarnRadie,
    WarnRefus,
    WarnNpai,
    WarnEndsSoon,
    WarnEnded,
    WarnTransfert,
    WarnNotGranted,
    CannotHandOver,
    QueueEmpty,
    Ticket,
    EnterOpensPerson,
    Working,
    Refused,
    Done,
    Dossier,
    BackToSender,
    HandedOver,
    Count ///< not a key
};

inline constexpr std::size_t kDeskTextCount = static_cast<std::size_t>(DeskText::Count);

/// The sentence for `key` in `language` (French for a language the desk does not speak); empty
/// for DeskText::Count only.
std::string_view deskText(DeskText key, Language language);

} // namespace guichet::ui
