// Fuzz target: scenario TOML text -> load_scenario_text (parse, `[scenario] base`,
// validation of every table). Either a Scenario or an InputError whose every diagnostic
// has the file and a line or key path. Relative paths (municipalities.csv, scenario.base)
// resolve against the source tree's scenarios/ folder, so the shipped scenarios are
// valid seeds as they are.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "scenario/loader.hpp"

using namespace tsunagi_fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string base_dir = scenarios_dir();
  const std::string text(reinterpret_cast<const char*>(data), size);
  // Every diagnostic needs a line or a key, except the two whole-file problems of a CSV the
  // scenario names (it cannot be opened, or it is empty): those name the CSV file, the
  // only location there is.
  guarded(
      [&] {
        const tsunagi::Scenario s = tsunagi::load_scenario_text(text, "fuzz.toml", base_dir, {});
        // The resolved scenario is stored in every result so that a run can be reproduced
        // from the file alone: it must read back as a valid scenario. Checked for up to 200
        // municipalities: a national list (1,741) takes about 0.4 s to load under the
        // sanitizers, and twice that would pass the one-second limit.
        if (s.municipalities.size() > 200) return;
        try {
          tsunagi::load_scenario_text(s.resolved_toml, "resolved.toml", base_dir, {});
        } catch (const tsunagi::InputError& e) {
          std::string all;
          for (const auto& d : e.diagnostics()) all += d.format() + "\n";
          finding("the resolved scenario of a valid scenario does not load", all + "--- resolved:\n" + s.resolved_toml);
        }
      },
      Location::kLineOrKey, false,
      [](const tsunagi::Diagnostic& d) {
        return d.message.rfind("cannot open the municipality CSV file", 0) == 0 ||
               d.message.rfind("the file is empty", 0) == 0;
      });
  return 0;
}
