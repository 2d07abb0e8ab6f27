// qr_frames_bench DIR... [--effort camera|thorough] [--failures]: the QR card frames of the second
// corpus (tests/corpus2, `guichet-corpus2 DIR --cards N`) read by decodeCodes() as `guichet decode`
// reads them (QR only, camera effort by default). For each folder it reads DIR/cards.json and prints,
// per distance, per module size and per condition (motion blur, defocus, dim, glare, hand...): frames,
// decoded, wrong decodes (a text other than the card's), then the median, p95 and maximum time per
// frame (thread CPU time, independent of the load of a shared machine, and wall time).
// --failures lists the frames not read with their conditions (to look at them while tuning: only
// on tuning seeds, never on held-out ones).
#include "guichet/codes/Codes.hpp"
#include "guichet/codes/ImageFile.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

using namespace guichet;

namespace {

double cpuMs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

struct Stats {
    int frames = 0;
    int decoded = 0;
    int wrong = 0;
};

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(
        std::min<double>(static_cast<double>(v.size()) - 1, p * static_cast<double>(v.size())));
    return v[i];
}

std::string moduleBucket(double px) {
    if (px < 3) return "module 2-3 px";
    if (px < 5) return "module 3-5 px";
    return "module 5-9 px";
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> dirs;
    codes::DecodeOptions options; // what `guichet decode` uses: QR, camera effort
    bool failures = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--effort" && i + 1 < argc) {
            options.effort =
                std::string(argv[++i]) == "thorough" ? codes::Effort::Thorough : codes::Effort::Camera;
        } else if (arg == "--failures") {
            failures = true;
        } else if (arg.rfind("--", 0) == 0) {
            std::fprintf(stderr, "usage: qr_frames_bench DIR... [--effort camera|thorough] [--failures]\n");
            return 2;
        } else {
            dirs.push_back(arg);
        }
    }
    if (dirs.empty()) {
        std::fprintf(stderr, "usage: qr_frames_bench DIR... [--effort camera|thorough] [--failures]\n");
        return 2;
    }
    std::map<std::string, Stats> by;
    std::vector<double> cpu, wall;
    for (const std::string& dir : dirs) {
        std::ifstream in(dir + "/cards.json");
        if (!in) {
            std::fprintf(stderr, "%s/cards.json: cannot read\n", dir.c_str());
            return 2;
        }
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty()) continue;
            const nlohmann::json card = nlohmann::json::parse(line);
            const std::string path = dir + "/" + card["image"].get<std::string>();
            auto image = codes::readImageFile(path);
            if (!image) {
                std::fprintf(stderr, "%s: %s\n", path.c_str(), image.error().message.c_str());
                return 2;
            }
            const auto start = std::chrono::steady_clock::now();
            const double cpuStart = cpuMs();
            const std::vector<codes::Code> found = codes::decodeCodes(image->view(), options);
            cpu.push_back(cpuMs() - cpuStart);
            wall.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
            const std::string truth = card["text"].get<std::string>();
            bool ok = false, wrong = false;
            for (const codes::Code& c : found)
                (c.text == truth ? ok : wrong) = true;
            std::vector<std::string> keys{"overall", "distance " + card["distance"].get<std::string>(),
                                          moduleBucket(card["module_px"].get<double>())};
            std::string conditions;
            for (const auto& c : card["conditions"]) {
                const std::string s = c.get<std::string>();
                const std::string name = s.substr(0, s.find(':'));
                conditions += s + " ";
                if (name != "perspective" && name != "rotation" && name != "jpeg") keys.push_back(name);
            }
            for (const std::string& k : keys) {
                Stats& s = by[k];
                ++s.frames;
                s.decoded += ok;
                s.wrong += wrong;
            }
            if (failures && !ok)
                std::printf("%s %s module %.1f %s%s (%.1f ms)\n", wrong ? "WRONG" : "missed", path.c_str(),
                            card["module_px"].get<double>(), conditions.c_str(), wrong ? "" : "", cpu.back());
        }
    }
    std::printf("%-16s %6s %8s %6s\n", "frames", "n", "decoded", "wrong");
    for (const auto& [key, s] : by)
        std::printf("%-16s %6d %7.1f%% %6d\n", key.c_str(), s.frames,
                    100.0 * s.decoded / std::max(1, s.frames), s.wrong);
    std::printf(
        "time per frame (ms): cpu median %.1f p95 %.1f max %.1f | wall median %.1f p95 %.1f max %.1f\n",
        percentile(cpu, 0.5), percentile(cpu, 0.95), percentile(cpu, 1.0), percentile(wall, 0.5),
        percentile(wall, 0.95), percentile(wall, 1.0));
    return 0;
}
