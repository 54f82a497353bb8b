#pragma once
// Calendar dates and the Japanese fiscal year (April to March).
//
// A Date is a count of days since 1970-01-01 in the proleptic Gregorian calendar, so the
// engine steps days with integer arithmetic and converts to year/month/day only at the
// calendar hooks. Fiscal year N runs from N-04-01 to (N+1)-03-31 (会計年度).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tsunagi {

struct CivilDate {
  int year;
  int month;  // 1..12
  int day;    // 1..31
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

class Date {
 public:
  constexpr Date() = default;
  constexpr explicit Date(std::int32_t days_since_epoch) : days_(days_since_epoch) {}

  /// Throws std::invalid_argument for a day that does not exist (e.g. 2023-02-29).
  static Date from_civil(int year, int month, int day);
  /// Parses "YYYY-MM-DD"; empty optional when malformed or not a real day.
  static std::optional<Date> parse(std::string_view iso);

  constexpr std::int32_t days_since_epoch() const { return days_; }
  CivilDate civil() const;
  /// civil() without its per-thread memory of the last day asked: for one-off dates (a
  /// post holder's start) that would otherwise replace the day the processes keep asking for.
  CivilDate civil_uncached() const;
  int year() const { return civil().year; }
  int month() const { return civil().month; }
  int day() const { return civil().day; }
  /// Fiscal year of this date: the calendar year in which the fiscal year began.
  int fiscal_year() const;
  /// "YYYY-MM-DD".
  std::string iso() const;

  constexpr Date operator+(std::int32_t days) const { return Date(days_ + days); }
  constexpr Date operator-(std::int32_t days) const { return Date(days_ - days); }
  constexpr std::int32_t operator-(Date other) const { return days_ - other.days_; }
  constexpr Date& operator++() {
    ++days_;
    return *this;
  }
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 false positive on a defaulted <=>
  friend constexpr auto operator<=>(Date, Date) = default;

 private:
  std::int32_t days_ = 0;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);
/// First day of fiscal year `fy` (fy-04-01).
Date fiscal_year_start(int fy);
/// The first day of the month following `d`'s month.
Date first_of_next_month(Date d);

}  // namespace tsunagi
