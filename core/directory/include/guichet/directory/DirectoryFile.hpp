#pragma once
// Reading a directory of dossiers from a file: DomiFa's `GET /search-usagers` JSON, or a CSV
// export with a header row. Pure parsing (no store); thread-safe.

#include "guichet/core/Dossier.hpp"
#include "guichet/core/Result.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace guichet::directory {

struct ReadReport {
    std::vector<Dossier> dossiers;
    std::vector<std::string> warnings; ///< e.g. ignored columns, Windows-1252 input re-encoded
};

/// CSV with a header row. Columns are recognised case- and accent-insensitively: ref, customRef,
/// nom, prenom, surnom, dateNaissance (YYYY-MM-DD or DD/MM/YYYY), statut, ayantsDroits and
/// procurations (items "Prénom NOM" separated by ';', a procuration optionally followed by its
/// period "(YYYY-MM-DD..YYYY-MM-DD)": without one it is never valid for a hand-over); other columns are
/// ignored with one warning. Separator ',' or ';' (detected from the header), RFC 4180 quoting, line ends LF,
/// CRLF or CR alone, UTF-8 with or without BOM (Windows-1252 is detected and re-encoded). All-or-nothing: any
/// bad row makes the whole read fail, with "<source>:<line>: <reason>" for up to 20 bad rows.
Result<ReadReport> parseCsv(std::string_view text, const std::string& source = "csv");

/// DomiFa JSON: an object {usagers: [...]} as `GET /search-usagers` returns, or a bare array of
/// usagers (as `GET /usagers/{ref}` items). All-or-nothing, errors name the usager index and field.
Result<ReadReport> parseDomifaJson(std::string_view text, const std::string& source = "json");

/// Directory files larger than this are refused (200,000 dossiers of DomiFa JSON are ~150 MB).
inline constexpr std::uintmax_t kMaxDirectoryFileBytes = 256u * 1024u * 1024u;

/// Reads a file and parses it by content (JSON when it starts with '{' or '['), else CSV.
/// Refused: anything but a regular file (a device, a pipe), a file over `maxBytes`, and a
/// non-empty file that yields no dossier. Every error names the file.
Result<ReadReport> readDirectoryFile(const std::string& path,
                                     std::uintmax_t maxBytes = kMaxDirectoryFileBytes);

} // namespace guichet::directory
