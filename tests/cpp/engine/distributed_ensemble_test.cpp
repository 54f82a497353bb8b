#include "engine/distributed_ensemble.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "scenario/loader.hpp"
#include "test_support.hpp"

namespace tsunagi {
namespace {

Scenario oita_cases() {
  return load_scenario(test::source_path("scenarios/oita.toml"),
                       {"cases.conference_day=15", "output.case_log=all", "scenario.end=2025-03-31"});
}

bool same_rows(const std::vector<CaseLogRow>& a, const std::vector<CaseLogRow>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].key != b[i].key || a[i].entered != b[i].entered || a[i].left != b[i].left ||
        a[i].municipality != b[i].municipality || a[i].need != b[i].need || a[i].exit != b[i].exit ||
        a[i].last_agency != b[i].last_agency || a[i].urgent != b[i].urgent)
      return false;
  return true;
}

/// Replicate `rep` of `all` and slot `slot` of `r` have the same values in every series.
void expect_same_replicate(const ResultSet& all, int rep, const ResultSet& r, int slot) {
  ASSERT_EQ(all.series.size(), r.series.size());
  for (std::size_t k = 0; k < r.series.size(); ++k) {
    const std::size_t n = r.values_per_replicate(r.series[k]);
    std::visit(
        [&](const auto& a) {
          const auto& b = std::get<std::decay_t<decltype(a)>>(r.series[k].data);
          for (std::size_t i = 0; i < n; ++i) {
            const auto x = a[static_cast<std::size_t>(rep) * n + i], y = b[static_cast<std::size_t>(slot) * n + i];
            ASSERT_TRUE(x == y || (x != x && y != y)) << r.series[k].name << " replicate " << rep << " value " << i;
          }
        },
        all.series[k].data);
  }
}

TEST(DistributedEnsemble, RanksShareEveryReplicateOnce) {
  for (int replicates : {1, 2, 5, 7, 100})
    for (int ranks : {1, 2, 3, 8}) {
      std::vector<int> seen(static_cast<std::size_t>(replicates), 0);
      for (int rank = 0; rank < ranks; ++rank) {
        const EnsembleOptions mine = rank_share(EnsembleOptions{replicates, 1}, rank, ranks);
        EXPECT_EQ(mine.replicates, replicates_on_rank(replicates, rank, ranks));
        for (int i = 0; i < mine.replicates; ++i)
          ++seen[static_cast<std::size_t>(mine.first_replicate + i * mine.replicate_stride)];
      }
      for (int x : seen) EXPECT_EQ(x, 1) << replicates << " replicates, " << ranks << " ranks";
    }
  EXPECT_EQ(replicates_on_rank(2, 2, 3), 0);  // more ranks than replicates: the last runs none
  EXPECT_EQ(replicates_on_rank(7, 0, 2), 4);
  EXPECT_EQ(replicates_on_rank(7, 1, 2), 3);
}

TEST(DistributedEnsemble, ARanksShareRunsTheSameReplicatesAsTheWholeRun) {
  // Rank 1 of 3 runs replicates 1, 4 and 7 (streams keyed by replicate number), with case
  // flows and the whole case log; sent as bytes and read back into a one-replicate room.
  const Scenario s = oita_cases();
  const ResultSet all = run_ensemble(s, EnsembleOptions{8, 2});
  ASSERT_EQ(all.case_log.size(), 8u);
  const EnsembleOptions mine = rank_share(EnsembleOptions{8, 2}, 1, 3);
  ASSERT_EQ(mine.replicates, 3);
  ResultSet inbox = declared_series(s);
  inbox.replicates = 1;
  for (Series& sr : inbox.series) std::visit([&](auto& v) { v.assign(inbox.values_per_replicate(sr), {}); }, sr.data);
  inbox.case_log.assign(1, {});
  std::vector<int> got;
  stream_ensemble(s, mine, [&](const ResultSet& r, int slot, int i) {
    const int rep = 1 + 3 * i;
    got.push_back(rep);
    expect_same_replicate(all, rep, r, slot);
    const std::string bytes = encode_replicate(r, slot);
    decode_replicate(bytes, inbox);
    expect_same_replicate(all, rep, inbox, 0);
    EXPECT_FALSE(all.case_log[static_cast<std::size_t>(rep)].empty());
    EXPECT_TRUE(same_rows(all.case_log[static_cast<std::size_t>(rep)], inbox.case_log[0])) << rep;
    EXPECT_THROW(decode_replicate(std::string_view(bytes).substr(0, bytes.size() - 1), inbox), RunError);
    EXPECT_THROW(decode_replicate(bytes + "x", inbox), RunError);
  });
  EXPECT_EQ(got, (std::vector<int>{1, 4, 7}));
}

TEST(DistributedEnsemble, OneRankIsTheStreamedRun) {
  const Scenario s = load_scenario(test::source_path("scenarios/oita.toml"), {"scenario.end=2025-03-31"});
  const ResultSet all = run_ensemble(s, EnsembleOptions{5, 1});
  const MpiSession single(nullptr, nullptr);  // not started by a launcher: rank 0 of 1
  ASSERT_EQ(single.size(), 1);
  std::vector<int> order;
  stream_ensemble_distributed(
      s, EnsembleOptions{5, 2},
      [&](const ResultSet& r, int slot, int index) {
        order.push_back(index);
        expect_same_replicate(all, index, r, slot);
      },
      single);
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
}

}  // namespace
}  // namespace tsunagi
