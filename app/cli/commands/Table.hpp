#pragma once
// Plain-text tables for the terminal, aligned by displayed characters (UTF-8 aware).

#include <string>
#include <vector>

namespace guichet::app {

class Table {
public:
    explicit Table(std::vector<std::string> header) : rows_{std::move(header)} {}
    void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
    /// Cells longer than maxWidth are cut with "…".
    std::string render(size_t maxWidth = 48) const;

private:
    std::vector<std::vector<std::string>> rows_;
};

size_t displayWidth(const std::string& utf8);

} // namespace guichet::app
