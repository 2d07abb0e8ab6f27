#include "commands/Table.hpp"

#include <algorithm>

namespace guichet::app {

size_t displayWidth(const std::string& utf8) {
    size_t n = 0;
    for (unsigned char c : utf8)
        n += (c & 0xC0) != 0x80;
    return n;
}

namespace {
std::string cut(const std::string& text, size_t maxWidth) {
    if (displayWidth(text) <= maxWidth) return text;
    std::string out;
    size_t width = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) != 0x80 && ++width > maxWidth - 1) break;
        out += text[i];
    }
    return out + "…";
}
} // namespace

std::string Table::render(size_t maxWidth) const {
    std::vector<size_t> widths;
    for (const auto& row : rows_)
        for (size_t c = 0; c < row.size(); ++c) {
            if (widths.size() <= c) widths.push_back(0);
            widths[c] = std::max(widths[c], std::min(maxWidth, displayWidth(row[c])));
        }
    std::string out;
    for (size_t r = 0; r < rows_.size(); ++r) {
        for (size_t c = 0; c < rows_[r].size(); ++c) {
            std::string cell = cut(rows_[r][c], maxWidth);
            out += cell;
            if (c + 1 < rows_[r].size()) out += std::string(widths[c] - displayWidth(cell) + 2, ' ');
        }
        out += '\n';
        if (r == 0) {
            size_t total = 0;
            for (size_t w : widths)
                total += w + 2;
            out += std::string(total > 2 ? total - 2 : total, '-') + '\n';
        }
    }
    return out;
}

} // namespace guichet::app
