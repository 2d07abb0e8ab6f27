#include "Fd.hpp"
#include "guichet/hardware/EscPos.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>

namespace guichet::hardware {

namespace {
std::string openFailure(const std::string& path, int error) {
    std::string what = "receipt printer " + path + ": cannot open (" + std::strerror(error) + ")";
    if (error == EACCES || error == EPERM)
        return what + "; give the desk user access with the udev rule in docs/HARDWARE.md";
    if (error == ENOENT || error == ENODEV || error == ENXIO)
        return what + "; check the printer is plugged in and switched on";
    if (error == EBUSY) return what + "; another program is using it, close it and try again";
    return what;
}

bool isDevice(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISCHR(st.st_mode);
}
} // namespace

Result<void> EscPosPrinter::checkReady() {
    if (!isDevice(path_)) return {}; // the file twin (or a path that print() will name as missing)
    detail::Fd fd(::open(path_.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC));
    if (!fd) return Error{openFailure(path_, errno)};
    if (auto status = detail::askStatus(fd.get(), statusTimeout_)) return readiness(*status, path_);
    return {};
}

Result<void> EscPosPrinter::print(const Ticket& ticket) {
    std::string bytes = encodeEscPos(ticket, columns_);
    if (isDevice(path_)) {
        detail::Fd fd(::open(path_.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC));
        if (!fd) return Error{openFailure(path_, errno)};
        if (auto status = detail::askStatus(fd.get(), statusTimeout_))
            if (auto ready = readiness(*status, path_); !ready) return ready;
        if (int error = detail::writeAll(fd.get(), bytes, std::chrono::seconds(5)))
            return Error{"receipt printer " + path_ + ": write failed (" + std::strerror(error) +
                         "); check the paper and that it is still plugged in"};
        return {};
    }
    detail::Fd fd(::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644));
    if (!fd) return Error{openFailure(path_, errno)};
    if (int error = detail::writeAll(fd.get(), bytes, std::chrono::seconds(5)))
        return Error{"receipt printer " + path_ + ": write failed (" + std::strerror(error) + ")"};
    return {};
}

} // namespace guichet::hardware
