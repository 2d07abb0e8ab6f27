#pragma once
// Helpers shared by the generator's sources (not public).
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace guichet::corpus2::detail {

/// splitmix64-based generator: the same numbers on every platform and standard library.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    int range(int lo, int hi) { // inclusive
        return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    double uniform(double lo = 0.0, double hi = 1.0) {
        return lo + (hi - lo) * static_cast<double>(next() >> 11) / 9007199254740992.0;
    }
    bool chance(double p) { return uniform() < p; }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[static_cast<size_t>(range(0, static_cast<int>(v.size()) - 1))];
    }
    double normal() { // Box-Muller, one value
        const double u = uniform(1e-12, 1.0), w = uniform();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * w);
    }

private:
    std::uint64_t state_;
};

inline std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
    Rng r(a * 0x2545F4914F6CDD1DULL ^ (b + 0x632BE59BD9B4E019ULL));
    r.next();
    return r.next();
}

std::u32string decode(std::string_view utf8);
std::string encode(const std::u32string& text);
std::string upper(std::string_view utf8);
std::string stripAccents(std::string_view utf8); ///< ASCII fallback (ł→l, ș→s, «→")

} // namespace guichet::corpus2::detail
