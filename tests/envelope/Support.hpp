#pragma once
// Shared helpers for the envelope tests: a fixed corpus and text distances.

#include "guichet/corpus/Corpus.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace guichet::test {

inline constexpr std::uint64_t kSeed = 20261123;

inline const corpus::DirectorySpec& testDirectory() {
    static const corpus::DirectorySpec directory = corpus::makeDirectory(kSeed, 300);
    return directory;
}

/// Envelope `index` of the test corpus, in the given condition.
inline corpus::Sample generated(corpus::Condition condition, int index) {
    corpus::Options options;
    options.condition = condition;
    return corpus::makeEnvelope(testDirectory(), kSeed, index, options);
}

/// UTF-8 to code points (invalid bytes kept as themselves).
inline std::u32string codepoints(const std::string& s) {
    std::u32string out;
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        char32_t cp = len == 1 ? c : (c & (0xFF >> (len + 1)));
        for (size_t k = 1; k < len && i + k < s.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += len;
    }
    return out;
}

inline size_t editDistance(const std::u32string& a, const std::u32string& b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

/// Character error rate of `read` against `truth` (lines joined by newlines).
inline double characterErrorRate(const std::vector<std::string>& read,
                                 const std::vector<std::string>& truth) {
    auto join = [](const std::vector<std::string>& lines) {
        std::string s;
        for (const auto& l : lines)
            s += (s.empty() ? "" : "\n") + l;
        return codepoints(s);
    };
    const auto t = join(truth);
    return t.empty() ? 0.0 : static_cast<double>(editDistance(join(read), t)) / static_cast<double>(t.size());
}

} // namespace guichet::test
