#include "Fd.hpp"

#include <cerrno>
#include <poll.h>

namespace guichet::hardware::detail {

namespace {
bool waitFor(int fd, short events, std::chrono::milliseconds timeout) {
    pollfd p{fd, events, 0};
    int r;
    do {
        r = ::poll(&p, 1, static_cast<int>(timeout.count()));
    } while (r < 0 && errno == EINTR);
    return r > 0 && (p.revents & events) != 0;
}
} // namespace

int writeAll(int fd, const std::string& bytes, std::chrono::milliseconds timeout) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n > 0) {
            done += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!waitFor(fd, POLLOUT, timeout)) return ETIMEDOUT;
            continue;
        }
        return n < 0 ? errno : EIO;
    }
    return 0;
}

std::optional<PrinterStatus> askStatus(int fd, std::chrono::milliseconds timeout) {
    std::array<std::uint8_t, 4> answers{};
    for (int n = 1; n <= 4; ++n) {
        if (writeAll(fd, statusQuery(n), timeout) != 0) return std::nullopt;
        if (!waitFor(fd, POLLIN, timeout)) return std::nullopt;
        std::uint8_t b = 0;
        ssize_t got;
        do {
            got = ::read(fd, &b, 1);
        } while (got < 0 && errno == EINTR);
        if (got != 1) return std::nullopt;
        answers[static_cast<std::size_t>(n - 1)] = b;
    }
    return parseStatus(answers);
}

} // namespace guichet::hardware::detail
