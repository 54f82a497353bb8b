#include "scenario/municipality_csv.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "test_support.hpp"

namespace tsunagi {
namespace {

const char* kHeader = "municipality_code,prefecture_code,prefecture,municipality,population_2020\n";

TEST(MunicipalityCsv, ReadsRowsBomCrlfAndQuotedFields) {
  Diagnostics d;
  const auto rows = parse_municipality_csv(
      std::string("\xEF\xBB\xBF") + kHeader + "44201,44,大分県,大分市,475852\r\n44322,44,大分県,\"姫島村\",1726\r\n",
      "t.csv", d);
  ASSERT_TRUE(d.empty()) << d.items()[0].format();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].spec.name, "姫島村");
  EXPECT_EQ(rows[1].spec.population, 1726);
  EXPECT_EQ(rows[1].line, 3);
}

TEST(MunicipalityCsv, ColumnsInAnyOrder) {
  Diagnostics d;
  const auto rows = parse_municipality_csv(
      "population_2020,municipality,prefecture,prefecture_code,municipality_code,extra\n10,A,P,44,44201,x\n", "t.csv",
      d);
  ASSERT_TRUE(d.empty());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].spec.code, "44201");
}

TEST(MunicipalityCsv, ReportsEachBadRowWithItsLine) {
  Diagnostics d;
  const auto rows = parse_municipality_csv(std::string(kHeader) +
                                               "44201,44,大分県,大分市,475852\n"
                                               "4420,44,大分県,X,10\n"     // line 3: 4-digit code
                                               "44203,44,大分県,Y,many\n"  // line 4: population not a number
                                               "44204,44,大分県,Z\n"       // line 5: short row
                                               "44205,44,大分県,W,-3\n",   // line 6: negative
                                           "t.csv", d);
  EXPECT_EQ(rows.size(), 1u);
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d.items()[0].line, 3);
  EXPECT_EQ(d.items()[0].key, "municipality_code");
  EXPECT_EQ(d.items()[1].line, 4);
  EXPECT_EQ(d.items()[1].key, "population_2020");
  EXPECT_NE(d.items()[1].message.find("found 'many'"), std::string::npos);
  EXPECT_EQ(d.items()[2].line, 5);
  EXPECT_EQ(d.items()[3].line, 6);
}

TEST(MunicipalityCsv, MissingColumnAndEmptyFile) {
  Diagnostics d;
  parse_municipality_csv("municipality_code,prefecture_code,municipality\n", "t.csv", d);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d.items()[0].key, "prefecture");
  Diagnostics e;
  parse_municipality_csv("", "t.csv", e);
  EXPECT_EQ(e.size(), 1u);
}

// The shipped copy of the 2020 census list matches the national size bands and median
// published in public-figures.md ("Municipality sizes (2020 census)").
TEST(MunicipalityCsv, ShippedCensusListMatchesPublishedSizeBands) {
  Diagnostics d;
  const auto rows =
      read_municipality_csv(test::source_path("scenarios/data/municipalities_2020.csv"), "municipalities_2020.csv", d);
  ASSERT_TRUE(d.empty());
  ASSERT_EQ(rows.size(), 1741u);
  int under10k = 0, to50k = 0, to200k = 0, over = 0;
  std::vector<std::int64_t> pops;
  for (const auto& r : rows) {
    const auto p = r.spec.population;
    pops.push_back(p);
    if (p < 10000)
      ++under10k;
    else if (p < 50000)
      ++to50k;
    else if (p < 200000)
      ++to200k;
    else
      ++over;
  }
  EXPECT_EQ(under10k, 531);
  EXPECT_EQ(to50k, 684);
  EXPECT_EQ(to200k, 396);
  EXPECT_EQ(over, 130);
  std::sort(pops.begin(), pops.end());
  EXPECT_EQ(pops[870], 23433);  // median of 1,741
  const auto oita =
      std::count_if(rows.begin(), rows.end(), [](const auto& r) { return r.spec.prefecture_code == "44"; });
  EXPECT_EQ(oita, 18);
}

}  // namespace
}  // namespace tsunagi
