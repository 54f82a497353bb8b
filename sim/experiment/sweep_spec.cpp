#include "experiment/sweep_spec.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "experiment/sobol_sequence.hpp"
#include "experiment/spec_file.hpp"

namespace tsunagi {
namespace {

SweepParameter read_parameter(TableReader& p, DesignKind design) {
  SweepParameter x;
  x.line = p.line();
  x.key = p.string_required("key").value_or("");
  if (!p.has("key")) p.error("key", "missing, expected a scenario key path such as development.kikan.work_rate");
  x.log_scale = p.string("scale", "linear", {"linear", "log"}) == "log";
  x.integer = p.boolean("integer", false);
  if (design == DesignKind::kGrid && p.has("values")) {
    x.values = p.reals("values", {});
    if (x.values.empty()) p.error("values", "empty, expected at least one value");
    for (const char* k : {"min", "max", "steps"})
      if (p.has(k)) p.error(k, "found with values = [...]; expected either values or min, max and steps");
    if (!x.values.empty()) {
      x.min = *std::min_element(x.values.begin(), x.values.end());
      x.max = *std::max_element(x.values.begin(), x.values.end());
    }
    return x;
  }
  x.min = p.real_required("min").value_or(0.0);
  x.max = p.real_required("max").value_or(0.0);
  for (const char* k : {"min", "max"})
    if (!p.has(k))
      p.error(k, std::string("missing, expected the parameter's ") + (k[1] == 'i' ? "lowest" : "highest") + " value");
  if (p.has("min") && p.has("max") && !(x.min < x.max)) p.error("max", "expected max > min");
  if (x.log_scale && p.has("min") && !(x.min > 0.0)) p.error("min", "expected min > 0 with scale = \"log\"");
  if (design == DesignKind::kGrid) {
    const int steps = static_cast<int>(p.integer("steps", 0, Range::between(2, 100000)));
    if (!p.has("steps"))
      p.error("steps", "missing, a grid needs values = [...] or min, max and steps (the number of values)");
    for (int i = 0; i < steps; ++i) {
      const double u = static_cast<double>(i) / (steps - 1);
      double v = x.log_scale ? std::exp(std::log(x.min) + u * (std::log(x.max) - std::log(x.min)))
                             : x.min + u * (x.max - x.min);
      x.values.push_back(x.integer ? std::round(v) : v);
    }
  } else if (p.has("values") || p.has("steps")) {
    p.error(p.has("values") ? "values" : "steps", "is only for design = \"grid\"; expected min and max");
  }
  return x;
}

SweepOutput read_output(TableReader& o) {
  SweepOutput x;
  x.line = o.line();
  x.name = o.string_required("name").value_or("");
  if (!o.has("name")) o.error("name", "missing, expected a name for the output, e.g. \"kikan_coverage_2027\"");
  check_identifier(o, "name", x.name);
  x.series = o.string_required("series").value_or("");
  if (!o.has("series")) o.error("series", "missing, expected a (replicate, time) series such as kikan_coverage");
  x.date = o.date("date", std::nullopt);
  return x;
}

}  // namespace

const char* design_name(DesignKind d) {
  switch (d) {
    case DesignKind::kGrid:
      return "grid";
    case DesignKind::kLatinHypercube:
      return "latin_hypercube";
    case DesignKind::kSobol:
      return "sobol";
    case DesignKind::kMorris:
      return "morris";
  }
  return "?";
}

SweepSpec load_sweep(const std::string& path) {
  SweepSpec w;
  w.path = path;
  Diagnostics diags;
  SpecFile file = read_spec_file(path, "sweep", diags);
  w.text = file.text;
  TableReader root(&file.doc, "", path, diags, nullptr);
  TableReader t = root.table("sweep");
  if (!t.present()) root.error("sweep", "missing [sweep] table; expected name, scenario and design");
  w.name = t.string("name", std::filesystem::path(path).stem().string());
  w.title = t.string("title", w.name);
  w.scenario = scenario_path(t, file.dir, path);
  const std::string design = t.string_required("design", {"grid", "latin_hypercube", "sobol", "morris"}).value_or("");
  if (!t.has("design")) t.error("design", "missing, expected \"grid\", \"latin_hypercube\", \"sobol\" or \"morris\"");
  bool known = false;
  for (DesignKind d : {DesignKind::kGrid, DesignKind::kLatinHypercube, DesignKind::kSobol, DesignKind::kMorris})
    if (design == design_name(d)) w.design = d, known = true;
  if (!known) {
    // The design's own problem is reported; keys that depend on it are not judged.
    for (const char* k : {"samples", "levels"}) t.accept(k);
  } else if (w.design == DesignKind::kGrid) {
    if (t.has("samples")) t.error("samples", "is not used by a grid (its points are every combination of values)");
    t.accept("samples");
  } else {
    w.samples = static_cast<int>(t.integer("samples", 0, Range::between(1, 10000000)));
    if (!t.has("samples"))
      t.error(
          "samples",
          "missing, expected the number of points (latin_hypercube), base samples (sobol) or trajectories (morris)");
  }
  if (known || !t.has("levels")) w.levels = static_cast<int>(t.integer("levels", 4, Range::between(2, 1000)));
  if (known && w.design != DesignKind::kMorris && t.has("levels")) t.error("levels", "is only for design = \"morris\"");
  if (w.levels % 2 != 0)
    t.error("levels", "found " + std::to_string(w.levels) + ", expected an even number of levels (Morris 1991)");
  if (t.has("replicates")) w.replicates = static_cast<int>(t.integer("replicates", 1, Range::between(1, 1000000)));
  t.accept("replicates"), t.accept("seed");  // optional, and listed in unknown-key hints
  if (t.has("seed")) w.seed = static_cast<std::uint64_t>(t.integer("seed", 0, Range::non_negative()));
  w.keep_series = t.boolean("keep_series", false);
  t.finish();

  std::set<std::string> keys, names;
  for (TableReader& p : root.tables("parameter")) {
    if (!known) {
      for (const char* k : {"values", "steps", "min", "max"}) p.accept(k);
      p.string("key", "");
      p.string("scale", "linear", {"linear", "log"});
      p.boolean("integer", false);
      p.finish();
      continue;
    }
    SweepParameter x = read_parameter(p, w.design);
    if (!x.key.empty() && !keys.insert(x.key).second)
      p.error("key", "found \"" + x.key + "\" a second time; expected each key once");
    p.finish();
    w.parameters.push_back(std::move(x));
  }
  for (TableReader& o : root.tables("output")) {
    SweepOutput x = read_output(o);
    if (!x.name.empty() && !names.insert(x.name).second)
      o.error("name", "found \"" + x.name + "\" a second time; expected unique names");
    o.finish();
    w.outputs.push_back(std::move(x));
  }
  root.finish();
  if (known && w.parameters.empty())
    root.error("parameter", "no [[parameter]] entries; expected at least one parameter to vary");
  if (w.outputs.empty())
    root.error("output", "no [[output]] entries; expected at least one output, e.g. series = \"kikan_coverage\"");
  if (w.design == DesignKind::kSobol &&
      2 * w.parameters.size() > static_cast<std::size_t>(SobolSequence::kMaxDimensions))
    root.error("parameter", "found " + std::to_string(w.parameters.size()) +
                                " parameters; a sobol design takes at most " +
                                std::to_string(SobolSequence::kMaxDimensions / 2));
  if (known && !w.parameters.empty()) {
    // Counted without overflow: a grid of a few parameters with many steps each is easy to write.
    const std::size_t p = w.parameters.size(), n = static_cast<std::size_t>(w.samples);
    std::size_t points = 1;
    bool too_many = false;
    if (w.design == DesignKind::kGrid) {
      for (const SweepParameter& x : w.parameters) {
        if (!x.values.empty() && points > kMaxSweepPoints / x.values.size()) too_many = true;
        if (!too_many && !x.values.empty()) points *= x.values.size();
      }
    } else {
      points = n * (w.design == DesignKind::kSobol ? p + 2 : w.design == DesignKind::kMorris ? p + 1 : 1);
    }
    if (too_many || points > kMaxSweepPoints)
      root.error("parameter",
                 std::string("the ") + design_name(w.design) + " design has " +
                     (too_many ? std::string("more than ") + std::to_string(kMaxSweepPoints) : std::to_string(points)) +
                     " points; expected at most " + std::to_string(kMaxSweepPoints) +
                     " (fewer values, steps or samples)");
  }
  diags.throw_if_any();
  return w;
}

}  // namespace tsunagi
