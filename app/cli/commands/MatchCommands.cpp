// guichet match: reading envelopes from files. Images are shared out to one worker per core; each
// worker owns its Reader (and so its Tesseract engine, created once). Results are printed in the
// order of the arguments as soon as they are ready, one JSON object per line.
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

/// The structure's own numbers, learned from a batch: a number read on the envelopes of several
/// people is the structure's box, BP or CS, not a person's key. The readings that carry one are
/// decided again without it: one that only its name decides becomes Auto when it is the reader's
/// best candidate, and one that it helped make Auto goes back to staff if it is not Auto without it.
/// Returns the numbers learned.
std::vector<std::string> learnStructureNumbers(const match::Directory& directory,
                                               std::vector<std::optional<Outcome>>& results) {
    std::vector<match::Sighting> sightings;
    for (const auto& o : results)
        if (o)
            for (const auto& r : o->readings)
                for (auto& s : match::sightingsOf(directory, r.lines))
                    sightings.push_back(std::move(s));
    match::Options options;
    options.structureNumbers = match::recurringNumbers(sightings);
    if (options.structureNumbers.empty()) return {};
    for (auto& o : results) {
        if (!o) continue;
        for (auto& r : o->readings) {
            const auto seen = match::sightingsOf(directory, r.lines);
            const bool carries = std::any_of(seen.begin(), seen.end(), [&](const match::Sighting& s) {
                return std::find(options.structureNumbers.begin(), options.structureNumbers.end(),
                                 s.number) != options.structureNumbers.end();
            });
            if (!carries || r.candidates.empty()) continue;
            const match::MatchResult again = directory.match(r.lines, options);
            const bool sameBest =
                !again.candidates.empty() && again.candidates[0].dossier == r.candidates[0].dossier;
            const bool wasAuto = r.decision == match::Decision::Auto;
            const bool nowAuto = again.decision == match::Decision::Auto && sameBest;
            if (wasAuto == nowAuto) continue;
            r.decision = nowAuto ? match::Decision::Auto : match::Decision::Confirm;
            r.dossier = nowAuto ? std::optional<DossierRef>(again.candidates[0].dossier) : std::nullopt;
            if (nowAuto) {
                r.candidates = again.candidates;
                r.confidence = again.candidates[0].score;
                r.returnToSender = again.candidates[0].returnToSender;
            }
            r.reason = (nowAuto ? again.reason : std::string("decided by a number that is the structure's")) +
                       " (the structure's number, learned from this batch)";
        }
    }
    return options.structureNumbers;
}

int runMatch(const Context& context, const std::vector<std::string>& images, const std::string& directoryFile,
             bool json, int jobs, const std::vector<std::string>& structureNumbers, bool learn) {
    ensureOpenMpLimit();
    auto directory = loadDirectory(directoryFile, context.dbPath, structureNumbers);
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
    // Several envelopes are read as a batch: printed once all are read, after learning the
    // structure's numbers from them.
    const bool batch = learn && items.size() > 1;

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
            while (!batch && printed < items.size() && results[printed]) {
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
    if (batch) {
        const auto learned = learnStructureNumbers(*directory, results);
        if (!learned.empty() && !json) {
            std::string list;
            for (const auto& n : learned)
                list += (list.empty() ? "" : ", ") + n;
            std::fprintf(stderr,
                         "guichet match: the structure's own number(s) learned from these envelopes: %s\n",
                         list.c_str());
        }
        for (; printed < items.size(); ++printed)
            if (results[printed]) print(items[printed], *results[printed]);
    }
    return anyFailed ? 1 : 0;
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
    auto structureNumbers = std::make_shared<std::vector<std::string>>();
    match->add_option("--structure-number", *structureNumbers,
                      "A box / BP / CS number of the structure's own address (repeatable; also the "
                      "structure.numbers setting): never read as a person's box");
    auto noLearn = std::make_shared<bool>(false);
    match->add_flag("--no-learn", *noLearn,
                    "Do not learn the structure's numbers from the batch (a number on the envelopes of "
                    "three people or more); learning prints the results once all are read");
    match->callback([&context, images, directoryFile, json, jobs, structureNumbers, noLearn] {
        context.run = [&context, images, directoryFile, json, jobs, structureNumbers, noLearn] {
            return runMatch(context, *images, *directoryFile, *json, *jobs, *structureNumbers, !*noLearn);
        };
    });
}

} // namespace guichet::app
