#include "calibration/calibration_run.hpp"

#include <omp.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
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

/// Replicate mean of the number of `members` that have institution `inst` at record ti
/// (stage at or above kCoveredFrom, read from <institution>_stage, as the
/// <institution>_municipalities series counts). `key` and `line` locate the target.
double covered_mean(const CalibrationSpec& spec, const CalibrationTarget& t, Institution inst, const ResultSet& r,
                    std::size_t ti, const std::vector<std::size_t>& members, const char* key, int line) {
  const auto ii = static_cast<std::size_t>(inst);
  const std::string name = std::string(kInstitutionNames[ii]) + "_stage";
  const Series* stage = r.find(name);
  if (!stage || stage->shape != SeriesShape::kReplicateTimeMunicipality)
    throw InputError(
        {Diagnostic{spec.path, line, 0, key, "target " + t.name + ": the run has no " + name + " series to read", {}}});
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

/// Replicate mean of the number of the prefecture's municipalities that have the institution.
double prefecture_count_mean(const CalibrationSpec& spec, const CalibrationTarget& t, const Scenario& s,
                             const ResultSet& r, std::size_t ti) {
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
  return covered_mean(spec, t, *institution_of_count_series(t.series), r, ti, members, "target.prefecture", 0);
}

/// Share of replicates in which the target's municipality has the institution.
double municipality_share(const CalibrationSpec& spec, const CalibrationTarget& t, const Scenario& s,
                          const ResultSet& r, std::size_t ti) {
  std::size_t m = s.municipalities.size();
  for (std::size_t k = 0; k < s.municipalities.size(); ++k)
    if (s.municipalities[k].code == t.municipality) m = k;
  if (m == s.municipalities.size()) throw RunError("internal: target " + t.name + ": municipality not in the run");
  return covered_mean(spec, t, *institution_of_established_series(t.series), r, ti, {m}, "target.municipality", t.line);
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
    if (!t.municipality.empty())
      out[k] = municipality_share(spec, t, scenarios.at(run_key), r, ti);
    else if (!t.prefecture.empty())
      out[k] = prefecture_count_mean(spec, t, scenarios.at(run_key), r, ti);
    else
      out[k] = series_mean(spec, t, r, ti);
  }
  return out;
}

/// Every target's scenario resolved once before the fit: a municipality target names a
/// municipality of its scenario. Returns the first target's seed.
std::uint64_t check_targets(const CalibrationSpec& spec, const Sources& sources) {
  Diagnostics diags;
  std::uint64_t seed = 0;
  for (std::size_t k = 0; k < spec.targets.size(); ++k) {
    const CalibrationTarget& t = spec.targets[k];
    const Scenario s = sources.at(t.scenario).resolve(t.overrides);
    if (k == 0) seed = s.seed;
    if (t.municipality.empty()) continue;
    bool found = false;
    for (const auto& m : s.municipalities) found = found || m.code == t.municipality;
    if (!found)
      diags.add(Diagnostic{spec.path,
                           t.line,
                           0,
                           "target[" + std::to_string(k) + "].municipality",
                           "found \"" + t.municipality + "\", which is not a municipality of " + t.scenario + " (" +
                               std::to_string(s.municipalities.size()) +
                               " municipalities); expected the code of one of them",
                           {}});
  }
  diags.throw_if_any();
  return seed;
}

}  // namespace

double CalibrationResult::lower95(std::size_t i) const { return fitted[i] * std::exp(-1.96 * standard_error_log[i]); }
double CalibrationResult::upper95(std::size_t i) const { return fitted[i] * std::exp(1.96 * standard_error_log[i]); }
double CalibrationResult::lower95_raw(std::size_t i) const {
  return fitted[i] * std::exp(-1.96 * standard_error_log_raw[i]);
}
double CalibrationResult::upper95_raw(std::size_t i) const {
  return fitted[i] * std::exp(1.96 * standard_error_log_raw[i]);
}

