#include "family_test_support.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "engine/checkpoint_test_support.hpp"
#include "scenario/loader.hpp"
#include "test_support.hpp"

namespace tsunagi::test {

bool read_family_case(const std::string& folder, const std::string& name, const std::string& missing, FamilyCase& out) {
  out.file = folder + "/" + name + ".toml";
  const std::string path = source_path(out.file);
  if (!std::filesystem::exists(path)) {
    ADD_FAILURE() << missing;
    return false;
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  // [expected] and its sub-tables come last: everything from its header on is cut off.
  const std::size_t at = all.rfind("\n[expected]");
  if (at == std::string::npos) {
    ADD_FAILURE() << path << ": no [expected] table";
    return false;
  }
  out.scenario_text = all.substr(0, at + 1);
  try {
    toml::table parsed = toml::parse(all.substr(at + 1), path);
    if (parsed.size() != 1 || !parsed["expected"].is_table()) {
      ADD_FAILURE() << path << ": everything after [expected] must be in it ([expected.<...>])";
      return false;
    }
    out.expected = *parsed["expected"].as_table();
  } catch (const toml::parse_error& e) {
    ADD_FAILURE() << path << ": [expected]: " << e.description();
    return false;
  }
  out.scenario = load_scenario_text(out.scenario_text, path, source_path(folder));
  return true;
}

double number(const toml::node* n, const std::string& where) {
  if (n)
    if (auto v = n->value<double>()) return *v;
  ADD_FAILURE() << where << ": expected a number";
  return 0.0;
}

void expect_threads_and_restart(const Scenario& s, const ResultSet& one_thread, int replicates,
                                const std::string& file) {
  // (b) 2 threads (checkpoint_of runs on 2), and (c) a restart from a checkpoint taken at
  // the start of a month in the middle of the run.
  const Date middle = one_thread.dates[one_thread.dates.size() / 2];
  ResultSet two_threads;
  const Checkpoint c = checkpoint_of(s, middle, replicates, &two_threads);
  {
    SCOPED_TRACE(file + ": 1 thread against 2");
    expect_same_series(one_thread, two_threads);
  }
  {
    SCOPED_TRACE(file + ": continued from a checkpoint on " + middle.iso());
    expect_same_series(two_threads, restored(s, c, replicates));
  }
}

void expect_data_files_of(const std::string& folder, const std::vector<std::string>& names, const std::string& word,
                          const std::string& registry) {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(source_path(folder))) {
    if (entry.path().extension() != ".toml") continue;
    ++files;
    const std::string stem = entry.path().stem().string();
    EXPECT_NE(std::find(names.begin(), names.end(), stem), names.end())
        << folder << "/" << stem << ".toml names no registered " << word << " (" << registry << ")";
  }
  EXPECT_EQ(files, static_cast<int>(names.size())) << "a registered " << word << " has no data file in " << folder;
}

}  // namespace tsunagi::test
