#pragma once
// Error and Result<T>: the value every function that consumes outside data returns.
// Modeled on leveldb::Status: a code, a *where* (field, file:line, rule id) and a *what*.
// Thread-safety: plain values; safe to copy between threads.

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace shirube {

enum class ErrorCode { kInvalidArgument, kNotFound, kUnavailable, kConflict, kInternal };

class Error {
 public:
  Error(ErrorCode code, std::string where, std::string what)
      : code_(code), where_(std::move(where)), what_(std::move(what)) {}

  static Error invalid_argument(std::string where, std::string what) {
    return {ErrorCode::kInvalidArgument, std::move(where), std::move(what)};
  }
  static Error not_found(std::string where, std::string what) {
    return {ErrorCode::kNotFound, std::move(where), std::move(what)};
  }
  static Error unavailable(std::string where, std::string what) {
    return {ErrorCode::kUnavailable, std::move(where), std::move(what)};
  }
  static Error conflict(std::string where, std::string what) {
    return {ErrorCode::kConflict, std::move(where), std::move(what)};
  }
  static Error internal(std::string where, std::string what) {
    return {ErrorCode::kInternal, std::move(where), std::move(what)};
  }

  ErrorCode code() const { return code_; }
  const std::string& where() const { return where_; }
  const std::string& what() const { return what_; }

  // "invalid_argument", "not_found", ... (the JSON error code).
  const char* code_name() const {
    switch (code_) {
      case ErrorCode::kInvalidArgument:
        return "invalid_argument";
      case ErrorCode::kNotFound:
        return "not_found";
      case ErrorCode::kUnavailable:
        return "unavailable";
      case ErrorCode::kConflict:
        return "conflict";
      case ErrorCode::kInternal:
        return "internal";
    }
    return "internal";
  }
  // "InvalidArgument: message.text: expected a string, got number"
  std::string to_string() const {
    static const char* const kNames[] = {"InvalidArgument", "NotFound", "Unavailable", "Conflict",
                                         "Internal"};
    std::string s = kNames[static_cast<int>(code_)];
    s += ": ";
    if (!where_.empty()) {
      s += where_;
      s += ": ";
    }
    s += what_;
    return s;
  }
  // "where: what" (or just "what"), for one-line CLI messages.
  std::string message() const { return where_.empty() ? what_ : where_ + ": " + what_; }

 private:
  ErrorCode code_;
  std::string where_;
  std::string what_;
};

// Value-or-Error. Result<void> is spelled Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  T& operator*() & { return std::get<0>(v_); }
  const T& operator*() const& { return std::get<0>(v_); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  static Status ok_status() { return {}; }
  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace shirube

// Early returns for functions that return Status or Result<T>:
//   RETURN_IF_ERROR(db.exec(sql));                       // a Status or a Result<T>
//   ASSIGN_OR_RETURN(sql::Statement st, db.prepare(q));  // declares (or assigns) on success
// Either returns the expression's Error from the enclosing function, which converts to its
// Status or Result<U>.
#define RETURN_IF_ERROR(expr)                                 \
  do {                                                        \
    if (auto shirube_status_ = (expr); !shirube_status_.ok()) \
      return shirube_status_.error();                         \
  } while (false)

#define SHIRUBE_CONCAT_INNER_(a, b) a##b
#define SHIRUBE_CONCAT_(a, b) SHIRUBE_CONCAT_INNER_(a, b)
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL_(SHIRUBE_CONCAT_(shirube_result_, __LINE__), lhs, expr)
// lhs is a declaration or an lvalue, and tmp a fresh name: neither can be parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                           \
  if (!tmp.ok())                               \
    return tmp.error();                        \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)
