#pragma once
// The time the client and the sync engine see. Injectable so that tests and the benchmark can run
// hours of throttled traffic in a simulated clock; SystemClock is the real one.

#include <atomic>
#include <chrono>

namespace guichet::backend {

using Millis = std::chrono::milliseconds;
using TimePoint = std::chrono::sys_time<Millis>;

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
    /// Waits `duration` (a simulated clock just moves forward).
    virtual void sleepFor(Millis duration) = 0;
};

/// The wall clock; sleepFor really sleeps. Thread-safe.
class SystemClock final : public Clock {
public:
    TimePoint now() const override;
    void sleepFor(Millis duration) override;
};

/// A clock that only moves when told to (advance) or when someone sleeps on it. Thread-safe.
class ManualClock final : public Clock {
public:
    explicit ManualClock(TimePoint start);
    TimePoint now() const override;
    void sleepFor(Millis duration) override;
    void advance(Millis duration);
    /// Total time spent in sleepFor since construction (what the throttle made callers wait).
    Millis slept() const;

private:
    std::atomic<std::int64_t> nowMs_;
    std::atomic<std::int64_t> sleptMs_{0};
};

} // namespace guichet::backend
