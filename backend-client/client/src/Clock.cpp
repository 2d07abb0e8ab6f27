#include "guichet/backend/Clock.hpp"

#include <thread>

namespace guichet::backend {

TimePoint SystemClock::now() const {
    return std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now());
}

void SystemClock::sleepFor(Millis duration) {
    if (duration.count() > 0) std::this_thread::sleep_for(duration);
}

ManualClock::ManualClock(TimePoint start) : nowMs_(start.time_since_epoch().count()) {}

TimePoint ManualClock::now() const {
    return TimePoint{Millis{nowMs_.load()}};
}

void ManualClock::sleepFor(Millis duration) {
    if (duration.count() <= 0) return;
    nowMs_ += duration.count();
    sleptMs_ += duration.count();
}

void ManualClock::advance(Millis duration) {
    nowMs_ += duration.count();
}

Millis ManualClock::slept() const {
    return Millis{sleptMs_.load()};
}

} // namespace guichet::backend
