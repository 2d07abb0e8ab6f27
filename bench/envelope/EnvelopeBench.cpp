// guichet-bench-envelope: the envelope pipeline on a generated corpus, per condition and overall.
//
//   guichet-bench-envelope [--count 400] [--seed 1] [--dossiers 400] [--reference 100] [--jobs N] [--out DIR]
//                          [--held-out-fonts]
//
// Prints, per condition (scan300, scan200, rotated, upside-down, photo), per writing, per font of the
// recipient block and overall: auto-match rate (right dossier, automatically), false-attribution
// rate (an automatic dossier that is not the right one, absent recipients included), top-3 recall of the
// non-automatic ones, kind/tracking accuracy, median and p95 ms per image with one worker; then the batch
// throughput with one worker per core; then the bare `tesseract IMAGE - -l fra` time on `--reference` of the
// same images (whole image, automatic layout), as the reference. With --out DIR the corpus is kept
// there (images, directory.csv, truth.jsonl) and read again by the next run with the same seed,
// count and dossiers instead of being generated anew. --held-out-fonts writes the recipient block in
// fonts the pipeline was never tuned on (corpus::Options::heldOutFonts): how it reads the unseen.
// Run with OMP_THREAD_LIMIT=1 in the environment (as `guichet match` does for itself).
#include "guichet/corpus/Corpus.hpp"
#include "guichet/directory/DirectoryFile.hpp"
#include "guichet/reader/Reader.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <thread>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using namespace guichet;

namespace {

struct Row {
    corpus::Truth truth;
    std::string path;
    reader::Reading reading;
    bool failed = false;
    double referenceMs = -1;
};

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5));
    return v[i];
}

struct Stats {
    int n = 0, present = 0, autoRight = 0, autoWrong = 0, nonAutoPresent = 0, top3 = 0, kinds = 0, failed = 0;
    std::vector<double> ms;

    void add(const Row& r) {
        ++n;
        if (r.failed) {
            ++failed;
            return;
        }
        ms.push_back(r.reading.ms);
        kinds += toString(r.reading.kind) == r.truth.kind && r.reading.tracking == r.truth.tracking;
        const bool isAuto = r.reading.decision == match::Decision::Auto;
        if (isAuto && !(r.truth.dossier && r.reading.dossier == r.truth.dossier)) ++autoWrong;
        if (!r.truth.dossier) return;
        ++present;
        if (isAuto && r.reading.dossier == r.truth.dossier) {
            ++autoRight;
            return;
        }
        ++nonAutoPresent;
        for (size_t k = 0; k < r.reading.candidates.size() && k < 3; ++k)
            if (r.reading.candidates[k].dossier == *r.truth.dossier) ++top3;
    }

    void print(const std::string& name) const {
        auto pct = [](int a, int b) { return b ? 100.0 * a / b : 0.0; };
        std::printf("%-18s %4d %5d  %6.1f%%  %5.2f%% (%d)  %6.1f%% (%d/%d)  %6.1f%%  %6.0f  %6.0f  %d\n",
                    name.c_str(), n, present, pct(autoRight, present), pct(autoWrong, n), autoWrong,
                    pct(top3, nonAutoPresent), top3, nonAutoPresent, pct(kinds, n - failed),
                    percentile(ms, 0.5), percentile(ms, 0.95), failed);
    }
};

double timeCommand(const std::string& command) {
    const auto t0 = std::chrono::steady_clock::now();
    const int rc = std::system(command.c_str());
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return rc == 0 ? ms : -1;
}

} // namespace

