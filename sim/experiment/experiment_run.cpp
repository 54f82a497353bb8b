#include "experiment/experiment_run.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "engine/ensemble.hpp"
#include "scenario/record_dates.hpp"

namespace tsunagi {
namespace {

bool has_override(const std::vector<std::string>& overrides, const std::string& key) {
  return std::any_of(overrides.begin(), overrides.end(),
                     [&](const std::string& o) { return o.rfind(key + "=", 0) == 0; });
}

/// A variant's scenario, with problems in its own overrides located at its [[variant]].
Scenario resolve_variant(const ExperimentSpec& spec, const ScenarioSource& source, const VariantSpec& v,
                         std::vector<std::string> overrides, Diagnostics& diags) {
  const std::size_t own_from = overrides.size();
  overrides.insert(overrides.end(), v.overrides.begin(), v.overrides.end());
  try {
    return source.resolve(overrides);
  } catch (const InputError& e) {
    for (Diagnostic d : e.diagnostics()) {
      if (d.file == "--set" && own_from < overrides.size() && !v.overrides.empty()) {
        d.message = "variant \"" + v.name + "\": " + d.message;
        d.file = spec.path, d.line = v.line, d.column = 0, d.key = "variant.set: " + d.key;
      }
      diags.add(std::move(d));
    }
    return Scenario{};
  }
}

bool same_municipalities(const Scenario& a, const Scenario& b) {
  if (a.municipalities.size() != b.municipalities.size()) return false;
  for (std::size_t m = 0; m < a.municipalities.size(); ++m)
    if (a.municipalities[m].code != b.municipalities[m].code) return false;
  return true;
}

/// The first of the variant's overrides that sets a key of `table` (or the whole table).
std::string override_of(const VariantSpec& v, const std::string& table) {
  for (const std::string& o : v.overrides) {
    const std::string key = o.substr(0, o.find('='));
    if (key == table || key.rfind(table + ".", 0) == 0) return key;
  }
  return {};
}

/// A table whose presence switches on a dynamic of the model (docs/experiments.md).
struct Dynamic {
  const char* table;
  const char* what;
  bool (*on)(const Scenario&);
};
constexpr Dynamic kDynamics[] = {
    {"workforce",
     "staff turnover (officers, consultation workers and advisers leave and are replaced, docs/model.md §4)",
     [](const Scenario& s) { return s.workforce.enabled; }},
    {"cases", "case flows (docs/model.md §5)", [](const Scenario& s) { return s.cases.enabled; }},
};

/// Refuses a variant that switches on a dynamic the baseline lacks: its difference from
/// the baseline would be the dynamic's effect mixed with the policy's.
void check_dynamics(const ExperimentSpec& spec, const Scenario& base, const Scenario& s, const VariantSpec& v,
                    Diagnostics& diags) {
  for (const Dynamic& d : kDynamics) {
    if (d.on(base) || !d.on(s)) continue;
    const std::string key = override_of(v, d.table);
    const std::string table = std::string("[") + d.table + "]";
    diags.add(Diagnostic{
        spec.path, v.line, 0, key.empty() ? "variant.scenario" : "variant.set: " + key,
        "variant \"" + v.name + "\" switches on " + table + ", " + d.what + ", which the baseline \"" +
            spec.variants[0].name +
            "\" lacks: its difference from the baseline would mix that dynamic's effect with "
            "the policy's; expected the same dynamics in every variant: put the " +
            table +
            " table in the baseline's scenario (or give its keys with --set on the command line, which applies to "
            "every variant) and keep only the policy in the variant",
        std::string(d.table) == "workforce"
            ? "to take advisers away for good without turnover, use advisers.departure=[{date=..., count=N}] "
              "(docs/scenarios.md)"
            : std::string()});
  }
}

/// The plan of `spec` from scenarios and a checkpoint already read.
ExperimentPlan plan_from(const ExperimentSpec& spec, std::vector<ScenarioSource> sources,
                         std::optional<Checkpoint> branch_from, const std::vector<std::string>& overrides) {
  ExperimentPlan plan{spec, {}, std::move(branch_from), std::move(sources)};
  std::vector<std::string> common = overrides;
  if (spec.seed && !has_override(common, "scenario.seed"))
    common.push_back("scenario.seed=" + std::to_string(*spec.seed));
  if (spec.replicates && !has_override(common, "scenario.replicates"))
    common.push_back("scenario.replicates=" + std::to_string(*spec.replicates));
  Diagnostics diags;
  plan.scenarios.push_back(resolve_variant(spec, plan.sources[0], spec.variants[0], common, diags));
  diags.throw_if_any();
  // A variant with its own scenario file runs with the baseline's seed and replicates
  // (common random numbers), unless the variant sets them (refused below).
  std::vector<std::string> own_file = common;
  if (!has_override(own_file, "scenario.seed"))
    own_file.push_back("scenario.seed=" + std::to_string(plan.scenarios[0].seed));
  if (!has_override(own_file, "scenario.replicates"))
    own_file.push_back("scenario.replicates=" + std::to_string(plan.scenarios[0].replicates));
  for (std::size_t i = 1; i < spec.variants.size(); ++i) {
    const VariantSpec& v = spec.variants[i];
    plan.scenarios.push_back(resolve_variant(spec, plan.sources[i], v, v.scenario.empty() ? common : own_file, diags));
  }
  diags.throw_if_any();
  const Scenario& base = plan.scenarios[0];
  for (std::size_t i = 1; i < plan.scenarios.size(); ++i) {
    const Scenario& s = plan.scenarios[i];
    const VariantSpec& v = spec.variants[i];
    auto fail = [&](const std::string& what) {
      diags.add(Diagnostic{spec.path,
                           v.line,
                           0,
                           "variant.set",
                           "variant \"" + v.name + "\" changes " + what +
                               "; expected only policy changes, so that variants compare the same municipalities over "
                               "the same dates with the same random numbers",
                           {}});
    };
    if (!same_municipalities(s, base)) fail("the municipalities");
    if (s.start != base.start || s.end != base.end || record_dates(s) != record_dates(base)) fail("the dates");
    if (s.seed != base.seed) fail("the seed");
    if (s.replicates != base.replicates) fail("the number of replicates");
    check_dynamics(spec, base, s, v, diags);
  }
  diags.throw_if_any();
  if (plan.branch_from)
    for (const Scenario& s : plan.scenarios) check_restorable(*plan.branch_from, s, 0, s.replicates);
  return plan;
}

}  // namespace

ExperimentPlan plan_experiment(const ExperimentSpec& spec, const std::vector<std::string>& overrides,
                               const std::string& branch_from, CheckpointReader read_checkpoint) {
  ExperimentSpec planned = spec;
  if (!branch_from.empty()) planned.branch_from = branch_from;
  std::optional<Checkpoint> checkpoint;
  if (!planned.branch_from.empty()) {
    if (!read_checkpoint) throw RunError("internal: an experiment that branches needs a checkpoint reader");
    checkpoint = read_checkpoint(planned.branch_from);
  }
  const ScenarioSource source = ScenarioSource::read(spec.scenario);
  std::vector<ScenarioSource> sources;
  for (const VariantSpec& v : spec.variants)
    sources.push_back(v.scenario.empty() ? source : ScenarioSource::read(v.scenario));
  return plan_from(planned, std::move(sources), std::move(checkpoint), overrides);
}

ExperimentPlan replan_experiment(const ExperimentPlan& plan, const std::vector<std::string>& overrides) {
  return plan_from(plan.spec, plan.sources, plan.branch_from, overrides);
}

const std::vector<std::string> kCaseCategorySeries = {"case_waiting", "case_waiting_long", "case_entered",
                                                      "case_exits"};

std::vector<std::string> experiment_series_names(const ExperimentSpec& spec, const ResultSet& declared) {
  std::vector<std::string> names;
  for (const Series& x : declared.series)
    if (x.shape == SeriesShape::kReplicateTime) names.push_back(x.name);
  const bool with_cases = declared.find("case_waiting") != nullptr;
  for (const std::string& name :
       spec.category_series.value_or(with_cases ? kCaseCategorySeries : std::vector<std::string>{})) {
    const Series* sr = declared.find(name);
    if (!sr || sr->axis < 0 || sr->shape != SeriesShape::kReplicateTimeMunicipalityCategory) continue;
    for (const std::string& label : declared.axes[static_cast<std::size_t>(sr->axis)].labels)
      names.push_back(name + "[" + label + "]");
  }
  return names;
}

ExperimentResult run_experiment(const ExperimentPlan& plan, const ExperimentRunOptions& opt) {
  const int n = opt.replicates > 0 ? opt.replicates : plan.scenarios[0].replicates;
  ExperimentResult out;
  out.variants = static_cast<int>(plan.scenarios.size());
  out.replicates = n;
  out.first_replicate = opt.first_replicate;
  out.municipalities = static_cast<int>(plan.scenarios[0].municipalities.size());
  struct CategoryTotal {
    std::string source;  // empty: an (R, T) series of the run itself
    std::size_t category = 0, categories = 0;
  };
  std::vector<CategoryTotal> totals;  // [series]
  // What the experiment keeps, decided from the baseline's declared series before any run:
  // a series the experiment file names but the scenario lacks is refused with no work done.
  const ResultSet r = declared_series(plan.scenarios[0]);
  out.dates = r.dates;
  for (const Series& sr : r.series)
    if (sr.shape == SeriesShape::kReplicateTime) {
      out.series.push_back(VariantSeries{sr.name, sr.units, sr.description, sr.kind, {}});
      totals.push_back({});
    }
  for (const std::string& name : plan.spec.municipal_series) {
    const Series* sr = r.find(name);
    if (!sr || sr->shape != SeriesShape::kReplicateTimeMunicipality)
      throw InputError({Diagnostic{plan.spec.path,
                                   0,
                                   0,
                                   "experiment.municipal_series",
                                   "found \"" + name +
                                       "\", which is not a per-municipality series of this scenario; "
                                       "expected a (replicate, time, municipality) series such as kikan_stage "
                                       "(docs/output.md)",
                                   {}}});
    Series kept = *sr;
    std::visit([](auto& d) { d.clear(); }, kept.data);
    out.municipal.push_back(std::move(kept));
  }
  // Per-category series (per agency, exit kind...) as one (replicate, time) total over
  // municipalities per category: "case_waiting[hub]", compared like any other series.
  const bool with_cases = r.find("case_waiting") != nullptr;
  const std::vector<std::string> categories =
      plan.spec.category_series.value_or(with_cases ? kCaseCategorySeries : std::vector<std::string>{});
  for (const std::string& name : categories) {
    const Series* sr = r.find(name);
    if (!sr || sr->shape != SeriesShape::kReplicateTimeMunicipalityCategory || sr->axis < 0 ||
        sr->kind == SeriesKind::kPeriodStatistic)
      throw InputError({Diagnostic{
          plan.spec.path,
          plan.spec.category_series_line,
          0,
          "experiment.category_series",
          "found \"" + name +
              "\", which is not a stock or flow with a category axis in this scenario; expected a (replicate, "
              "time, municipality, category) series such as case_waiting or case_exits (docs/output.md)",
          {}}});
    const CategoryAxis& axis = r.axes[static_cast<std::size_t>(sr->axis)];
    for (std::size_t c = 0; c < axis.labels.size(); ++c) {
      out.series.push_back(
          VariantSeries{name + "[" + axis.labels[c] + "]",
                        sr->units,
                        sr->description + "; " + axis.name + " " + axis.labels[c] + ", total over municipalities",
                        sr->kind,
                        {}});
      totals.push_back({name, c, axis.labels.size()});
    }
  }
  const std::size_t nt = out.times(), mun = static_cast<std::size_t>(out.municipalities);
  for (Series& kept : out.municipal)
    std::visit([&](auto& d) { d.reserve(plan.scenarios.size() * static_cast<std::size_t>(n) * nt * mun); }, kept.data);
  for (VariantSeries& vs : out.series) vs.values.reserve(plan.scenarios.size() * static_cast<std::size_t>(n) * nt);

  for (std::size_t v = 0; v < plan.scenarios.size(); ++v) {
    const Scenario& s = plan.scenarios[v];
    out.resolved_toml.push_back(s.resolved_toml);
    // Streamed (engine/ensemble.hpp): each replicate, in replicate order, gives up what the
    // experiment keeps and its slot is reused, so memory holds the threads' replicates, not
    // the variant's.
    std::vector<const Series*> sources(out.series.size()), municipal(out.municipal.size());
    bool found = false;  // sources and municipal point into the streamed run's slots
    const ReplicateSink keep = [&](const ResultSet& rs, int slot, int) {
      if (!found) {
        auto missing = [&](const std::string& source) {
          throw InputError({Diagnostic{plan.spec.path,
                                       plan.spec.variants[v].line,
                                       0,
                                       "variant.set",
                                       "variant \"" + plan.spec.variants[v].name + "\" has no series " + source +
                                           " (does it switch case flows on or off?); expected the baseline's series",
                                       {}}});
        };
        for (std::size_t k = 0; k < out.series.size(); ++k) {
          const std::string& source = totals[k].source.empty() ? out.series[k].name : totals[k].source;
          if (!(sources[k] = rs.find(source))) missing(source);
        }
        for (std::size_t k = 0; k < out.municipal.size(); ++k)
          if (!(municipal[k] = rs.find(out.municipal[k].name))) missing(out.municipal[k].name);
        found = true;
      }
      for (std::size_t k = 0; k < out.series.size(); ++k) {
        VariantSeries& vs = out.series[k];
        const Series& sr = *sources[k];
        const std::size_t width = rs.values_per_replicate(sr), from = static_cast<std::size_t>(slot) * width;
        if (totals[k].source.empty()) {
          std::visit(
              [&](const auto& d) {
                for (std::size_t i = from; i < from + width; ++i) vs.values.push_back(static_cast<double>(d[i]));
              },
              sr.data);
          continue;
        }
        const std::size_t cats = totals[k].categories;
        std::visit(
            [&](const auto& d) {
              for (std::size_t row = 0; row < nt; ++row) {  // time
                double sum = 0;
                for (std::size_t m = 0; m < mun; ++m) {
                  const double x = static_cast<double>(d[from + (row * mun + m) * cats + totals[k].category]);
                  if (std::isfinite(x)) sum += x;
                }
                vs.values.push_back(sum);
              }
            },
            sr.data);
      }
      for (std::size_t k = 0; k < out.municipal.size(); ++k) {
        const std::size_t width = rs.values_per_replicate(*municipal[k]);
        std::visit(
            [&](auto& into) {
              const auto& d = std::get<std::decay_t<decltype(into)>>(municipal[k]->data);
              const auto first = d.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(slot) * width);
              into.insert(into.end(), first, first + static_cast<std::ptrdiff_t>(width));
            },
            out.municipal[k].data);
      }
    };
    stream_ensemble(s,
                    EnsembleOptions{n, opt.threads, opt.first_replicate, opt.cancel, opt.progress,
                                    plan.branch_from ? &*plan.branch_from : nullptr, nullptr, opt.replicate_overrides},
                    keep);
  }
  return out;
}

