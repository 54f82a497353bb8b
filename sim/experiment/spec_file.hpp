#pragma once
// What experiment and sweep files share: reading the TOML text with located syntax
// errors, the scenario they name, and checks of names used as HDF5 dataset names.
#include <toml++/toml.h>

#include <filesystem>
#include <string>

#include "core/error.hpp"
#include "scenario/table_reader.hpp"

namespace tsunagi {

struct SpecFile {
  std::string text;
  toml::table doc;
  std::filesystem::path dir;  // the file's folder: relative paths inside resolve against it
};

/// Reads and parses `path`; a missing file or a TOML syntax error throws InputError
/// (`kind` names the file type in the message, e.g. "experiment").
SpecFile read_spec_file(const std::string& path, const char* kind, Diagnostics& diags);

/// The required `scenario` key of `t`, resolved against `dir`; reports a missing key or
/// file. Returns the resolved path (empty when missing).
std::string scenario_path(TableReader& t, const std::filesystem::path& dir, const std::string& file);

/// Whether `path` names a regular file; false (never an exception) for any path the system
/// cannot even look up, e.g. a name too long (found by fuzz_experiment_spec).
bool is_file(const std::string& path);

/// Reports `value` unless it is a non-empty name of lower-case letters, digits and '_'
/// (it becomes part of HDF5 object names and command-line output).
void check_identifier(TableReader& t, const char* key, const std::string& value);

}  // namespace tsunagi
