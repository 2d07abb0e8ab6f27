#include "guichet/hardware/PrinterStatus.hpp"

namespace guichet::hardware {

std::string statusQuery(int n) {
    return std::string{'\x10', '\x04', static_cast<char>(n)};
}

std::optional<PrinterStatus> parseStatus(const std::array<std::uint8_t, 4>& answers) {
    for (std::uint8_t b : answers)
        if ((b & 0x93) != 0x12) return std::nullopt;
    auto bit = [](std::uint8_t b, int i) { return ((b >> i) & 1) != 0; };
    PrinterStatus s;
    s.offline = bit(answers[0], 3);
    s.coverOpen = bit(answers[1], 2);
    s.feedButton = bit(answers[1], 3);
    s.paperOutStop = bit(answers[1], 5);
    s.errorOccurred = bit(answers[1], 6);
    s.cutterError = bit(answers[2], 3);
    s.unrecoverable = bit(answers[2], 5);
    s.autoRecoverable = bit(answers[2], 6);
    s.paperNearEnd = (answers[3] & 0x0C) != 0;
    s.paperOut = (answers[3] & 0x60) != 0;
    return s;
}

Result<void> readiness(const PrinterStatus& s, const std::string& device) {
    const std::string who = "receipt printer " + device + ": ";
    if (s.coverOpen) return Error{who + "the cover is open; close it firmly"};
    if (s.paperOut || s.paperOutStop)
        return Error{who + "out of paper; put a new roll in and close the cover"};
    if (s.cutterError)
        return Error{who + "the cutter is blocked; open the cover, remove the stuck paper, close it"};
    if (s.unrecoverable) return Error{who + "hardware error; switch the printer off and on again"};
    if (s.autoRecoverable) return Error{who + "paused (print head too hot); wait a minute and try again"};
    if (s.offline || s.errorOccurred)
        return Error{who + "offline; check it is switched on and its cover closed"};
    return {};
}

} // namespace guichet::hardware
