// guichet-corpus2 OUT_DIR --seed N --count N --dossiers N [--cards N]
// Writes directory.csv, the envelope images and truth.json (one JSON line per envelope), and with
// --cards the QR card frames and cards.json. Seeds 1..10: tuning; 100..199: held out.
#include "guichet/corpus2/Corpus2.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {
void writeBytes(const fs::path& p, const std::vector<unsigned char>& bytes) {
    std::ofstream f(p, std::ios::binary);
    f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!f) throw std::runtime_error("cannot write " + p.string());
}
} // namespace

int main(int argc, char** argv) {
    CLI::App app{"Second, independent corpus of envelopes and QR cards with ground truth (issue 22).\n"
                 "Seeds 1..10 are for tuning; seeds 100..199 are held out: nobody tunes on them."};
    std::string out;
    std::uint64_t seed = 1;
    int count = 150, dossiers = 300, cards = 0;
    app.add_option("OUT_DIR", out, "folder to write (created)")->required();
    app.add_option("--seed", seed, "corpus seed")->default_val(1);
    app.add_option("--count", count, "envelopes")->default_val(150)->check(CLI::Range(0, 100000));
    app.add_option("--dossiers", dossiers, "people in directory.csv")
        ->default_val(300)
        ->check(CLI::Range(5, 100000));
    app.add_option("--cards", cards, "QR card camera frames")->default_val(0)->check(CLI::Range(0, 100000));
    CLI11_PARSE(app, argc, argv);

    try {
        using namespace guichet::corpus2;
        fs::create_directories(out);
        const Directory directory = makeDirectory(seed, dossiers);
        {
            std::ofstream f(fs::path(out) / "directory.csv", std::ios::binary);
            f << directory.csv();
        }
        std::ofstream truth(fs::path(out) / "truth.json", std::ios::binary);
        for (int i = 0; i < count; ++i) {
            const Envelope e = makeEnvelope(directory, seed, i);
            writeBytes(fs::path(out) / e.truth.image, e.encoded);
            truth << toJson(e.truth) << "\n";
            if ((i + 1) % 25 == 0) std::fprintf(stderr, "  %d of %d envelopes\n", i + 1, count);
        }
        if (cards > 0) {
            std::ofstream cj(fs::path(out) / "cards.json", std::ios::binary);
            for (int i = 0; i < cards; ++i) {
                const Card c = makeCard(seed, i);
                writeBytes(fs::path(out) / c.truth.image, c.encoded);
                cj << toJson(c.truth) << "\n";
            }
        }
        std::printf("%s: %d dossiers, %d envelopes, %d cards (seed %llu)\n", out.c_str(), dossiers, count,
                    cards, static_cast<unsigned long long>(seed));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "guichet-corpus2: %s\n", e.what());
        return 1;
    }
    return 0;
}
