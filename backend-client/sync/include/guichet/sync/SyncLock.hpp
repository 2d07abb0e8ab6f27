#pragma once
// One sync at a time per store. Marking events Uncertain is not a lock: two processes pushing the
// same outbox (a daemon and a manual `guichet sync`) would both send. The lock is an flock() on
// "<store>.sync-lock", released when the holder exits or is killed (the kernel drops it).

#include "guichet/core/Result.hpp"

#include <string>

namespace guichet::sync {

class SyncLock {
public:
    /// Takes the lock without waiting; an Error when another process (or another SyncLock of this
    /// one) holds it, naming the lock file.
    static Result<SyncLock> acquire(const std::string& storePath);
    SyncLock(SyncLock&& other) noexcept;
    SyncLock& operator=(SyncLock&& other) noexcept;
    SyncLock(const SyncLock&) = delete;
    SyncLock& operator=(const SyncLock&) = delete;
    ~SyncLock();

private:
    explicit SyncLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

} // namespace guichet::sync
