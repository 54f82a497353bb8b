#include "experiment/spec_file.hpp"

#include <fstream>
#include <sstream>

namespace tsunagi {

SpecFile read_spec_file(const std::string& path, const char* kind, Diagnostics& diags) {
  SpecFile f;
  f.dir = std::filesystem::path(path).parent_path();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError({Diagnostic{path, 0, 0, "", std::string("cannot open the ") + kind + " file", {}}});
  std::ostringstream ss;
  ss << in.rdbuf();
  f.text = ss.str();
  try {
    f.doc = toml::parse(f.text, path);
  } catch (const toml::parse_error& e) {
    diags.add(Diagnostic{path,
                         static_cast<int>(e.source().begin.line),
                         static_cast<int>(e.source().begin.column),
                         "",
                         "TOML syntax error: " + std::string(e.description()),
                         {}});
    diags.throw_if_any();
  }
  return f;
}

bool is_file(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec) && !ec;
}

std::string scenario_path(TableReader& t, const std::filesystem::path& dir, const std::string& file) {
  const std::string scenario = t.string_required("scenario").value_or("");
  if (!t.has("scenario")) {
    t.error("scenario", "missing, expected the scenario file to run, relative to " + file);
    return {};
  }
  std::string resolved = (dir / scenario).string();
  if (!scenario.empty() && !is_file(resolved))
    t.error("scenario",
            "found \"" + scenario + "\", which is not a file; expected a scenario file relative to " + file);
  return resolved;
}

void check_identifier(TableReader& t, const char* key, const std::string& value) {
  bool ok = !value.empty();
  for (char c : value) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  if (!ok && t.has(key))
    t.error(key,
            "found \"" + value + "\", expected a name of lower-case letters, digits and '_' (e.g. \"on_request\")");
}

}  // namespace tsunagi
