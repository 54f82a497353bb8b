#include "engine/precision_goal.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace tsunagi {
namespace {

TEST(PrecisionGoal, MetricDateAndHalfWidth) {
  const PrecisionGoal g = parse_precision("kikan_coverage@2027-04-01:0.01", "--precision");
  EXPECT_EQ(g.metric, "kikan_coverage");
  ASSERT_TRUE(g.date);
  EXPECT_EQ(*g.date, Date::from_civil(2027, 4, 1));
  EXPECT_DOUBLE_EQ(g.half_width, 0.01);
  EXPECT_EQ(g.text, "kikan_coverage@2027-04-01:0.01");
  EXPECT_EQ(g.batch, 10);
}

TEST(PrecisionGoal, WithoutADate) {
  const PrecisionGoal g = parse_precision("x:0.5", "--precision");
  EXPECT_EQ(g.metric, "x");
  EXPECT_FALSE(g.date);
  EXPECT_DOUBLE_EQ(g.half_width, 0.5);
}

TEST(PrecisionGoal, NumberForms) {
  EXPECT_DOUBLE_EQ(parse_precision("x:1e-3", "o").half_width, 1e-3);
  EXPECT_DOUBLE_EQ(parse_precision("x:2", "o").half_width, 2.0);
  EXPECT_DOUBLE_EQ(parse_precision("x:.25", "o").half_width, 0.25);
}

class BadPrecision : public ::testing::TestWithParam<const char*> {};

TEST_P(BadPrecision, IsRejectedNamingTheOption) {
  try {
    parse_precision(GetParam(), "--precision");
    FAIL() << "accepted \"" << GetParam() << "\"";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].file, "--precision");
    EXPECT_NE(e.diagnostics()[0].message.find(GetParam()), std::string::npos) << e.diagnostics()[0].message;
  }
}

INSTANTIATE_TEST_SUITE_P(PrecisionGoal, BadPrecision,
                         ::testing::Values("x", ":1", "x:", "x:0", "x:-1", "x:abc", "x:1abc", "x:nan", "x:inf",
                                           "x@2027-13-01:1", "x@2027-02-30:1", "x@tomorrow:1", "@2027-04-01:1", ""));

TEST(PrecisionGoal, TimeIndexOfTheGoalDate) {
  const std::vector<Date> dates = {Date::from_civil(2024, 4, 1), Date::from_civil(2024, 5, 1),
                                   Date::from_civil(2024, 6, 1), Date::from_civil(2024, 6, 11)};
  EXPECT_EQ(goal_time_index(parse_precision("m@2024-05-01:1", "o"), dates, "o"), 1u);
  EXPECT_EQ(goal_time_index(parse_precision("m@2024-04-01:1", "o"), dates, "o"), 0u);
  EXPECT_EQ(goal_time_index(parse_precision("m:1", "o"), dates, "o"), 3u);  // none: the last record
  try {
    goal_time_index(parse_precision("m@2024-05-02:1", "o"), dates, "--precision");
    FAIL() << "a date between records was accepted";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].file, "--precision");
    EXPECT_NE(e.diagnostics()[0].message.find("2024-05-02"), std::string::npos);
  }
  EXPECT_THROW(goal_time_index(parse_precision("m@2030-04-01:1", "o"), dates, "o"), InputError);
}

}  // namespace
}  // namespace tsunagi
