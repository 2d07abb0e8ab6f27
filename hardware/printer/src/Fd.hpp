#pragma once
// Private: a file descriptor owned by RAII, and the byte exchanges both printers share.

#include "guichet/hardware/PrinterStatus.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <unistd.h>

namespace guichet::hardware::detail {

class Fd {
public:
    explicit Fd(int fd = -1) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(Fd&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    Fd& operator=(Fd&& other) noexcept {
        std::swap(fd_, other.fd_);
        return *this;
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }
    explicit operator bool() const { return fd_ >= 0; }

private:
    int fd_;
};

/// Writes every byte, waiting at most `timeout` for the device to accept more. Returns errno or 0.
int writeAll(int fd, const std::string& bytes, std::chrono::milliseconds timeout);

/// Sends DLE EOT 1..4 and reads the four answers. nullopt when the printer does not answer in time
/// (many USB printers and every file twin) or answers something else.
std::optional<PrinterStatus> askStatus(int fd, std::chrono::milliseconds timeout);

} // namespace guichet::hardware::detail
