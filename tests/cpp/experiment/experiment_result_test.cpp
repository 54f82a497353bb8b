#include "experiment/experiment_result.hpp"

#include <gtest/gtest.h>

#include <cstdint>

namespace tsunagi {
namespace {

constexpr int kVariants = 2, kMunicipalities = 3;
const std::vector<Date> kDates = {Date::from_civil(2024, 4, 1), Date::from_civil(2024, 5, 1)};

// A distinct number for every cell, naming where it belongs.
double code(int v, int rep, std::size_t t, int m = 0) {
  return 1000.0 * v + 100.0 * rep + 10.0 * static_cast<double>(t) + m;
}

// Replicates first .. first + n - 1 of two variants: two (replicate, time) series and two
// municipal series of different element types.
ExperimentResult block(int first, int n) {
  ExperimentResult r;
  r.variants = kVariants;
  r.replicates = n;
  r.first_replicate = first;
  r.municipalities = kMunicipalities;
  r.dates = kDates;
  r.resolved_toml = {"base", "variant"};
  VariantSeries a{"a", "u", "", SeriesKind::kStock, {}}, b{"b", "u", "", SeriesKind::kFlow, {}};
  Series m_int{"m_int",           "", "", SeriesShape::kReplicateTimeMunicipality, {}, std::vector<std::int32_t>{}, -1,
               SeriesKind::kStock};
  Series m_dbl{"m_dbl",           "", "", SeriesShape::kReplicateTimeMunicipality, {}, std::vector<double>{}, -1,
               SeriesKind::kStock};
  auto& ints = std::get<std::vector<std::int32_t>>(m_int.data);
  auto& dbls = std::get<std::vector<double>>(m_dbl.data);
  for (int v = 0; v < kVariants; ++v)
    for (int rep = first; rep < first + n; ++rep)
      for (std::size_t t = 0; t < kDates.size(); ++t) {
        a.values.push_back(code(v, rep, t));
        b.values.push_back(-code(v, rep, t));
        for (int m = 0; m < kMunicipalities; ++m) {
          ints.push_back(static_cast<std::int32_t>(code(v, rep, t, m)));
          dbls.push_back(code(v, rep, t, m) + 0.5);
        }
      }
  r.series = {a, b};
  r.municipal = {m_int, m_dbl};
  return r;
}

TEST(ExperimentResult, AtIndexesVariantReplicateTime) {
  const ExperimentResult r = block(0, 3);
  for (int v = 0; v < kVariants; ++v)
    for (int rep = 0; rep < 3; ++rep)
      for (std::size_t t = 0; t < 2; ++t) EXPECT_EQ(r.at(0, v, rep, t), code(v, rep, t));
  ASSERT_NE(r.find("b"), nullptr);
  EXPECT_EQ(r.find("b")->kind, SeriesKind::kFlow);
  EXPECT_EQ(r.find("c"), nullptr);
  EXPECT_EQ(r.times(), 2u);
}

void expect_whole(const ExperimentResult& r, int n) {
  ASSERT_EQ(r.replicates, n);
  EXPECT_EQ(r.first_replicate, 0);
  EXPECT_EQ(r.variants, kVariants);
  ASSERT_EQ(r.series[0].values.size(), static_cast<std::size_t>(kVariants * n * 2));
  ASSERT_EQ(r.series[1].values.size(), static_cast<std::size_t>(kVariants * n * 2));
  for (int v = 0; v < kVariants; ++v)
    for (int rep = 0; rep < n; ++rep)
      for (std::size_t t = 0; t < 2; ++t) {
        EXPECT_EQ(r.at(0, v, rep, t), code(v, rep, t)) << v << " " << rep << " " << t;
        EXPECT_EQ(r.at(1, v, rep, t), -code(v, rep, t));
      }
  const auto& ints = std::get<std::vector<std::int32_t>>(r.municipal[0].data);
  const auto& dbls = std::get<std::vector<double>>(r.municipal[1].data);
  ASSERT_EQ(ints.size(), static_cast<std::size_t>(kVariants * n * 2 * kMunicipalities));
  ASSERT_EQ(dbls.size(), ints.size());
  std::size_t i = 0;
  for (int v = 0; v < kVariants; ++v)
    for (int rep = 0; rep < n; ++rep)
      for (std::size_t t = 0; t < 2; ++t)
        for (int m = 0; m < kMunicipalities; ++m, ++i) {
          EXPECT_EQ(ints[i], static_cast<std::int32_t>(code(v, rep, t, m))) << i;
          EXPECT_EQ(dbls[i], code(v, rep, t, m) + 0.5) << i;
        }
}

TEST(AppendReplicates, KeepsVariantReplicateOrder) {
  ExperimentResult r = block(0, 2);
  append_replicates(r, block(2, 1));
  expect_whole(r, 3);
  EXPECT_EQ(r.dates, kDates);
  EXPECT_EQ(r.resolved_toml, (std::vector<std::string>{"base", "variant"}));
}

TEST(AppendReplicates, SeveralBatchesEqualOneBlock) {
  ExperimentResult r = block(0, 1);
  append_replicates(r, block(1, 2));
  append_replicates(r, block(3, 3));
  expect_whole(r, 6);
  const ExperimentResult whole = block(0, 6);
  EXPECT_EQ(r.series[0].values, whole.series[0].values);
  EXPECT_EQ(r.municipal[1].data, whole.municipal[1].data);
}

TEST(AppendReplicates, EmptyBatchChangesNothing) {
  ExperimentResult r = block(0, 2);
  append_replicates(r, block(2, 0));
  expect_whole(r, 2);
}

}  // namespace
}  // namespace tsunagi
