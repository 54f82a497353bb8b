#pragma once
// The scratch layout for the experiment and sweep targets: load_experiment and load_sweep
// take a path, and a spec names its scenario relative to itself. The input is written to
// <scratch>/spec/fuzz.toml, and <scratch> holds a link to every entry of the source
// tree's scenarios/ folder, so "../oita.toml" (as in the shipped files) resolves as it
// does in scenarios/experiments/ and scenarios/sweeps/ (and "../checkpoint.h5" is a real
// checkpoint); nothing is written into the tree.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "fuzz_support.hpp"

namespace tsunagi_fuzz {

/// Writes the input as the spec file and returns its path (the same path every time).
inline std::string write_spec(const std::uint8_t* data, std::size_t size) {
  static const std::string path = [] {
    namespace fs = std::filesystem;
    const fs::path root = scratch_dir();
    fs::create_directories(root / "spec");
    for (const auto& entry : fs::directory_iterator(scenarios_dir()))
      fs::create_symlink(entry.path(), root / entry.path().filename());
    // A checkpoint for `branch_from = "../checkpoint.h5"` (the result-file seed).
    fs::create_symlink(TSUNAGI_SOURCE_DIR "/tests/fuzz/corpus/fuzz_result_file/checkpoint.h5", root / "checkpoint.h5");
    return (root / "spec" / "fuzz.toml").string();
  }();
  write_file(path, data, size);
  return path;
}

/// A spec file's whole-file problems (it cannot be opened) name the file without a line.
inline bool spec_file_level(const tsunagi::Diagnostic& d) { return d.message.rfind("cannot open the ", 0) == 0; }

}  // namespace tsunagi_fuzz
