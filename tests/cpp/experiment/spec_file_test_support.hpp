#pragma once
// What the tests of experiment and sweep files share: writing a file, editing one line of
// a valid text, and a fixture that loads a text and finds the diagnostic at a key.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "test_support.hpp"

namespace tsunagi::test {

inline std::string write(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

/// `s` with the first `from` replaced by `to` (a test failure when `from` is absent).
inline std::string replace(std::string s, const std::string& from, const std::string& to) {
  const auto pos = s.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return pos == std::string::npos ? s : s.replace(pos, from.size(), to);
}

inline const std::string& oita() {
  static const std::string path = source_path("scenarios/oita.toml");
  return path;
}

/// A bad input and where and how it must be reported.
struct BadSpec {
  const char* name;     // the test's name
  std::string text;     // the whole file
  std::string key;      // the diagnostic's key
  std::string message;  // a part of its message
  int line;             // its line (0: not checked)
  std::string hint;     // a part of its hint (empty: not checked)
};
inline void PrintTo(const BadSpec& b, std::ostream* os) { *os << b.name; }

/// Loads spec texts written to a scratch file with `Load` (load_experiment, load_sweep).
template <class Spec, Spec (*Load)(const std::string&)>
class SpecFileTest : public ::testing::Test {
 protected:
  TempDir dir;
  std::string path() const { return dir.file("spec.toml"); }
  Spec load(const std::string& text) { return Load(write(path(), text)); }
  std::vector<Diagnostic> problems(const std::string& text) {
    try {
      load(text);
    } catch (const InputError& e) {
      return e.diagnostics();
    }
    ADD_FAILURE() << "no InputError for:\n" << text;
    return {};
  }
  /// The diagnostic at `key` (a test failure when there is none); every one names the file.
  Diagnostic problem(const std::string& text, const std::string& key) {
    const auto all = problems(text);
    for (const auto& d : all) {
      EXPECT_EQ(d.file, path()) << d.format();
      if (d.key == key) return d;
    }
    std::string seen;
    for (const auto& d : all) seen += d.format() + "\n";
    ADD_FAILURE() << "no diagnostic at " << key << "; got:\n" << seen;
    return {};
  }
  /// Expects `b` to be reported at its key, with its message, line and hint.
  void expect_reported(const BadSpec& b) {
    const Diagnostic d = problem(b.text, b.key);
    EXPECT_NE(d.message.find(b.message), std::string::npos) << d.format();
    if (b.line > 0) {
      EXPECT_EQ(d.line, b.line) << d.format();
    }
    if (!b.hint.empty()) {
      EXPECT_NE(d.hint.find(b.hint), std::string::npos) << d.format();
    }
  }
};

}  // namespace tsunagi::test
