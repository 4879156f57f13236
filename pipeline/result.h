// Result<T>: a value or a StageError, for failures that are expected (bad input).
//
//   Result<LoadedText> r = LoadFile(path);
//   if (!r) { record.error = r.error(); return record; }
//   use(r.value());
//
// Bugs still throw; bad files never do. (std::expected is C++23; this is its small
// C++20 stand-in.)
#pragma once

#include <optional>
#include <utility>
#include <variant>

#include "pipeline/record.h"

namespace vanban {

template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}            // NOLINT: implicit by design
  Result(StageError error) : v_(std::move(error)) {}   // NOLINT
  explicit operator bool() const { return std::holds_alternative<T>(v_); }
  T& value() { return std::get<T>(v_); }
  const T& value() const { return std::get<T>(v_); }
  const StageError& error() const { return std::get<StageError>(v_); }

 private:
  std::variant<T, StageError> v_;
};

}  // namespace vanban
