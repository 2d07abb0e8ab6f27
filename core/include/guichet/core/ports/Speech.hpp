#pragma once
// Port: the kiosk speaks. ImGui has no screen reader, and some people who come for their mail do not
// read: the kiosk says what the screen shows, in the person's language.

#include "guichet/core/Result.hpp"

#include <chrono>
#include <string>

namespace guichet {

class Speech {
public:
    virtual ~Speech() = default;
    /// Says `text` (UTF-8, written for the ear) in `language` ("fr", "en", "es", "ro", "uk", "ar").
    /// Returns how long it lasts. Returns before the sound ends when it plays on a device. Fails when
    /// the language has no voice or the synthesiser is missing. Not thread-safe: one owner.
    virtual Result<std::chrono::milliseconds> say(const std::string& text, const std::string& language) = 0;
};

} // namespace guichet
