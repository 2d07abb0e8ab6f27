#pragma once
// Text helpers for names as people and OCR write them. Pure, thread-safe.

#include <string>
#include <string_view>

namespace guichet {

/// DomiFa's search normalisation: accents removed, other scripts written in Latin letters (ICU
/// "Any-Latin; Latin-ASCII": Dương → duong, Ωμέγα → omega, Иванов → ivanov), lower case, œ→oe,
/// æ→ae, ß→ss, every other character a single space, trimmed. Invalid UTF-8 bytes are read as
/// Windows-1252. Digits are kept.
std::string foldForSearch(std::string_view utf8);

/// True when the bytes are well-formed UTF-8.
bool isValidUtf8(std::string_view bytes);

/// Re-encodes Windows-1252 (what Excel writes for "CSV" on French Windows) as UTF-8.
std::string cp1252ToUtf8(std::string_view bytes);

/// Trims ASCII white space at both ends.
std::string_view trim(std::string_view text);

} // namespace guichet
