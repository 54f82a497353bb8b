#include "core/date.hpp"

#include <charconv>
#include <cstdio>
#include <limits>
#include <stdexcept>

namespace tsunagi {
namespace {

// Days from civil and back: H. Hinnant's public-domain algorithms
// (http://howardhinnant.github.io/date_algorithms.html), exact for all int32 day counts.
std::int32_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) throw std::invalid_argument("month out of range");
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

Date Date::from_civil(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "no such date %04d-%02d-%02d", year, month, day);
    throw std::invalid_argument(buf);
  }
  return Date(days_from_civil(year, month, day));
}

std::optional<Date> Date::parse(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  auto field = [&](std::size_t pos, std::size_t len, int& out) {
    auto [p, ec] = std::from_chars(iso.data() + pos, iso.data() + pos + len, out);
    return ec == std::errc() && p == iso.data() + pos + len;
  };
  if (!field(0, 4, y) || !field(5, 2, m) || !field(8, 2, d)) return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return Date(days_from_civil(y, m, d));
}

CivilDate Date::civil() const {
  // The processes ask for the same day's calendar date several times a day (each at its
  // calendar hooks): the last answer is kept, per thread.
  thread_local std::int32_t last_days = std::numeric_limits<std::int32_t>::min();
  thread_local CivilDate last{};
  if (days_ == last_days) return last;
  // A simulation asks for each day in turn: the day after the last one asked is found by
  // counting on from it (a month or year turning over), without the conversion's
  // arithmetic. The same answer as civil_uncached() (tested for every day 1900-2100).
  if (std::int64_t{days_} == std::int64_t{last_days} + 1 && last_days != std::numeric_limits<std::int32_t>::min()) {
    if (last.day < 28 || last.day < days_in_month(last.year, last.month)) {
      ++last.day;
    } else {
      last.day = 1;
      if (last.month < 12) {
        ++last.month;
      } else {
        last.month = 1, ++last.year;
      }
    }
  } else {
    last = civil_uncached();
  }
  last_days = days_;
  return last;
}

CivilDate Date::civil_uncached() const {
  const int z = days_ + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  const int y = yoe + era * 400 + (m <= 2);
  return {y, m, d};
}

int Date::fiscal_year() const {
  const CivilDate c = civil();
  return c.month >= 4 ? c.year : c.year - 1;
}

std::string Date::iso() const {
  const CivilDate c = civil();
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

Date fiscal_year_start(int fy) { return Date::from_civil(fy, 4, 1); }

Date first_of_next_month(Date d) {
  const CivilDate c = d.civil();
  return c.month == 12 ? Date::from_civil(c.year + 1, 1, 1) : Date::from_civil(c.year, c.month + 1, 1);
}

}  // namespace tsunagi
