// guichet-replay-lines: the text side of an envelope corpus, OCR held fixed. Reads the recipient
// lines that `guichet match --json` printed for a corpus (scripts/bench-corpus2.py keeps them in
// CORPUS/match.jsonl), matches them again with this build's matcher and prints the same figures as
// the bench: false attributions (absent look-alikes apart), automatic rate in the directory, top-5
// when not automatic, per form, and the reasons. A matcher change is measured in a second instead
// of the OCR's minutes; the OCR's own retries (which depend on the matcher's answer) are not
// replayed, so the full bench still gives the figures to report.
//
//   guichet-replay-lines CORPUS_DIR [MATCH_JSONL] [--structure N]... [--learn] [--subset] [-v]
//
// --structure N: the structure's own box / BP / CS number (configuration, as `guichet match
// --structure-number`); --learn: numbers recurring on envelopes of several dossiers in the batch
// are learned as the structure's (match::recurringNumbers); --subset: Options::subsetNamesAuto; -v: every
// envelope not right, with its lines, the truth and the answer.
#include "guichet/directory/DirectoryFile.hpp"
#include "guichet/match/Matcher.hpp"

#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

using namespace guichet;

namespace {

struct Case {
    nlohmann::json truth;
    std::vector<std::string> lines;
    bool read = false;
};

struct Stats {
    int n = 0, present = 0, autoOk = 0, falseAttr = 0, look = 0, lookAuto = 0, nonAuto = 0, top5 = 0;
    void row(const char* name) const {
        auto pct = [](int a, int b) { return b ? 100.0 * a / b : 0.0; };
        std::printf("%-16s %4d %4d  %5.1f%% (%2d)  %5.1f%% (%d/%d)  %5.1f%% (%3d)  %5.1f%% (%d/%d)\n", name,
                    n, present, pct(falseAttr, n), falseAttr, pct(lookAuto, look), lookAuto, look,
                    pct(autoOk, present), autoOk, pct(top5, nonAuto), top5, nonAuto);
    }
};

} // namespace

