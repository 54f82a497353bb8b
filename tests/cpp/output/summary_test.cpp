#include "output/summary.hpp"

#include <gtest/gtest.h>

namespace tsunagi {
namespace {

TEST(Quantile, Type7ByHand) {
  std::vector<double> v = {4, 1, 3, 2};
  // h = q (n - 1): q=0.05 -> 0.15 -> 1 + 0.15 (2 - 1); q=0.95 -> 2.85 -> 3 + 0.85.
  EXPECT_DOUBLE_EQ(quantile(v, 0.05), 1.15);
  EXPECT_DOUBLE_EQ(quantile(v, 0.95), 3.85);
  EXPECT_DOUBLE_EQ(quantile(v, 0.5), 2.5);
  std::vector<double> one = {7};
  EXPECT_DOUBLE_EQ(quantile(one, 0.95), 7);
}

TEST(Summarize, RowsAtStartFiscalYearStartsAndEnd) {
  const std::vector<std::string> dates = {"2024-03-15", "2024-04-01", "2024-05-01", "2025-04-01", "2025-04-02"};
  MetricMatrix m{"x", "fraction", SeriesKind::kStock, 2, dates.size(), {0, 1, 2, 3, 4, 10, 11, 12, 13, 14}};
  const SummaryTable t = summarize(dates, {m});
  EXPECT_EQ(t.dates, (std::vector<std::string>{"2024-03-15", "2024-04-01", "2025-04-01", "2025-04-02"}));
  EXPECT_EQ(t.fiscal_years, (std::vector<int>{2023, 2024, 2025, 2025}));
  EXPECT_DOUBLE_EQ(t.mean[0][2], 8.0);  // (3 + 13) / 2
  EXPECT_DOUBLE_EQ(t.p5[0][2], 3.5);    // 3 + 0.05 x 10
  EXPECT_DOUBLE_EQ(t.p95[0][2], 12.5);
  EXPECT_NE(format_table(t).find("2025-04-01  2025     8.000     3.500    12.500"), std::string::npos)
      << format_table(t);
  EXPECT_NE(format_csv(t).find("x,fraction,stock,2025-04-01,2025,8,3.5,12.5\n"), std::string::npos) << format_csv(t);
}

TEST(Summarize, FlowsAreTotalledSinceThePreviousRow) {
  // Records: start, 05-01, 06-01 (not rows), 2025-04-01 (row), end. A flow recorded at a
  // date counts the days since the record before, so the 2025-04-01 row must add the
  // records of 05-01, 06-01 and 2025-04-01: 1 + 2 + 3 = 6 (replicate 0), 60 (replicate 1).
  const std::vector<std::string> dates = {"2024-04-01", "2024-05-01", "2024-06-01", "2025-04-01", "2025-04-02"};
  MetricMatrix m{"visits", "visits", SeriesKind::kFlow, 2, dates.size(), {0, 1, 2, 3, 4, 0, 10, 20, 30, 40}};
  const SummaryTable t = summarize(dates, {m});
  ASSERT_EQ(t.dates.size(), 3u);
  EXPECT_DOUBLE_EQ(t.mean[0][0], 0.0);
  EXPECT_DOUBLE_EQ(t.mean[0][1], (6.0 + 60.0) / 2);
  EXPECT_DOUBLE_EQ(t.mean[0][2], (4.0 + 40.0) / 2);  // the last row: only the record after 2025-04-01
  EXPECT_NE(format_table(t).find("total since the previous row"), std::string::npos);
}

}  // namespace
}  // namespace tsunagi
