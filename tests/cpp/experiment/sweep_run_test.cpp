#include "experiment/sweep_run.hpp"

#include <gtest/gtest.h>

#include "engine/ensemble.hpp"
#include "experiment/sweep_spec.hpp"
#include "spec_file_test_support.hpp"

namespace tsunagi {
namespace {

// Four points of Oita's first year, 5 replicates each, two outputs (one at a date, one at
// the last record) and every (replicate, time) series kept.
std::string spec_text() {
  return "[sweep]\n"
         "name = \"s\"\n"
         "scenario = \"" +
         test::oita() +
         "\"\n"
         "design = \"grid\"\n"
         "replicates = 5\n"
         "keep_series = true\n"
         "\n"
         "[[parameter]]\n"
         "key = \"advisers.count\"\n"
         "values = [0, 3, 5, 8]\n"
         "integer = true\n"
         "\n"
         "[[output]]\n"
         "name = \"cov\"\n"
         "series = \"kikan_coverage\"\n"
         "date = \"2024-10-01\"\n"
         "\n"
         "[[output]]\n"
         "name = \"hours\"\n"
         "series = \"adviser_hours_support\"\n";
}

TEST(RunPoint, StreamedPointKeepsWhatTheWholePointInMemoryGives) {
  test::TempDir dir;
  const SweepPlan plan =
      plan_sweep(load_sweep(test::write(dir.file("s.toml"), spec_text())), {"scenario.end=2025-03-31"});
  ASSERT_EQ(plan.design.points, 4u);
  ASSERT_FALSE(plan.kept_series.empty());
  for (std::size_t point = 0; point < plan.design.points; ++point) {
    // The reference: the point's replicates held in memory, outputs [output][replicate],
    // kept series [series][replicate][time].
    const Scenario s = point_scenario(plan, point);
    const ResultSet r = run_ensemble(s, EnsembleOptions{s.replicates, 1});
    std::vector<double> outputs, series;
    auto column = [&](const std::string& name, std::size_t t) {
      std::visit(
          [&](const auto& v) {
            for (int rep = 0; rep < r.replicates; ++rep)
              outputs.push_back(static_cast<double>(v[static_cast<std::size_t>(rep) * r.times() + t]));
          },
          r.find(name)->data);
    };
    column("kikan_coverage", plan.output_time[0]);
    column("adviser_hours_support", r.times() - 1);
    for (const std::string& name : plan.kept_series)
      std::visit(
          [&](const auto& v) {
            for (auto x : v) series.push_back(static_cast<double>(x));
          },
          r.find(name)->data);
    for (int threads : {1, 2}) {
      const PointRecord rec = run_point(plan, point, threads, nullptr);
      ASSERT_TRUE(rec.ok) << rec.error;
      EXPECT_EQ(rec.outputs, outputs) << "point " << point << ", " << threads << " threads";
      ASSERT_EQ(rec.series.size(), series.size());
      for (std::size_t i = 0; i < series.size(); ++i)
        ASSERT_TRUE(rec.series[i] == series[i] || (rec.series[i] != rec.series[i] && series[i] != series[i]))
            << "point " << point << " value " << i;
    }
  }
}

}  // namespace
}  // namespace tsunagi
