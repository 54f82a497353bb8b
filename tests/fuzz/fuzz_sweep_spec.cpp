// Fuzz target: sweep files -> load_sweep, then (for designs of at most 2,000 points)
// plan_sweep, which loads the base scenario, builds the design and checks every output
// and parameter key against the scenario. Nothing is run.
// Either a plan or an InputError whose every diagnostic has the file and a line or key; an
// accepted design must have a point count that fits (no overflow, at most kMaxSweepPoints).
// The input is a file's text; see spec_scratch.hpp for where it is written.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

#include "experiment/sweep_run.hpp"
#include "experiment/sweep_spec.hpp"
#include "fuzz_support.hpp"
#include "spec_scratch.hpp"

using namespace tsunagi_fuzz;

namespace {

/// The number of points the design will have, or SIZE_MAX when it does not fit.
std::size_t design_points(const tsunagi::SweepSpec& w) {
  const std::size_t p = w.parameters.size(), n = static_cast<std::size_t>(w.samples);
  constexpr std::size_t kMax = std::numeric_limits<std::size_t>::max();
  switch (w.design) {
    case tsunagi::DesignKind::kGrid: {
      std::size_t points = 1;
      for (const auto& x : w.parameters) {
        if (x.values.empty()) return 0;
        if (points > kMax / x.values.size()) return kMax;
        points *= x.values.size();
      }
      return points;
    }
    case tsunagi::DesignKind::kLatinHypercube:
      return n;
    case tsunagi::DesignKind::kSobol:
      return n * (p + 2);
    case tsunagi::DesignKind::kMorris:
      return n * (p + 1);
  }
  return kMax;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = write_spec(data, size);
  guarded(
      [&] {
        const tsunagi::SweepSpec spec = tsunagi::load_sweep(path);
        const std::size_t points = design_points(spec);
        if (points > tsunagi::kMaxSweepPoints)
          finding("load_sweep accepted a design of " + std::to_string(points) + " points", spec.text);
        if (points <= 2000) (void)tsunagi::plan_sweep(spec, {});
      },
      Location::kLineOrKey, false,
      [](const tsunagi::Diagnostic& d) {
        return spec_file_level(d) || d.message.rfind("cannot open the municipality CSV file", 0) == 0 ||
               d.message.rfind("the file is empty", 0) == 0;
      });
  return 0;
}
