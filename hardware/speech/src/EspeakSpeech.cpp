#include "guichet/hardware/EspeakSpeech.hpp"

#include <SDL.h>
#include <thread>

namespace guichet::hardware {

struct EspeakSpeech::Audio {
    bool initialised = false;
    SDL_AudioDeviceID device = 0;
    int sampleRate = 0;
    std::string driver;

    ~Audio() {
        if (device) SDL_CloseAudioDevice(device);
        if (initialised) SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }

    /// Opens the default output at the synthesiser's rate, once; false when there is none.
    bool open(int rate) {
        if (device && rate == sampleRate) return true;
        if (!initialised) {
            if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) return false;
            initialised = true;
        }
        if (device) SDL_CloseAudioDevice(device);
        SDL_AudioSpec want{};
        want.freq = rate;
        want.format = AUDIO_S16SYS;
        want.channels = 1;
        want.samples = 2048;
        SDL_AudioSpec have{};
        device = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
        if (!device) return false;
        sampleRate = rate;
        if (const char* name = SDL_GetCurrentAudioDriver()) driver = name;
        SDL_PauseAudioDevice(device, 0);
        return true;
    }
};

EspeakSpeech::EspeakSpeech(int wordsPerMinute)
    : audio_(std::make_unique<Audio>()), wordsPerMinute_(wordsPerMinute) {}

EspeakSpeech::~EspeakSpeech() = default;

Result<std::chrono::milliseconds> EspeakSpeech::say(const std::string& text, const std::string& language) {
    auto clip = synthesise(text, language, wordsPerMinute_);
    if (!clip) return clip.error();
    if (audio_->open(clip->sampleRate)) {
        // A new sentence replaces one still playing: the kiosk speaks about what is on screen now.
        SDL_ClearQueuedAudio(audio_->device);
        SDL_QueueAudio(audio_->device, clip->samples.data(),
                       static_cast<Uint32>(clip->samples.size() * sizeof(std::int16_t)));
    }
    return clip->duration();
}

std::string EspeakSpeech::audioDevice() const {
    return audio_->device ? audio_->driver : std::string();
}

void EspeakSpeech::drain(std::chrono::milliseconds limit) const {
    if (!audio_->device) return;
    auto until = std::chrono::steady_clock::now() + limit;
    while (SDL_GetQueuedAudioSize(audio_->device) > 0 && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

} // namespace guichet::hardware
