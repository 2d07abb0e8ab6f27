// guichet-corpus: writes a generated envelope corpus to a folder.
//   guichet-corpus OUT_DIR [--seed N] [--count N] [--dossiers N] [--condition NAME] [--pdf NAME]
//                  [--held-out-fonts]
// Output: directory.csv, env-NNNN.{png,jpg} and env-NNNN.json (ground truth), truth.jsonl; with
// --pdf, also NAME: every envelope as one page of a PDF, as a scanner's "scan to folder" writes it.
#include "guichet/corpus/Corpus.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

int main(int argc, char** argv) {
    using namespace guichet::corpus;
    if (argc < 2) {
        std::fprintf(
            stderr,
            "usage: guichet-corpus OUT_DIR [--seed N] [--count N] [--first N] [--dossiers N] "
            "[--condition scan300|scan200|rotated|upside-down|photo] [--pdf NAME] [--held-out-fonts]\n");
        return 2;
    }
    std::filesystem::path out = argv[1];
    std::uint64_t seed = 1;
    int count = 200;
    int first = 0;
    int dossiers = 400;
    Options options;
    std::string pdfName;
    for (int i = 2; i < argc; i += 2) {
        if (std::string_view(argv[i]) == "--held-out-fonts") {
            options.heldOutFonts = true; // fonts never tuned on (Options::heldOutFonts)
            --i;                         // a flag, no value
            continue;
        }
        // An option without its value is unknown.
        const std::string key = i + 1 < argc ? argv[i] : "", value = i + 1 < argc ? argv[i + 1] : "";
        if (key == "--seed")
            seed = std::strtoull(value.c_str(), nullptr, 10);
        else if (key == "--count")
            count = std::atoi(value.c_str());
        else if (key == "--first")
            first = std::atoi(value.c_str());
        else if (key == "--dossiers")
            dossiers = std::atoi(value.c_str());
        else if (key == "--pdf")
            pdfName = value;
        else if (key == "--condition") {
            options.condition = conditionFromString(value);
            if (!options.condition) {
                std::fprintf(stderr, "guichet-corpus: unknown condition '%s'\n", value.c_str());
                return 2;
            }
        } else {
            std::fprintf(stderr, "guichet-corpus: unknown option '%s'\n", argv[i]);
            return 2;
        }
    }
    std::filesystem::create_directories(out);
    const DirectorySpec directory = makeDirectory(seed, dossiers);
    std::ofstream(out / "directory.csv", std::ios::binary) << directory.csv();
    std::ofstream all(out / "truth.jsonl", std::ios::binary);
    std::vector<Sample> pages;
    for (int i = first; i < first + count; ++i) {
        Sample s = makeEnvelope(directory, seed, i, options);
        writeImage(out, s);
        const std::string json = toJson(s.truth);
        std::ofstream(out / (s.truth.name + ".json"), std::ios::binary) << json << '\n';
        all << json << '\n';
        if (!pdfName.empty()) pages.push_back(std::move(s));
    }
    if (!pdfName.empty()) {
        const std::vector<unsigned char> pdf = encodePdf(pages);
        std::ofstream(out / pdfName, std::ios::binary)
            .write(reinterpret_cast<const char*>(pdf.data()), static_cast<std::streamsize>(pdf.size()));
    }
    std::printf("guichet-corpus: %d envelopes and %d dossiers in %s (seed %llu)\n", count, dossiers,
                out.string().c_str(), static_cast<unsigned long long>(seed));
    return 0;
}
