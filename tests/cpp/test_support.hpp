#pragma once
// Helpers shared by the C++ tests: small scenarios written in the tests themselves.
#include <string>
#include <vector>

#include "model/result_set.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi::test {

/// Path of a file in the source tree, e.g. source_path("scenarios/oita.toml").
std::string source_path(const std::string& relative);

/// A valid scenario text with `n` inline municipalities (codes 90001..), no regions,
/// `advisers` advisers using `strategy` (negative: no `count`, for `extra` to give
/// [[advisers.team]] entries); `extra` is appended verbatim.
std::string small_scenario(int n, int advisers = 2, const std::string& strategy = "outreach",
                           const std::string& extra = "");

/// Loads scenario text (base dir = the source tree's scenarios/ folder).
Scenario load_text(const std::string& text, const std::vector<std::string>& overrides = {});

/// Index of the municipality with `code` in `s` (fails the test when there is none).
std::size_t index_of(const Scenario& s, const std::string& code);

/// Overrides for scenarios/oita.toml that give 宇佐市 (Usa, 44211) a 基幹 from the start
/// instead of designing one, and change nothing else: the other six designing
/// municipalities stay designing.
std::vector<std::string> usa_established_overrides();

/// The value of the (replicate, time) double series `name` of replicate slot `rep` at
/// record `t`; a missing series fails the test (and gives 0).
double scalar(const ResultSet& r, const std::string& name, int rep, std::size_t t);

/// Expects every series of `a` and `b` to hold the same values: all of them, or (with
/// slots) replicate slot `slot_a` of `a` against slot `slot_b` of `b`.
void expect_same_series(const ResultSet& a, const ResultSet& b, int slot_a = -1, int slot_b = -1);

/// A scratch directory under the system temp folder, removed at destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace tsunagi::test
