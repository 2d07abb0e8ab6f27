#include "guichet/hardware/EspeakSpeech.hpp"

#include <espeak-ng/speak_lib.h>
#include <mutex>

namespace guichet::hardware {

std::string voiceFor(const std::string& language) {
    // espeak-ng 1.51 names: "fr" is fr-fr, "en" British, "es" Castilian; the others by their code.
    for (const char* known : {"fr", "en", "es", "ro", "uk", "ar"})
        if (language == known) return language;
    return {};
}

namespace {
/// espeak-ng keeps its state in globals: one initialisation per process, one synthesis at a time.
std::mutex& espeakMutex() {
    static std::mutex m;
    return m;
}

int collect(short* wav, int count, espeak_EVENT* events) {
    if (wav && count > 0 && events) {
        auto* clip = static_cast<SpeechClip*>(events->user_data);
        clip->samples.insert(clip->samples.end(), wav, wav + count);
    }
    return 0; // go on
}
} // namespace

Result<SpeechClip> synthesise(const std::string& text, const std::string& language, int wordsPerMinute) {
    std::string voice = voiceFor(language);
    if (voice.empty())
        return Error{"speech: no voice for language \"" + language + "\" (fr, en, es, ro, uk, ar)"};
    std::lock_guard lock(espeakMutex());
    static int sampleRate =
        espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
    if (sampleRate <= 0) return Error{"speech: espeak-ng did not start; install the espeak-ng-data package"};
    espeak_SetSynthCallback(&collect);
    if (espeak_SetVoiceByName(voice.c_str()) != EE_OK)
        return Error{"speech: the " + language + " voice is missing; reinstall espeak-ng-data"};
    espeak_SetParameter(espeakRATE, wordsPerMinute, 0);
    SpeechClip clip;
    clip.sampleRate = sampleRate;
    if (espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, &clip) !=
        EE_OK)
        return Error{"speech: espeak-ng could not synthesise the " + language + " sentence"};
    if (espeak_Synchronize() != EE_OK)
        return Error{"speech: espeak-ng stopped before the end of the sentence"};
    return clip;
}

Result<std::chrono::milliseconds> RecordingSpeech::say(const std::string& text, const std::string& language) {
    auto clip = synthesise(text, language);
    if (!clip) return clip.error();
    said_.push_back({text, language, clip->duration()});
    return clip->duration();
}

} // namespace guichet::hardware
