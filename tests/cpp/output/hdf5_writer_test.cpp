#include "output/hdf5_writer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "engine/ensemble.hpp"
#include "output/hdf5_reader.hpp"
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
