#include "calibration/calibration_run.hpp"

#include <omp.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "calibration/levenberg_marquardt.hpp"
#include "core/error.hpp"
#include "engine/ensemble.hpp"
#include "output/file_header.hpp"
#include "scenario/scenario_source.hpp"

namespace tsunagi {
namespace {

/// Every target's scenario, read once when the fit starts (by path: targets may share a
/// scenario file), so that every evaluation resolves the same text.
using Sources = std::map<std::string, ScenarioSource>;

Sources read_sources(const CalibrationSpec& spec) {
  Sources out;
  for (const CalibrationTarget& t : spec.targets)
    if (!out.count(t.scenario)) out.emplace(t.scenario, ScenarioSource::read(t.scenario));
  return out;
}

/// Replicate mean of a (replicate, time) series at record ti.
double series_mean(const CalibrationSpec& spec, const CalibrationTarget& t, const ResultSet& r, std::size_t ti) {
  const Series* series = r.find(t.series);
  if (!series || series->shape != SeriesShape::kReplicateTime)
    throw InputError(
        {Diagnostic{spec.path, 0, 0, "target.series", "no (replicate, time) series named " + t.series, {}}});
  double sum = 0.0;
  for (int rep = 0; rep < r.replicates; ++rep)
    std::visit([&](const auto& v) { sum += static_cast<double>(v[static_cast<std::size_t>(rep) * r.times() + ti]); },
               series->data);
  return sum / r.replicates;
}

/// Replicate mean of the number of the prefecture's municipalities that have the institution
/// at record ti (stage at or above kCoveredFrom, as the <institution>_municipalities series).
double prefecture_count_mean(const CalibrationSpec& spec, const CalibrationTarget& t, const Scenario& s,
                             const ResultSet& r, std::size_t ti) {
  const Institution inst = *institution_of_count_series(t.series);  // checked at load
  const auto ii = static_cast<std::size_t>(inst);
  const std::string name = std::string(kInstitutionNames[ii]) + "_stage";
  const Series* stage = r.find(name);
  if (!stage || stage->shape != SeriesShape::kReplicateTimeMunicipality)
    throw InputError({Diagnostic{spec.path,
                                 0,
                                 0,
                                 "target.prefecture",
                                 "target " + t.name + ": the run has no " + name + " series to count from",
                                 {}}});
  std::vector<std::size_t> members;
  for (std::size_t m = 0; m < s.municipalities.size(); ++m)
    if (s.municipalities[m].prefecture_code == t.prefecture) members.push_back(m);
  if (members.empty())
    throw InputError(
        {Diagnostic{spec.path,
                    0,
                    0,
                    "target.prefecture",
                    "target " + t.name + ": found prefecture " + t.prefecture + ", which has no municipality in " +
                        t.scenario + "; expected the code of one of its prefectures",
                    {}}});
  const auto width = static_cast<std::size_t>(r.municipalities);
  double count = 0.0;
  std::visit(
      [&](const auto& v) {
        for (int rep = 0; rep < r.replicates; ++rep) {
          const std::size_t row = (static_cast<std::size_t>(rep) * r.times() + ti) * width;
          for (std::size_t m : members) count += v[row + m] >= kCoveredFrom[ii] ? 1.0 : 0.0;
        }
      },
      stage->data);
  return count / r.replicates;
}

/// Ensemble means of every target, with parameters exp(x).
std::vector<double> simulate(const CalibrationSpec& spec, const Sources& sources, const Eigen::VectorXd& x) {
  std::vector<TypedOverride> params;
  for (std::size_t i = 0; i < spec.parameters.size(); ++i)
    params.push_back(number_override(spec.parameters[i].key, std::exp(x(static_cast<Eigen::Index>(i)))));
  params.push_back(TypedOverride{"scenario.replicates", static_cast<std::int64_t>(spec.replicates)});
  std::vector<double> out(spec.targets.size(), 0.0);
  std::map<std::string, ResultSet> runs;  // one run per scenario and override set
  std::map<std::string, Scenario> scenarios;
  for (std::size_t k = 0; k < spec.targets.size(); ++k) {
    const CalibrationTarget& t = spec.targets[k];
    std::string run_key = t.scenario;
    for (const auto& o : t.overrides) run_key += "\n" + o;
    auto it = runs.find(run_key);
    if (it == runs.end()) {
      const Scenario& s = scenarios.emplace(run_key, sources.at(t.scenario).resolve(t.overrides, params)).first->second;
      it = runs.emplace(run_key, run_ensemble(s, EnsembleOptions{s.replicates, spec.threads})).first;
    }
    const ResultSet& r = it->second;
    std::size_t ti = r.dates.size();
    for (std::size_t i = 0; i < r.dates.size(); ++i)
      if (r.dates[i] == t.date) ti = i;
    if (ti == r.dates.size())
      throw InputError({Diagnostic{spec.path,
                                   0,
                                   0,
                                   "target.date",
                                   "target " + t.name + ": " + t.date.iso() + " is not a record date of the run",
                                   {}}});
    out[k] = t.prefecture.empty() ? series_mean(spec, t, r, ti)
                                  : prefecture_count_mean(spec, t, scenarios.at(run_key), r, ti);
  }
  return out;
}

}  // namespace

double CalibrationResult::lower95(std::size_t i) const { return fitted[i] * std::exp(-1.96 * standard_error_log[i]); }
double CalibrationResult::upper95(std::size_t i) const { return fitted[i] * std::exp(1.96 * standard_error_log[i]); }

CalibrationResult calibrate(const CalibrationSpec& spec, std::ostream& log) {
  const auto p = static_cast<Eigen::Index>(spec.parameters.size());
  Eigen::VectorXd x(p), lo(p), hi(p);
  for (Eigen::Index i = 0; i < p; ++i) {
    const auto& q = spec.parameters[static_cast<std::size_t>(i)];
    x(i) = std::log(q.initial);
    lo(i) = std::log(q.min);
    hi(i) = std::log(q.max);
  }
  const Sources sources = read_sources(spec);
  CalibrationResult out;
  const CalibrationTarget& first = spec.targets.at(0);
  out.seed = sources.at(first.scenario).resolve(first.overrides).seed;
  int evaluation = 0;
  auto residuals = [&](const Eigen::VectorXd& at) {
    const std::vector<double> sim = simulate(spec, sources, at);
    if (evaluation == 0) out.simulated_initial = sim;
    Eigen::VectorXd r(static_cast<Eigen::Index>(sim.size()));
    for (std::size_t k = 0; k < sim.size(); ++k)
      r(static_cast<Eigen::Index>(k)) = (sim[k] - spec.targets[k].value) / spec.targets[k].sd;
    log << "evaluation " << ++evaluation << ": cost " << r.squaredNorm() << '\n' << std::flush;
    return r;
  };
  const LmResult lm = levenberg_marquardt(residuals, x, lo, hi, LmOptions{spec.max_iterations, 0.1, 1e-3});
  out.simulated = simulate(spec, sources, lm.x);
  out.cost_history = lm.cost_history;
  out.evaluations = lm.evaluations + 1;
  for (Eigen::Index i = 0; i < p; ++i) {
    out.initial.push_back(spec.parameters[static_cast<std::size_t>(i)].initial);
    out.fitted.push_back(std::exp(lm.x(i)));
    out.standard_error_log.push_back(std::sqrt(std::max(0.0, lm.covariance(i, i))));
  }
  return out;
}

std::string format_calibration(const CalibrationSpec& spec, const CalibrationResult& r) {
  std::ostringstream os;
  char line[400];
  os << "calibration " << spec.name << ": " << spec.parameters.size() << " parameters, " << spec.targets.size()
     << " targets, " << spec.replicates << " replicates per evaluation, " << r.evaluations << " evaluations\n\n";
  os << "parameter                                   initial     fitted   95% interval (from J'J)\n";
  for (std::size_t i = 0; i < r.fitted.size(); ++i) {
    std::snprintf(line, sizeof line, "  %-40s %9.4g  %9.4g   [%.4g, %.4g]\n", spec.parameters[i].key.c_str(),
                  r.initial[i], r.fitted[i], r.lower95(i), r.upper95(i));
    os << line;
  }
  os << "\ntarget                                            value     sd   initial   fitted   (fitted-value)/sd\n";
  for (std::size_t k = 0; k < spec.targets.size(); ++k) {
    const auto& t = spec.targets[k];
    std::snprintf(line, sizeof line, "  %-46s %7.4g %6.3g %9.4g %8.4g   %+.2f   %s\n", t.name.c_str(), t.value, t.sd,
                  r.simulated_initial[k], r.simulated[k], (r.simulated[k] - t.value) / t.sd, t.source.c_str());
    os << line;
  }
  return os.str();
}

void write_calibration_file(const std::string& path, const CalibrationSpec& spec, const CalibrationResult& r) {
  H5FileWriter w(path);
  // Every target runs with its own scenario's seed; the file records the first target's.
  const std::uint64_t seed = r.seed;
  const int threads = spec.threads > 0 ? spec.threads : omp_get_max_threads();
  write_header(w, schema::FileType::kCalibration, Provenance{utc_timestamp(), seed, spec.replicates, threads},
               {{"calibration_toml", spec.text}});
  auto doubles = [&](hid_t g, const char* name, const std::vector<double>& v, const char* description) {
    const hsize_t n = v.size();
    h5::Handle ds = w.dataset(g, name, H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, 1, &n, v.data());
    w.attr(ds.get(), "description", std::string(description));
  };
  {
    h5::Handle g = w.group(w.root(), "parameters");
    std::vector<std::string> keys;
    std::vector<double> lo, hi;
    for (std::size_t i = 0; i < spec.parameters.size(); ++i) {
      keys.push_back(spec.parameters[i].key);
      lo.push_back(r.lower95(i));
      hi.push_back(r.upper95(i));
    }
    w.strings(g.get(), "key", keys);
    doubles(g.get(), "initial", r.initial, "starting value");
    doubles(g.get(), "fitted", r.fitted, "fitted value");
    doubles(g.get(), "standard_error_log", r.standard_error_log, "standard error of log(value), from (J'J)^-1");
    doubles(g.get(), "lower95", lo, "fitted x exp(-1.96 se)");
    doubles(g.get(), "upper95", hi, "fitted x exp(+1.96 se)");
  }
  {
    h5::Handle g = w.group(w.root(), "targets");
    std::vector<std::string> names, sources;
    std::vector<double> value, sd;
    for (const auto& t : spec.targets) {
      names.push_back(t.name);
      sources.push_back(t.source);
      value.push_back(t.value);
      sd.push_back(t.sd);
    }
    w.strings(g.get(), "name", names);
    w.strings(g.get(), "source", sources);
    doubles(g.get(), "value", value, "target value");
    doubles(g.get(), "sd", sd, "target tolerance (residuals are scaled by it)");
    doubles(g.get(), "simulated_initial", r.simulated_initial, "ensemble mean at the initial parameters");
    doubles(g.get(), "simulated", r.simulated, "ensemble mean at the fitted parameters");
  }
  doubles(w.root(), "cost_history", r.cost_history, "sum of squared scaled residuals after each iteration");
  w.close();
}

}  // namespace tsunagi
