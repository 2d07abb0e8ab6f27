#pragma once
// What a handheld barcode reader types, decoded from its key codes. A reader is a USB keyboard that
// types a code and presses Enter, in the US layout whatever the desk's keyboard is (AZERTY): decoding key
// codes with our own US keymap, not the system's layout, gives back exactly what it read. Pure code.

#include "guichet/core/Result.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace guichet::hardware {

/// One evdev key event: microseconds (any origin), key code (linux/input-event-codes.h), value
/// 1 = press, 0 = release, 2 = auto-repeat.
struct KeyEvent {
    std::int64_t micros = 0;
    int code = 0;
    int value = 0;
    bool operator==(const KeyEvent&) const = default;
};

/// The character a US-layout key gives, with or without shift; '\0' for keys that type nothing.
char usKeyChar(int code, bool shift);

/// Reads a grabbed reader's events: characters until Enter make a code. A pause longer than `staleAfter`
/// in the middle of a code drops what was typed (a reader never pauses; a half code is worse than none).
class ScanDecoder {
public:
    explicit ScanDecoder(std::chrono::milliseconds staleAfter = std::chrono::milliseconds(500))
        : staleMicros_(std::chrono::duration_cast<std::chrono::microseconds>(staleAfter).count()) {}
    /// Returns the code when this event is the Enter that ends it.
    std::optional<std::string> feed(const KeyEvent& event);

private:
    std::int64_t staleMicros_;
    std::string buffer_;
    std::int64_t last_ = 0;
    bool leftShift_ = false;
    bool rightShift_ = false;
};

/// Fallback when the reader cannot be grabbed (its keys then arrive mixed with the desk keyboard's, as
/// typed text): tells a code from typing by a configured prefix and suffix, or else by timing — a reader
/// types a whole code, Enter included, in less than `maxBurst`; a person never does. Not thread-safe.
class TypedCodeSplitter {
public:
    struct Options {
        std::string prefix; ///< e.g. "\x02" programmed into the reader; empty: use timing
        std::string suffix; ///< e.g. "\x03"; empty: Enter ends a code
        std::chrono::milliseconds maxBurst{50};
        std::size_t minLength = 4;
    };
    struct Output {
        std::optional<std::string> code; ///< a code the reader typed
        std::string typed;               ///< what a person typed, to hand back to the text field
        bool operator==(const Output&) const = default;
    };
    explicit TypedCodeSplitter(Options options) : options_(std::move(options)) {}
    /// Feeds one typed character ('\n' for Enter) and when it was typed.
    Output feed(char c, std::int64_t micros);
    /// Hands back characters held longer than a reader's burst (call it each frame): the last key a
    /// person typed is not kept waiting for the next one.
    Output poll(std::int64_t micros);

private:
    Options options_;
    std::string pending_;
    std::int64_t burstStart_ = 0;
    bool inFrame_ = false;
};

/// Reads a recording: one event a line, "micros code value"; '#' starts a comment. Fails naming the
/// file and line.
Result<std::vector<KeyEvent>> readKeyRecording(const std::string& path);

/// Characters as a reader would type them: key presses and releases `gapMicros` apart, Enter at the
/// end. For recordings and tests.
std::vector<KeyEvent> typeAsUsKeyboard(const std::string& text, std::int64_t startMicros,
                                       std::int64_t gapMicros);

} // namespace guichet::hardware