int main(int argc, char** argv) {
    std::string dir, jsonl;
    std::vector<std::string> structureNumbers;
    bool verbose = false, learn = false, subset = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "-v")
            verbose = true;
        else if (a == "--learn")
            learn = true;
        else if (a == "--subset")
            subset = true;
        else if (a == "--structure" && i + 1 < argc)
            structureNumbers.push_back(argv[++i]);
        else if (dir.empty())
            dir = a;
        else
            jsonl = a;
    }
    if (dir.empty()) {
        std::fprintf(stderr, "usage: guichet-replay-lines CORPUS_DIR [MATCH_JSONL] [--structure N]... "
                             "[--learn] [--subset] [-v]\n");
        return 2;
    }
    if (jsonl.empty()) jsonl = dir + "/match.jsonl";
    auto read = directory::readDirectoryFile(dir + "/directory.csv");
    if (!read) {
        std::fprintf(stderr, "%s\n", read.error().message.c_str());
        return 2;
    }
    match::StructureAddress structure;
    structure.numbers = structureNumbers;
    match::Directory directory(std::move(read->dossiers), structure);

    std::vector<Case> cases;
    {
        std::ifstream truth(dir + "/truth.json");
        std::string line;
        while (std::getline(truth, line))
            if (!line.empty()) cases.push_back({nlohmann::json::parse(line), {}, false});
        std::ifstream answers(jsonl);
        std::map<std::string, std::vector<std::string>> byImage;
        while (std::getline(answers, line)) {
            if (line.empty() || line == "null") continue;
            auto j = nlohmann::json::parse(line, nullptr, false);
            if (j.is_discarded() || !j.contains("image") || !j.contains("lines")) continue;
            std::string image = j["image"].get<std::string>();
            image = image.substr(image.find_last_of('/') + 1);
            byImage[image] = j["lines"].get<std::vector<std::string>>();
        }
        for (Case& c : cases)
            if (auto it = byImage.find(c.truth["image"].get<std::string>()); it != byImage.end()) {
                c.lines = it->second;
                c.read = true;
            }
    }

    match::Options options;
    options.subsetNamesAuto = subset;
    if (learn) {
        std::vector<match::Sighting> sightings;
        for (const Case& c : cases)
            if (c.read)
                for (auto& s : match::sightingsOf(directory, c.lines))
                    sightings.push_back(s);
        options.structureNumbers = match::recurringNumbers(sightings);
        std::printf("learned structure numbers:");
        for (const auto& n : options.structureNumbers)
            std::printf(" %s", n.c_str());
        std::printf("\n");
    }

    Stats overall;
    std::map<std::string, Stats> byForm, byClass;
    std::map<std::string, int> reasons, wrongReasons;
    for (const Case& c : cases) {
        const auto& t = c.truth;
        const bool absent = t["dossier"].is_null();
        const std::string want = absent ? "" : std::to_string(t["dossier"].get<long long>());
        match::MatchResult r = directory.match(c.lines, options);
        const bool isAuto = r.decision == match::Decision::Auto;
        const std::string got =
            isAuto && !r.candidates.empty() ? std::to_string(r.candidates[0].dossier) : "";
        bool top5 = false;
        for (size_t i = 0; i < r.candidates.size() && i < 5; ++i)
            top5 = top5 || std::to_string(r.candidates[i].dossier) == want;
        for (Stats* s :
             {&overall, &byForm[t["form"].get<std::string>()], &byClass[t["class"].get<std::string>()]}) {
            ++s->n;
            if (isAuto && (absent || got != want)) ++s->falseAttr;
            if (absent) {
                if (t["absent"] == "look-alike") {
                    ++s->look;
                    s->lookAuto += isAuto;
                }
                continue;
            }
            ++s->present;
            if (isAuto && got == want) {
                ++s->autoOk;
                continue;
            }
            ++s->nonAuto;
            s->top5 += top5;
        }
        const bool right = absent ? !isAuto : (isAuto && got == want);
        if (!absent && !right) ++reasons[std::string(toString(r.decision)) + ": " + r.reason];
        if (isAuto && (absent || got != want)) ++wrongReasons[r.reason];
        if (verbose && !right && c.read) {
            std::printf("--- %s form=%s class=%s want=%s decision=%s %s\n",
                        t["image"].get<std::string>().c_str(), t["form"].get<std::string>().c_str(),
                        t["class"].get<std::string>().c_str(), absent ? "absent" : want.c_str(),
                        toString(r.decision), r.reason.c_str());
            std::printf("    written:");
            for (const auto& l : t["lines"])
                std::printf(" | %s", l.get<std::string>().c_str());
            std::printf("\n    read:   ");
            for (const auto& l : c.lines)
                std::printf(" | %s", l.c_str());
            std::printf("\n");
            for (size_t i = 0; i < r.candidates.size() && i < 3; ++i) {
                const auto& cand = r.candidates[i];
                const Dossier* d = directory.find(cand.dossier);
                std::printf("    %s %lld %.3f %s [%s %s / %s]\n",
                            std::to_string(cand.dossier) == want ? "*" : " ",
                            static_cast<long long>(cand.dossier), cand.score, cand.why.c_str(),
                            d ? d->nom.c_str() : "", d ? d->prenom.c_str() : "", d ? d->surnom.c_str() : "");
            }
        }
    }
    std::printf("%-16s %4s %4s  %11s  %15s  %12s  %16s\n", "class", "n", "with", "false attr",
                "look-alike auto", "auto-ok", "top-5 | not auto");
    for (const auto& [name, s] : byClass)
        s.row(name.c_str());
    overall.row("overall");
    std::printf("\nper form:\n");
    for (const auto& [name, s] : byForm)
        s.row(name.c_str());
    std::printf("\nwhy the ones in the directory were not attributed automatically:\n");
    for (const auto& [reason, n] : reasons)
        std::printf("  %3d  %s\n", n, reason.c_str());
    for (const auto& [reason, n] : wrongReasons)
        std::printf("  FALSE %3d  %s\n", n, reason.c_str());
    return 0;
}
