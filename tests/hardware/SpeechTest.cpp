#include "TempDir.hpp"
#include "guichet/hardware/EspeakSpeech.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

using namespace guichet;
using namespace guichet::hardware;
using namespace std::chrono_literals;

TEST_CASE("a French sentence is synthesised in-process into a buffer of plausible length") {
    auto clip = synthesise("Bonjour. Vous avez deux lettres à retirer au guichet.", "fr");
    REQUIRE(clip);
    CHECK(clip->sampleRate == 22050);
    // Ten words at 150 words a minute: about four seconds, never a click nor a minute.
    CHECK(clip->duration() > 1500ms);
    CHECK(clip->duration() < 8000ms);
    auto loudest = std::max_element(clip->samples.begin(), clip->samples.end());
    REQUIRE(loudest != clip->samples.end());
    CHECK(*loudest > 1000); // speech, not silence

    auto shorter = synthesise("Bonjour.", "fr");
    REQUIRE(shorter);
    CHECK(shorter->duration() < clip->duration());
}

TEST_CASE("every kiosk language has a voice, an unknown one is refused") {
    for (const char* language : {"fr", "en", "es", "ro", "uk", "ar"}) {
        INFO(language);
        CHECK(voiceFor(language) == language);
    }
    for (auto [language, text] : {std::pair{"en", "You have one letter."},
                                  std::pair{"es", "Tiene una carta."}, std::pair{"ro", "Aveți o scrisoare."},
                                  std::pair{"uk", "У вас є лист."}, std::pair{"ar", "لديك رسالة."}}) {
        INFO(language);
        auto clip = synthesise(text, language);
        REQUIRE(clip);
        CHECK(clip->duration() > 300ms);
    }
    auto r = synthesise("Hallo", "de");
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::Contains("\"de\""));
}

TEST_CASE("the speech twin records each sentence, its language and its length") {
    RecordingSpeech speech;
    auto first = speech.say("Votre numéro est A 42.", "fr");
    REQUIRE(first);
    REQUIRE(speech.say("Your number is A 42.", "en"));
    REQUIRE(speech.said().size() == 2);
    CHECK(speech.said()[0].text == "Votre numéro est A 42.");
    CHECK(speech.said()[0].language == "fr");
    CHECK(speech.said()[0].length == *first);
    CHECK(speech.said()[1].language == "en");
    CHECK_FALSE(speech.say("x", "zz"));
    CHECK(speech.said().size() == 2);
}

TEST_CASE("the kiosk voice plays through SDL audio (the disk driver stands for a loudspeaker)") {
    test::TempDir dir;
    const std::string out = dir.file("speaker.raw");
    // SDL reads these when its audio starts; the disk driver writes what would be played, at real speed.
    ::setenv("SDL_AUDIODRIVER", "disk", 1);
    ::setenv("SDL_DISKAUDIOFILE", out.c_str(), 1);
    {
        EspeakSpeech speech;
        auto length = speech.say("Bonjour.", "fr");
        REQUIRE(length);
        CHECK(speech.audioDevice() == "disk");
        speech.drain(5s);
    }
    ::unsetenv("SDL_AUDIODRIVER");
    ::unsetenv("SDL_DISKAUDIOFILE");
    REQUIRE(std::filesystem::exists(out));
    CHECK(std::filesystem::file_size(out) > 10000); // about half a second of 16-bit mono at 22 kHz
}
