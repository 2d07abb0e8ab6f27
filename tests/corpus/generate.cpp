// guichet-corpus: writes a generated envelope corpus to a folder.
//   guichet-corpus OUT_DIR [--seed N] [--count N] [--dossiers N] [--condition NAME] [--pdf NAME]
//                  [--held-out-fonts]
// Output: directory.csv, env-NNNN.{png,jpg} and env-NNNN.json (ground truth), truth.jsonl; with
// --pdf, also NAME: every envelope as one page of a PDF, as a scanner's "scan to folder" writes it.
#include "guichet/corpus/Corpus.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    using namespace guichet::corpus;
    // Real option parsing: `guichet-corpus --help` once took "--help" for OUT_DIR and wrote 344 MB
    // of envelopes into a folder of that name.
    CLI::App app{"Writes a generated envelope corpus (images, ground truth, directory.csv) to a folder",
                 "guichet-corpus"};
    std::string outDir;
    std::uint64_t seed = 1;
    int count = 200;
    int first = 0;
    int dossiers = 400;
    std::string condition;
    Options options;
    std::string pdfName;
    app.add_option("out", outDir, "Folder to write into (created if missing)")->required();
    app.add_option("--seed", seed, "Random seed")->capture_default_str();
    app.add_option("--count", count, "Number of envelopes")
        ->check(CLI::Range(0, 100000))
        ->capture_default_str();
    app.add_option("--first", first, "Index of the first envelope")->check(CLI::Range(0, 10000000));
    app.add_option("--dossiers", dossiers, "Number of dossiers in directory.csv")
        ->check(CLI::Range(1, 1000000))
        ->capture_default_str();
    app.add_option("--condition", condition, "scan300, scan200, rotated, upside-down or photo");
    app.add_option("--pdf", pdfName, "Also write every envelope as one page of this PDF (a file name)");
    app.add_flag("--held-out-fonts", options.heldOutFonts, "Fonts never tuned on");
    CLI11_PARSE(app, argc, argv);
    if (!condition.empty()) {
        options.condition = conditionFromString(condition);
        if (!options.condition) {
            std::fprintf(stderr, "guichet-corpus: unknown condition '%s'\n", condition.c_str());
            return 2;
        }
    }
    if (pdfName.find('/') != std::string::npos) {
        std::fprintf(stderr, "guichet-corpus: --pdf takes a file name, written into the output folder\n");
        return 2;
    }
    const std::filesystem::path out = outDir;
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
