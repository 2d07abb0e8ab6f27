#pragma once
// Port: what time it is. The desk's workflows ask it for "now" (arrival times, hand-over dates,
// the day a procuration must be valid on), so tests run on a fixed or moving clock.

#include "guichet/core/Date.hpp"

namespace guichet {

class Clock {
public:
    virtual ~Clock() = default;
    virtual Instant now() const = 0;
    Date today() const { return dateOf(now()); }
};

/// The machine's clock (UTC).
class SystemClock final : public Clock {
public:
    Instant now() const override { return guichet::now(); }
};

/// A clock that says what it is told: tests and replays.
class ManualClock final : public Clock {
public:
    explicit ManualClock(Instant at) : at_(at) {}
    Instant now() const override { return at_; }
    void set(Instant at) { at_ = at; }
    void advance(std::chrono::seconds by) { at_ += by; }

private:
    Instant at_;
};

} // namespace guichet
