#pragma once
// Keys that make names comparable across OCR noise. Private to the matcher.

#include <cstdint>
#include <string>
#include <string_view>

namespace guichet::match {

/// The OCR-canonical form of folded text (a-z, 0-9, spaces): spaces removed; digits read as the
/// letters OCR confuses them with (0→o, 1→l, 5→s, 8→b...); i and l merged; rn→m, cl→d, vv→w.
/// Two spellings with the same key differ only by such character confusions.
/// With collapseRuns, runs of one letter are also collapsed ("Yann" = "Yan"): used to find
/// candidates, never to decide that two names are the same (a dropped double letter often makes
/// another real name: Matthieu / Mathieu).
std::string ocrKey(std::string_view folded, bool collapseRuns = false);

/// For two folded spellings with the same ocrKey: whether `ocr`, written in capitals on the
/// envelope, has an L where `name` has an I, or an I where it has an L. OCR confuses I, l and 1
/// (a lower-case l and a capital I look alike), but not the capitals L and I: "MLCHEL" and
/// "BIANC" are other names than MICHEL and BLANC, not misreadings of them.
bool capitalsSwapIL(std::string_view ocr, std::string_view name);

/// 64-bit FNV-1a hash of a key.
std::uint64_t hashKey(std::string_view key);

/// Optimal-string-alignment edit distance (insert, delete, substitute, swap neighbours),
/// or maxDistance + 1 when it is larger than maxDistance.
int boundedDistance(std::string_view a, std::string_view b, int maxDistance);

} // namespace guichet::match
