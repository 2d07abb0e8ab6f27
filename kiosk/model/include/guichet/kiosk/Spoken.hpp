#pragma once
// What the kiosk says aloud for each screen: written for the ear, not the screen's text read out.
// Dates in words with the month's name, the ticket's number in a sentence, the buttons said with
// what they do, the typed code never read back (only how many digits: a neighbour may listen).
// The person's first name is said only when the structure's setting shows it; with
// MachineSettings::speakPrivate off (a loudspeaker), nothing private is said at all. Pure;
// thread-safe.

#include "guichet/kiosk/Machine.hpp"

#include <string>

namespace guichet::kiosk {

/// The sentences for the screen `session` is on (IdleWarning included), in its language.
std::string spokenText(const Session& session, const MachineSettings& settings);

} // namespace guichet::kiosk