double brier_score(const CalibrationSpec& spec, const std::vector<double>& simulated) {
  double sum = 0.0;
  int n = 0;
  for (std::size_t k = 0; k < spec.targets.size(); ++k)
    if (!spec.targets[k].municipality.empty()) {
      const double d = simulated[k] - spec.targets[k].value;
      sum += d * d;
      ++n;
    }
  return n > 0 ? sum / n : std::numeric_limits<double>::quiet_NaN();
}

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
  out.seed = check_targets(spec, sources);
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
  out.uncertainty =
      assess_fit(lm.x, lo, hi, lm.covariance, lm.jacobian, lm.residuals.squaredNorm(), spec.targets.size());
  for (Eigen::Index i = 0; i < p; ++i) {
    out.initial.push_back(spec.parameters[static_cast<std::size_t>(i)].initial);
    out.fitted.push_back(std::exp(lm.x(i)));
    out.standard_error_log.push_back(std::sqrt(std::max(0.0, out.uncertainty.covariance_scaled(i, i))));
    out.standard_error_log_raw.push_back(std::sqrt(std::max(0.0, out.uncertainty.covariance_raw(i, i))));
  }
  for (const CalibrationTarget& t : spec.targets) out.brier_targets += t.municipality.empty() ? 0 : 1;
  out.brier_initial = brier_score(spec, out.simulated_initial);
  out.brier = brier_score(spec, out.simulated);
  return out;
}

namespace {

/// "at its bound 400: not identified", "at its lower bound 0.05", "not identified: ..." or "".
std::string flag_text(const CalibrationSpec& spec, const CalibrationResult& r, std::size_t i) {
  const ParameterFlags& f = r.uncertainty.flags[i];
  char buf[200];
  std::string out;
  if (f.at_bound != 0) {
    const double bound = f.at_bound < 0 ? spec.parameters[i].min : spec.parameters[i].max;
    std::snprintf(buf, sizeof buf, "at its %s bound %.4g", f.at_bound < 0 ? "lower" : "upper", bound);
    out = buf;
  }
  if (f.not_identified) {
    out += out.empty() ? "not identified" : ": not identified";
    if (f.flat)
      out += " (the targets do not move it";
    else
      out += " (its 95 % interval is wider than its bounds";
    if (f.flat && std::abs(r.fitted[i] - r.initial[i]) <= 1e-12 * std::abs(r.initial[i])) out += "; still at its start";
    out += ")";
  }
  return out;
}

}  // namespace

