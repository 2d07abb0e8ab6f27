#pragma once
// Client-side rate limiting, well under DomiFa's limits (13/s, 113/min, 5,000/h per user; going
// over blocks the account and bans the IP). Sliding windows over the times of the requests sent.
// Not thread-safe: one Throttle per client, used from the thread that sends.

#include "guichet/backend/Clock.hpp"

#include <deque>
#include <vector>

namespace guichet::backend {

struct ThrottleLimits {
    int perSecond = 10;
    int perMinute = 90;
    int perHour = 4000;

    bool operator==(const ThrottleLimits&) const = default;
};

class Throttle {
public:
    /// `clock` must outlive the throttle. Limits below 1 are raised to 1.
    Throttle(Clock& clock, ThrottleLimits limits);

    /// How long the next request must wait to respect every window (0 when it may go now).
    /// Ignores a hold (see heldUntil).
    Millis waitNeeded() const;
    /// Waits (on the clock) until a request may go, then records it as sent.
    void acquire();

    /// After a 429: no request may go before `until`. The client refuses to send while held.
    void holdUntil(TimePoint until);
    TimePoint heldUntil() const { return heldUntil_; }
    bool held() const;

    /// Requests recorded in the last hour.
    int sentLastHour() const;
    /// The send times of the last hour, oldest first: to carry the windows over to the next
    /// process (a `guichet sync` run from cron starts with an empty throttle otherwise).
    std::vector<TimePoint> recent() const;
    /// Adds send times remembered from an earlier process (kept sorted; older than 1 h dropped).
    /// Call it once per process: the times are added, not merged.
    void remember(const std::vector<TimePoint>& sent);
    const ThrottleLimits& limits() const { return limits_; }

private:
    void forget(TimePoint now) const;
    Clock* clock_;
    ThrottleLimits limits_;
    mutable std::deque<TimePoint> sent_; ///< send times in the last hour, oldest first
    TimePoint heldUntil_{};
};

} // namespace guichet::backend