int main(int argc, char** argv) {
    int count = 400, dossiers = 400, reference = 100,
        jobs = static_cast<int>(std::thread::hardware_concurrency());
    std::uint64_t seed = 1;
    fs::path out;
    corpus::Options corpusOptions;
    for (int i = 1; i < argc; i += 2) {
        if (std::string_view(argv[i]) == "--held-out-fonts") {
            corpusOptions.heldOutFonts = true;
            --i; // a flag, no value
            continue;
        }
        // An option without its value is unknown.
        const std::string key = i + 1 < argc ? argv[i] : "", value = i + 1 < argc ? argv[i + 1] : "";
        if (key == "--count")
            count = std::atoi(value.c_str());
        else if (key == "--seed")
            seed = std::strtoull(value.c_str(), nullptr, 10);
        else if (key == "--dossiers")
            dossiers = std::atoi(value.c_str());
        else if (key == "--reference")
            reference = std::atoi(value.c_str());
        else if (key == "--jobs")
            jobs = std::max(1, std::atoi(value.c_str()));
        else if (key == "--out")
            out = value;
        else {
            std::fprintf(
                stderr, "usage: guichet-bench-envelope [--count N] [--seed N] [--dossiers N] [--reference N] "
                        "[--jobs N] [--out DIR] [--held-out-fonts]\n");
            return 2;
        }
    }
    if (!std::getenv("OMP_THREAD_LIMIT"))
        std::fprintf(stderr,
                     "warning: OMP_THREAD_LIMIT is not set; Tesseract will be slower on a busy machine\n");
    const bool keep = !out.empty();
    if (!keep) out = fs::temp_directory_path() / ("guichet-bench-envelope-" + std::to_string(::getpid()));
    fs::create_directories(out);

    // 1. Corpus: generated (≈0.6 s an envelope), or read again from a kept --out folder made with
    // the same seed, count and dossiers (its stamp says so).
    auto t0 = std::chrono::steady_clock::now();
    const std::string stamp = "seed " + std::to_string(seed) + " count " + std::to_string(count) +
                              " dossiers " + std::to_string(dossiers) +
                              (corpusOptions.heldOutFonts ? " held-out fonts" : "") + "\n";
    std::vector<Row> rows;
    bool reused = false;
    if (keep) {
        std::ifstream stampIn(out / "corpus.txt");
        std::string kept((std::istreambuf_iterator<char>(stampIn)), std::istreambuf_iterator<char>());
        std::ifstream truthIn(out / "truth.jsonl");
        for (std::string line; kept == stamp && std::getline(truthIn, line);) {
            auto truth = corpus::truthFromJson(line);
            if (!truth) break;
            Row row;
            row.truth = std::move(*truth);
            row.path = (out / (row.truth.name + row.truth.fileExtension)).string();
            if (!fs::exists(row.path)) break;
            rows.push_back(std::move(row));
        }
        reused = static_cast<int>(rows.size()) == count;
        if (!reused) rows.clear();
    }
    if (!reused) {
        fs::remove(out / "corpus.txt");
        const corpus::DirectorySpec spec = corpus::makeDirectory(seed, dossiers);
        std::ofstream(out / "directory.csv", std::ios::binary) << spec.csv();
        std::ofstream truthOut(out / "truth.jsonl", std::ios::binary);
        // Generating takes minutes on a fresh machine (cold font caches): say so, on stderr, as it goes.
        std::fprintf(stderr, "generating %d envelopes in %s ...\n", count, out.string().c_str());
        for (int i = 0; i < count; ++i) {
            if (i > 0 && i % 100 == 0) std::fprintf(stderr, "  %d of %d generated\n", i, count);
            corpus::Sample s = corpus::makeEnvelope(spec, seed, i, corpusOptions);
            Row row;
            row.truth = s.truth;
            row.path = corpus::writeImage(out, s).string();
            truthOut << corpus::toJson(s.truth) << '\n';
            rows.push_back(std::move(row));
        }
        truthOut.close();
        std::ofstream(out / "corpus.txt", std::ios::binary) << stamp;
    }
    std::printf("corpus: %d envelopes, %d dossiers, seed %llu%s, %s in %.1f s (%s)\n", count, dossiers,
                static_cast<unsigned long long>(seed), corpusOptions.heldOutFonts ? ", held-out fonts" : "",
                reused ? "read again" : "generated",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
                out.string().c_str());
    std::fflush(stdout);

    auto parsed = directory::readDirectoryFile((out / "directory.csv").string());
    if (!parsed) {
        std::fprintf(stderr, "%s\n", parsed.error().message.c_str());
        return 1;
    }
    const match::Directory directory(parsed->dossiers);

    // 2. One worker, image after image: latency.
    {
        auto reader = reader::Reader::create(directory);
        if (!reader) {
            std::fprintf(stderr, "%s\n", reader.error().message.c_str());
            return 1;
        }
        for (auto& row : rows) {
            auto r = reader->readFile(row.path);
            if (!r || r->empty()) {
                row.failed = true;
                continue;
            }
            row.reading = r->front();
        }
    }

    std::printf("\n%-18s %4s %5s  %7s  %11s  %15s  %7s  %6s  %6s  %s\n", "condition", "n", "with", "auto-ok",
                "false-attr", "top-3 of rest", "kind-ok", "med-ms", "p95-ms", "errors");
    std::map<std::string, Stats> byCondition, byWriting, byFont;
    Stats all, clean;
    for (const auto& row : rows) {
        byCondition[toString(row.truth.condition)].add(row);
        byWriting[row.truth.writing].add(row);
        byFont[row.truth.font].add(row);
        all.add(row);
        if (corpus::isCleanScan(row.truth.condition)) clean.add(row);
    }
    for (const char* c : {"scan300", "scan200", "rotated", "upside-down", "photo"})
        if (byCondition.count(c)) byCondition[c].print(c);
    for (const auto& [w, s] : byWriting)
        s.print(w);
    for (const auto& [f, s] : byFont)
        s.print(" " + f);
    clean.print("clean-scans");
    all.print("overall");
    std::printf("(with = recipients present in the directory; auto-ok = right dossier automatically / with;\n"
                " false-attr = automatic but wrong or absent / n; top-3 of rest = right dossier in the first "
                "3 of the\n"
                " non-automatic ones that are present; ms = one worker, load to decision)\n");

    // Where the time goes: the means over the images, and the cost of the unsure ones.
    {
        reader::Timings sum;
        double total = 0, autoMs = 0, otherMs = 0;
        int n = 0, autos = 0;
        for (const auto& row : rows) {
            if (row.failed) continue;
            const reader::Timings& t = row.reading.timings;
            sum.load += t.load;
            sum.locate += t.locate;
            sum.ocr += t.ocr;
            sum.codes += t.codes;
            sum.layouts += t.layouts;
            sum.ocrPasses += t.ocrPasses;
            total += row.reading.ms;
            ++n;
            if (row.reading.decision == match::Decision::Auto) {
                ++autos;
                autoMs += row.reading.ms;
            } else {
                otherMs += row.reading.ms;
            }
        }
        if (n > 0) {
            const double k = 1.0 / n;
            std::printf(
                "\nwhere the time goes (one worker, mean per image): %.0f ms = load %.0f, locate %.0f "
                "(%.2f layouts), OCR %.0f (%.2f passes), codes %.0f, matching and rest %.0f\n",
                total * k, sum.load * k, sum.locate * k, sum.layouts * k, sum.ocr * k, sum.ocrPasses * k,
                sum.codes * k, (total - sum.load - sum.locate - sum.ocr - sum.codes) * k);
            std::printf("  automatic: %d images, mean %.0f ms; confirm or unknown: %d images, mean %.0f ms\n",
                        autos, autos ? autoMs / autos : 0.0, n - autos,
                        n > autos ? otherMs / (n - autos) : 0.0);
        }
    }

    // 3. Batch: one worker (and one Tesseract) per core, as `guichet match` runs them.
    {
        if (jobs > 1) reader::setImageThreads(1);
        std::atomic<size_t> next{0};
        std::atomic<int> done{0};
        std::vector<std::thread> threads;
        const auto start = std::chrono::steady_clock::now();
        std::atomic<double> initMs{0};
        for (int t = 0; t < jobs; ++t)
            threads.emplace_back([&] {
                const auto i0 = std::chrono::steady_clock::now();
                auto reader = reader::Reader::create(directory);
                initMs =
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - i0).count();
                if (!reader) return;
                for (size_t i = next++; i < rows.size(); i = next++)
                    if (auto r = reader->readFile(rows[i].path)) done += static_cast<int>(r->size());
            });
        for (auto& t : threads)
            t.join();
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::printf(
            "\nbatch: %d images with %d workers in %.2f s = %.1f envelopes/s (engine start-up %.0f ms per "
            "worker included)\n",
            done.load(), jobs, seconds, done.load() / seconds, initMs.load());
        reader::setImageThreads(-1);
    }

    // 4. Reference: the bare tesseract command on the whole image, on every k-th image.
    if (reference > 0) {
        const int step = std::max(1, count / reference);
        std::vector<double> ours, bare, ratios;
        for (size_t i = 0; i < rows.size(); i += static_cast<size_t>(step)) {
            if (rows[i].failed) continue;
            const double ms = timeCommand("tesseract '" + rows[i].path + "' - -l fra >/dev/null 2>&1");
            if (ms < 0) {
                std::printf("reference: the tesseract command failed (installed? fra model?)\n");
                break;
            }
            rows[i].referenceMs = ms;
            ours.push_back(rows[i].reading.ms);
            bare.push_back(ms);
            ratios.push_back(rows[i].reading.ms / ms);
        }
        if (!bare.empty()) {
            std::printf("\nreference on %zu of the images: bare `tesseract IMAGE - -l fra` median %.0f ms, "
                        "p95 %.0f ms\n",
                        bare.size(), percentile(bare, 0.5), percentile(bare, 0.95));
            std::printf("pipeline on the same images:  median %.0f ms, p95 %.0f ms\n", percentile(ours, 0.5),
                        percentile(ours, 0.95));
            std::printf(
                "per-image ratio pipeline/bare: median %.2f×, p95 %.2f× (targets ≤ 0.5× and ≤ 1.5×)\n",
                percentile(ratios, 0.5), percentile(ratios, 0.95));
        }
    }
    if (!keep) fs::remove_all(out);
    return 0;
}
