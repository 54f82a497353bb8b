#pragma once
// Helpers shared by the family tests (processes/process_registry_test.cpp,
// processes/advisers/strategy_registry_test.cpp): one data file per registered entry,
// <folder>/<name>.toml, a small scenario followed by an [expected] table.
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "model/result_set.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi::test {

/// A data file: the scenario text above its [expected] table, and that table.
struct FamilyCase {
  std::string file;  // <folder>/<name>.toml, relative to the source tree (for messages)
  std::string scenario_text;
  toml::table expected;
  Scenario scenario;  // scenario_text loaded (display path: the data file; base dir: its folder)
};

/// Reads <folder>/<name>.toml (folder relative to the source tree) and loads its scenario;
/// fails the test with `missing` (when there is no such file) or with what is wrong with
/// the file, and returns false.
bool read_family_case(const std::string& folder, const std::string& name, const std::string& missing, FamilyCase& out);

/// The number at `n`; fails the test, naming `where`, when `n` is absent or not a number.
double number(const toml::node* n, const std::string& where);

/// (b) 1 and 2 threads give identical series, and (c) a run continued from a checkpoint
/// taken at the start of a month in the middle of the run equals the uninterrupted run:
/// `one_thread` is `replicates` replicates of `s` run on 1 thread.
void expect_threads_and_restart(const Scenario& s, const ResultSet& one_thread, int replicates,
                                const std::string& file);

/// Every data file (.toml) in `folder` names one of `names`, and every name has a data
/// file; `word` ("strategy", "process") and `registry` (the source file of the registry)
/// are for the messages.
void expect_data_files_of(const std::string& folder, const std::vector<std::string>& names, const std::string& word,
                          const std::string& registry);

}  // namespace tsunagi::test
