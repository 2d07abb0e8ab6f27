// libFuzzer targets: the directory readers (CSV and DomiFa JSON) on arbitrary text; built twice,
// with GUICHET_FUZZ_JSON for the JSON reader. Invariants beyond "no crash, no sanitizer report":
//   - every error names the source;
//   - a read that succeeds gives dossiers with a positive ref, a name, and distinct refs.
#include "guichet/directory/DirectoryFile.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
#ifdef GUICHET_FUZZ_JSON
    const auto read = guichet::directory::parseDomifaJson(text, "fuzz.json");
    const char* source = "fuzz.json";
#else
    const auto read = guichet::directory::parseCsv(text, "fuzz.csv");
    const char* source = "fuzz.csv";
#endif
    if (!read) {
        if (read.error().message.find(source) == std::string::npos) std::abort();
        return 0;
    }
    std::set<guichet::DossierRef> refs;
    for (const auto& d : read->dossiers) {
        if (d.ref <= 0 || d.nom.empty() || !refs.insert(d.ref).second) std::abort();
    }
    return 0;
}
