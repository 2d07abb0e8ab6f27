#include "guichet/hardware/EscPos.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace guichet::hardware {

Result<void> EscPosPrinter::print(const Ticket& ticket) {
    std::string bytes = encodeEscPos(ticket, columns_);
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path_.c_str(), "ab"), &std::fclose);
    if (!file) return Error{"receipt printer " + path_ + ": cannot open (" + std::strerror(errno) + ")"};
    if (std::fwrite(bytes.data(), 1, bytes.size(), file.get()) != bytes.size() ||
        std::fflush(file.get()) != 0)
        return Error{"receipt printer " + path_ + ": write failed (" + std::strerror(errno) +
                     "); paper out or printer unplugged?"};
    return {};
}

} // namespace guichet::hardware
