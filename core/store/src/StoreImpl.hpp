#pragma once
// The store's connection and its helpers, private to core/store (Store.cpp, StoreOps.cpp).

#include "Sqlite.hpp"
#include "guichet/store/Store.hpp"

#include <exception>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace guichet::store {

using sql::Statement;

struct Store::Impl {
    sql::DbHandle db;
    std::function<Instant()> clock; ///< Options::now; the machine's clock when empty

    Instant now() const { return clock ? clock() : guichet::now(); }
    std::string path;
    int version = 0;
    int transactionDepth = 0;

    Error fail(int code, std::string_view what) const { return sql::describe(db.get(), code, path, what); }

    Result<void> exec(const char* statements, std::string_view what) {
        char* message = nullptr;
        int rc = sqlite3_exec(db.get(), statements, nullptr, nullptr, &message);
        sqlite3_free(message);
        if (rc != SQLITE_OK) return fail(rc, what);
        return {};
    }

    Result<std::int64_t> pragmaInt(const char* pragma) {
        sqlite3_stmt* raw = nullptr;
        int rc = sqlite3_prepare_v2(db.get(), pragma, -1, &raw, nullptr);
        if (rc != SQLITE_OK) {
            sqlite3_finalize(raw);
            return fail(rc, "reading the file header");
        }
        rc = sqlite3_step(raw);
        std::int64_t value = rc == SQLITE_ROW ? sqlite3_column_int64(raw, 0) : 0;
        sqlite3_finalize(raw);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) return fail(rc, "reading the file header");
        return value;
    }

    /// Runs `body` and turns a thrown vendor error (prepare failing on a damaged or locked file)
    /// into an Error naming the file.
    template <typename T, typename F>
    Result<T> guarded(std::string_view what, F&& body) {
        try {
            return body();
        } catch (const std::exception& e) {
            return Error{path + ": " + std::string(what) + ": " + e.what()};
        }
    }

    /// Every row of a query, each read by `read`.
    template <typename T, typename Bind, typename Read>
    Result<std::vector<T>> rows(const std::string& what, const std::string& sql, Bind&& bind, Read&& read) {
        return guarded<std::vector<T>>(what, [&]() -> Result<std::vector<T>> {
            Statement s(db.get(), sql);
            bind(s);
            std::vector<T> out;
            int rc;
            while ((rc = s.step()) == SQLITE_ROW)
                out.push_back(read(s));
            if (rc != SQLITE_DONE) return fail(rc, what);
            return out;
        });
    }

    /// The first row of a query, if there is one.
    template <typename T, typename Bind, typename Read>
    Result<std::optional<T>> row(const std::string& what, const std::string& sql, Bind&& bind, Read&& read) {
        return guarded<std::optional<T>>(what, [&]() -> Result<std::optional<T>> {
            Statement s(db.get(), sql);
            bind(s);
            int rc = s.step();
            if (rc == SQLITE_ROW) return std::optional<T>(read(s));
            if (rc == SQLITE_DONE) return std::optional<T>();
            return fail(rc, what);
        });
    }

    Result<EventId> insertEvent(const Event& e, std::optional<MailItemId> mailItem);
    /// Chains the audit rows of a store migrated from schema < 5 (every row unsealed); no-op otherwise.
    Result<void> sealLegacyAudit();
    /// Appends one chained audit row; must run inside a transaction.
    Result<void> appendAudit(Instant at, const std::string& actor, const std::string& action,
                             const std::string& subject);

    Result<void> step(Statement& stmt, std::string_view what) {
        int rc = stmt.step();
        if (rc != SQLITE_DONE && rc != SQLITE_ROW) return fail(rc, what);
        return {};
    }
};

} // namespace guichet::store
