#include "output/experiment_writer.hpp"

#include <hdf5_hl.h>

#include "experiment/paired_difference.hpp"
#include "output/file_header.hpp"
#include "output/h5_axes.hpp"
#include "output/h5_types.hpp"

namespace tsunagi {
namespace {

void describe(H5FileWriter& w, hid_t ds, const std::string& units, const std::string& description, SeriesKind kind) {
  w.attr(ds, "units", units);
  w.attr(ds, "description", description);
  w.attr(ds, "kind", std::string(kind_name(kind)));
}

void write_variants(H5FileWriter& w, const ExperimentPlan& plan, const ExperimentResult& r) {
  h5::Handle g = w.group(w.root(), "variants");
  std::vector<std::string> names, titles, overrides;
  for (const VariantSpec& v : plan.spec.variants) {
    names.push_back(v.name), titles.push_back(v.title);
    std::string joined;
    for (const auto& o : v.overrides) joined += (joined.empty() ? "" : "\n") + o;
    overrides.push_back(joined);
  }
  h5::Handle scale = w.strings(g.get(), "name", names);
  w.attr(scale.get(), "description", std::string("Variant names; index 0 is the baseline"));
  H5DSset_scale(scale.get(), "variant");
  w.strings(g.get(), "title", titles);
  w.strings(g.get(), "overrides", overrides);
  w.strings(g.get(), "scenario_toml", r.resolved_toml);
}

}  // namespace

void write_experiment_file(const std::string& path, const ExperimentPlan& plan, const ExperimentResult& r,
                           const ExperimentMetadata& meta) {
  H5FileWriter w(path);
  const Scenario& base = plan.scenarios[0];
  write_header(w, schema::FileType::kExperiment, Provenance{meta.created, base.seed, r.replicates, meta.threads},
               {{"ranks", meta.ranks},
                {"experiment_name", plan.spec.name},
                {"experiment_title", plan.spec.title},
                {"experiment_toml", plan.spec.text},
                {"baseline", plan.spec.variants[0].name},
                {"replicates_decided_by", meta.stop_reason},
                {"branched_from",
                 plan.branch_from ? plan.branch_from->path + " (" + plan.branch_from->date.iso() + ")" : std::string()},
                {"bands_cover", std::string(meta.parameters ? kBandsCoverParameters : kBandsCoverChance)}});
  AxisScales scales = write_axes(w, base, r.dates, r.first_replicate, r.replicates);
  write_variants(w, plan, r);
  write_drawn_parameters(w, meta.parameters, r.replicates);

  const hsize_t nv = static_cast<hsize_t>(r.variants), nr = static_cast<hsize_t>(r.replicates), nt = r.times(),
                nm = static_cast<hsize_t>(r.municipalities);
  h5::Handle series = w.group(w.root(), "series");
  h5::Handle diffs = w.group(w.root(), "differences");
  for (std::size_t k = 0; k < r.series.size(); ++k) {
    const VariantSeries& s = r.series[k];
    const hsize_t dims[3] = {nv, nr, nt};
    h5::Handle ds =
        w.dataset(series.get(), s.name.c_str(), H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, 3, dims, s.values.data());
    describe(w, ds.get(), s.units, s.description + " (per variant)", s.kind);
    const PairedDifference d = paired_difference(r, k);
    h5::Handle dd = w.dataset(diffs.get(), s.name.c_str(), H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, 3, dims, d.values.data());
    describe(w, dd.get(), s.units, "Variant minus baseline, replicate by replicate (common random numbers): " + s.name,
             s.kind);
    const hsize_t dims2[2] = {nv, nt};
    const std::pair<const char*, const std::vector<double>*> parts[] = {
        {"_mean", &d.mean}, {"_lower", &d.lower}, {"_upper", &d.upper}};
    for (const auto& [suffix, values] : parts) {
      const std::string name = s.name + suffix;
      h5::Handle x = w.dataset(diffs.get(), name.c_str(), H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, 2, dims2, values->data());
      describe(w, x.get(), s.units,
               std::string("Paired difference from the baseline over replicates: ") +
                   (suffix == std::string("_mean") ? "mean"
                    : suffix == std::string("_lower")
                        ? "lower end of the 95% t interval of the mean (NaN with 1 replicate)"
                        : "upper end of the 95% t interval of the mean (NaN with 1 replicate)"),
               s.kind);
    }
  }
  if (!r.municipal.empty()) {
    h5::Handle g = w.group(w.root(), "municipal_series");
    for (const Series& s : r.municipal) {
      const hsize_t dims[4] = {nv, nr, nt, nm};
      h5::Handle ds = std::visit(
          [&](const auto& v) {
            using T = typename std::decay_t<decltype(v)>::value_type;
            return w.dataset(g.get(), s.name.c_str(), h5t::native<T>(), h5t::file<T>(), 4, dims, v.data());
          },
          s.data);
      describe(w, ds.get(), s.units, s.description + " (per variant)", s.kind);
      if (!s.labels.empty()) w.attr(ds.get(), "labels", s.labels);
    }
  }
  series.reset(), diffs.reset(), scales = AxisScales{};
  w.close();
}

}  // namespace tsunagi
