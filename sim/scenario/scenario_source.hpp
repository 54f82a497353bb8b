#pragma once
// A scenario read once: the scenario file, every base file of its `[scenario] base = "..."`
// chain and the municipality CSV it names, held as text in memory. resolve() turns it, with
// overrides, into a validated Scenario exactly as load_scenario(path, overrides) does (same
// diagnostics with file, line, column and key; same resolved_toml; same source_path), from
// the held text, through the same loader code (scenario/loader.hpp).
//
// Why: a run resolves its scenario more than once (run --precision records the replicates
// actually run, experiments resolve each variant, sweeps each point and on resume,
// calibration each evaluation). Reading the files once means that a file edited, replaced
// or deleted during a long run changes neither what runs nor what is recorded.
//
// Files an override names: `--set scenario.base=...` is refused, as it always was (bases
// are laid under the file before overrides apply, so the key is unknown by then). An
// override may name another CSV (`--set municipalities.csv=other.csv`): that file, not
// read by read(), is read from disk by the first resolve that needs it and held from then
// on (a missing file is held as missing), so results are those load_scenario gives and
// every later resolve sees the same text. In practice that is at the start: an experiment
// resolves every variant when it is planned, a sweep its base with the command line's
// overrides (a point's values are numbers, which name no file), calibration every target
// at its first evaluation.
//
// Copies share the held files; resolve() is safe to call from several threads.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scenario/overrides.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

class ScenarioSource {
 public:
  /// Reads `path` and the files it names. Throws InputError when `path` cannot be read;
  /// problems in the files (syntax, a missing base or CSV) are reported by resolve().
  static ScenarioSource read(const std::string& path);
  /// The scenario file's text in memory (tests, fuzzing): `display_path` names it in
  /// diagnostics, `base_dir` is the folder its relative paths start from. The files it
  /// names are read now, as by read().
  static ScenarioSource from_text(std::string text, std::string display_path, std::string base_dir);

  /// The validated scenario with `overrides` ("key.path=value", as --set), then `typed`
  /// overrides, applied. Throws InputError.
  Scenario resolve(const std::vector<std::string>& overrides = {}, const std::vector<TypedOverride>& typed = {}) const;

  /// The path it was read from (what diagnostics and Scenario::source_path call it).
  const std::string& path() const { return display_path_; }
  /// The paths of the other files held (base chain, CSV), in the order they were read;
  /// a file that could not be read is not listed.
  std::vector<std::string> held_files() const;

 private:
  class Files;
  ScenarioSource(std::string text, std::string display_path, std::string base_dir);

  std::string text_;
  std::string display_path_;
  std::string base_dir_;
  std::shared_ptr<const Files> files_;
};

/// A whole file's bytes, or none when it cannot be opened.
std::optional<std::string> read_text_file(const std::string& path);

}  // namespace tsunagi
