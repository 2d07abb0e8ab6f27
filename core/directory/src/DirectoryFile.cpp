#include "guichet/directory/DirectoryFile.hpp"

#include "guichet/core/Text.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace guichet::directory {

Result<ReadReport> readDirectoryFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{path + ": cannot open (" + std::strerror(errno) + ")"};
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) return Error{path + ": read error"};
    std::string text = std::move(buffer).str();
    std::string_view body = trim(text);
    if (body.size() >= 3 && body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
    if (body.empty()) return Error{path + ": the file is empty"};
    if (body.front() == '{' || body.front() == '[') return parseDomifaJson(body, path);
    return parseCsv(text, path);
}

} // namespace guichet::directory
