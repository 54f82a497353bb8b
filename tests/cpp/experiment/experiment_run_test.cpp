#include "experiment/experiment_run.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "experiment/experiment_spec.hpp"
#include "spec_file_test_support.hpp"

namespace tsunagi {
namespace {

/// Oita with case flows over one year and a variant that changes the case flows, keeping
/// a per-municipality series and two category series.
std::string spec_text() {
  return "[experiment]\n"
         "name = \"e\"\n"
         "scenario = \"" +
         test::oita() +
         "\"\n"
         "replicates = 5\n"
         "municipal_series = [\"kikan_stage\", \"case_new\"]\n"
         "category_series = [\"case_waiting\", \"case_exits\"]\n"
         "\n"
         "[[variant]]\n"
         "name = \"on_request\"\n"
         "set = [\"advisers.strategy=on_request\"]\n";
}

const std::vector<std::string> kCaseOverrides = {"cases.conference_day=15", "scenario.end=2025-03-31"};

/// What an experiment keeps of variant v, worked out from the whole variant held in memory
/// (run_ensemble): every (R, T) series, each category's total over municipalities (NaN
/// skipped) and the per-municipality series, replicate after replicate.
struct Reference {
  std::vector<std::vector<double>> series;     // [kept series][variant][replicate][time]
  std::vector<std::vector<double>> municipal;  // [kept][variant][replicate][time][municipality]
};

Reference reference(const ExperimentPlan& plan, const ExperimentResult& names) {
  Reference ref;
  ref.series.resize(names.series.size());
  ref.municipal.resize(names.municipal.size());
  for (const Scenario& s : plan.scenarios) {
    const ResultSet r = run_ensemble(s, EnsembleOptions{s.replicates, 1});
    const std::size_t mun = s.municipalities.size();
    for (std::size_t k = 0; k < names.series.size(); ++k) {
      const std::string& name = names.series[k].name;
      const auto bracket = name.find('[');
      if (bracket == std::string::npos) {
        const Series* sr = r.find(name);
        if (!sr) throw std::runtime_error("no series " + name);
        std::visit([&](const auto& d) { ref.series[k].insert(ref.series[k].end(), d.begin(), d.end()); }, sr->data);
        continue;
      }
      const Series* sr = r.find(name.substr(0, bracket));
      if (!sr) throw std::runtime_error("no series " + name);
      const CategoryAxis& axis = r.axes[static_cast<std::size_t>(sr->axis)];
      const std::string label = name.substr(bracket + 1, name.size() - bracket - 2);
      std::size_t c = 0;
      while (axis.labels[c] != label) ++c;
      for (int rep = 0; rep < r.replicates; ++rep)
        for (std::size_t t = 0; t < r.times(); ++t) {
          double sum = 0;
          for (std::size_t m = 0; m < mun; ++m) {
            const double x =
                r.at<float>(static_cast<std::size_t>(sr - r.series.data()), rep, t)[m * axis.labels.size() + c];
            if (std::isfinite(x)) sum += x;
          }
          ref.series[k].push_back(sum);
        }
    }
    for (std::size_t k = 0; k < names.municipal.size(); ++k) {
      const Series* sr = r.find(names.municipal[k].name);
      if (!sr) throw std::runtime_error("no series " + names.municipal[k].name);
      std::visit(
          [&](const auto& d) {
            for (auto x : d) ref.municipal[k].push_back(static_cast<double>(x));
          },
          sr->data);
    }
  }
  return ref;
}

TEST(RunExperiment, StreamedVariantsKeepWhatTheWholeVariantsInMemoryGive) {
  test::TempDir dir;
  const ExperimentPlan plan =
      plan_experiment(load_experiment(test::write(dir.file("e.toml"), spec_text())), kCaseOverrides);
  ASSERT_EQ(plan.scenarios.size(), 2u);
  ASSERT_TRUE(plan.scenarios[0].cases.enabled);
  for (int threads : {1, 2}) {
    const ExperimentResult got = run_experiment(plan, ExperimentRunOptions{0, 0, threads});
    ASSERT_EQ(got.replicates, 5);
    ASSERT_EQ(got.variants, 2);
    ASSERT_NE(got.find("case_waiting[hub]"), nullptr);
    ASSERT_NE(got.find("case_exits[resolved]"), nullptr);
    const Reference ref = reference(plan, got);
    for (std::size_t k = 0; k < got.series.size(); ++k) {
      ASSERT_EQ(got.series[k].values.size(), ref.series[k].size()) << got.series[k].name;
      for (std::size_t i = 0; i < ref.series[k].size(); ++i) {
        const double a = got.series[k].values[i], b = ref.series[k][i];
        ASSERT_TRUE(a == b || (std::isnan(a) && std::isnan(b)))
            << got.series[k].name << " value " << i << ": " << a << " vs " << b << ", " << threads << " threads";
      }
    }
    ASSERT_EQ(got.municipal.size(), 2u);
    for (std::size_t k = 0; k < got.municipal.size(); ++k) {
      std::vector<double> values;
      std::visit(
          [&](const auto& d) {
            for (auto x : d) values.push_back(static_cast<double>(x));
          },
          got.municipal[k].data);
      ASSERT_EQ(values.size(), ref.municipal[k].size());
      for (std::size_t i = 0; i < values.size(); ++i)
        ASSERT_TRUE(values[i] == ref.municipal[k][i] || (std::isnan(values[i]) && std::isnan(ref.municipal[k][i])))
            << got.municipal[k].name << " value " << i;
    }
  }
}

TEST(RunExperiment, ARunFromALaterReplicateKeepsThoseReplicates) {
  // Replicates 3 and 4 alone are the last two of the five (streams keyed by replicate).
  test::TempDir dir;
  const ExperimentPlan plan =
      plan_experiment(load_experiment(test::write(dir.file("e.toml"), spec_text())), kCaseOverrides);
  const ExperimentResult all = run_experiment(plan, ExperimentRunOptions{0, 0, 2});
  const ExperimentResult tail = run_experiment(plan, ExperimentRunOptions{3, 2, 1});
  const std::size_t t = all.times();
  for (std::size_t k = 0; k < all.series.size(); ++k)
    for (int v = 0; v < 2; ++v)
      for (int r = 0; r < 2; ++r)
        for (std::size_t i = 0; i < t; ++i) {
          const double a = all.at(k, v, r + 3, i), b = tail.at(k, v, r, i);
          ASSERT_TRUE(a == b || (std::isnan(a) && std::isnan(b))) << all.series[k].name;
        }
}

}  // namespace
}  // namespace tsunagi
