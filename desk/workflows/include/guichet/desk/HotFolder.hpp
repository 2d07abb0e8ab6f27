#pragma once
// The scanner's hot folder: a thin loop over Intake. A file is taken once its size and time stamp
// stop changing; it is claimed in the store (atomically, by content fingerprint: the same scan is
// never recorded twice, whichever folder or process sees it), read where a crash costs only that
// file (IsolatedReader, given by the caller), recorded with its claim in one transaction, then filed in done/
// or failed/ (with a .reason.txt beside it).
//
// One intake per folder (a lock file); a file left "processing" by a killed intake is read again,
// at most `maxAttempts` times, then failed ("stopped the reader"). Symbolic links, devices and
// pipes are never opened: they go to failed/. A file that stays empty longer than `grace` fails.
// Transient store errors (locked by another process) are retried at the next poll.

#include "guichet/core/Result.hpp"
#include "guichet/core/ports/Clock.hpp"
#include "guichet/desk/Intake.hpp"
#include "guichet/desk/IsolatedReader.hpp"
#include "guichet/reader/Reader.hpp"
#include "guichet/store/Store.hpp"

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace guichet::desk {

struct HotFolderOptions {
    std::chrono::milliseconds settle{1500}; ///< a file is taken once unchanged this long
    std::chrono::milliseconds grace{30000}; ///< a truncated or empty file younger than this is waited for
    int maxAttempts = 4; ///< readings of one file interrupted by a crash or kill before it fails
};

/// What the folder holds after a poll.
struct PollReport {
    int recorded = 0; ///< files read and recorded in this poll
    int failed = 0;
    int waiting = 0; ///< files seen but not ready (still written, truncated, store busy)
};

class HotFolder {
public:
    using Say = std::function<void(const std::string& line)>;

    /// Creates done/ and failed/ and takes the folder's lock (a second intake on the same folder
    /// is refused, naming the process that holds it). `read` reads one file: an IsolatedReader's
    /// readFile in the product, so that a crash costs one file.
    static Result<std::unique_ptr<HotFolder>> open(const std::filesystem::path& folder, store::Store& store,
                                                   ReadFile read, const Clock& clock,
                                                   HotFolderOptions options, Say say);
    ~HotFolder();
    HotFolder(const HotFolder&) = delete;
    HotFolder& operator=(const HotFolder&) = delete;

    /// One look at the folder: every ready file handled. An Error stops the intake (store broken,
    /// folder gone, a file that cannot be moved out of the way).
    Result<PollReport> poll();

    const std::filesystem::path& folder() const { return folder_; }

private:
    HotFolder(std::filesystem::path folder, store::Store& store, ReadFile read, const Clock& clock,
              HotFolderOptions options, Say say, int lockFd);
    enum class Outcome { Recorded, Failed, Waiting };
    Result<Outcome> process(const std::filesystem::path& file);
    Result<Outcome> fail(const std::filesystem::path& file, const std::string& fingerprint,
                         const std::string& reason, int attempts);
    Result<std::filesystem::path> moveInto(const std::filesystem::path& file, const char* sub);

    struct Watched {
        std::uintmax_t size = 0;
        std::filesystem::file_time_type mtime{};
        std::chrono::steady_clock::time_point firstSeen{};
        std::chrono::steady_clock::time_point stableSince{};
    };
    std::filesystem::path folder_;
    store::Store& store_;
    ReadFile read_;
    const Clock& clock_;
    HotFolderOptions options_;
    Say say_;
    int lockFd_ = -1;
    std::string owner_;
    Intake intake_;
    std::map<std::filesystem::path, Watched> watched_;
};

/// A file name as it may be printed: control characters (newlines, escapes) shown as '?'.
std::string printable(const std::string& name);
/// True for the store errors worth retrying (another process holds the lock).
bool isTransient(const Error& error);

} // namespace guichet::desk
