#include "TempDir.hpp"
#include "guichet/hardware/EvdevReader.hpp"
#include "guichet/hardware/KeyDecoder.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <linux/input-event-codes.h>

using namespace guichet;
using namespace guichet::hardware;
using namespace std::chrono_literals;

namespace {
const std::string recording = std::string(GUICHET_SOURCE_DIR) + "/data/samples/reader/two-scans.keys";

/// Feeds `text` to the splitter as typed `gapMicros` apart; collects codes and text typed by hand.
void typeInto(TypedCodeSplitter& splitter, const std::string& text, std::int64_t& t, std::int64_t gapMicros,
              std::vector<std::string>& codes, std::string& typed) {
    for (char c : text) {
        auto out = splitter.feed(c, t);
        if (out.code) codes.push_back(*out.code);
        typed += out.typed;
        t += gapMicros;
    }
}
} // namespace

TEST_CASE("key codes are read with the reader's US layout, whatever the desk keyboard is") {
    CHECK(usKeyChar(KEY_Q, false) == 'q'); // 'a' on the AZERTY desk keyboard
    CHECK(usKeyChar(KEY_Q, true) == 'Q');
    CHECK(usKeyChar(KEY_1, false) == '1'); // '&' on AZERTY without shift
    CHECK(usKeyChar(KEY_1, true) == '!');
    CHECK(usKeyChar(KEY_M, false) == 'm');
    CHECK(usKeyChar(KEY_SEMICOLON, true) == ':');
    CHECK(usKeyChar(KEY_KP5, false) == '5');
    CHECK(usKeyChar(KEY_LEFTSHIFT, false) == '\0');
    CHECK(usKeyChar(KEY_F1, false) == '\0');
}

TEST_CASE("the reader twin replays a recorded event sequence into the codes it read") {
    auto events = readKeyRecording(recording);
    REQUIRE(events);
    CHECK(events->size() == 88);
    ReplayReader reader(*events);
    auto first = reader.next(1s);
    REQUIRE(first);
    CHECK(*first == std::optional<std::string>("RR123456785FR"));
    auto second = reader.next(1s);
    REQUIRE(second);
    CHECK(*second == std::optional<std::string>("GCH1:Zx8_q0-Lm3Tb"));
    auto end = reader.next(1s);
    REQUIRE(end);
    CHECK_FALSE(end->has_value());
}

TEST_CASE("Enter ends a code: releases and repeats type nothing, a pause in mid-code drops it") {
    ScanDecoder decoder;
    std::vector<std::string> codes;
    for (const auto& e : typeAsUsKeyboard("A-42", 0, 2000))
        if (auto c = decoder.feed(e)) codes.push_back(*c);
    CHECK(codes == std::vector<std::string>{"A-42"});

    CHECK_FALSE(decoder.feed({10'000'000, KEY_ENTER, 1})); // Enter alone: nothing
    CHECK_FALSE(decoder.feed({10'001'000, KEY_7, 1}));
    CHECK_FALSE(decoder.feed({10'001'500, KEY_7, 2})); // auto-repeat
    CHECK_FALSE(decoder.feed({10'002'000, KEY_7, 0}));
    // A second later (the reader was unplugged mid-code): the half code is dropped, the new one kept.
    CHECK_FALSE(decoder.feed({11'500'000, KEY_8, 1}));
    auto code = decoder.feed({11'502'000, KEY_KPENTER, 1});
    REQUIRE(code);
    CHECK(*code == "8");
}

TEST_CASE("without a grab, timing tells the reader's burst from a person typing") {
    TypedCodeSplitter splitter({});
    std::vector<std::string> codes;
    std::string typed;
    std::int64_t t = 0;
    typeInto(splitter, "dupont\n", t, 150'000, codes, typed); // a person: 150 ms a key
    t += 1'000'000;
    typeInto(splitter, "RR123456785FR\n", t, 2'000, codes, typed); // the reader: 2 ms a key, 28 ms in all
    t += 1'000'000;
    typeInto(splitter, "12\n", t, 2'000, codes, typed); // fast but too short to be a code
    CHECK(codes == std::vector<std::string>{"RR123456785FR"});
    CHECK(typed == "dupont\n12\n");

    // The last key a person typed is handed back once a reader's burst has clearly passed.
    typeInto(splitter, "x", t, 0, codes, typed);
    CHECK(splitter.poll(t + 10'000).typed.empty());
    CHECK(splitter.poll(t + 60'000).typed == "x");
}

TEST_CASE("without a grab, a programmed prefix and suffix frame the code") {
    TypedCodeSplitter splitter({"\x02", "\x03", 50ms, 4});
    std::vector<std::string> codes;
    std::string typed;
    std::int64_t t = 0;
    // Even typed slowly (a reader on a busy USB hub), the frame is what counts.
    typeInto(splitter, "ab\x02GCH1:xyz\x03", t, 80'000, codes, typed);
    typeInto(splitter, "c", t, 80'000, codes, typed);
    CHECK(codes == std::vector<std::string>{"GCH1:xyz"});
    CHECK(typed == "abc");
}

TEST_CASE("a bad recording line is named, an absent or wrong reader device says what to do") {
    test::TempDir dir;
    {
        std::ofstream out(dir.file("bad.keys"));
        out << "# ok\n10 30 1\n20 thirty 1\n";
    }
    auto bad = readKeyRecording(dir.file("bad.keys"));
    REQUIRE_FALSE(bad);
    CHECK_THAT(bad.error().message, Catch::Contains("bad.keys:3"));

    EvdevReader absent("/dev/input/by-id/usb-guichet-absent-event-kbd");
    auto r = absent.next(10ms);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::Contains("usb-guichet-absent") && Catch::Contains("plug it in"));

    EvdevReader notInput(recording);
    auto n = notInput.next(10ms);
    REQUIRE_FALSE(n);
    CHECK_THAT(n.error().message,
               Catch::Contains("two-scans.keys") && Catch::Contains("not an input device"));
}
