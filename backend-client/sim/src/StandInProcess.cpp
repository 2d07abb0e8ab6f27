#include "guichet/sim/StandInProcess.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace guichet::sim {

namespace fs = std::filesystem;

std::string findStandInExecutable() {
    if (const char* env = std::getenv("GUICHET_BACKEND_SIM"); env && *env) return env;
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    for (const fs::path& candidate : {self.parent_path() / "guichet-backend-sim",
                                      self.parent_path() / "../../backend-client/sim/guichet-backend-sim"})
        if (fs::is_regular_file(candidate, ec)) return fs::weakly_canonical(candidate, ec).string();
    return {};
}

Result<std::unique_ptr<StandInProcess>> StandInProcess::start(const std::string& executable,
                                                              const std::string& seedFile,
                                                              const std::string& workDir) {
    if (executable.empty())
        return makeError(
            "guichet-backend-sim not found (set GUICHET_BACKEND_SIM or put it next to the program)");
    const fs::path folder(workDir);
    const fs::path portFile = folder / "stand-in.port";
    const fs::path codesFile = folder / "stand-in-codes.txt";
    const fs::path logFile = folder / "stand-in.log";
    std::error_code ec;
    fs::remove(portFile, ec);
    // Everything the child needs is prepared before fork: it only opens, dups and execs.
    const std::string port = portFile.string(), codes = codesFile.string(), log = logFile.string();
    const pid_t pid = ::fork();
    if (pid < 0) return makeError(std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
        const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (out >= 0) {
            ::dup2(out, STDERR_FILENO);
            ::dup2(out, STDOUT_FILENO);
        }
        ::execl(executable.c_str(), executable.c_str(), "--port", "0", "--port-file", port.c_str(),
                "--otp-file", codes.c_str(), "--seed-file", seedFile.c_str(), "--log",
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    std::unique_ptr<StandInProcess> standIn(new StandInProcess(pid, codes));
    for (int i = 0; i < 100; ++i) { // up to 5 s
        std::ifstream in(portFile);
        if (in >> standIn->port_) return standIn;
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid) {
            standIn->pid_ = -1;
            return makeError("guichet-backend-sim exited at start (see " + log + ")");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return makeError("guichet-backend-sim did not start within 5 s (see " + log + ")");
}

StandInProcess::~StandInProcess() {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }
}

std::string StandInProcess::baseUrl() const {
    return "http://127.0.0.1:" + std::to_string(port_);
}

std::string StandInProcess::lastCode() const {
    std::ifstream in(codesFile_);
    std::string line, code;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string when, email, candidate;
        if (words >> when >> email >> candidate) code = candidate;
    }
    return code;
}

} // namespace guichet::sim
