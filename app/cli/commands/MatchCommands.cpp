// guichet match / intake: reading envelopes from files and from a scanner's hot folder.
//
// match: images are shared out to one worker per core; each worker owns its Reader (and so its
// Tesseract engine, created once). Results are printed in the order of the arguments as soon as
// they are ready, one JSON object per line.
// intake: the "scan to folder" mode. A file is taken once its size and time stamp have stopped
// changing; its content hash is recorded before work starts and again, with the mail items, in
// the transaction that records them, so a crash at any point neither loses nor repeats an item.
#include "commands/Commands.hpp"
#include "guichet/core/Date.hpp"
#include "guichet/core/Event.hpp"
#include "guichet/reader/Reader.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>
#include <unistd.h>

namespace guichet::app {

namespace fs = std::filesystem;

namespace {

/// Said once: the desk reads on without the second model, a little less well on handwriting.
void warnSecondModel(const char* command, const std::string& problem) {
    std::fprintf(stderr,
                 "%s: warning: the second OCR model could not be loaded, unsure handwriting is read with "
                 "the first only (Debian: apt install tesseract-ocr-script-latn): %s\n",
                 command, problem.c_str());
}

/// Tesseract's OpenMP makes it 2.5-3× slower on a busy 2-core machine unless OMP_THREAD_LIMIT=1
/// is in the environment when the process starts; setting it later has no effect. So when it is
/// missing, the command re-executes itself once with it set.
void ensureOpenMpLimit() {
    if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
    std::ifstream in("/proc/self/cmdline", std::ios::binary);
    std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<std::string> args;
    for (size_t start = 0; start < all.size();) {
        const size_t end = all.find('\0', start);
        args.push_back(all.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    if (args.empty()) return;
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    ::setenv("OMP_THREAD_LIMIT", "1", 1);
    std::fflush(stdout);
    ::execv("/proc/self/exe", argv.data());
    // exec failed: carry on, just slower.
}

nlohmann::ordered_json toJson(const reader::Reading& r) {
    nlohmann::ordered_json j;
    j["image"] = r.image;
    if (r.pages > 1) j["page"] = r.page + 1;
    j["dossier"] =
        r.dossier ? nlohmann::ordered_json(std::to_string(*r.dossier)) : nlohmann::ordered_json(nullptr);
    j["decision"] = toString(r.decision);
    j["confidence"] = std::round(r.confidence * 1000.0) / 1000.0;
    auto candidates = nlohmann::ordered_json::array();
    for (size_t i = 0; i < r.candidates.size() && i < 5; ++i) {
        const auto& c = r.candidates[i];
        candidates.push_back({{"dossier", std::to_string(c.dossier)},
                              {"score", std::round(c.score * 1000.0) / 1000.0},
                              {"via", toString(c.via)}});
    }
    j["candidates"] = std::move(candidates);
    j["kind"] = toString(r.kind);
    j["tracking"] = r.tracking.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.tracking);
    j["lines"] = r.lines;
    j["ms"] = std::lround(r.ms);
    if (r.returnToSender) j["returnToSender"] = true;
    if (!r.reason.empty()) j["reason"] = r.reason;
    return j;
}

std::string dumpLine(const nlohmann::ordered_json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

struct Outcome {
    std::vector<reader::Reading> readings;
    std::string error;
    double ms = 0;
};

int runMatch(const Context& context, const std::vector<std::string>& images, const std::string& directoryFile,
             bool json, int jobs) {
    ensureOpenMpLimit();
    auto directory = loadDirectory(directoryFile, context.dbPath);
    if (!directory) {
        std::fprintf(stderr, "guichet match: %s\n", directory.error().message.c_str());
        return 2;
    }
    // The work is pages, not files: the pages of a scanner's many-page PDF go to every core.
    struct Item {
        size_t file;
        int page = 0;
        int pages = 1;
        std::string error; ///< the file cannot be read at all
    };
    std::vector<Item> items;
    for (size_t f = 0; f < images.size(); ++f) {
        auto pages = reader::Reader::pageCount(images[f]);
        if (!pages) {
            items.push_back({f, 0, 1, pages.error().message});
            continue;
        }
        for (int p = 0; p < *pages; ++p)
            items.push_back({f, p, *pages, {}});
    }
    const int workers =
        std::max(1, std::min<int>(jobs > 0 ? jobs : static_cast<int>(std::thread::hardware_concurrency()),
                                  static_cast<int>(items.size())));
    if (workers > 1) reader::setImageThreads(1);
    std::vector<std::optional<Outcome>> results(items.size());
    std::atomic<size_t> next{0};
    std::mutex mutex;
    size_t printed = 0;
    bool anyFailed = false;
    std::string fatal;
    std::string secondProblem; ///< a worker's Reader::secondModelProblem

    auto print = [&](const Item& item, const Outcome& o) {
        const std::string& image = images[item.file];
        if (!o.error.empty()) {
            anyFailed = true;
            if (json) {
                nlohmann::ordered_json j;
                j["image"] = image;
                if (item.pages > 1) j["page"] = item.page + 1;
                j["error"] = o.error;
                j["ms"] = std::lround(o.ms);
                std::printf("%s\n", dumpLine(j).c_str());
            } else {
                std::printf("%s%s: error: %s\n", image.c_str(),
                            item.pages > 1 ? ("#" + std::to_string(item.page + 1)).c_str() : "",
                            o.error.c_str());
            }
            return;
        }
        for (const auto& r : o.readings) {
            if (json) {
                std::printf("%s\n", dumpLine(toJson(r)).c_str());
                continue;
            }
            std::string who = r.dossier ? "dossier " + std::to_string(*r.dossier) : "-";
            std::string cands;
            for (size_t i = 0; i < r.candidates.size() && i < 3; ++i)
                cands += (i ? ", " : "") + std::to_string(r.candidates[i].dossier);
            std::printf("%s%s: %s %s (%.2f) %s%s%s [%s] %.0f ms\n", r.image.c_str(),
                        r.pages > 1 ? ("#" + std::to_string(r.page + 1)).c_str() : "", toString(r.decision),
                        who.c_str(), r.confidence, toString(r.kind), r.tracking.empty() ? "" : " ",
                        r.tracking.c_str(), cands.c_str(), r.ms);
        }
    };

    auto work = [&] {
        reader::Options options;
        auto reader = reader::Reader::create(*directory, options);
        if (!reader) {
            std::lock_guard lock(mutex);
            fatal = reader.error().message;
            next = items.size();
            return;
        }
        for (size_t i = next++; i < items.size(); i = next++) {
            const Item& item = items[i];
            const auto t0 = std::chrono::steady_clock::now();
            Outcome o;
            if (!item.error.empty()) {
                o.error = item.error;
            } else if (auto read = reader->readPage(images[item.file], item.page, item.pages)) {
                o.readings.push_back(std::move(read.value()));
            } else {
                o.error = read.error().message;
            }
            o.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
            std::lock_guard lock(mutex);
            results[i] = std::move(o);
            while (printed < items.size() && results[printed]) {
                print(items[printed], *results[printed]);
                results[printed].reset();
                ++printed;
            }
            std::fflush(stdout);
        }
        if (!reader->secondModelProblem().empty()) {
            std::lock_guard lock(mutex);
            secondProblem = reader->secondModelProblem();
        }
    };
    std::vector<std::thread> threads;
    for (int t = 0; t < workers; ++t)
        threads.emplace_back(work);
    for (auto& t : threads)
        t.join();
    if (!fatal.empty()) {
        std::fprintf(stderr, "guichet match: %s\n", fatal.c_str());
        return 2;
    }
    if (!secondProblem.empty()) warnSecondModel("guichet match", secondProblem);
    return anyFailed ? 1 : 0;
}

// --- intake ---------------------------------------------------------------------------------------

/// Content fingerprint: two independent 64-bit hashes and the size (collisions need ~2^64 files).
std::string fingerprintOf(const std::string& path, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = path + ": cannot open";
        return {};
    }
    std::uint64_t a = 0xcbf29ce484222325ULL, b = 0x84222325cbf29ce4ULL, size = 0;
    char buf[1 << 16];
    while (in) {
        in.read(buf, sizeof buf);
        const auto n = in.gcount();
        for (std::streamsize i = 0; i < n; ++i) {
            const auto c = static_cast<unsigned char>(buf[i]);
            a = (a ^ c) * 0x100000001b3ULL;
            b = (b + c + 1) * 0x9E3779B97F4A7C15ULL;
            b ^= b >> 29;
        }
        size += static_cast<std::uint64_t>(n);
    }
    char out[64];
    std::snprintf(out, sizeof out, "%016llx%016llx-%llu", static_cast<unsigned long long>(a),
                  static_cast<unsigned long long>(b), static_cast<unsigned long long>(size));
    return out;
}

bool looksLikeScan(const fs::path& p) {
    const std::string name = p.filename().string();
    if (name.empty() || name[0] == '.' || name[0] == '~') return false;
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext != ".part" && ext != ".tmp" && ext != ".crdownload" && ext != ".partial";
}

/// Moves a file into `folder`, never overwriting: a name already there gets a numbered suffix.
fs::path moveInto(const fs::path& file, const fs::path& folder) {
    fs::path target = folder / file.filename();
    for (int k = 2; fs::exists(target); ++k)
        target = folder / (file.stem().string() + "-" + std::to_string(k) + file.extension().string());
    std::error_code ec;
    fs::rename(file, target, ec);
    if (ec) {
        fs::copy_file(file, target, ec);
        if (!ec) fs::remove(file, ec);
    }
    return target;
}

struct Watched {
    std::uintmax_t size = 0;
    fs::file_time_type mtime{};
    std::chrono::steady_clock::time_point stableSince{};
};

class Intake {
public:
    Intake(fs::path dir, store::Store& store, reader::Reader& reader, std::chrono::milliseconds grace)
        : dir_(std::move(dir)), store_(store), grace_(grace), reader_(reader) {}

    /// Handles one ready file; returns false when the store failed (the caller stops).
    bool process(const fs::path& file) {
        std::string error;
        const std::string fp = fingerprintOf(file.string(), error);
        if (fp.empty()) return fail(file, IntakeFileRecord{}, error);
        auto known = store_.findIntakeFile(fp);
        if (!known) return storeError(known.error());
        if (*known && (*known)->state != "processing") {
            // Recorded before a crash or a restart, or the same scan dropped twice: never again.
            const auto& k = **known;
            const fs::path to = moveInto(file, dir_ / (k.state == "failed" ? "failed" : "done"));
            if (k.state == "failed") writeReason(to, k.reason);
            std::printf("%s: already %s%s\n", file.filename().string().c_str(), k.state.c_str(),
                        k.mailItem ? (" as mail item " + std::to_string(*k.mailItem)).c_str() : "");
            return true;
        }
        store::IntakeFile record{fp, file.filename().string(), "processing", std::nullopt, "", 0, ""};
        if (auto saved = store_.saveIntakeFile(record); !saved) return storeError(saved.error());

        auto read = reader_.readFile(file.string());
        if (!read) {
            // A scanner that pauses mid-file leaves it truncated for a while: a recent truncated
            // file is waited for (it stays 'processing', so it is read again), an old one fails.
            std::error_code ec;
            const auto age = fs::file_time_type::clock::now() - fs::last_write_time(file, ec);
            if (!ec && read.error().message.find("truncated") != std::string::npos && age < grace_)
                return true;
            return fail(file, record, read.error().message);
        }

        std::vector<MailItemId> ids;
        std::vector<std::string> summaries;
        auto recorded = store_.transaction([&]() -> Result<void> {
            for (const auto& r : *read) {
                MailItem item;
                item.kind = r.kind;
                item.arrivedAt = now();
                item.tracking = r.tracking;
                item.source =
                    file.filename().string() + (r.pages > 1 ? "#" + std::to_string(r.page + 1) : "");
                item.confidence = r.confidence;
                for (const auto& c : r.candidates)
                    item.candidates.emplace_back(c.dossier, c.score);
                std::optional<Event> event;
                std::string summary;
                if (r.decision == match::Decision::Auto && r.dossier) {
                    item.dossier = r.dossier;
                    item.method = MatchMethod::Auto;
                    item.matchedBy = "auto";
                    if (r.returnToSender) {
                        item.state = MailState::ReturnToSender;
                        summary = "return to sender (dossier " + std::to_string(*r.dossier) + ")";
                    } else {
                        item.state = MailState::Pending;
                        Event e;
                        e.type = arrivalEvent(r.kind);
                        e.dossier = *r.dossier;
                        e.count = 1;
                        e.createdAt = item.arrivedAt;
                        e.nextTry = item.arrivedAt;
                        e.batchKey = "intake-" + formatDate(dateOf(item.arrivedAt));
                        event = e;
                        summary = "auto, dossier " + std::to_string(*r.dossier);
                    }
                } else {
                    item.method = MatchMethod::Unmatched;
                    item.state = MailState::AwaitingReview;
                    const fs::path crop =
                        dir_ / "review" / (fp.substr(0, 16) + "-p" + std::to_string(r.page + 1) + ".png");
                    if (!r.cropPng.empty()) {
                        std::ofstream(crop, std::ios::binary)
                            .write(reinterpret_cast<const char*>(r.cropPng.data()),
                                   static_cast<std::streamsize>(r.cropPng.size()));
                        item.cropPath = crop.string();
                    }
                    summary = std::string(toString(r.decision)) + ", waits for review (" +
                              std::to_string(r.candidates.size()) + " candidates)";
                }
                auto id = store_.recordMailItem(item, event);
                if (!id) return id.error();
                ids.push_back(*id);
                summaries.push_back(summary + ", " + toString(r.kind) + ", mail item " + std::to_string(*id));
            }
            store::IntakeFile done{fp, file.filename().string(), "done", std::nullopt, "", 0, ""};
            if (!ids.empty()) done.mailItem = ids[0];
            return store_.saveIntakeFile(done);
        });
        if (!recorded) return storeError(recorded.error());
        moveInto(file, dir_ / "done");
        for (const auto& s : summaries)
            std::printf("%s: %s\n", file.filename().string().c_str(), s.c_str());
        std::fflush(stdout);
        return true;
    }

private:
    using IntakeFileRecord = store::IntakeFile;

    bool fail(const fs::path& file, IntakeFileRecord record, const std::string& reason) {
        if (!record.fingerprint.empty()) {
            record.state = "failed";
            record.reason = reason;
            if (auto saved = store_.saveIntakeFile(record); !saved) return storeError(saved.error());
        }
        const fs::path to = moveInto(file, dir_ / "failed");
        writeReason(to, reason);
        std::printf("%s: failed: %s\n", file.filename().string().c_str(), reason.c_str());
        std::fflush(stdout);
        return true;
    }

    static void writeReason(const fs::path& moved, const std::string& reason) {
        std::ofstream(moved.string() + ".reason.txt") << reason << '\n';
    }

    bool storeError(const Error& e) {
        std::fprintf(stderr, "guichet intake: store: %s\n", e.message.c_str());
        return false;
    }

    fs::path dir_;
    store::Store& store_;
    std::chrono::milliseconds grace_;
    reader::Reader& reader_;
};

int runIntake(const Context& context, const std::string& watch, const std::string& directoryFile, bool once,
              int pollMs, int settleMs, int graceMs) {
    ensureOpenMpLimit();
    const fs::path dir = watch;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        std::fprintf(stderr, "guichet intake: %s: not a folder\n", watch.c_str());
        return 2;
    }
    for (const char* sub : {"done", "failed", "review"}) {
        fs::create_directories(dir / sub, ec);
        if (ec) {
            std::fprintf(stderr, "guichet intake: %s: %s\n", (dir / sub).string().c_str(),
                         ec.message().c_str());
            return 2;
        }
    }
    auto directory = loadDirectory(directoryFile, context.dbPath);
    if (!directory) {
        std::fprintf(stderr, "guichet intake: %s\n", directory.error().message.c_str());
        return 2;
    }
    auto store = openStore(context.dbPath);
    if (!store) {
        std::fprintf(stderr, "guichet intake: %s\n", store.error().message.c_str());
        return 2;
    }
    reader::Options options;
    options.keepCrop = true;
    auto reader = reader::Reader::create(*directory, options);
    if (!reader) {
        std::fprintf(stderr, "guichet intake: %s\n", reader.error().message.c_str());
        return 2;
    }
    Intake intake(dir, *store, *reader, std::chrono::milliseconds(graceMs));
    std::map<fs::path, Watched> watched;
    bool warnedSecondModel = false;
    std::printf("guichet intake: watching %s (%zu dossiers)\n", dir.string().c_str(), directory->size());
    std::fflush(stdout);
    for (;;) {
        const auto nowTick = std::chrono::steady_clock::now();
        std::map<fs::path, Watched> seen;
        std::vector<fs::path> ready;
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            if (!entry.is_regular_file(ec) || !looksLikeScan(entry.path())) continue;
            Watched w;
            w.size = entry.file_size(ec);
            w.mtime = entry.last_write_time(ec);
            w.stableSince = nowTick;
            auto it = watched.find(entry.path());
            if (it != watched.end() && it->second.size == w.size && it->second.mtime == w.mtime)
                w.stableSince = it->second.stableSince;
            seen[entry.path()] = w;
            // Ready when unchanged for settleMs (a scanner writing the file keeps changing both).
            if (w.size > 0 && nowTick - w.stableSince >= std::chrono::milliseconds(settleMs))
                ready.push_back(entry.path());
        }
        watched = std::move(seen);
        std::sort(ready.begin(), ready.end());
        for (const auto& file : ready) {
            if (!intake.process(file)) return 1;
            if (!fs::exists(file, ec)) watched.erase(file); // still there: waited for, try again
            if (!warnedSecondModel && !reader->secondModelProblem().empty()) {
                warnSecondModel("guichet intake", reader->secondModelProblem());
                warnedSecondModel = true;
            }
        }
        if (once && watched.empty()) return 0;
        std::this_thread::sleep_for(std::chrono::milliseconds(pollMs));
    }
}

} // namespace

