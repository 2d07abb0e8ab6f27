#pragma once
// A synthetic population of domiciled people with realistic, diverse names (French, Maghrebi,
// West African, Eastern European, South and Central Asian), and the noisy recipient texts that
// OCR would read from their envelopes. Deterministic for a seed.

#include "guichet/core/Dossier.hpp"

#include <random>
#include <string>
#include <vector>

namespace guichet::bench {

struct Name {
    std::string nom;
    std::string prenom;
};

class NameGenerator {
public:
    explicit NameGenerator(std::uint64_t seed) : rng_(seed) {}
    Name person(); ///< a random person, origin drawn by weight
    std::vector<Dossier> directory(size_t count);
    std::mt19937_64& rng() { return rng_; }

private:
    std::string surname(int origin);
    std::string firstName(int origin);
    std::mt19937_64 rng_;
};

enum class Noise { None, Confusion, Doubled, Dropped, Substituted, Count };
const char* toString(Noise noise);

/// Writes the name as an envelope would show it (civility, order, case, box, address lines) and
/// applies one kind of OCR noise.
std::vector<std::string> recipientLines(const Name& name, const std::string& box, Noise noise,
                                        std::mt19937_64& rng);

/// One edit of one letter (substitution, insertion or deletion) in the surname or the first name.
Name oneLetterAway(const Name& name, std::mt19937_64& rng);

} // namespace guichet::bench
