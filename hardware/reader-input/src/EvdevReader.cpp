#include "guichet/hardware/EvdevReader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <libevdev/libevdev.h>
#include <poll.h>
#include <thread>
#include <unistd.h>

namespace guichet::hardware {

namespace fs = std::filesystem;

std::vector<std::string> listKeyboardInputs() {
    std::vector<std::string> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/dev/input/by-id", ec)) {
        std::string name = entry.path().filename().string();
        if (name.size() > 10 && name.compare(name.size() - 10, 10, "-event-kbd") == 0)
            found.push_back(entry.path().string());
    }
    std::sort(found.begin(), found.end());
    return found;
}

struct EvdevReader::Device {
    libevdev* dev = nullptr;
    ~Device() {
        if (dev) {
            libevdev_grab(dev, LIBEVDEV_UNGRAB);
            libevdev_free(dev);
        }
    }
};

EvdevReader::EvdevReader(std::string path) : path_(std::move(path)) {}

EvdevReader::~EvdevReader() {
    close();
}

void EvdevReader::close() {
    device_.reset();
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

Result<void> EvdevReader::open() {
    const std::string who = "barcode reader " + path_ + ": ";
    fd_ = ::open(path_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd_ < 0) {
        int error = errno;
        if (error == EACCES || error == EPERM)
            return Error{who + "permission denied; install the udev rule in docs/HARDWARE.md, or program the "
                               "reader with a prefix and suffix and set device.reader to \"keyboard\""};
        if (error == ENOENT || error == ENODEV)
            return Error{who + "not found; plug it in (guichet devices lists the inputs)"};
        return Error{who + "cannot open (" + std::strerror(error) + ")"};
    }
    device_ = std::make_unique<Device>();
    if (int rc = libevdev_new_from_fd(fd_, &device_->dev); rc < 0) {
        device_.reset();
        close();
        return Error{who + "not an input device (" + std::strerror(-rc) + ")"};
    }
    if (int rc = libevdev_grab(device_->dev, LIBEVDEV_GRAB); rc < 0) {
        libevdev_free(device_->dev);
        device_->dev = nullptr;
        close();
        return Error{who + "another program holds it exclusively (" + std::strerror(-rc) + "); close it"};
    }
    return {};
}

Result<std::optional<std::string>> EvdevReader::next(std::chrono::milliseconds timeout) {
    if (fd_ < 0)
        if (auto opened = open(); !opened) return opened.error();
    const auto until = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        input_event ev{};
        int rc = libevdev_next_event(device_->dev, LIBEVDEV_READ_FLAG_NORMAL, &ev);
        if (rc == LIBEVDEV_READ_STATUS_SYNC) {
            // The kernel dropped events: what was being typed is incomplete. Resync and start over.
            while (rc == LIBEVDEV_READ_STATUS_SYNC)
                rc = libevdev_next_event(device_->dev, LIBEVDEV_READ_FLAG_SYNC, &ev);
            decoder_ = ScanDecoder();
            continue;
        }
        if (rc == LIBEVDEV_READ_STATUS_SUCCESS) {
            if (ev.type != EV_KEY) continue;
            KeyEvent key{static_cast<std::int64_t>(ev.input_event_sec) * 1000000 + ev.input_event_usec,
                         ev.code, ev.value};
            if (auto code = decoder_.feed(key)) return std::optional<std::string>(std::move(*code));
            continue;
        }
        if (rc == -EAGAIN) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                until - std::chrono::steady_clock::now());
            if (left.count() <= 0) return std::optional<std::string>();
            pollfd p{fd_, POLLIN, 0};
            ::poll(&p, 1, static_cast<int>(left.count()));
            if (p.revents & (POLLERR | POLLHUP))
                rc = -ENODEV;
            else
                continue;
        }
        close();
        return Error{"barcode reader " + path_ + ": unplugged (" + std::strerror(-rc) +
                     "); plug it back in, it is opened again on the next scan"};
    }
}

Result<std::optional<std::string>> ReplayReader::next(std::chrono::milliseconds timeout) {
    (void)timeout; // a recording never waits for a person: it is played out or not
    while (at_ < events_.size()) {
        const KeyEvent& e = events_[at_++];
        if (realTime_ && at_ > 1) {
            auto wait = e.micros - events_[at_ - 2].micros;
            if (wait > 0) std::this_thread::sleep_for(std::chrono::microseconds(wait));
        }
        if (auto code = decoder_.feed(e)) return std::optional<std::string>(std::move(*code));
    }
    return std::optional<std::string>();
}

} // namespace guichet::hardware
