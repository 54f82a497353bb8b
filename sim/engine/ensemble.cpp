#include "engine/ensemble.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <mutex>
#include <optional>

#include "core/error.hpp"
#include "engine/run_model.hpp"
#include "scenario/municipality_table_builder.hpp"
#include "scenario/record_dates.hpp"
#include "scenario/scenario_source.hpp"

namespace tsunagi {

ResultSet declared_series(const Scenario& s) {
  ResultSet out;
  out.dates = record_dates(s);
  out.municipalities = static_cast<int>(s.municipalities.size());
  const RunModel model(s, out);
  return out;
}

namespace {

/// Replicate `rep` with its own model: the run's resolved scenario with the replicate's
/// overrides, recorded into a one-replicate ResultSet and copied into slot `slot` of `out`.
void run_own_model(const ScenarioSource& resolved, const EnsembleOptions& opt, int threads_within, std::uint64_t rep,
                   int slot, ResultSet& out) {
  const Scenario s = resolved.resolve({}, (*opt.replicate_overrides)(rep));
  ResultSet one;
  one.replicates = 1;
  one.first_replicate = static_cast<int>(rep);
  one.dates = out.dates;
  one.municipalities = out.municipalities;
  if (!out.case_log.empty()) one.case_log.assign(1, {});
  const RunModel model(s, one, threads_within);
  bool same = one.series.size() == out.series.size();
  for (std::size_t k = 0; same && k < one.series.size(); ++k)
    same = one.series[k].name == out.series[k].name && one.series[k].data.index() == out.series[k].data.index();
  if (!same)
    throw RunError("replicate " + std::to_string(rep) +
                   ": its parameters change which series the run records; expected only values that keep them");
  const RunContext run{model, one.dates, opt.cancel, opt.progress, one.case_log.empty() ? nullptr : &one.case_log,
                       &one,  nullptr,   nullptr};
  run_replicate(run, rep, 0);
  for (std::size_t k = 0; k < one.series.size(); ++k) {
    const std::size_t n = one.values_per_replicate(one.series[k]);
    std::visit(
        [&](const auto& from) {
          auto& into = std::get<std::decay_t<decltype(from)>>(out.series[k].data);
          std::copy(from.begin(), from.begin() + static_cast<std::ptrdiff_t>(n),
                    into.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(slot) * n));
        },
        one.series[k].data);
  }
  if (!out.case_log.empty()) out.case_log[static_cast<std::size_t>(slot)] = std::move(one.case_log[0]);
}

}  // namespace

namespace {

int threads_of(const EnsembleOptions& opt) { return opt.threads > 0 ? opt.threads : omp_get_max_threads(); }

/// Sets slot `slot` of every series to zero and empties its case log: a streamed run's
/// replicate starts from the same zeros as a replicate of run_ensemble.
void clear_slot(ResultSet& r, int slot) {
  for (Series& sr : r.series) {
    const std::size_t n = r.values_per_replicate(sr);
    std::visit(
        [&](auto& v) {
          using T = typename std::decay_t<decltype(v)>::value_type;
          const auto from = v.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(slot) * n);
          std::fill(from, from + static_cast<std::ptrdiff_t>(n), T{});
        },
        sr.data);
  }
  if (!r.case_log.empty()) {
    auto& rows = r.case_log[static_cast<std::size_t>(slot)];
    rows.clear();
    rows.shrink_to_fit();
  }
}

