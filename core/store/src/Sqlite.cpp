#include "Sqlite.hpp"

#include <stdexcept>

namespace guichet::store::sql {

Error describe(sqlite3* db, int code, const std::string& file, std::string_view what) {
    int primary = code & 0xFF;
    std::string hint;
    switch (primary) {
    case SQLITE_FULL:
        hint = "the disk is full; free space and retry, nothing was written";
        break;
    case SQLITE_READONLY:
        hint = "the file or its folder is read-only";
        break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        hint = "the store is locked by another Guichet process; retry in a moment";
        break;
    case SQLITE_CORRUPT:
        hint = "the file is damaged; restore it from a backup";
        break;
    case SQLITE_NOTADB:
        hint = "this is not a SQLite database (wrong file, or damaged)";
        break;
    case SQLITE_CANTOPEN:
        hint = "cannot open the file (missing folder or no permission)";
        break;
    case SQLITE_IOERR:
        hint = "input/output error on the disk";
        break;
    case SQLITE_PERM:
        hint = "permission denied";
        break;
    default:
        break;
    }
    std::string message = file + ": " + std::string(what) + ": ";
    message += db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    message += std::string(" (") + sqlite3_errstr(code) + ")";
    if (!hint.empty()) message += " — " + hint;
    return Error{std::move(message)};
}

Statement::Statement(sqlite3* db, std::string_view sql) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK) {
        std::string message = sqlite3_errmsg(db);
        sqlite3_finalize(stmt_);
        // A locked or damaged database also fails here; callers turn it into an Error.
        throw std::runtime_error("cannot prepare statement: " + message);
    }
}

Statement::Statement(Statement&& other) noexcept : stmt_(other.stmt_) {
    other.stmt_ = nullptr;
}

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
}
Statement& Statement::bind(int index, double value) {
    sqlite3_bind_double(stmt_, index, value);
    return *this;
}
Statement& Statement::bind(int index, std::string_view value) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
}
Statement& Statement::bindNull(int index) {
    sqlite3_bind_null(stmt_, index);
    return *this;
}

Statement& Statement::bindBlob(int index, const std::vector<unsigned char>& bytes) {
    sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
    return *this;
}

int Statement::step() {
    return sqlite3_step(stmt_);
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::isNull(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}
std::int64_t Statement::getInt(int column) const {
    return sqlite3_column_int64(stmt_, column);
}
double Statement::getDouble(int column) const {
    return sqlite3_column_double(stmt_, column);
}
std::string Statement::getText(int column) const {
    auto* text = sqlite3_column_text(stmt_, column);
    return text ? std::string(reinterpret_cast<const char*>(text),
                              static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
                : std::string();
}
std::vector<unsigned char> Statement::getBlob(int column) const {
    const auto* data = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_, column));
    const auto size = static_cast<size_t>(sqlite3_column_bytes(stmt_, column));
    return data ? std::vector<unsigned char>(data, data + size) : std::vector<unsigned char>();
}
std::optional<std::int64_t> Statement::getOptionalInt(int column) const {
    if (isNull(column)) return std::nullopt;
    return getInt(column);
}

} // namespace guichet::store::sql
