#include "guichet/desk/IsolatedReader.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace guichet::desk {

namespace {

using nlohmann::json;

json toJson(const reader::Reading& r) {
    json j;
    j["image"] = r.image;
    j["page"] = r.page;
    j["pages"] = r.pages;
    j["decision"] = static_cast<int>(r.decision);
    if (r.dossier) j["dossier"] = *r.dossier;
    j["confidence"] = r.confidence;
    json candidates = json::array();
    for (const auto& c : r.candidates)
        candidates.push_back({{"dossier", c.dossier},
                              {"score", c.score},
                              {"via", static_cast<int>(c.via)},
                              {"viaIndex", c.viaIndex},
                              {"exactName", c.exactName},
                              {"boxMatch", c.boxMatch},
                              {"returnToSender", c.returnToSender},
                              {"wide", c.wide},
                              {"sourceLine", c.sourceLine},
                              {"why", c.why}});
    j["candidates"] = std::move(candidates);
    j["returnToSender"] = r.returnToSender;
    j["kind"] = static_cast<int>(r.kind);
    j["tracking"] = r.tracking;
    j["codes"] = r.codes;
    j["lines"] = r.lines;
    j["ocrConfidence"] = r.ocrConfidence;
    j["reason"] = r.reason;
    j["upsideDown"] = r.upsideDown;
    j["envelopeFound"] = r.envelopeFound;
    j["crop"] = json::binary(r.cropPng);
    j["ms"] = r.ms;
    return j;
}

template <typename E>
E enumAt(const json& j, const char* key, int count) {
    const int v = j.at(key).get<int>();
    if (v < 0 || v >= count) throw std::out_of_range(std::string(key) + " out of range");
    return static_cast<E>(v);
}

reader::Reading fromJson(const json& j) {
    reader::Reading r;
    r.image = j.at("image").get<std::string>();
    r.page = j.at("page").get<int>();
    r.pages = j.at("pages").get<int>();
    r.decision = enumAt<match::Decision>(j, "decision", 3);
    if (j.contains("dossier")) r.dossier = j.at("dossier").get<DossierRef>();
    r.confidence = j.at("confidence").get<double>();
    for (const auto& c : j.at("candidates")) {
        match::Candidate k;
        k.dossier = c.at("dossier").get<DossierRef>();
        k.score = c.at("score").get<double>();
        k.via = enumAt<match::Via>(c, "via", 5);
        k.viaIndex = c.at("viaIndex").get<int>();
        k.exactName = c.at("exactName").get<bool>();
        k.boxMatch = c.at("boxMatch").get<bool>();
        k.returnToSender = c.at("returnToSender").get<bool>();
        k.wide = c.at("wide").get<bool>();
        k.sourceLine = c.at("sourceLine").get<int>();
        k.why = c.at("why").get<std::string>();
        r.candidates.push_back(std::move(k));
    }
    r.returnToSender = j.at("returnToSender").get<bool>();
    r.kind = enumAt<MailKind>(j, "kind", 3);
    r.tracking = j.at("tracking").get<std::string>();
    r.codes = j.at("codes").get<std::vector<std::string>>();
    r.lines = j.at("lines").get<std::vector<std::string>>();
    r.ocrConfidence = j.at("ocrConfidence").get<double>();
    r.reason = j.at("reason").get<std::string>();
    r.upsideDown = j.at("upsideDown").get<bool>();
    r.envelopeFound = j.at("envelopeFound").get<bool>();
    const auto& crop = j.at("crop").get_binary();
    r.cropPng.assign(crop.begin(), crop.end());
    r.ms = j.at("ms").get<double>();
    return r;
}

bool writeAll(int fd, const std::vector<unsigned char>& bytes) {
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<size_t>(n);
    }
    return true;
}

std::size_t addressSpaceNow() {
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0;
    statm >> pages;
    return pages * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

std::string signalName(int sig) {
    const char* name = sigabbrev_np(sig);
    return "signal " + std::to_string(sig) + (name ? std::string(" (SIG") + name + ")" : std::string());
}

} // namespace

std::vector<unsigned char> encodeReadings(const std::vector<reader::Reading>& readings) {
    json all = json::array();
    for (const auto& r : readings)
        all.push_back(toJson(r));
    return json::to_cbor(json{{"readings", std::move(all)}});
}

Result<std::vector<reader::Reading>> decodeReadings(const std::vector<unsigned char>& bytes) {
    try {
        const json j = json::from_cbor(bytes);
        if (j.contains("error")) return Error{j.at("error").get<std::string>()};
        std::vector<reader::Reading> out;
        for (const auto& r : j.at("readings"))
            out.push_back(fromJson(r));
        return out;
    } catch (const std::exception& e) {
        return Error{std::string("the reader's answer is unreadable: ") + e.what()};
    }
}

IsolatedReader::IsolatedReader(reader::Reader& reader, IsolationLimits limits)
    : read_([&reader](const std::string& path) { return reader.readFile(path); }), limits_(limits) {}

Result<std::vector<reader::Reading>> IsolatedReader::readFile(const std::string& path) const {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return Error{path + ": cannot start a reader: " + std::strerror(errno)};
    std::fflush(stdout);
    std::fflush(stderr);
    const std::size_t limit = addressSpaceNow() + limits_.extraMemoryBytes;
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return Error{path + ": cannot start a reader: " + std::strerror(errno)};
    }
    if (pid == 0) {
        // The child: read, send, leave without running the parent's destructors or atexit.
        ::close(fds[0]);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL); // an intake killed mid-reading takes its reader along
        if (::getppid() == 1) _exit(4);
        // Keep only the answer pipe: the parent's folder lock and store must not outlive it here.
        if (::dup2(fds[1], 3) < 0) _exit(5);
        fds[1] = 3;
        ::close_range(4, ~0U, 0);
        // A crash must end the child at once, not run a handler the parent installed.
        for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTERM, SIGPIPE})
            std::signal(sig, SIG_DFL);
        rlimit as{limit, limit};
        ::setrlimit(RLIMIT_AS, &as);
        std::vector<unsigned char> bytes;
        try {
            auto read = read_(path);
            bytes = read ? encodeReadings(*read) : json::to_cbor(json{{"error", read.error().message}});
        } catch (const std::bad_alloc&) {
            bytes =
                json::to_cbor(json{{"error", path + ": the image needs more memory than a reading may use"}});
        } catch (const std::exception& e) {
            bytes = json::to_cbor(json{{"error", path + ": " + e.what()}});
        }
        _exit(writeAll(fds[1], bytes) ? 0 : 3);
    }
    ::close(fds[1]);
    std::vector<unsigned char> bytes;
    const auto deadline = std::chrono::steady_clock::now() + limits_.timeBudget;
    bool overBudget = false;
    unsigned char buf[1 << 16];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            overBudget = true;
            break;
        }
        pollfd p{fds[0], POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) continue;
        const ssize_t n = ::read(fds[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break; // end of the answer (or the child died)
        bytes.insert(bytes.end(), buf, buf + n);
    }
    ::close(fds[0]);
    if (overBudget) ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (overBudget)
        return Error{path + ": reading took longer than " +
                     std::to_string(limits_.timeBudget.count() / 1000) + " s and was stopped"};
    if (WIFSIGNALED(status))
        return Error{path + ": the reader crashed on this file (" + signalName(WTERMSIG(status)) + ")"};
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || bytes.empty())
        return Error{path + ": the reader stopped without an answer (exit " +
                     std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")"};
    return decodeReadings(bytes);
}

} // namespace guichet::desk