std::string format_calibration(const CalibrationSpec& spec, const CalibrationResult& r) {
  std::ostringstream os;
  char line[600];
  const FitUncertainty& u = r.uncertainty;
  os << "calibration " << spec.name << ": " << spec.parameters.size() << " parameters, " << spec.targets.size()
     << " targets, " << spec.replicates << " replicates per evaluation, " << r.evaluations << " evaluations\n";
  if (std::isnan(u.reduced_cost))
    std::snprintf(line, sizeof line,
                  "cost %.4g; no degrees of freedom (%zu targets, %zu parameters): intervals from (J'J)^-1, "
                  "not scaled by the misfit\n\n",
                  u.cost, spec.targets.size(), spec.parameters.size());
  else
    std::snprintf(line, sizeof line,
                  "cost %.4g, %d degrees of freedom, reduced cost %.3g: intervals from (J'J)^-1 %s\n\n", u.cost,
                  u.degrees_of_freedom, u.reduced_cost,
                  u.covariance_scale > 1.0 ? "x the reduced cost (the targets are missed by more than their sds)"
                                           : "(reduced cost <= 1: not scaled)");
  os << line;
  os << "parameter                                   initial     fitted   95% interval         (J'J)^-1 only\n";
  for (std::size_t i = 0; i < r.fitted.size(); ++i) {
    std::snprintf(line, sizeof line, "  %-40s %9.4g  %9.4g   [%.4g, %.4g]   [%.4g, %.4g]\n",
                  spec.parameters[i].key.c_str(), r.initial[i], r.fitted[i], r.lower95(i), r.upper95(i),
                  r.lower95_raw(i), r.upper95_raw(i));
    os << line;
  }
  bool any = false;
  for (std::size_t i = 0; i < r.fitted.size(); ++i) {
    const std::string flags = flag_text(spec, r, i);
    if (flags.empty()) continue;
    if (!any) os << "\nflags:\n";
    any = true;
    std::snprintf(line, sizeof line, "  %s %.4g %s\n", spec.parameters[i].key.c_str(), r.fitted[i], flags.c_str());
    os << line;
  }
  os << "\ntarget                                            value     sd   initial   fitted   (fitted-value)/sd\n";
  for (std::size_t k = 0; k < spec.targets.size(); ++k) {
    const auto& t = spec.targets[k];
    std::snprintf(line, sizeof line, "  %-46s %7.4g %6.3g %9.4g %8.4g   %+.2f   %s\n", t.name.c_str(), t.value, t.sd,
                  r.simulated_initial[k], r.simulated[k], (r.simulated[k] - t.value) / t.sd, t.source.c_str());
    os << line;
  }
  if (r.brier_targets > 0) {
    std::snprintf(line, sizeof line,
                  "\nBrier score over the %d per-municipality targets: %.4f (initial %.4f); 0 is perfect, 0.25 "
                  "is a coin toss\n",
                  r.brier_targets, r.brier, r.brier_initial);
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
  auto int8s = [&](hid_t g, const char* name, const std::vector<std::int8_t>& v, const char* description) {
    const hsize_t n = v.size();
    h5::Handle ds = w.dataset(g, name, H5T_NATIVE_INT8, H5T_STD_I8LE, 1, &n, v.data());
    w.attr(ds.get(), "description", std::string(description));
  };
  auto matrix = [&](hid_t g, const char* name, const Eigen::MatrixXd& m, const char* description) {
    const hsize_t dims[2] = {static_cast<hsize_t>(m.rows()), static_cast<hsize_t>(m.cols())};
    std::vector<double> v(static_cast<std::size_t>(m.size()));
    for (Eigen::Index i = 0; i < m.rows(); ++i)
      for (Eigen::Index j = 0; j < m.cols(); ++j) v[static_cast<std::size_t>(i * m.cols() + j)] = m(i, j);
    h5::Handle ds = w.dataset(g, name, H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, 2, dims, v.data());
    w.attr(ds.get(), "description", std::string(description));
  };
  const FitUncertainty& u = r.uncertainty;
  {
    h5::Handle g = w.group(w.root(), "parameters");
    std::vector<std::string> keys;
    std::vector<double> lo, hi, lo_raw, hi_raw, min, max;
    std::vector<std::int8_t> at_bound, not_identified;
    for (std::size_t i = 0; i < spec.parameters.size(); ++i) {
      keys.push_back(spec.parameters[i].key);
      min.push_back(spec.parameters[i].min);
      max.push_back(spec.parameters[i].max);
      lo.push_back(r.lower95(i));
      hi.push_back(r.upper95(i));
      lo_raw.push_back(r.lower95_raw(i));
      hi_raw.push_back(r.upper95_raw(i));
      at_bound.push_back(static_cast<std::int8_t>(u.flags[i].at_bound));
      not_identified.push_back(u.flags[i].not_identified ? 1 : 0);
    }
    w.strings(g.get(), "key", keys);
    doubles(g.get(), "initial", r.initial, "starting value");
    doubles(g.get(), "fitted", r.fitted, "fitted value");
    doubles(g.get(), "min", min, "lower bound of the fit");
    doubles(g.get(), "max", max, "upper bound of the fit");
    doubles(g.get(), "standard_error_log", r.standard_error_log,
            "standard error of log(value): (J'J)^-1 x covariance_scale (/fit)");
    doubles(g.get(), "standard_error_log_raw", r.standard_error_log_raw,
            "standard error of log(value) from (J'J)^-1 alone");
    doubles(g.get(), "lower95", lo, "fitted x exp(-1.96 se), se misfit-scaled: the reported 95 % interval");
    doubles(g.get(), "upper95", hi, "fitted x exp(+1.96 se), se misfit-scaled: the reported 95 % interval");
    doubles(g.get(), "lower95_raw", lo_raw, "fitted x exp(-1.96 se), se from (J'J)^-1 alone");
    doubles(g.get(), "upper95_raw", hi_raw, "fitted x exp(+1.96 se), se from (J'J)^-1 alone");
    matrix(g.get(), "covariance_log", u.covariance_scaled,
           "covariance of log(value): (J'J)^-1 x covariance_scale (/fit); +inf on the diagonal of a parameter the "
           "targets do not move");
    matrix(g.get(), "covariance_log_raw", u.covariance_raw, "covariance of log(value): (J'J)^-1");
    doubles(g.get(), "jacobian_norm", u.jacobian_norm,
            "norm of the parameter's Jacobian column (scaled residuals per unit of log(value)) at the fit");
    int8s(g.get(), "at_bound", at_bound, "-1 at its lower bound, +1 at its upper bound (within 1 % on the log scale)");
    int8s(g.get(), "not_identified", not_identified,
          "1 when the targets do not move it or its 95 % interval is wider than its bounds");
  }
  {
    h5::Handle g = w.group(w.root(), "targets");
    std::vector<std::string> names, sources, municipalities;
    std::vector<double> value, sd;
    for (const auto& t : spec.targets) {
      names.push_back(t.name);
      sources.push_back(t.source);
      municipalities.push_back(t.municipality);
      value.push_back(t.value);
      sd.push_back(t.sd);
    }
    w.strings(g.get(), "name", names);
    w.strings(g.get(), "source", sources);
    w.strings(g.get(), "municipality", municipalities);
    doubles(g.get(), "value", value, "target value");
    doubles(g.get(), "sd", sd, "target tolerance (residuals are scaled by it)");
    doubles(g.get(), "simulated_initial", r.simulated_initial,
            "ensemble mean at the initial parameters (a share of replicates for a municipality's target)");
    doubles(g.get(), "simulated", r.simulated,
            "ensemble mean at the fitted parameters (a share of replicates for a municipality's target)");
  }
  {
    h5::Handle g = w.group(w.root(), "fit");
    w.attr(g.get(), "cost", u.cost, H5T_NATIVE_DOUBLE);
    w.attr(g.get(), "degrees_of_freedom", u.degrees_of_freedom, H5T_NATIVE_INT);
    w.attr(g.get(), "reduced_cost", u.reduced_cost, H5T_NATIVE_DOUBLE);
    w.attr(g.get(), "covariance_scale", u.covariance_scale, H5T_NATIVE_DOUBLE);
    w.attr(g.get(), "brier_score", r.brier, H5T_NATIVE_DOUBLE);
    w.attr(g.get(), "brier_score_initial", r.brier_initial, H5T_NATIVE_DOUBLE);
    w.attr(g.get(), "brier_targets", r.brier_targets, H5T_NATIVE_INT);
    w.attr(g.get(), "description",
           std::string("cost: sum of squared scaled residuals at the fit; reduced_cost: cost / degrees_of_freedom "
                       "(NaN without any); covariance_scale: max(1, reduced_cost); brier_score: mean of (share - "
                       "value)^2 over the per-municipality targets (NaN without any)"));
  }
  doubles(w.root(), "cost_history", r.cost_history, "sum of squared scaled residuals after each iteration");
  w.close();
}

}  // namespace tsunagi
