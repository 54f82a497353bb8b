#include "output/sweep_writer.hpp"

#include <hdf5_hl.h>

#include <cmath>
#include <limits>

#include "output/file_header.hpp"
#include "output/h5_axes.hpp"
#include "output/summary.hpp"

namespace tsunagi {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void doubles(H5FileWriter& w, hid_t g, const char* name, const std::vector<double>& v, std::vector<hsize_t> dims,
             const std::string& description) {
  h5::Handle ds =
      w.dataset(g, name, H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, static_cast<int>(dims.size()), dims.data(), v.data());
  w.attr(ds.get(), "description", description);
}

template <class T>
void integers(H5FileWriter& w, hid_t g, const char* name, const std::vector<T>& v, hid_t mem, hid_t file,
              const std::string& description) {
  const hsize_t n = v.size();
  h5::Handle ds = w.dataset(g, name, mem, file, 1, &n, v.data());
  w.attr(ds.get(), "description", description);
}

void write_design(H5FileWriter& w, const SweepPlan& plan, const std::vector<PointRecord>& records) {
  const SweepDesign& d = plan.design;
  h5::Handle g = w.group(w.root(), "design");
  w.attr(g.get(), "design", std::string(design_name(plan.spec.design)));
  std::vector<std::string> keys;
  std::vector<double> lower, upper;
  std::vector<std::int8_t> log_scale, integer;
  for (const auto& p : plan.spec.parameters) {
    keys.push_back(p.key), lower.push_back(p.min), upper.push_back(p.max);
    log_scale.push_back(p.log_scale ? 1 : 0), integer.push_back(p.integer ? 1 : 0);
  }
  w.strings(g.get(), "parameter", keys);
  doubles(w, g.get(), "lower", lower, {lower.size()}, "Lowest value of each parameter");
  doubles(w, g.get(), "upper", upper, {upper.size()}, "Highest value of each parameter");
  integers(w, g.get(), "log_scale", log_scale, H5T_NATIVE_INT8, H5T_STD_I8LE, "1: points spread evenly in log(value)");
  integers(w, g.get(), "integer", integer, H5T_NATIVE_INT8, H5T_STD_I8LE, "1: values rounded to integers");
  doubles(w, g.get(), "values", d.values, {d.points, d.parameters},
          "Parameter values of each point (point, parameter)");
  const std::vector<std::uint64_t> seeds(d.points, plan.base.seed);
  integers(w, g.get(), "seed", seeds, H5T_NATIVE_UINT64, H5T_STD_U64LE,
           "Seed of each point: all the same, so points share their random numbers (common random numbers)");
  std::vector<std::int8_t> status;
  std::vector<std::string> errors, hashes;
  for (const PointRecord& r : records) {
    status.push_back(r.ok ? 0 : 1), errors.push_back(r.ok ? "" : r.error), hashes.push_back(r.config_hash);
  }
  integers(w, g.get(), "status", status, H5T_NATIVE_INT8, H5T_STD_I8LE, "0: done; 1: failed (see error)");
  w.strings(g.get(), "error", errors);
  w.strings(g.get(), "config_hash", hashes);
  if (plan.spec.design == DesignKind::kSobol) {
    w.attr(g.get(), "base_samples", plan.spec.samples, H5T_NATIVE_INT);
    integers(w, g.get(), "block", d.block, H5T_NATIVE_INT32, H5T_STD_I32LE,
             "Saltelli matrix of each point: 0 = A, 1 = B, 2 + i = AB_i (A with column i from B)");
    integers(w, g.get(), "base_row", d.base_row, H5T_NATIVE_INT32, H5T_STD_I32LE,
             "Base sample (row of A and B) of each point");
  }
  if (plan.spec.design == DesignKind::kMorris) {
    w.attr(g.get(), "levels", plan.spec.levels, H5T_NATIVE_INT);
    w.attr(g.get(), "trajectories", plan.spec.samples, H5T_NATIVE_INT);
    integers(w, g.get(), "trajectory", d.trajectory, H5T_NATIVE_INT32, H5T_STD_I32LE, "Trajectory of each point");
    integers(w, g.get(), "changed", d.changed, H5T_NATIVE_INT32, H5T_STD_I32LE,
             "Parameter changed from the trajectory's previous point (-1 at its first point)");
  }
}

void write_outputs(H5FileWriter& w, const SweepPlan& plan, const std::vector<PointRecord>& records) {
  const std::size_t n = records.size(), reps = static_cast<std::size_t>(plan.base.replicates);
  h5::Handle g = w.group(w.root(), "outputs");
  for (std::size_t k = 0; k < plan.spec.outputs.size(); ++k) {
    const SweepOutput& o = plan.spec.outputs[k];
    h5::Handle og = w.group(g.get(), o.name.c_str());
    w.attr(og.get(), "series", o.series);
    w.attr(og.get(), "date", plan.dates[plan.output_time[k]].iso());
    const std::string record = plan.dates[plan.output_time[k]].iso();
    const std::string asked = o.date ? o.date->iso() : record;
    w.attr(og.get(), "description",
           o.series + " on " + asked +
               (asked == record ? std::string() : " (its record of " + record + ", the last on or before it)") +
               ", one value per run");
    std::vector<double> values(n * reps, kNaN), mean(n, kNaN), var(n, kNaN), p05(n, kNaN), p50(n, kNaN), p95(n, kNaN);
    for (std::size_t i = 0; i < n; ++i) {
      if (!records[i].ok) continue;
      std::vector<double> v(records[i].outputs.begin() + static_cast<std::ptrdiff_t>(k * reps),
                            records[i].outputs.begin() + static_cast<std::ptrdiff_t>((k + 1) * reps));
      std::copy(v.begin(), v.end(), values.begin() + static_cast<std::ptrdiff_t>(i * reps));
      double sum = 0.0;
      for (double x : v) sum += x;
      mean[i] = sum / static_cast<double>(reps);
      double ss = 0.0;
      for (double x : v) ss += (x - mean[i]) * (x - mean[i]);
      var[i] = reps > 1 ? ss / static_cast<double>(reps - 1) : kNaN;
      p05[i] = quantile(v, 0.05), p50[i] = quantile(v, 0.5), p95[i] = quantile(v, 0.95);
    }
    doubles(w, og.get(), "values", values, {n, reps}, "The output of each point and replicate (NaN: the point failed)");
    doubles(w, og.get(), "mean", mean, {n}, "Mean over replicates");
    doubles(w, og.get(), "var", var, {n}, "Variance over replicates (n - 1)");
    doubles(w, og.get(), "p05", p05, {n}, "5th percentile over replicates");
    doubles(w, og.get(), "p50", p50, {n}, "Median over replicates");
    doubles(w, og.get(), "p95", p95, {n}, "95th percentile over replicates");
  }
}

void write_kept_series(H5FileWriter& w, const SweepPlan& plan, const std::vector<PointRecord>& records) {
  const std::size_t n = records.size(), reps = static_cast<std::size_t>(plan.base.replicates), nt = plan.dates.size();
  const std::size_t per = reps * nt;
  h5::Handle g = w.group(w.root(), "series");
  for (std::size_t k = 0; k < plan.kept_series.size(); ++k) {
    std::vector<double> v(n * per, kNaN);
    for (std::size_t i = 0; i < n; ++i)
      if (records[i].ok)
        std::copy(records[i].series.begin() + static_cast<std::ptrdiff_t>(k * per),
                  records[i].series.begin() + static_cast<std::ptrdiff_t>((k + 1) * per),
                  v.begin() + static_cast<std::ptrdiff_t>(i * per));
    const hsize_t dims[3] = {n, reps, nt};
    h5::Handle ds =
        w.dataset(g.get(), plan.kept_series[k].c_str(), H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, 3, dims, v.data());
    w.attr(ds.get(), "units", plan.kept_units[k]);
    w.attr(ds.get(), "kind", plan.kept_kinds[k]);
    w.attr(ds.get(), "description",
           plan.kept_series[k] + " of every point (point, replicate, time); NaN: the point failed");
  }
}

}  // namespace

void write_sweep_file(const std::string& path, const SweepPlan& plan, const std::vector<PointRecord>& records,
                      const SweepMetadata& meta) {
  H5FileWriter w(path);
  std::size_t failed = 0;
  for (const auto& r : records) failed += r.ok ? 0 : 1;
  write_header(w, schema::FileType::kSweep,
               Provenance{meta.created, plan.base.seed, plan.base.replicates, meta.threads},
               {{"ranks", meta.ranks},
                {"sweep_name", plan.spec.name},
                {"sweep_title", plan.spec.title},
                {"sweep_toml", plan.spec.text},
                {"design", std::string(design_name(plan.spec.design))},
                {"base_scenario_toml", plan.base.resolved_toml},
                {"points", static_cast<long long>(records.size())},
                {"failed_points", static_cast<long long>(failed)}});
  AxisScales scales = write_axes(w, plan.base, plan.dates, 0, plan.base.replicates, false);
  write_design(w, plan, records);
  write_outputs(w, plan, records);
  if (!plan.kept_series.empty()) write_kept_series(w, plan, records);
  scales = AxisScales{};
  w.close();
}

}  // namespace tsunagi
