#pragma once
// Typed, located reading of one TOML table of a scenario file.
//
// Each getter checks the value's type and range and, on a problem, records a Diagnostic
// with file, line, column, the dotted key path, what was found and what was expected,
// then returns the fallback so reading continues and every problem is reported at once.
// Every value read (or defaulted) is also written to a `resolved` table, from which the
// fully resolved scenario TOML is produced. finish() reports keys nobody asked for, with
// the nearest known key as a hint.
#include <toml++/toml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"

namespace tsunagi {

/// Range rule for a number; a rule with nothing set accepts any finite number.
struct Range {
  std::optional<double> min;
  std::optional<double> max;
  bool min_exclusive = false;

  static Range positive() { return {0.0, std::nullopt, true}; }
  static Range non_negative() { return {0.0, std::nullopt, false}; }
  static Range probability() { return {0.0, 1.0, false}; }
  static Range between(double lo, double hi) { return {lo, hi, false}; }
  bool accepts(double v) const;
  std::string describe() const;  // e.g. "a number > 0"
};

class TableReader {
 public:
  /// `table` may be null: an absent optional table, whose getters all return fallbacks.
  TableReader(const toml::table* table, std::string path, std::string file, Diagnostics& diags, toml::table* resolved);

  const std::string& path() const { return path_; }
  bool present() const { return table_ != nullptr; }
  bool has(std::string_view key) const;

  double real(std::string_view key, double fallback, Range range = {});
  std::optional<double> real_required(std::string_view key, Range range = {});
  std::int64_t integer(std::string_view key, std::int64_t fallback, Range range = {});
  std::optional<std::int64_t> integer_required(std::string_view key, Range range = {});
  bool boolean(std::string_view key, bool fallback);
  /// `allowed` empty means any non-empty string.
  std::string string(std::string_view key, std::string fallback, std::initializer_list<std::string_view> allowed = {});
  std::optional<std::string> string_required(std::string_view key,
                                             std::initializer_list<std::string_view> allowed = {});
  std::optional<Date> date_required(std::string_view key);
  /// A span of days `start` to `end` (inclusive), both required, the end not before the
  /// start; `what` names it in messages ("the change", "the shock"). None on any problem.
  std::optional<std::pair<Date, Date>> date_span(std::string_view what);
  /// An optional date: the fallback (possibly none) when absent.
  std::optional<Date> date(std::string_view key, std::optional<Date> fallback);
  /// An array of numbers of exactly `size` entries when size > 0 (integers accepted).
  std::vector<double> reals(std::string_view key, std::vector<double> fallback, Range range = {}, std::size_t size = 0);
  std::vector<std::string> strings(std::string_view key);
  std::vector<std::int64_t> integers(std::string_view key, std::vector<std::int64_t> fallback, Range range = {});

  /// A sub-table; absent gives a reader with present() == false.
  TableReader table(std::string_view key);
  /// An array of tables ([[key]]); absent gives an empty vector.
  std::vector<TableReader> tables(std::string_view key);
  /// Marks a key as known without reading it (it is resolved by other means).
  void accept(std::string_view key) { known_.emplace_back(key); }

  /// Records a problem located at `key` (or at the table when the key is absent).
  void error(std::string_view key, std::string message, std::string hint = {});
  /// Reports unknown keys; call once after all getters.
  void finish();

  toml::table* resolved() { return out_; }
  Diagnostics& diagnostics() { return *diags_; }
  const std::string& file() const { return file_; }
  /// Line of the table's header or first key (0 when unknown).
  int line() const { return table_ ? static_cast<int>(table_->source().begin.line) : 0; }

 private:
  const toml::node* find(std::string_view key);
  std::string key_path(std::string_view key) const;
  void locate(Diagnostic& d, const toml::node* n) const;
  void type_error(std::string_view key, const toml::node& n, std::string_view expected);
  /// An array of numbers of type T (std::int64_t or double), written to the resolved table.
  template <class T>
  std::vector<T> numbers(std::string_view key, std::vector<T> fallback, Range range, std::size_t size);

  const toml::table* table_;
  std::string path_;
  std::string file_;
  Diagnostics* diags_;
  toml::table* out_;
  std::vector<std::string> known_;
};

/// Human description of a node's type and value, e.g. `string "abc"` or `integer -3`.
std::string describe_node(const toml::node& n);
/// Edit distance used for "did you mean" hints.
std::size_t edit_distance(std::string_view a, std::string_view b);
/// The closest candidate within a small distance, or empty.
std::string nearest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace tsunagi