void append_replicates(ExperimentResult& into, const ExperimentResult& more) {
  const std::size_t t = into.times();
  const auto ra = static_cast<std::size_t>(into.replicates), rb = static_cast<std::size_t>(more.replicates);
  auto interleave = [&](auto& a, const auto& b, std::size_t width) {
    std::decay_t<decltype(a)> merged;
    merged.reserve(a.size() + b.size());
    for (std::size_t v = 0; v < static_cast<std::size_t>(into.variants); ++v) {
      merged.insert(merged.end(), a.begin() + static_cast<std::ptrdiff_t>(v * ra * width),
                    a.begin() + static_cast<std::ptrdiff_t>((v + 1) * ra * width));
      merged.insert(merged.end(), b.begin() + static_cast<std::ptrdiff_t>(v * rb * width),
                    b.begin() + static_cast<std::ptrdiff_t>((v + 1) * rb * width));
    }
    a = std::move(merged);
  };
  for (std::size_t k = 0; k < into.series.size(); ++k) interleave(into.series[k].values, more.series[k].values, t);
  const std::size_t width = t * static_cast<std::size_t>(into.municipalities);
  for (std::size_t k = 0; k < into.municipal.size(); ++k)
    std::visit([&](auto& a) { interleave(a, std::get<std::decay_t<decltype(a)>>(more.municipal[k].data), width); },
               into.municipal[k].data);
  into.replicates += more.replicates;
}

}  // namespace tsunagi
