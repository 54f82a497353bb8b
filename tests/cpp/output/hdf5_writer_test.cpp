#include "output/hdf5_writer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <hdf5.h>

#include "core/error.hpp"
#include "engine/ensemble.hpp"
#include "output/h5_handle.hpp"
#include "output/hdf5_reader.hpp"
#include "output/replicate_statistics.hpp"
#include "output/summary.hpp"
#include "scenario/loader.hpp"
#include "test_support.hpp"

namespace tsunagi {
namespace {

struct Written {
  test::TempDir dir;
  Scenario s;
  ResultSet r;
  std::string path;
  Written() {
    s = load_scenario(test::source_path("scenarios/oita.toml"), {"scenario.replicates=3"});
    r = run_ensemble(s, EnsembleOptions{3, 1});
    path = dir.file("oita.h5");
    write_run_file(path, s, r, RunMetadata{1, "2026-01-01T00:00:00Z", ""});
  }
};

TEST(Hdf5Writer, WhatIsWrittenReadsBackExactly) {
  Written w;
  const RunFileSummary f = read_run_summary(w.path, {"kikan_coverage", "adviser_hours_idle"});
  EXPECT_EQ(f.scenario_name, "oita");
  EXPECT_EQ(f.replicates, 3);
  EXPECT_EQ(f.seed, w.s.seed);
  ASSERT_EQ(f.dates.size(), w.r.times());
  EXPECT_EQ(f.dates.front(), "2024-04-01");
  ASSERT_EQ(f.metrics.size(), 2u);
  EXPECT_EQ(f.metrics[0].values, metric_from(w.r, "kikan_coverage").values);
  EXPECT_EQ(f.metrics[1].values, metric_from(w.r, "adviser_hours_idle").values);
  EXPECT_EQ(f.metrics[0].units, "fraction");
  // Every (replicate, time) series is offered to summarize.
  EXPECT_NE(std::find(f.available.begin(), f.available.end(), "kikan_municipalities"), f.available.end());
  EXPECT_EQ(std::find(f.available.begin(), f.available.end(), "kikan_stage"), f.available.end());  // 3-d
}

TEST(Hdf5Writer, SameResultsGiveTheSameBytes) {
  Written a, b;
  std::ifstream fa(a.path, std::ios::binary), fb(b.path, std::ios::binary);
  const std::string ba((std::istreambuf_iterator<char>(fa)), {}), bb((std::istreambuf_iterator<char>(fb)), {});
  EXPECT_EQ(ba.size(), bb.size());
  EXPECT_TRUE(ba == bb);  // no object timestamps; `created` was the same string
}

TEST(RunFileStream, ReplicatesAppendedInAnyOrderReadBackInReplicateOrder) {
  Written in_order;
  const std::string path = in_order.dir.file("shuffled.h5");
  {
    RunFileStream stream(path, in_order.s, in_order.r, 3, 0, RunMetadata{1, "2026-01-01T00:00:00Z", ""});
    for (int i : {2, 0, 1}) stream.append(in_order.r, i, i);
    stream.close();
  }
  const std::vector<std::string> names = {"kikan_coverage", "kikan_municipalities", "adviser_hours_idle"};
  const RunFileSummary a = read_run_summary(in_order.path, names), b = read_run_summary(path, names);
  ASSERT_EQ(a.metrics.size(), 3u);
  for (std::size_t k = 0; k < 3; ++k) EXPECT_EQ(a.metrics[k].values, b.metrics[k].values) << names[k];
  EXPECT_EQ(b.metrics[0].values, metric_from(in_order.r, "kikan_coverage").values);
}

TEST(RunFileStream, EveryReplicateOnceOrTheFileIsNotClosed) {
  Written w;
  const std::string path = w.dir.file("partial.h5");
  RunFileStream stream(path, w.s, w.r, 3, 0, RunMetadata{1, "2026-01-01T00:00:00Z", ""});
  stream.append(w.r, 0, 0);
  EXPECT_THROW(stream.append(w.r, 0, 0), RunError);  // twice
  EXPECT_THROW(stream.append(w.r, 0, 3), RunError);  // out of range
  stream.append(w.r, 2, 2);
  EXPECT_THROW(stream.close(), RunError);  // replicate 1 missing
}

TEST(RunFileStream, EachReplicateAddsAboutTheSameStoredBytes) {
  // The size estimate's premise: the chunked part grows by about the same for every
  // replicate, and the fixed part does not grow at all.
  Written w;
  RunFileStream stream(w.dir.file("growing.h5"), w.s, w.r, 3, 0, RunMetadata{1, "2026-01-01T00:00:00Z", ""});
  stream.append(w.r, 0, 0);
  const RunFileStream::StoredBytes one = stream.stored_bytes();
  stream.append(w.r, 1, 1);
  stream.append(w.r, 2, 2);
  const RunFileStream::StoredBytes three = stream.stored_bytes();
  ASSERT_GT(one.per_replicates, 0u);
  EXPECT_NEAR(static_cast<double>(three.per_replicates), 3.0 * static_cast<double>(one.per_replicates),
              0.2 * 3.0 * static_cast<double>(one.per_replicates));
  EXPECT_NEAR(static_cast<double>(three.fixed), static_cast<double>(one.fixed), 0.05 * static_cast<double>(one.fixed));
  stream.close();
}

TEST(OutputLevel, EachLevelKeepsTheShapesUpToItsOwn) {
  using L = OutputSpec::Level;
  using S = SeriesShape;
  EXPECT_TRUE(written_at(S::kReplicateTime, L::kTotals));
  EXPECT_FALSE(written_at(S::kReplicateTimeMunicipality, L::kTotals));
  EXPECT_FALSE(written_at(S::kReplicateTimeMunicipalityCategory, L::kTotals));
  EXPECT_TRUE(written_at(S::kReplicateTime, L::kMunicipalities));
  EXPECT_TRUE(written_at(S::kReplicateTimeMunicipality, L::kMunicipalities));
  EXPECT_FALSE(written_at(S::kReplicateTimeMunicipalityCategory, L::kMunicipalities));
  EXPECT_TRUE(written_at(S::kReplicateTimeMunicipalityCategory, L::kFull));
  EXPECT_STREQ(level_name(L::kTotals), "totals");
  EXPECT_STREQ(level_name(L::kMunicipalities), "municipalities");
  EXPECT_STREQ(level_name(L::kFull), "full");
}

TEST(OutputLevel, ATotalsFileIsSmallerAndSummarizesTheSame) {
  Written full;
  Scenario s = full.s;
  s.output.level = OutputSpec::Level::kTotals;
  const std::string path = full.dir.file("totals.h5");
  write_run_file(path, s, full.r, RunMetadata{1, "2026-01-01T00:00:00Z", ""});
  EXPECT_LT(std::filesystem::file_size(path), std::filesystem::file_size(full.path) / 2);
  const std::vector<std::string> names = {"kikan_coverage", "kikan_municipalities"};
  const RunFileSummary a = read_run_summary(full.path, names), b = read_run_summary(path, names);
  EXPECT_EQ(a.output_level, "full");
  EXPECT_EQ(b.output_level, "totals");
  EXPECT_EQ(a.available, b.available);
  for (std::size_t k = 0; k < names.size(); ++k) EXPECT_EQ(a.metrics[k].values, b.metrics[k].values) << names[k];
}

// output.store = "statistics" (docs/output.md, "Statistics instead of replicates").
struct StatisticsWritten {
  test::TempDir dir;
  Scenario s;
  ResultSet r;
  std::string path;
  explicit StatisticsWritten(int replicates) {
    s = load_scenario(test::source_path("scenarios/oita.toml"), {"scenario.replicates=" + std::to_string(replicates)});
    r = run_ensemble(s, EnsembleOptions{replicates, 2});
    s.output.store = OutputSpec::Store::kStatistics;
    path = dir.file("statistics.h5");
    write_run_file(path, s, r, RunMetadata{1, "2026-01-01T00:00:00Z", ""});
  }
  std::vector<double> read(const std::string& name, const char* statistic) const {
    h5::Handle f = h5::file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    h5::Handle ds = h5::dataset(H5Dopen2(f.get(), ("/statistics/" + name + "/" + statistic).c_str(), H5P_DEFAULT));
    if (ds.get() < 0) return {};
    h5::Handle sp = h5::dataspace(H5Dget_space(ds.get()));
    std::vector<double> v(static_cast<std::size_t>(H5Sget_simple_extent_npoints(sp.get())));
    H5Dread(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
    return v;
  }
};

TEST(StatisticsStore, EachCellHoldsTheStatisticsOfTheReplicates) {
  // 12 replicates: past the nine values P² starts from, so cells with many distinct values
  // are estimates and those with few stay exact.
  const StatisticsWritten w(12);
  const int n_rep = 12;
  std::size_t checked = 0, exact_quantiles = 0;
  for (const Series& sr : w.r.series) {
    if (sr.shape == SeriesShape::kReplicateTime) continue;
    const std::size_t cells = w.r.values_per_replicate(sr);
    const auto mean = w.read(sr.name, "mean"), sd = w.read(sr.name, "sd"), lo = w.read(sr.name, "min"),
               hi = w.read(sr.name, "max"), count = w.read(sr.name, "count");
    const std::vector<std::vector<double>> q = {w.read(sr.name, "p05"), w.read(sr.name, "p50"), w.read(sr.name, "p95")};
    ASSERT_EQ(mean.size(), cells) << sr.name;
    for (std::size_t c = 0; c < cells; ++c) {
      std::vector<double> v;
      std::visit(
          [&](const auto& data) {
            for (int r = 0; r < n_rep; ++r) {
              const double x = static_cast<double>(data[static_cast<std::size_t>(r) * cells + c]);
              if (!std::isnan(x)) v.push_back(x);
            }
          },
          sr.data);
      ASSERT_EQ(count[c], static_cast<double>(v.size())) << sr.name;
      if (v.empty()) {
        EXPECT_TRUE(std::isnan(mean[c]) && std::isnan(q[1][c])) << sr.name;
        continue;
      }
      double sum = 0, ss = 0;
      for (double x : v) sum += x;
      const double m = sum / static_cast<double>(v.size());
      for (double x : v) ss += (x - m) * (x - m);
      EXPECT_NEAR(mean[c], m, 1e-9 * std::max(1.0, std::abs(m))) << sr.name;
      if (v.size() > 1) {
        EXPECT_NEAR(sd[c], std::sqrt(ss / static_cast<double>(v.size() - 1)), 1e-7) << sr.name;
      }
      EXPECT_EQ(lo[c], *std::min_element(v.begin(), v.end())) << sr.name;
      EXPECT_EQ(hi[c], *std::max_element(v.begin(), v.end())) << sr.name;
      std::vector<double> distinct = v;
      std::sort(distinct.begin(), distinct.end());
      distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
      for (int i = 0; i < 3; ++i) {
        std::vector<double> copy = v;
        const double got = q[static_cast<std::size_t>(i)][c];
        if (distinct.size() <= 9) {
          EXPECT_DOUBLE_EQ(got, quantile(copy, CellStatistics::kQuantiles[i])) << sr.name;
        } else {
          EXPECT_TRUE(lo[c] <= got && got <= hi[c]) << sr.name;
        }
      }
      exact_quantiles += distinct.size() <= 9;
      ++checked;
    }
  }
  EXPECT_GT(checked, 1000u);
  EXPECT_GT(exact_quantiles, 0u);
  EXPECT_LT(exact_quantiles, checked);  // both paths ran
  // The (replicate, time) totals stay per replicate, the same as in memory.
  const RunFileSummary f = read_run_summary(w.path, {"kikan_coverage"});
  EXPECT_EQ(f.metrics[0].values, metric_from(w.r, "kikan_coverage").values);
  EXPECT_TRUE(w.read("kikan_coverage", "mean").empty());
}

TEST(StatisticsStore, TakesTheReplicatesInOrderAndForeseesItsSize) {
  const StatisticsWritten w(3);
  const std::string path = w.dir.file("in_order.h5");
  {
    RunFileStream stream(path, w.s, w.r, 3, 0, RunMetadata{1, "2026-01-01T00:00:00Z", ""});
    EXPECT_THROW(stream.append(w.r, 1, 1), RunError);  // statistics depend on the order
    stream.append(w.r, 0, 0);
    const RunFileStream::StoredBytes b = stream.stored_bytes();
    stream.append(w.r, 1, 1);
    stream.append(w.r, 2, 2);
    stream.close();
    const double estimate = static_cast<double>(b.fixed) + 3.0 * static_cast<double>(b.per_replicates);
    const auto written = static_cast<double>(std::filesystem::file_size(path));
    EXPECT_NEAR(estimate, written, 0.05 * written);
    EXPECT_GT(static_cast<double>(b.fixed), static_cast<double>(summarized_cells(w.s, w.r).file_bytes()));
  }
  // Appended replicate by replicate or written at once: the same bytes.
  std::ifstream fa(path, std::ios::binary), fb(w.path, std::ios::binary);
  const std::string ba((std::istreambuf_iterator<char>(fa)), {}), bb((std::istreambuf_iterator<char>(fb)), {});
  EXPECT_TRUE(ba == bb);
}

TEST(Hdf5Reader, RefusesWhatIsNotATsunagiFile) {
  test::TempDir dir;
  const std::string text = dir.file("notes.h5");
  std::ofstream(text) << "not hdf5\n";
  try {
    read_run_summary(text, {});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics()[0].file, text);
    EXPECT_NE(e.diagnostics()[0].message.find("not an HDF5 file"), std::string::npos);
  }
  Written w;
  // Truncated to half its size: an error, never a crash.
  const auto size = std::filesystem::file_size(w.path);
  const std::string cut = dir.file("cut.h5");
  std::filesystem::copy_file(w.path, cut);
  std::filesystem::resize_file(cut, size / 2);
  EXPECT_THROW(read_run_summary(cut, {}), InputError);
}

TEST(Hdf5Reader, UnknownMetricListsTheAvailableOnes) {
  Written w;
  try {
    read_run_summary(w.path, {"kikan_coverag"});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(e.diagnostics()[0].message.find("available: "), std::string::npos);
    EXPECT_EQ(e.diagnostics()[0].hint, "did you mean 'kikan_coverage'?");
  }
}

}  // namespace
}  // namespace tsunagi
