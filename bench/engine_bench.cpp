// Benchmarks of the engine: `build/release/bench/tsunagi_bench` (see bench/README.md).
//   BM_OitaReplicate     one replicate of the default scenario (scenarios/oita.toml)
//   BM_NationalDay       one simulated day of development and adviser work, 1,741 municipalities
//   BM_NationalReplicate one replicate, all 1,741 municipalities, 2020-04-01 to 2031-03-31
//   BM_NationalCases     one replicate with case flows (scenarios/cases/national_baseline.toml run
//                        to 2031-03-31), on 1 and 2 threads (municipalities spread over threads)
//   BM_MmcTenMillion     one agency (M/M/c, c = 10, rho = 0.9), 10 million arrivals fed a day
//                        at a time; the counter is case events (arrivals + services) per second
#include <benchmark/benchmark.h>

#include "engine/ensemble.hpp"
#include "processes/advisers/adviser_deployment.hpp"
#include "processes/cases/queue_network.hpp"
#include "processes/development/municipal_development.hpp"
#include "processes/workforce/workforce.hpp"
#include "scenario/loader.hpp"
#include "scenario/municipality_table_builder.hpp"

namespace tsunagi {
namespace {

std::string source(const char* rel) { return std::string(TSUNAGI_SOURCE_DIR) + "/" + rel; }

// The shipped national scenario: 1,741 municipalities, 47 adviser programmes, 2020-04
// to 2031-03 (issue 3's performance target: one replicate in under 2 s, under 500 MB).
Scenario national() { return load_scenario(source("scenarios/national.toml")); }

void BM_OitaReplicate(benchmark::State& state) {
  const Scenario s = load_scenario(source("scenarios/oita.toml"));
  for (auto _ : state) benchmark::DoNotOptimize(run_ensemble(s, EnsembleOptions{1, 1}));
  state.counters["sim_days/s"] =
      benchmark::Counter(static_cast<double>(s.days()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_OitaReplicate)->Unit(benchmark::kMillisecond);

void BM_NationalDay(benchmark::State& state) {
  const Scenario s = national();
  const MunicipalityTable mt = build_municipality_table(s);
  MunicipalDevelopment dev(s, mt, 0);
  AdviserDeployment adv(s, mt, 0);
  DevelopmentState ds;
  AdviserState as;
  dev.initialise(ds);
  adv.initialise(as);
  WorkforceState ws;
  Workforce(s, mt, {}, 0).initialise(ds, ws);
  dev.start_month(s.start, ws.officer_effect, CaseSignals{}, ds);
  adv.plan_month(s.start, ws, ds, as);
  for (auto _ : state) {
    adv.step_day(as);
    dev.step_day(as, ds);
    benchmark::ClobberMemory();
  }
  state.counters["municipalities"] = static_cast<double>(mt.size());
}
BENCHMARK(BM_NationalDay)->Unit(benchmark::kMicrosecond);

void BM_NationalReplicate(benchmark::State& state) {
  const Scenario s = national();
  for (auto _ : state) benchmark::DoNotOptimize(run_ensemble(s, EnsembleOptions{1, 1}));
}
BENCHMARK(BM_NationalReplicate)->Unit(benchmark::kMillisecond);

void BM_NationalCases(benchmark::State& state) {
  const Scenario s = load_scenario(source("scenarios/cases/national_baseline.toml"), {"scenario.end=2031-03-31"});
  for (auto _ : state) benchmark::DoNotOptimize(run_ensemble(s, EnsembleOptions{1, static_cast<int>(state.range(0))}));
}
BENCHMARK(BM_NationalCases)->Arg(1)->Arg(2)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

// Workforce dynamics across the country: every officer, consultation worker and adviser
// post over FY2020-FY2030 with case flows; against BM_NationalCases, the cost of the
// workforce (docs/model.md §4).
void BM_NationalCasesWorkforce(benchmark::State& state) {
  const Scenario s = load_scenario(source("scenarios/cases/national_baseline.toml"),
                                   {"scenario.end=2031-03-31", "workforce.advisers.pipeline=true"});
  for (auto _ : state) benchmark::DoNotOptimize(run_ensemble(s, EnsembleOptions{1, 1}));
}
BENCHMARK(BM_NationalCasesWorkforce)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

void BM_MmcTenMillion(benchmark::State& state) {
  NetworkSpec spec;
  spec.resize(1, 1);
  spec.servers[0] = 10;
  spec.service_rate[0] = 1.0;
  const double lambda = 9.0;  // per day: 10 million arrivals in about 1.1 million days
  for (auto _ : state) {
    QueueNetwork net(spec, 1, 0);
    RandomStream arrivals(StreamKey{1, 0, StreamId::kCaseArrivals, 0, 0});
    double t = arrivals.exponential(lambda);
    std::uint64_t n = 0;
    for (double day = 1.0; n < 10'000'000; day += 1.0) {
      for (; t < day && n < 10'000'000; t += arrivals.exponential(lambda)) net.arrive(t, 0, 0, false, n++);
      net.run_until(day);
      net.exits().clear();  // the case process reads and clears these daily
    }
    net.run_until(net.now() + 1000.0);
    state.counters["events/s"] =
        benchmark::Counter(static_cast<double>(net.events_processed()), benchmark::Counter::kIsRate);
    benchmark::DoNotOptimize(net.stats(0).wait_sum);
  }
}
BENCHMARK(BM_MmcTenMillion)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace tsunagi

BENCHMARK_MAIN();
