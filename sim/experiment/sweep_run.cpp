#include "experiment/sweep_run.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include <toml++/toml.h>
#include "core/error.hpp"
#include "core/version.hpp"
#include "engine/ensemble.hpp"
#include "scenario/overrides.hpp"
#include "scenario/record_dates.hpp"
#include "scenario/table_reader.hpp"

namespace tsunagi {
namespace {

/// Parameter j's value at a point, as the override that sets it: an integer parameter's
/// rounded value; otherwise a whole number shown without point or exponent is an integer
/// (it suits an integer key, and a real key takes it as well), anything else a real.
TypedOverride parameter_override(const SweepPlan& plan, std::size_t point, std::size_t j) {
  const SweepParameter& p = plan.spec.parameters[j];
  const double v = plan.design.value(point, j);
  if (p.integer) return {p.key, static_cast<std::int64_t>(std::llround(v))};
  return number_override(p.key, v);
}

bool has_override(const std::vector<std::string>& overrides, const std::string& key) {
  return std::any_of(overrides.begin(), overrides.end(),
                     [&](const std::string& o) { return o.rfind(key + "=", 0) == 0; });
}

std::string error_text(const InputError& e) {
  std::string out;
  for (const auto& d : e.diagnostics()) out += (out.empty() ? "" : "; ") + d.format();
  return out;
}

/// A value the parameter's key cannot take at any point: the key holds no number in the
/// resolved scenario, or an integer while a point gives a fraction. Such a point is
/// confirmed by resolving the base with that value alone; its problems at the key are
/// reported at the parameter, before any run. (Values out of a key's range are the
/// point's own failure, recorded when it runs, as are rules between keys.)
void check_parameter_values(const SweepPlan& plan, const toml::table& resolved, Diagnostics& diags) {
  for (std::size_t j = 0; j < plan.design.parameters; ++j) {
    const SweepParameter& p = plan.spec.parameters[j];
    const toml::node_view<const toml::node> node = resolved.at_path(p.key);
    std::size_t suspect = plan.design.points;
    for (std::size_t point = 0; point < plan.design.points && suspect == plan.design.points; ++point) {
      const TypedOverride o = parameter_override(plan, point, j);
      if (!(node.is_floating_point() || (node.is_integer() && std::holds_alternative<std::int64_t>(o.value))))
        suspect = point;
    }
    if (suspect == plan.design.points) continue;
    try {
      (void)plan.source->resolve(plan.overrides, {parameter_override(plan, suspect, j)});
    } catch (const InputError& e) {
      for (const Diagnostic& d : e.diagnostics())
        if (d.key == p.key)
          diags.add(Diagnostic{plan.spec.path,
                               p.line,
                               0,
                               "parameter.key",
                               "point " + std::to_string(suspect) + " sets " + p.key +
                                   " to a value it does not take: " + d.message +
                                   (p.integer || !node.is_integer() ? "" : " (give the parameter integer = true)"),
                               {}});
    }
  }
}

}  // namespace

SweepPlan plan_sweep(const SweepSpec& spec, const std::vector<std::string>& overrides) {
  SweepPlan plan;
  plan.spec = spec;
  plan.overrides = overrides;
  if (spec.seed && !has_override(overrides, "scenario.seed"))
    plan.overrides.push_back("scenario.seed=" + std::to_string(*spec.seed));
  if (spec.replicates && !has_override(overrides, "scenario.replicates"))
    plan.overrides.push_back("scenario.replicates=" + std::to_string(*spec.replicates));
  plan.source = ScenarioSource::read(spec.scenario);
  plan.base = plan.source->resolve(plan.overrides);
  plan.design = make_design(spec, plan.base.seed);
  plan.dates = record_dates(plan.base);

  const ResultSet declared = declared_series(plan.base);
  Diagnostics diags;
  for (const SweepOutput& o : spec.outputs) {
    const Series* s = declared.find(o.series);
    if (!s || s->shape != SeriesShape::kReplicateTime) {
      std::vector<std::string> names;
      for (const auto& x : declared.series)
        if (x.shape == SeriesShape::kReplicateTime) names.push_back(x.name);
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      diags.add(Diagnostic{spec.path, o.line, 0, "output.series",
                           "found \"" + o.series + "\", which is not a (replicate, time) series of " + spec.scenario +
                               "; expected one of " + list,
                           nearest(o.series, names).empty() ? "" : "did you mean '" + nearest(o.series, names) + "'?"});
      plan.output_time.push_back(0);
      continue;
    }
    std::size_t t = plan.dates.size() - 1;
    if (o.date) {
      // Any day of the run: the state on that day is its last record on or before it.
      const auto it = std::upper_bound(plan.dates.begin(), plan.dates.end(), *o.date);
      if (*o.date < plan.base.start || plan.base.end < *o.date || it == plan.dates.begin())
        diags.add(Diagnostic{spec.path,
                             o.line,
                             0,
                             "output.date",
                             "found " + o.date->iso() + ", which is outside the run; expected a day from " +
                                 plan.dates.front().iso() + " to " + plan.base.end.iso() +
                                 " (read as the last record on or before it)",
                             {}});
      else
        t = static_cast<std::size_t>(it - plan.dates.begin()) - 1;
    }
    plan.output_time.push_back(t);
  }
  // Every parameter must be a key of the scenario: its resolved form lists them all.
  const toml::table resolved = toml::parse(plan.base.resolved_toml);
  for (const SweepParameter& p : spec.parameters)
    if (!resolved.at_path(p.key))
      diags.add(Diagnostic{
          spec.path,
          p.line,
          0,
          "parameter.key",
          "found \"" + p.key + "\", which is not a key of " + spec.scenario +
              "; expected a key path of the resolved scenario (tsunagi validate --print-resolved lists them)",
          {}});
  diags.throw_if_any();
  check_parameter_values(plan, resolved, diags);
  diags.throw_if_any();
  if (spec.keep_series)
    for (const auto& x : declared.series)
      if (x.shape == SeriesShape::kReplicateTime)
        plan.kept_series.emplace_back(x.name), plan.kept_units.emplace_back(x.units),
            plan.kept_kinds.emplace_back(kind_name(x.kind));

  std::ostringstream identity;
  identity << version() << '\n' << spec.text << '\n' << plan.base.resolved_toml << '\n';
  for (const auto& o : plan.overrides) identity << o << '\n';
  plan.sweep_hash = content_hash(identity.str());
  return plan;
}

std::vector<TypedOverride> point_values(const SweepPlan& plan, std::size_t point) {
  std::vector<TypedOverride> out;
  for (std::size_t j = 0; j < plan.design.parameters; ++j) out.push_back(parameter_override(plan, point, j));
  return out;
}

Scenario point_scenario(const SweepPlan& plan, std::size_t point) {
  return plan.source->resolve(plan.overrides, point_values(plan, point));
}

PointRecord run_point(const SweepPlan& plan, std::size_t point, int threads, const std::atomic<int>* cancel) {
  PointRecord rec;
  rec.point = point;
  rec.config_hash = "none";
  try {
    const Scenario s = point_scenario(plan, point);
    rec.config_hash = content_hash(s.resolved_toml);
    // Streamed (engine/ensemble.hpp): each replicate, in replicate order, gives up its
    // outputs and kept series, so a point holds its threads' replicates, not all of them.
    if (record_dates(s) != plan.dates) throw RunError("the point's parameters changed the record dates");
    const std::size_t nt = plan.dates.size();
    std::vector<std::vector<double>> outputs(plan.spec.outputs.size()), kept(plan.kept_series.size());
    auto values_of = [](const ResultSet& r, const std::string& name, auto&& use) {
      const Series* sr = r.find(name);
      if (!sr) throw RunError("the point's run has no series " + name);
      std::visit([&](const auto& v) { use(v); }, sr->data);
    };
    const ReplicateSink keep = [&](const ResultSet& r, int slot, int) {
      const std::size_t from = static_cast<std::size_t>(slot) * nt;
      for (std::size_t k = 0; k < plan.spec.outputs.size(); ++k)
        values_of(r, plan.spec.outputs[k].series,
                  [&](const auto& v) { outputs[k].push_back(static_cast<double>(v[from + plan.output_time[k]])); });
      for (std::size_t k = 0; k < plan.kept_series.size(); ++k)
        values_of(r, plan.kept_series[k], [&](const auto& v) {
          for (std::size_t t = 0; t < nt; ++t) kept[k].push_back(static_cast<double>(v[from + t]));
        });
    };
    stream_ensemble(s, EnsembleOptions{s.replicates, threads, 0, cancel, nullptr}, keep);
    // The record's order: [output][replicate], then [kept series][replicate][time].
    for (const auto& o : outputs) rec.outputs.insert(rec.outputs.end(), o.begin(), o.end());
    for (const auto& k : kept) rec.series.insert(rec.series.end(), k.begin(), k.end());
    rec.ok = true;
  } catch (const InputError& e) {
    rec.ok = false, rec.error = error_text(e);
  } catch (const Cancelled&) {
    throw;
  } catch (const std::exception& e) {
    rec.ok = false, rec.error = e.what();
  }
  return rec;
}

std::set<std::size_t> completed_points(const SweepPlan& plan, const SweepJournal& journal) {
  std::set<std::size_t> done;
  for (const auto& [point, rec] : journal.records()) {
    if (!rec.ok || point >= plan.design.points) continue;
    std::string hash = "none";
    try {
      hash = content_hash(point_scenario(plan, point).resolved_toml);
    } catch (const InputError&) {
    }
    if (hash == rec.config_hash) done.insert(point);
  }
  return done;
}

std::vector<PointRecord> run_sweep(const SweepPlan& plan, SweepJournal* journal, int threads,
                                   const std::atomic<int>* cancel, const MpiSession& mpi,
                                   const std::function<void(const PointRecord&)>& on_point) {
  // Rank 0 decides which points are done (in the journal with an unchanged configuration)
  // and tells the others.
  std::string done_list;
  if (mpi.is_root() && journal)
    for (std::size_t p : completed_points(plan, *journal)) done_list += std::to_string(p) + ' ';
  done_list = mpi.broadcast_from_root(done_list);
  std::set<std::size_t> done;
  {
    std::istringstream in(done_list);
    for (std::size_t p; in >> p;) done.insert(p);
  }
  std::map<std::size_t, PointRecord> records;
  if (mpi.is_root() && journal)
    for (std::size_t p : done) records[p] = journal->records().at(p);
  auto keep = [&](PointRecord rec) {
    if (journal) journal->append(rec);
    if (on_point) on_point(rec);
    records[rec.point] = std::move(rec);
  };
  int finished = 0;  // ranks that have sent all their points (rank 0 only)
  auto receive = [&](const MpiSession::Message& m) {
    if (m.done) {
      ++finished;
      return;
    }
    PointRecord other;
    if (!decode_point(m.text, other)) throw RunError("rank " + std::to_string(m.source) + " sent a malformed record");
    keep(std::move(other));
  };
  std::vector<std::size_t> todo;
  for (std::size_t i = static_cast<std::size_t>(mpi.rank()); i < plan.design.points;
       i += static_cast<std::size_t>(mpi.size()))
    if (!done.count(i)) todo.push_back(i);

  // Points run in parallel, one per thread (a point is short and mostly serial: loading
  // its scenario), unless there are fewer points than threads. Only the main thread
  // journals and talks to other ranks (one thread at a time: MPI_THREAD_SERIALIZED): workers queue their records.
  const int across = std::max(1, std::min(threads, static_cast<int>(todo.size())));
  const int within = std::max(1, threads / across);
  std::mutex queue_mutex;
  std::deque<PointRecord> queue;
  std::exception_ptr failure;
  auto drain = [&] {
    std::deque<PointRecord> batch;
    {
      std::lock_guard lock(queue_mutex);
      batch.swap(queue);
    }
    for (PointRecord& rec : batch) {
      if (mpi.is_root())
        keep(std::move(rec));
      else
        mpi.send_to_root(encode_point(rec));
    }
    if (mpi.is_root())
      while (auto m = mpi.poll()) receive(*m);
  };
#pragma omp parallel for schedule(dynamic, 1) num_threads(across)
  for (std::size_t k = 0; k < todo.size(); ++k) {  // NOLINT(modernize-loop-convert): OpenMP needs the index loop
    bool stop = false;
    {
      std::lock_guard lock(queue_mutex);
      stop = failure != nullptr;
    }
    if (!stop) {
      try {
        PointRecord rec = run_point(plan, todo[k], within, cancel);
        std::lock_guard lock(queue_mutex);
        queue.push_back(std::move(rec));
      } catch (...) {
        std::lock_guard lock(queue_mutex);
        if (!failure) failure = std::current_exception();
      }
    }
    if (omp_get_thread_num() == 0) {
      try {
        drain();
      } catch (...) {
        std::lock_guard lock(queue_mutex);
        if (!failure) failure = std::current_exception();
      }
    }
  }
  drain();
  if (failure) std::rethrow_exception(failure);
  if (!mpi.is_root()) {
    mpi.send_done_to_root();
    return {};
  }
  while (finished < mpi.size() - 1) receive(mpi.wait());
  std::vector<PointRecord> out;
  out.reserve(records.size());
  for (auto& [p, rec] : records) out.push_back(std::move(rec));
  return out;
}

}  // namespace tsunagi
