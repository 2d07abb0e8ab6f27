#pragma once
// Result<T>: the value or an Error, for failures a caller is expected to handle (a missing row, a bad
// CSV line, an HTTP 503). Member names follow std::expected so it can become an alias later.
// A module whose callers must branch on the kind of failure uses its own error type as E (the
// DomiFa client's ApiError). Broken contracts (calling value() on an error) throw std::logic_error.

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace guichet {

struct Error {
    std::string message; ///< one sentence naming what failed and where (file, line, dossier ref...)

    bool operator==(const Error&) const = default;
};

namespace detail {
template <typename E>
std::string describe(const E& error) {
    if constexpr (requires { error.message; })
        return error.message;
    else
        return "(error)";
}
} // namespace detail

template <typename T, typename E = Error>
class [[nodiscard]] Result {
public:
    Result(T value) : data_(std::move(value)) {}
    Result(E error) : data_(std::move(error)) {}

    bool has_value() const noexcept { return data_.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }

    T& value() & {
        check();
        return std::get<0>(data_);
    }
    const T& value() const& {
        check();
        return std::get<0>(data_);
    }
    T&& value() && {
        check();
        return std::get<0>(std::move(data_));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const E& error() const& {
        if (has_value()) throw std::logic_error("Result::error() called on a value");
        return std::get<1>(data_);
    }

private:
    void check() const {
        if (!has_value())
            throw std::logic_error("Result::value() called on an error: " +
                                   detail::describe(std::get<1>(data_)));
    }
    std::variant<T, E> data_;
};

template <typename E>
class [[nodiscard]] Result<void, E> {
public:
    Result() = default;
    Result(E error) : error_(std::move(error)), ok_(false) {}

    bool has_value() const noexcept { return ok_; }
    explicit operator bool() const noexcept { return ok_; }
    void value() const {
        if (!ok_) throw std::logic_error("Result::value() called on an error: " + detail::describe(error_));
    }
    const E& error() const& {
        if (ok_) throw std::logic_error("Result::error() called on a value");
        return error_;
    }

private:
    E error_{};
    bool ok_ = true;
};

inline Error makeError(std::string message) {
    return Error{std::move(message)};
}

} // namespace guichet
