#pragma once
// The stand-in backend as a child process (the guichet-backend-sim executable) on a free loopback
// port, for the demos of the CLI, the desk app and the kiosk: a real process on a real socket, as
// DomiFa would be. Stopped (SIGTERM, then waited for) when the object goes.

#include "guichet/core/Result.hpp"

#include <memory>
#include <string>
#include <sys/types.h>

namespace guichet::sim {

/// GUICHET_BACKEND_SIM, else guichet-backend-sim next to the running program, else where the build
/// tree puts it (build/backend-client/sim/ seen from build/app/<program>/). Empty when not found.
std::string findStandInExecutable();

class StandInProcess {
public:
    /// Starts `executable` seeded with `seedFile` (a directory CSV); its port, e-mailed codes and
    /// log are files in `workDir`. Waits up to 5 s for the port; an Error says why it did not start
    /// (the log's path included).
    static Result<std::unique_ptr<StandInProcess>>
    start(const std::string& executable, const std::string& seedFile, const std::string& workDir);
    ~StandInProcess();
    StandInProcess(const StandInProcess&) = delete;
    StandInProcess& operator=(const StandInProcess&) = delete;

    std::string baseUrl() const;
    int port() const { return port_; }
    /// The last code "e-mailed" (the stand-in writes them to a file for the demo); empty if none.
    std::string lastCode() const;
    std::string codesFile() const { return codesFile_; }

private:
    StandInProcess(pid_t pid, std::string codesFile) : pid_(pid), codesFile_(std::move(codesFile)) {}
    pid_t pid_;
    int port_ = 0;
    std::string codesFile_;
};

} // namespace guichet::sim
