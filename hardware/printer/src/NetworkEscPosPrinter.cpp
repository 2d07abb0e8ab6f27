#include "Fd.hpp"
#include "guichet/hardware/EscPos.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>

namespace guichet::hardware {

namespace {
/// Connects without blocking longer than `timeout`; the socket stays non-blocking.
Result<detail::Fd> connectTo(const std::string& host, int port, std::chrono::milliseconds timeout) {
    const std::string who = "receipt printer " + host + ":" + std::to_string(port) + ": ";
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found); rc != 0)
        return Error{who + "unknown host (" + ::gai_strerror(rc) + "); check device.printer in the settings"};
    std::unique_ptr<addrinfo, void (*)(addrinfo*)> list(found, &::freeaddrinfo);
    int lastError = ECONNREFUSED;
    for (addrinfo* a = list.get(); a; a = a->ai_next) {
        detail::Fd fd(::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol));
        if (!fd) {
            lastError = errno;
            continue;
        }
        if (::connect(fd.get(), a->ai_addr, a->ai_addrlen) == 0) return fd;
        if (errno != EINPROGRESS) {
            lastError = errno;
            continue;
        }
        pollfd p{fd.get(), POLLOUT, 0};
        if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) {
            lastError = ETIMEDOUT;
            continue;
        }
        int error = 0;
        socklen_t len = sizeof error;
        ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &error, &len);
        if (error == 0) return fd;
        lastError = error;
    }
    return Error{who + "cannot connect (" + std::strerror(lastError) +
                 "); check the printer is on, its network cable, and its address in the settings"};
}
} // namespace

Result<void> NetworkEscPosPrinter::checkReady() {
    auto fd = connectTo(host_, port_, timeout_);
    if (!fd) return fd.error();
    if (auto status = detail::askStatus(fd->get(), timeout_)) return readiness(*status, name());
    return {};
}

Result<void> NetworkEscPosPrinter::print(const Ticket& ticket) {
    auto fd = connectTo(host_, port_, timeout_);
    if (!fd) return fd.error();
    if (auto status = detail::askStatus(fd->get(), timeout_))
        if (auto ready = readiness(*status, name()); !ready) return ready;
    if (int error = detail::writeAll(fd->get(), encodeEscPos(ticket, columns_), timeout_))
        return Error{"receipt printer " + name() + ": sending failed (" + std::strerror(error) +
                     "); check the printer and the network, then print again"};
    ::shutdown(fd->get(), SHUT_WR);
    return {};
}

} // namespace guichet::hardware
