#include "calibration/calibration_spec.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "experiment/spec_file.hpp"
#include "scenario/table_reader.hpp"

namespace tsunagi {

std::optional<Institution> institution_of_count_series(std::string_view series) {
  for (int i = 0; i < kInstitutionCount; ++i)
    if (series == std::string(kInstitutionNames[static_cast<std::size_t>(i)]) + "_municipalities")
      return static_cast<Institution>(i);
  return std::nullopt;
}

std::optional<Institution> institution_of_established_series(std::string_view series) {
  for (int i = 0; i < kInstitutionCount; ++i)
    if (series == std::string(kInstitutionNames[static_cast<std::size_t>(i)]) + "_established")
      return static_cast<Institution>(i);
  return std::nullopt;
}

CalibrationSpec load_calibration(const std::string& path) {
  CalibrationSpec c;
  c.path = path;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError({Diagnostic{path, 0, 0, "", "cannot open the calibration file", {}}});
  std::ostringstream ss;
  ss << in.rdbuf();
  c.text = ss.str();
  Diagnostics diags;
  toml::table doc;
  try {
    doc = toml::parse(c.text, path);
  } catch (const toml::parse_error& e) {
    diags.add(Diagnostic{path,
                         static_cast<int>(e.source().begin.line),
                         static_cast<int>(e.source().begin.column),
                         "",
                         "TOML syntax error: " + std::string(e.description()),
                         {}});
    diags.throw_if_any();
  }
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  TableReader root(&doc, "", path, diags, nullptr);
  TableReader t = root.table("calibration");
  c.name = t.string("name", std::filesystem::path(path).stem().string());
  c.replicates = static_cast<int>(t.integer("replicates", 16, Range::between(1, 100000)));
  c.max_iterations = static_cast<int>(t.integer("max_iterations", 10, Range::between(0, 1000)));
  c.threads = static_cast<int>(t.integer("threads", 0, Range::between(0, 4096)));
  t.finish();
  for (TableReader& p : root.tables("parameter")) {
    CalibrationParameter x;
    x.key = p.string_required("key").value_or("");
    if (!p.has("key")) p.error("key", "missing, expected a scenario key path such as development.adviser_hour_value");
    x.initial = p.real_required("initial", Range::positive()).value_or(1.0);
    x.min = p.real_required("min", Range::positive()).value_or(x.initial);
    x.max = p.real_required("max", Range::positive()).value_or(x.initial);
    for (const char* k : {"initial", "min", "max"})
      if (!p.has(k)) p.error(k, "missing, expected a number > 0 (parameters are fitted on a log scale)");
    if (!(x.min <= x.initial && x.initial <= x.max)) p.error("initial", "expected min <= initial <= max");
    p.finish();
    c.parameters.push_back(std::move(x));
  }
  for (TableReader& e : root.tables("target")) {
    CalibrationTarget x;
    x.line = e.line();
    const std::string scenario = e.string_required("scenario").value_or("");
    if (!e.has("scenario")) e.error("scenario", "missing, expected a scenario file");
    x.scenario = (dir / scenario).string();
    if (!scenario.empty() && !is_file(x.scenario))
      e.error("scenario",
              "found \"" + scenario + "\", which does not exist; expected a scenario file relative to " + path);
    x.series = e.string("series", "kikan_municipalities");
    const auto date = e.date_required("date");
    if (!e.has("date")) e.error("date", "missing, expected the date the target holds, e.g. 2025-04-01");
    x.date = date.value_or(Date{});
    x.value = e.real_required("value").value_or(0.0);
    if (!e.has("value")) e.error("value", "missing, expected the target value");
    x.sd = e.real("sd", 1.0, Range::positive());
    x.source = e.string("source", "");
    if (!e.has("source")) e.error("source", "missing, expected where the target comes from (seed or public figure)");
    x.overrides = e.strings("set");
    x.prefecture = e.string("prefecture", "");
    if (e.has("prefecture")) {
      if (x.prefecture.size() != 2 || !std::isdigit(static_cast<unsigned char>(x.prefecture[0])) ||
          !std::isdigit(static_cast<unsigned char>(x.prefecture[1])))
        e.error("prefecture", "found \"" + x.prefecture + "\", expected a 2-digit prefecture code such as \"39\"");
      if (!institution_of_count_series(x.series))
        e.error(
            "series",
            "found \"" + x.series +
                "\" with a prefecture; expected an <institution>_municipalities series "
                "(kikan_municipalities, kyoten_municipalities, council_municipalities, multi_layered_municipalities)");
    }
    x.municipality = e.string("municipality", "");
    const bool established = institution_of_established_series(x.series).has_value();
    if (e.has("municipality")) {
      if (x.municipality.size() != 5 || !std::all_of(x.municipality.begin(), x.municipality.end(), [](char ch) {
            return std::isdigit(static_cast<unsigned char>(ch)) != 0;
          }))
        e.error("municipality",
                "found \"" + x.municipality + "\", expected a 5-digit municipality code such as \"44211\"");
      if (!established)
        e.error("series", "found \"" + x.series +
                              "\" with a municipality; expected an <institution>_established series "
                              "(kikan_established, kyoten_established, council_established, "
                              "multi_layered_established)");
      if (e.has("prefecture")) e.error("prefecture", "a target has either a prefecture or a municipality, not both");
      if (e.has("value") && !(x.value >= 0.0 && x.value <= 1.0))
        e.error("value", "found " + std::to_string(x.value) +
                             " for a municipality's target; expected 1 (has it by the date) or 0 (not yet), "
                             "or a probability between them");
    } else if (established) {
      e.error("municipality", "missing, expected the 5-digit code of the municipality whose " + x.series +
                                  " the target is (an <institution>_established series is per municipality)");
    }
    x.name = std::filesystem::path(scenario).stem().string() + ":" + x.series +
             (x.prefecture.empty() ? "" : "[" + x.prefecture + "]") +
             (x.municipality.empty() ? "" : "[" + x.municipality + "]") + "@" + x.date.iso();
    e.finish();
    c.targets.push_back(std::move(x));
  }
  root.finish();
  if (c.parameters.empty()) root.error("parameter", "no [[parameter]] entries; expected at least one parameter to fit");
  if (c.targets.empty()) root.error("target", "no [[target]] entries; expected at least one target");
  diags.throw_if_any();
  return c;
}

}  // namespace tsunagi
