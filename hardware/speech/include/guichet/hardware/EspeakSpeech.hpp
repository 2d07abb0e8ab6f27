#pragma once
// The kiosk's voice: espeak-ng synthesised in-process to a buffer (no audio daemon), played through SDL2
// audio when the machine has an output. The twin (RecordingSpeech) synthesises the same way and keeps
// what was said instead of playing it.

#include "guichet/core/ports/Speech.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace guichet::hardware {

/// Mono 16-bit samples.
struct SpeechClip {
    int sampleRate = 0;
    std::vector<std::int16_t> samples;

    std::chrono::milliseconds duration() const {
        return sampleRate > 0
                   ? std::chrono::milliseconds(static_cast<long long>(samples.size()) * 1000 / sampleRate)
                   : std::chrono::milliseconds(0);
    }
};

/// The espeak-ng voice for a language Guichet speaks: fr, en, es, ro, uk, ar. Empty when none.
std::string voiceFor(const std::string& language);

/// Synthesises `text` (UTF-8) in `language` into a buffer. espeak-ng is one per process: calls are
/// serialised internally, so this is thread-safe. Fails naming the language when it has no voice, or
/// when espeak-ng's data is missing (package espeak-ng-data).
Result<SpeechClip> synthesise(const std::string& text, const std::string& language, int wordsPerMinute = 150);

/// Speaks through SDL2 audio. When the machine has no audio output the clip is synthesised and
/// not played, and `audioDevice()` says so. Not thread-safe: one owner.
class EspeakSpeech final : public Speech {
public:
    explicit EspeakSpeech(int wordsPerMinute = 150);
    ~EspeakSpeech() override;
    EspeakSpeech(const EspeakSpeech&) = delete;
    EspeakSpeech& operator=(const EspeakSpeech&) = delete;

    Result<std::chrono::milliseconds> say(const std::string& text, const std::string& language) override;
    /// The SDL audio driver in use ("pulseaudio", "alsa", "disk"...), or "" when sound cannot play.
    std::string audioDevice() const;
    /// Waits until what was said has been played (or `limit` passed).
    void drain(std::chrono::milliseconds limit) const;

private:
    struct Audio;
    std::unique_ptr<Audio> audio_;
    int wordsPerMinute_;
};

/// The simulated twin: records each sentence with its language and real synthesised length.
class RecordingSpeech final : public Speech {
public:
    struct Said {
        std::string text;
        std::string language;
        std::chrono::milliseconds length{0};
        bool operator==(const Said&) const = default;
    };
    Result<std::chrono::milliseconds> say(const std::string& text, const std::string& language) override;
    const std::vector<Said>& said() const { return said_; }

private:
    std::vector<Said> said_;
};

} // namespace guichet::hardware
