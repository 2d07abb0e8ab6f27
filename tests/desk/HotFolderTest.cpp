// The hot folder with a reader twin: poison files that crash, hang or eat memory in the reader,
// links, empty files, a second intake, and an intake killed again and again.
#include "guichet/desk/HotFolder.hpp"

#include "DeskFixture.hpp"
#include "TempDir.hpp"
#include "guichet/desk/IsolatedReader.hpp"

#include <csignal>
#include <fstream>
#include <random>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace guichet;
using namespace guichet::test;
namespace fs = std::filesystem;

namespace {

/// The reader twin: a file's first line says what it is. "good" reads as an automatic letter for
/// kValid; "abort", "segv", "hang", "hog" do what they say inside the reader.
Result<std::vector<reader::Reading>> twinRead(const std::string& path) {
    std::ifstream in(path);
    std::string kind;
    std::getline(in, kind);
    if (kind == "abort") std::abort();
    if (kind == "segv") std::raise(SIGSEGV);
    if (kind == "hang") std::this_thread::sleep_for(std::chrono::seconds(5));
    if (kind == "hog") {
        std::vector<std::vector<char>> hog;
        for (int i = 0; i < 64; ++i)
            hog.emplace_back(std::size_t{256} << 20, 'x'); // 16 GiB if nothing stopped it
    }
    if (kind == "truncated") return Error{path + ": truncated image"};
    if (kind != "good") return Error{path + ": not an image"};
    auto r = reading(match::Decision::Auto, kValid);
    r.image = path;
    std::this_thread::sleep_for(std::chrono::milliseconds(30)); // a reading takes time
    return std::vector<reader::Reading>{r};
}

void drop(const fs::path& folder, const std::string& name, const std::string& kind, int salt = 0) {
    std::ofstream(folder / name) << kind << "\n" << name << salt << "\n";
}

desk::HotFolderOptions quick() {
    desk::HotFolderOptions o;
    o.settle = std::chrono::milliseconds(0);
    o.grace = std::chrono::milliseconds(200);
    return o;
}

desk::IsolationLimits limits() {
    desk::IsolationLimits l;
    l.timeBudget = std::chrono::milliseconds(1500);
    l.extraMemoryBytes = std::size_t{512} << 20;
    return l;
}

/// `tmp`/in, and a store file with the desk's dossiers that several processes open.
std::string folderAndStore(const TempDir& tmp) {
    fs::create_directories(tmp.path() / "in");
    const std::string db = tmp.file("store.db");
    auto s = store::Store::open(db);
    REQUIRE(s);
    REQUIRE(s->upsertDossiers(deskDossiers()));
    return db;
}

/// An intake that dies (SIGKILL) in the middle of reading the files of `in`.
void intakeKilledWhileReading(const std::string& db, const fs::path& in) {
    const pid_t child = ::fork();
    if (child == 0) {
        auto s = store::Store::open(db);
        ManualClock clock(at(2026, 12, 6));
        auto hot = desk::HotFolder::open(
            in, *s,
            [](const std::string&) -> Result<std::vector<reader::Reading>> {
                ::raise(SIGKILL);
                return Error{"unreachable"};
            },
            clock, quick(), [](const std::string&) {});
        if (hot) (void)(*hot)->poll();
        _exit(0);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(WIFSIGNALED(status));
}

/// Polls until nothing is left in the folder (bounded).
void drain(desk::HotFolder& hot) {
    for (int i = 0; i < 200; ++i) {
        auto r = hot.poll();
        REQUIRE(r);
        if (r->waiting == 0) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL("the hot folder never emptied");
}

std::string reasonOf(const fs::path& folder, const std::string& name) {
    std::ifstream in(folder / "failed" / (name + ".reason.txt"));
    std::string line;
    std::getline(in, line);
    return line;
}

} // namespace

TEST_CASE("hot folder: each poison kind costs its own file only") {
    TempDir tmp;
    const fs::path in = tmp.path() / "in";
    fs::create_directories(in);
    DeskFixture f;
    drop(in, "a-good.png", "good", 1);
    drop(in, "b-abort.png", "abort");
    drop(in, "c-segv.png", "segv");
    drop(in, "d-hang.png", "hang");
    drop(in, "e-hog.png", "hog");
    drop(in, "f-good.png", "good", 2);
    drop(in, "g-text.txt", "notes");
    std::ofstream(in / "h-empty.png").close();
    fs::create_symlink("/etc/hostname", in / "i-link.png");
    std::vector<std::string> said;
    desk::IsolatedReader isolated(twinRead, limits());
    auto hot = desk::HotFolder::open(
        in, f.store, [&](const std::string& p) { return isolated.readFile(p); }, f.clock, quick(),
        [&](const std::string& line) { said.push_back(line); });
    REQUIRE(hot);
    std::this_thread::sleep_for(std::chrono::milliseconds(250)); // the empty file's grace
    drain(**hot);

    auto items = f.store.mailItems(std::nullopt);
    REQUIRE(items);
    CHECK(items->size() == 2);
    CHECK(fs::exists(in / "done" / "a-good.png"));
    CHECK(fs::exists(in / "done" / "f-good.png"));
    CHECK(reasonOf(in, "b-abort.png").find("crashed on this file (signal 6 (SIGABRT))") != std::string::npos);
    CHECK(reasonOf(in, "c-segv.png").find("SIGSEGV") != std::string::npos);
    CHECK(reasonOf(in, "d-hang.png").find("longer than 1 s") != std::string::npos);
    CHECK(reasonOf(in, "e-hog.png").find("memory") != std::string::npos);
    CHECK(reasonOf(in, "g-text.txt").find("not an image") != std::string::npos);
    CHECK(reasonOf(in, "h-empty.png").find("empty file") != std::string::npos);
    CHECK(reasonOf(in, "i-link.png").find("symbolic link") != std::string::npos);
    CHECK(fs::is_symlink(fs::symlink_status(in / "failed" / "i-link.png"))); // moved, never followed
    for (const auto& e : fs::directory_iterator(in))
        CHECK((fs::is_directory(e.path()) || e.path().filename().string()[0] == '.'));
}

TEST_CASE("hot folder: one intake per folder, and the same scan is never recorded twice") {
    TempDir tmp;
    const fs::path in = tmp.path() / "in";
    fs::create_directories(in);
    DeskFixture f;
    auto say = [](const std::string&) {};
    auto first = desk::HotFolder::open(in, f.store, twinRead, f.clock, quick(), say);
    REQUIRE(first);
    auto second = desk::HotFolder::open(in, f.store, twinRead, f.clock, quick(), say);
    REQUIRE_FALSE(second);
    CHECK(second.error().message.find("another intake is already watching") != std::string::npos);
    CHECK(second.error().message.find(std::to_string(::getpid())) != std::string::npos);

    drop(in, "scan.png", "good", 7);
    drain(**first);
    fs::copy_file(in / "done" / "scan.png", in / "scan-again.png");
    std::vector<std::string> said;
    first->reset();
    auto again = desk::HotFolder::open(in, f.store, twinRead, f.clock, quick(),
                                       [&](const std::string& l) { said.push_back(l); });
    REQUIRE(again);
    drain(**again);
    auto items = f.store.mailItems(std::nullopt);
    REQUIRE(items);
    CHECK(items->size() == 1);
    REQUIRE(said.size() == 1);
    CHECK(said[0].find("already done as mail item") != std::string::npos);
}

TEST_CASE("hot folder: names are printed without control characters, a vanished folder stops it") {
    CHECK(desk::printable("scan\n\x1b[2Jevil.png") == "scan??[2Jevil.png");
    TempDir tmp;
    const fs::path in = tmp.path() / "in";
    fs::create_directories(in);
    DeskFixture f;
    auto hot = desk::HotFolder::open(in, f.store, twinRead, f.clock, quick(), [](const std::string&) {});
    REQUIRE(hot);
    fs::remove_all(in);
    auto r = (*hot)->poll();
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("the watched folder is gone") != std::string::npos);
}

TEST_CASE("hot folder: a file left processing by a killed intake is read again, a file that never "
          "finishes fails after its attempts") {
    TempDir tmp;
    const fs::path in = tmp.path() / "in";
    const std::string db = folderAndStore(tmp);
    drop(in, "interrupted.png", "good", 1);
    drop(in, "cursed.png", "good", 2);
    // What a killed intake leaves: claims "processing" by a process that is gone. One file at a time.
    fs::rename(in / "cursed.png", tmp.path() / "cursed.png");
    intakeKilledWhileReading(db, in);
    fs::rename(tmp.path() / "cursed.png", in / "cursed.png");
    fs::rename(in / "interrupted.png", tmp.path() / "interrupted.png");
    intakeKilledWhileReading(db, in);
    fs::rename(tmp.path() / "interrupted.png", in / "interrupted.png");
    auto s = store::Store::open(db);
    REQUIRE(s);
    ManualClock clock(at(2026, 12, 6));
    desk::HotFolderOptions o = quick();
    o.maxAttempts = 1; // cursed.png has had its one attempt; so has interrupted.png...
    std::vector<std::string> said;
    auto hot =
        desk::HotFolder::open(in, *s, twinRead, clock, o, [&](const std::string& l) { said.push_back(l); });
    REQUIRE(hot);
    drain(**hot);
    CHECK(reasonOf(in, "cursed.png").find("stopped the reader last time") != std::string::npos);
    CHECK(reasonOf(in, "interrupted.png").find("stopped the reader last time") != std::string::npos);
    hot->reset(); // its lock must not be inherited by the next intake

    // With attempts left, the interrupted file is simply read again.
    drop(in, "retry.png", "good", 3);
    intakeKilledWhileReading(db, in);
    auto after = desk::HotFolder::open(in, *s, twinRead, clock, quick(), [](const std::string&) {});
    INFO((after ? "" : after.error().message));
    REQUIRE(after);
    drain(**after);
    CHECK(fs::exists(in / "done" / "retry.png"));
    auto items = s->mailItems(std::nullopt);
    REQUIRE(items);
    CHECK(items->size() == 1);
}

TEST_CASE("hot folder: killed again and again, every good scan is recorded once and every poison "
          "scan is failed with a reason") {
    TempDir tmp;
    const fs::path in = tmp.path() / "in";
    const std::string db = folderAndStore(tmp);
    const int goods = 24;
    for (int i = 0; i < goods; ++i)
        drop(in, "good-" + std::to_string(100 + i) + ".png", "good", i);
    for (const char* kind : {"abort", "segv", "hang", "hog", "notes"})
        drop(in, std::string("poison-") + kind + ".png", kind);

    std::mt19937 random(12345);
    int kills = 0;
    bool finished = false;
    for (int round = 0; round < 60 && !finished; ++round) {
        const pid_t child = ::fork();
        if (child == 0) {
            auto s = store::Store::open(db);
            if (!s) _exit(3);
            ManualClock clock(at(2026, 12, 6));
            desk::IsolatedReader isolated(twinRead, limits());
            desk::HotFolderOptions o = quick();
            o.maxAttempts = 100; // the kills here come from outside: never give up on a good scan
            auto hot = desk::HotFolder::open(
                in, *s, [&](const std::string& p) { return isolated.readFile(p); }, clock, o,
                [](const std::string&) {});
            if (!hot) _exit(4);
            for (int i = 0; i < 400; ++i) {
                auto r = (*hot)->poll();
                if (!r) _exit(5);
                if (r->waiting == 0) _exit(0);
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
            _exit(6);
        }
        std::this_thread::sleep_for(
            std::chrono::milliseconds(std::uniform_int_distribution<int>(40, 400)(random)));
        if (::kill(child, SIGKILL) == 0) ++kills;
        int status = 0;
        ::waitpid(child, &status, 0);
        if (WIFEXITED(status)) {
            REQUIRE(WEXITSTATUS(status) == 0);
            finished = true;
        }
    }
    if (!finished) { // the last run, left alone
        auto s = store::Store::open(db);
        REQUIRE(s);
        ManualClock clock(at(2026, 12, 6));
        desk::IsolatedReader isolated(twinRead, limits());
        auto hot = desk::HotFolder::open(
            in, *s, [&](const std::string& p) { return isolated.readFile(p); }, clock, quick(),
            [](const std::string&) {});
        REQUIRE(hot);
        drain(**hot);
    }
    INFO(kills << " kills");
    CHECK(kills >= 5);
    auto s = store::Store::open(db);
    REQUIRE(s);
    auto items = s->mailItems(std::nullopt);
    REQUIRE(items);
    std::map<std::string, int> perSource;
    for (const auto& m : *items)
        ++perSource[m.source];
    CHECK(items->size() == static_cast<size_t>(goods));
    CHECK(perSource.size() == static_cast<size_t>(goods));
    auto events = s->events(std::nullopt);
    REQUIRE(events);
    CHECK(events->size() == static_cast<size_t>(goods));
    for (int i = 0; i < goods; ++i)
        CHECK(fs::exists(in / "done" / ("good-" + std::to_string(100 + i) + ".png")));
    for (const char* kind : {"abort", "segv", "hang", "hog", "notes"})
        CHECK_FALSE(reasonOf(in, std::string("poison-") + kind + ".png").empty());
}

TEST_CASE("hot folder: a store locked by another process is waited for, not fatal") {
    TempDir tmp;
    const fs::path in = tmp.path() / "in";
    fs::create_directories(in);
    const std::string db = tmp.file("store.db");
    store::Options quickTimeout;
    quickTimeout.busyTimeoutMs = 50;
    auto s = store::Store::open(db, quickTimeout);
    REQUIRE(s);
    REQUIRE(s->upsertDossiers(deskDossiers()));
    auto other = store::Store::open(db);
    REQUIRE(other);
    ManualClock clock(at(2026, 12, 6));
    std::vector<std::string> said;
    auto hot = desk::HotFolder::open(in, *s, twinRead, clock, quick(),
                                     [&](const std::string& l) { said.push_back(l); });
    REQUIRE(hot);
    drop(in, "scan.png", "good", 1);
    // Another Guichet process holds the write lock (a long import, the sync) while the folder is polled.
    REQUIRE(other->transaction([&]() -> Result<void> {
        auto r = (*hot)->poll();
        REQUIRE(r);
        CHECK(r->waiting == 1);
        CHECK(r->recorded == 0);
        return other->setSetting("held", "yes");
    }));
    REQUIRE_FALSE(said.empty());
    CHECK(said.back().find("the store is busy, will retry") != std::string::npos);
    drain(**hot);
    CHECK(fs::exists(in / "done" / "scan.png"));
    auto items = s->mailItems(std::nullopt);
    REQUIRE(items);
    CHECK(items->size() == 1);
}

TEST_CASE("hot folder: a full disk stops the intake with a message, records nothing and leaves the scan") {
    TempDir tmp;
    const fs::path in = tmp.path() / "in";
    const std::string db = folderAndStore(tmp);
    drop(in, "scan.png", "good", 1);
    int pipeFds[2];
    REQUIRE(::pipe(pipeFds) == 0);
    const pid_t child = ::fork();
    if (child == 0) {
        ::close(pipeFds[0]);
        auto s = store::Store::open(db);
        if (!s) _exit(3);
        // No byte more may be written to any file: the disk is full for this process.
        std::signal(SIGXFSZ, SIG_IGN);
        // Every write goes to the journal (WAL) first: it may not grow by a byte.
        const auto size = fs::file_size(db + "-wal");
        rlimit limit{static_cast<rlim_t>(size), static_cast<rlim_t>(size)};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        ManualClock clock(at(2026, 12, 6));
        auto hot = desk::HotFolder::open(in, *s, twinRead, clock, quick(), [](const std::string&) {});
        if (!hot) _exit(4);
        auto r = (*hot)->poll();
        const std::string message = r ? std::string("no error") : r.error().message;
        (void)!::write(pipeFds[1], message.data(), message.size());
        _exit(r ? 5 : 0);
    }
    ::close(pipeFds[1]);
    std::string message(4096, '\0');
    const ssize_t n = ::read(pipeFds[0], message.data(), message.size());
    message.resize(n > 0 ? static_cast<size_t>(n) : 0);
    ::close(pipeFds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    INFO(message);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(message.find("store.db") != std::string::npos);
    CHECK(fs::exists(in / "scan.png")); // still there, read again once there is room
    auto s = store::Store::open(db);
    REQUIRE(s);
    auto items = s->mailItems(std::nullopt);
    REQUIRE(items);
    CHECK(items->empty());
    // Room again: the same scan is read and recorded, once.
    ManualClock clock(at(2026, 12, 6));
    auto hot = desk::HotFolder::open(in, *s, twinRead, clock, quick(), [](const std::string&) {});
    REQUIRE(hot);
    drain(**hot);
    items = s->mailItems(std::nullopt);
    REQUIRE(items);
    CHECK(items->size() == 1);
    CHECK(fs::exists(in / "done" / "scan.png"));
}
