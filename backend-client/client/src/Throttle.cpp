#include "guichet/backend/Throttle.hpp"

#include <algorithm>

namespace guichet::backend {

namespace {
constexpr Millis kSecond{1000};
constexpr Millis kMinute{60'000};
constexpr Millis kHour{3'600'000};
} // namespace

Throttle::Throttle(Clock& clock, ThrottleLimits limits) : clock_(&clock), limits_(limits) {
    limits_.perSecond = std::max(1, limits_.perSecond);
    limits_.perMinute = std::max(1, limits_.perMinute);
    limits_.perHour = std::max(1, limits_.perHour);
}

void Throttle::forget(TimePoint now) const {
    while (!sent_.empty() && sent_.front() <= now - kHour)
        sent_.pop_front();
}

Millis Throttle::waitNeeded() const {
    const TimePoint now = clock_->now();
    forget(now);
    Millis wait{0};
    // For a window of length W and limit N: if the N-th most recent send is still inside the
    // window, the next one must wait until it leaves.
    auto check = [&](Millis window, int limit) {
        const auto n = static_cast<std::size_t>(limit);
        if (sent_.size() < n) return;
        const TimePoint nth = sent_[sent_.size() - n];
        if (nth > now - window) wait = std::max(wait, nth + window - now);
    };
    check(kSecond, limits_.perSecond);
    check(kMinute, limits_.perMinute);
    check(kHour, limits_.perHour);
    return wait;
}

void Throttle::acquire() {
    for (Millis wait = waitNeeded(); wait.count() > 0; wait = waitNeeded())
        clock_->sleepFor(wait);
    sent_.push_back(clock_->now());
}

void Throttle::holdUntil(TimePoint until) {
    heldUntil_ = std::max(heldUntil_, until);
}

bool Throttle::held() const {
    return clock_->now() < heldUntil_;
}

int Throttle::sentLastHour() const {
    forget(clock_->now());
    return static_cast<int>(sent_.size());
}

std::vector<TimePoint> Throttle::recent() const {
    forget(clock_->now());
    return {sent_.begin(), sent_.end()};
}

void Throttle::remember(const std::vector<TimePoint>& sent) {
    std::vector<TimePoint> all(sent_.begin(), sent_.end());
    all.insert(all.end(), sent.begin(), sent.end());
    std::sort(all.begin(), all.end());
    sent_.assign(all.begin(), all.end());
    forget(clock_->now());
}

} // namespace guichet::backend
