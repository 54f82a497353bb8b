#include "core/date.hpp"

#include <gtest/gtest.h>

namespace tsunagi {
namespace {

TEST(Date, EpochAndKnownDays) {
  EXPECT_EQ(Date::from_civil(1970, 1, 1).days_since_epoch(), 0);
  EXPECT_EQ(Date::from_civil(2000, 3, 1).days_since_epoch(), 11017);  // hand-counted: 30 years + 7 leap days + 59
  EXPECT_EQ(Date::from_civil(1969, 12, 31).days_since_epoch(), -1);
}

TEST(Date, RoundTripsEveryDayFrom1900To2100) {
  Date d = Date::from_civil(1900, 1, 1);
  CivilDate prev = d.civil();
  for (Date end = Date::from_civil(2100, 12, 31); d < end;) {
    ++d;
    const CivilDate c = d.civil();
    EXPECT_EQ(Date::from_civil(c.year, c.month, c.day), d);
    const CivilDate u = d.civil_uncached();  // the same, and leaves civil()'s memory alone
    EXPECT_TRUE(u.year == c.year && u.month == c.month && u.day == c.day) << d.iso();
    // The next day is either the next day of the month or the 1st of the next month.
    const bool next_in_month = c.year == prev.year && c.month == prev.month && c.day == prev.day + 1;
    const bool first_of_next = c.day == 1 && prev.day == days_in_month(prev.year, prev.month);
    ASSERT_TRUE(next_in_month || first_of_next) << d.iso();
    prev = c;
  }
}

TEST(Date, LeapYears) {
  EXPECT_TRUE(is_leap_year(2024));
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_FALSE(is_leap_year(1900));
  EXPECT_FALSE(is_leap_year(2023));
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2023, 2), 28);
  EXPECT_EQ(Date::from_civil(2025, 3, 1) - Date::from_civil(2024, 3, 1), 365);
  EXPECT_EQ(Date::from_civil(2024, 3, 1) - Date::from_civil(2023, 3, 1), 366);
}

TEST(Date, ParseAcceptsOnlyRealIsoDates) {
  EXPECT_EQ(Date::parse("2024-02-29"), Date::from_civil(2024, 2, 29));
  EXPECT_FALSE(Date::parse("2023-02-29"));
  EXPECT_FALSE(Date::parse("2024-13-01"));
  EXPECT_FALSE(Date::parse("2024-4-01"));
  EXPECT_FALSE(Date::parse("2024/04/01"));
  EXPECT_FALSE(Date::parse(""));
  EXPECT_THROW(Date::from_civil(2023, 2, 29), std::invalid_argument);
  EXPECT_EQ(Date::from_civil(2031, 3, 31).iso(), "2031-03-31");
}

TEST(Date, FiscalYearRunsAprilToMarch) {
  EXPECT_EQ(Date::from_civil(2024, 3, 31).fiscal_year(), 2023);
  EXPECT_EQ(Date::from_civil(2024, 4, 1).fiscal_year(), 2024);
  EXPECT_EQ(Date::from_civil(2025, 1, 15).fiscal_year(), 2024);
  EXPECT_EQ(Date::from_civil(2027, 3, 31).fiscal_year(), 2026);  // the national 基幹 deadline ends FY2026
  EXPECT_EQ(fiscal_year_start(2026), Date::from_civil(2026, 4, 1));
}

TEST(Date, FirstOfNextMonth) {
  EXPECT_EQ(first_of_next_month(Date::from_civil(2024, 12, 15)), Date::from_civil(2025, 1, 1));
  EXPECT_EQ(first_of_next_month(Date::from_civil(2024, 2, 29)), Date::from_civil(2024, 3, 1));
  EXPECT_EQ(first_of_next_month(Date::from_civil(2024, 4, 1)), Date::from_civil(2024, 5, 1));
}

}  // namespace
}  // namespace tsunagi