void registerMatchCommands(CLI::App& app, Context& context) {
    auto* match = app.add_subcommand("match", "Read envelope images and match their recipients to dossiers");
    auto images = std::make_shared<std::vector<std::string>>();
    auto directoryFile = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);
    auto jobs = std::make_shared<int>(0);
    match
        ->add_option("images", *images,
                     "JPEG, PNG, TIFF or PDF files (every page of a TIFF or PDF is an envelope)")
        ->required();
    match->add_option("--directory", *directoryFile,
                      "Directory file (CSV or DomiFa JSON); default: the store");
    match->add_flag("--json", *json, "One JSON object per line per image");
    match->add_option("--jobs", *jobs, "Worker threads (default: all cores)");
    match->callback([&context, images, directoryFile, json, jobs] {
        context.run = [&context, images, directoryFile, json, jobs] {
            return runMatch(context, *images, *directoryFile, *json, *jobs);
        };
    });

    auto* intake =
        app.add_subcommand("intake", "Hot folder: read, record and file every scan dropped in a folder");
    auto watch = std::make_shared<std::string>();
    auto intakeDirectory = std::make_shared<std::string>();
    auto once = std::make_shared<bool>(false);
    auto pollMs = std::make_shared<int>(500);
    auto settleMs = std::make_shared<int>(1500);
    auto graceMs = std::make_shared<int>(30000);
    intake->add_option("--watch", *watch, "Folder the scanner writes to")->required();
    intake->add_option("--directory", *intakeDirectory, "Directory file; default: the store's dossiers");
    intake->add_flag("--once", *once, "Process what is there (waiting for half-written files), then exit");
    intake->add_option("--poll-ms", *pollMs, "Folder polling period")->capture_default_str();
    intake->add_option("--settle-ms", *settleMs, "A file is taken once unchanged for this long")
        ->capture_default_str();
    intake->add_option("--grace-ms", *graceMs, "A truncated file younger than this is waited for, not failed")
        ->capture_default_str();
    intake->callback([&context, watch, intakeDirectory, once, pollMs, settleMs, graceMs] {
        context.run = [&context, watch, intakeDirectory, once, pollMs, settleMs, graceMs] {
            return runIntake(context, *watch, *intakeDirectory, *once, *pollMs, *settleMs, *graceMs);
        };
    });
}

} // namespace guichet::app

namespace guichet::app {

int runIntakeOnce(const Context& context, const std::string& folder) {
    return runIntake(context, folder, {}, true, 100, 300, 30000);
}

} // namespace guichet::app
