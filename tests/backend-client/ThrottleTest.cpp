#include "guichet/backend/Throttle.hpp"

#include <catch2/catch.hpp>
#include <vector>

using namespace guichet::backend;

TEST_CASE("throttle keeps every sliding window under its limit", "[throttle]") {
    ManualClock clock(TimePoint{Millis{1'000'000}});
    Throttle throttle(clock, ThrottleLimits{10, 90, 4000});
    std::vector<TimePoint> sent;
    for (int i = 0; i < 400; ++i) {
        throttle.acquire();
        sent.push_back(clock.now());
    }
    auto maxIn = [&](Millis window) {
        std::size_t best = 0;
        for (std::size_t i = 0, j = 0; j < sent.size(); ++j) {
            while (sent[j] - sent[i] >= window)
                ++i;
            best = std::max(best, j - i + 1);
        }
        return best;
    };
    CHECK(maxIn(Millis{1000}) == 10);
    CHECK(maxIn(Millis{60'000}) == 90);
    // 400 requests at 90 per minute: four blocks of 90 start a minute apart, then 40 more at 10/s.
    CHECK(clock.slept() >= Millis{4 * 60'000 + 3'000});
    CHECK(clock.slept() <= Millis{4 * 60'000 + 4'000});
}

TEST_CASE("throttle hold after a 429", "[throttle]") {
    ManualClock clock(TimePoint{Millis{0}});
    Throttle throttle(clock, ThrottleLimits{});
    throttle.holdUntil(clock.now() + Millis{60'000});
    CHECK(throttle.held());
    clock.advance(Millis{60'000});
    CHECK_FALSE(throttle.held());
}

TEST_CASE("throttle windows carry over to the next process", "[throttle]") {
    ManualClock clock(TimePoint{Millis{10'000'000}});
    Throttle first(clock, ThrottleLimits{});
    for (int i = 0; i < 90; ++i)
        first.acquire();
    const auto sent = first.recent();
    REQUIRE(sent.size() == 90);
    Throttle next(clock, ThrottleLimits{}); // a new `guichet sync` run, a few seconds later
    clock.advance(Millis{5000});
    CHECK(next.waitNeeded() == Millis{0});
    next.remember(sent);
    CHECK(next.waitNeeded() > Millis{40'000}); // the minute window is still full
    CHECK(next.sentLastHour() == 90);
}
