#pragma once
// A minimal RAII layer over the SQLite C API for the stand-in backend (private to it).

#include <cstdint>
#include <memory>
#include <optional>
#include <sqlite3.h>
#include <stdexcept>
#include <string>

namespace guichet::sim::db {

struct ConnectionDeleter {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StatementDeleter {
    void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using Connection = std::unique_ptr<sqlite3, ConnectionDeleter>;

/// SQL errors here are broken contracts (the schema and queries are ours): they throw.
class Statement {
public:
    Statement(sqlite3* db, const std::string& sql) : db_(db) {
        sqlite3_stmt* raw = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK)
            throw std::runtime_error("sim db: " + std::string(sqlite3_errmsg(db)) + " in: " + sql);
        stmt_.reset(raw);
    }
    Statement& bind(int index, std::int64_t value) {
        sqlite3_bind_int64(stmt_.get(), index, value);
        return *this;
    }
    Statement& bind(int index, const std::string& value) {
        sqlite3_bind_text(stmt_.get(), index, value.c_str(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT);
        return *this;
    }
    Statement& bindNull(int index) {
        sqlite3_bind_null(stmt_.get(), index);
        return *this;
    }
    /// True while a row is available.
    bool step() {
        const int rc = sqlite3_step(stmt_.get());
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw std::runtime_error("sim db: " + std::string(sqlite3_errmsg(db_)));
    }
    void run() {
        while (step()) {
        }
    }
    std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_.get(), column); }
    bool isNull(int column) const { return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL; }
    std::string text(int column) const {
        const auto* p = sqlite3_column_text(stmt_.get(), column);
        return p ? std::string(reinterpret_cast<const char*>(p),
                               static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), column)))
                 : std::string();
    }

private:
    sqlite3* db_;
    std::unique_ptr<sqlite3_stmt, StatementDeleter> stmt_;
};

inline void exec(sqlite3* db, const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string text = message ? message : "?";
        sqlite3_free(message);
        throw std::runtime_error("sim db: " + text);
    }
}

} // namespace guichet::sim::db
