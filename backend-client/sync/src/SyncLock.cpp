#include "guichet/sync/SyncLock.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <utility>

namespace guichet::sync {

Result<SyncLock> SyncLock::acquire(const std::string& storePath) {
    const std::string path =
        (storePath.empty() || storePath == ":memory:" ? std::string("guichet") : storePath) + ".sync-lock";
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return makeError("sync lock " + path + ": " + std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        ::close(fd);
        if (error == EWOULDBLOCK)
            return makeError("another guichet sync is running on this store (" + path + ")");
        return makeError("sync lock " + path + ": " + std::strerror(error));
    }
    return SyncLock(fd);
}

SyncLock::SyncLock(SyncLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

SyncLock& SyncLock::operator=(SyncLock&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

SyncLock::~SyncLock() {
    if (fd_ >= 0) ::close(fd_); // closing the last descriptor releases the flock
}

} // namespace guichet::sync
