#pragma once
// What a recogniser saw along a word, step by step: the OCR adapter fills it, the matcher spells
// the directory's names against it (match::Spellings). Standard library only.

#include <array>
#include <vector>

namespace guichet {

/// Letters a..z (accents and case folded), then "no letter": the gap between two letters or words,
/// a digit, a punctuation mark.
inline constexpr int kLetterClasses = 27;
inline constexpr int kNoLetter = 26;

/// The probabilities at one step of the recogniser (Tesseract's LSTM reports, every few pixels,
/// each character it thinks likely at 1 % or more; the others count as 0).
using LetterStep = std::array<float, kLetterClasses>;
/// One word's steps, left to right.
using LetterSteps = std::vector<LetterStep>;

} // namespace guichet
