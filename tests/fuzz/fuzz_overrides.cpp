// Fuzz target: `--set key.path=value` overrides, one per input line, applied to Oita's
// parsed scenario (apply_overrides), then the result written as TOML (to_toml_text) and
// loaded (load_scenario_text), as `tsunagi run --set` does.
//
// Findings besides crashes: an override diagnostic not named "--set" with its key path; a
// written table that is not valid TOML (the writer must round-trip whatever an override
// can put in the table); an error without a line or key when the written text is loaded.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "fuzz_support.hpp"
#include "scenario/loader.hpp"
#include "scenario/overrides.hpp"
#include "scenario/toml_writer.hpp"

using namespace tsunagi_fuzz;

namespace {

const toml::table& oita() {
  static const toml::table doc = [] {
    const std::string path = scenarios_dir() + "/oita.toml";
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    if (!in) finding("cannot read the base scenario", path);
    return toml::parse(std::string_view(ss.str()), std::string_view(path));
  }();
  return doc;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string base_dir = scenarios_dir();
  const std::vector<std::string> overrides = lines_of(std::string(reinterpret_cast<const char*>(data), size));
  toml::table doc = oita();
  tsunagi::Diagnostics diags;
  guarded([&] { tsunagi::apply_overrides(doc, overrides, diags); }, Location::kLineOrKey);
  for (const tsunagi::Diagnostic& d : diags.items()) {
    if (d.file != "--set") finding("an override diagnostic not named --set", d.format());
    // The key is the override's key path; it is empty only when the override has none
    // ("=5", or a line without '=' that is itself empty), and then the message quotes it.
    if (d.key.empty() && d.message.find("''") == std::string::npos)
      finding("an override diagnostic without its key path", d.format());
  }
  if (!diags.empty()) return 0;

  std::string text;
  guarded([&] { text = tsunagi::to_toml_text(doc); }, Location::kLineOrKey);
  try {
    (void)toml::parse(std::string_view(text), std::string_view("written.toml"));
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << e << "\n--- written:\n" << text;
    finding("to_toml_text wrote text that is not valid TOML", msg.str());
  }
  guarded([&] { tsunagi::load_scenario_text(text, "fuzz_overrides.toml", base_dir, {}); }, Location::kLineOrKey, false,
          [](const tsunagi::Diagnostic& d) {
            // Whole-file problems of a CSV an override names (cannot open, empty).
            return d.message.rfind("cannot open the municipality CSV file", 0) == 0 ||
                   d.message.rfind("the file is empty", 0) == 0;
          });
  return 0;
}