/// Runs the ensemble into `out`, which has `slots` result slots: all replicates (slots ==
/// opt.replicates, no sink), or a ring of slots that `sink` empties in replicate order.
void run_into(const Scenario& s, const EnsembleOptions& opt, ResultSet& out, int slots, const ReplicateSink* sink) {
  out.replicates = slots;
  out.first_replicate = opt.first_replicate;
  out.dates = record_dates(s);
  out.municipalities = static_cast<int>(s.municipalities.size());

  std::exception_ptr failure;
  std::mutex mutex;  // guards failure and, when streaming, the hand-over state below
  std::condition_variable slot_free;
  int next_out = 0;                                         // the next replicate to hand to the sink
  std::vector<char> done(static_cast<std::size_t>(slots));  // per slot: finished, not yet handed over
  std::atomic<int> next_start{0};
  const int threads = threads_of(opt);
  // Threads go to replicates first. Left-over threads spread a replicate's casework over
  // municipalities only when there are enough municipalities to pay for a parallel region
  // each simulated day: for a prefecture (tens of municipalities) the daily fork and join
  // costs more than the work (measured: Oita with cases, 1 replicate, 0.10 s on 1 thread,
  // 0.52 s on 2).
  constexpr int kMunicipalitiesPerThread = 100;
  const int across = std::max(1, std::min(threads, opt.replicates));
  const bool split_municipalities =
      across < threads && out.municipalities >= kMunicipalitiesPerThread * (threads / across);
  if (s.cases.enabled && s.output.case_log != OutputSpec::CaseLog::kOff)
    out.case_log.assign(static_cast<std::size_t>(slots), {});
  const RunModel model(s, out, split_municipalities ? threads / across : 1);
  const RunContext run{model, out.dates,   opt.cancel, opt.progress, out.case_log.empty() ? nullptr : &out.case_log,
                       &out,  opt.restore, opt.capture};
  const int stride = opt.replicate_stride;
  if (stride < 1) throw RunError("internal: a replicate stride below 1");
  const int span = opt.replicates > 0 ? (opt.replicates - 1) * stride + 1 : 0;  // replicate numbers covered
  if (opt.restore) check_restorable(*opt.restore, s, opt.first_replicate, span);
  std::optional<ScenarioSource> resolved;  // each replicate's model starts from it
  if (opt.replicate_overrides) {
    if (opt.restore || opt.capture) throw RunError("internal: per-replicate overrides with a checkpoint");
    resolved.emplace(ScenarioSource::from_text(s.resolved_toml, s.source_path,
                                               std::filesystem::path(s.source_path).parent_path().string()));
  }
  if (opt.capture) {
    if (opt.first_replicate >= stride) throw RunError("internal: a checkpoint is taken of replicates from 0");
    // Indexed by replicate number; a rank's share (stride > 1) leaves the others' empty.
    opt.capture->states.assign(static_cast<std::size_t>(opt.first_replicate + span), {});
    opt.capture->records.assign(static_cast<std::size_t>(opt.first_replicate + span), {});
  }
  // Each thread takes the next replicate number in turn (increasing), so replicate
  // next_out has always been started by the time a thread waits for its slot.
#pragma omp parallel num_threads(across)
  for (;;) {
    const int i = next_start.fetch_add(1);
    if (i >= opt.replicates) break;
    const int slot = sink ? i % slots : i;
    {
      std::unique_lock lock(mutex);
      if (sink) slot_free.wait(lock, [&] { return failure || i < next_out + slots; });
      if (failure) continue;  // stop starting new replicates after a failure
    }
    try {
      if (sink && i >= slots) clear_slot(out, slot);
      // Results go to the slot; random streams are keyed by the global replicate number.
      const std::uint64_t rep = static_cast<std::uint64_t>(opt.first_replicate) +
                                static_cast<std::uint64_t>(i) * static_cast<std::uint64_t>(stride);
      if (resolved)
        run_own_model(*resolved, opt, split_municipalities ? threads / across : 1, rep, slot, out);
      else
        run_replicate(run, rep, slot);
      if (sink) {
        std::lock_guard lock(mutex);
        done[static_cast<std::size_t>(slot)] = 1;
        while (!failure && next_out < opt.replicates && done[static_cast<std::size_t>(next_out % slots)]) {
          const int ready = next_out % slots;
          try {
            (*sink)(out, ready, next_out);
          } catch (...) {
            // Recorded before the lock is released, so no other thread hands it over again.
            failure = std::current_exception();
          }
          done[static_cast<std::size_t>(ready)] = 0;
          ++next_out;
        }
        slot_free.notify_all();
      }
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!failure) failure = std::current_exception();
      slot_free.notify_all();
    }
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

ResultSet run_ensemble(const Scenario& s, const EnsembleOptions& opt) {
  ResultSet out;
  run_into(s, opt, out, opt.replicates, nullptr);
  return out;
}

int stream_slots(const EnsembleOptions& opt) {
  return std::max(1, std::min(opt.replicates, 2 * std::max(1, std::min(threads_of(opt), opt.replicates))));
}

void stream_ensemble(const Scenario& s, const EnsembleOptions& opt, const ReplicateSink& sink) {
  ResultSet ring;
  run_into(s, opt, ring, stream_slots(opt), &sink);
}

void append_replicates(ResultSet& into, ResultSet&& more) {
  for (std::size_t k = 0; k < into.series.size(); ++k)
    std::visit(
        [&](auto& a) {
          auto& b = std::get<std::decay_t<decltype(a)>>(more.series[k].data);
          a.insert(a.end(), b.begin(), b.end());
        },
        into.series[k].data);
  for (auto& log : more.case_log) into.case_log.push_back(std::move(log));
  into.replicates += more.replicates;
}

}  // namespace tsunagi
