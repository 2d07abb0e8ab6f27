#include "guichet/directory/DirectoryFile.hpp"

#include "guichet/core/Text.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace guichet::directory {

Result<ReadReport> readDirectoryFile(const std::string& path, std::uintmax_t maxBytes) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status)) return Error{path + ": cannot open (no such file)"};
    // `import /dev/zero` grew to gigabytes: a device, a pipe or a folder is never read.
    if (!std::filesystem::is_regular_file(status))
        return Error{path + ": not a regular file (a device, a folder or a pipe is never imported)"};
    const auto tooLarge = [&] {
        return Error{path + ": file too large (limit " + std::to_string(maxBytes / (1024 * 1024)) +
                     " MiB for a directory)"};
    };
    if (std::filesystem::file_size(path, ec) > maxBytes && !ec) return tooLarge();
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{path + ": cannot open (" + std::strerror(errno) + ")"};
    // Read at most maxBytes + 1, whatever the size said: the file may grow while it is read.
    std::string text;
    char chunk[65536];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
        text.append(chunk, static_cast<size_t>(in.gcount()));
        if (text.size() > maxBytes) return tooLarge();
    }
    if (in.bad()) return Error{path + ": read error"};
    std::string_view body = trim(text);
    if (body.size() >= 3 && body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
    if (body.empty()) return Error{path + ": the file is empty"};
    auto read =
        body.front() == '{' || body.front() == '[' ? parseDomifaJson(body, path) : parseCsv(text, path);
    if (read && read->dossiers.empty())
        return Error{path +
                     ": no dossier found in the file (a header without rows, or not a directory export?)"};
    return read;
}

} // namespace guichet::directory
