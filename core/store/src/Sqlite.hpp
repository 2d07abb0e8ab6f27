#pragma once
// Minimal RAII over the SQLite C API, private to the store. Errors become guichet::Error with the
// database file named.

#include "guichet/core/Result.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <sqlite3.h>
#include <string>
#include <string_view>
#include <vector>

namespace guichet::store::sql {

struct CloseDb {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
using DbHandle = std::unique_ptr<sqlite3, CloseDb>;

/// "<file>: <what>: <sqlite message> (<sqlite error name>)", with a plain-language hint for the
/// causes staff can act on (disk full, read-only, locked, corrupt).
Error describe(sqlite3* db, int code, const std::string& file, std::string_view what);

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql); ///< throws std::logic_error on invalid SQL (a bug)
    Statement(Statement&&) noexcept;
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement& operator=(Statement&&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bindNull(int index);
    Statement& bindBlob(int index, const std::vector<unsigned char>& bytes);
    template <typename T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bindNull(index);
    }

    /// SQLITE_ROW, SQLITE_DONE or an error code.
    int step();
    void reset();

    bool isNull(int column) const;
    std::int64_t getInt(int column) const;
    double getDouble(int column) const;
    std::string getText(int column) const;
    std::optional<std::int64_t> getOptionalInt(int column) const;
    std::vector<unsigned char> getBlob(int column) const;

private:
    sqlite3_stmt* stmt_ = nullptr;
};

} // namespace guichet::store::sql
