#include "output/summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/error.hpp"
#include "core/statistics.hpp"

namespace tsunagi {

std::vector<std::string> default_summary_metrics(const std::vector<std::string>& available) {
  std::vector<std::string> out = {"kikan_municipalities", "kikan_coverage",   "kikan_population_coverage",
                                  "kyoten_coverage",      "council_coverage", "multi_layered_coverage"};
  out.erase(std::remove_if(out.begin() + 3, out.end(),
                           [&](const std::string& m) {
                             return std::find(available.begin(), available.end(), m) == available.end();
                           }),
            out.end());
  // Case flows and the workforce, when the file has them.
  for (const char* m : {"case_new_total", "case_waiting_total", "case_waiting_long_total", "case_lost_total",
                        "adviser_headcount", "workforce_officer_departures", "workforce_worker_vacant"})
    if (std::find(available.begin(), available.end(), m) != available.end()) out.emplace_back(m);
  return out;
}

std::vector<std::string> idle_reason_summary_metrics(const std::vector<std::string>& available) {
  const std::vector<std::string> names = {"adviser_hours_idle", "adviser_hours_idle_no_need",
                                          "adviser_hours_idle_at_limit", "adviser_hours_idle_cannot_fit",
                                          "adviser_hours_idle_not_booked"};
  for (const auto& n : names)
    if (std::find(available.begin(), available.end(), n) == available.end()) return {};
  std::vector<std::string> out = names;
  // Files written before the reason region_bound existed do not have it.
  // The municipalities' need and what no engagement met (docs/model.md §3.2): why more
  // advisers buy something (unmet need) or nothing (need met, or not asked for).
  for (const char* m : {"adviser_hours_idle_region_bound", "adviser_hours_needed", "adviser_hours_unmet"})
    if (std::find(available.begin(), available.end(), m) != available.end()) out.emplace_back(m);
  return out;
}

double quantile(std::vector<double>& v, double q) {
  if (v.empty()) return std::nan("");
  std::sort(v.begin(), v.end());
  const double h = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

MetricMatrix metric_from(const ResultSet& r, const std::string& name) {
  const Series* s = r.find(name);
  if (!s || s->shape != SeriesShape::kReplicateTime) throw RunError("no (replicate, time) series named " + name);
  MetricMatrix m{name, s->units, s->kind, r.replicates, r.times(), {}};
  std::visit([&](const auto& v) { m.values.assign(v.begin(), v.end()); }, s->data);
  return m;
}

int replicates_fully_covered(const std::vector<std::string>& dates, const MetricMatrix& coverage,
                             const std::string& date) {
  if (dates.empty() || date < dates.front() || dates.back() <= date) return -1;  // ISO dates order as strings
  std::size_t t = 0;
  while (t + 1 < dates.size() && dates[t + 1] <= date) ++t;
  int met = 0;
  for (int r = 0; r < coverage.replicates; ++r)
    met += coverage.values[static_cast<std::size_t>(r) * coverage.times + t] >= 1.0 - 1e-12;
  return met;
}

std::string target_date_of(const std::vector<std::string>& dates) {
  for (std::size_t i = 1; i + 1 < dates.size(); ++i)
    if (dates[i].size() == 10 && dates[i].compare(8, 2, "01") != 0) return dates[i];
  return kKikanTargetDate;
}

SummaryTable summarize(const std::vector<std::string>& dates, const std::vector<MetricMatrix>& metrics,
                       std::string target) {
  SummaryTable t;
  if (target.empty()) target = target_date_of(dates);
  // A target that is not a record date: its row is the last record on or before it.
  std::string target_row = target;
  if (std::find(dates.begin(), dates.end(), target) == dates.end()) {
    const auto after = std::upper_bound(dates.begin(), dates.end(), target);  // ISO dates order as strings
    if (after != dates.begin() && after != dates.end()) {
      target_row = *(after - 1);
      t.notes.push_back(target +
                        " is not a record date of this run: its row and probability are the state at the "
                        "record of " +
                        target_row + ", the last on or before it (run with --by " + target + " to record it)");
    }
  }
  t.target = target_row;
  for (const MetricMatrix& m : metrics) {
    if (m.name != "kikan_coverage") continue;
    const int met = replicates_fully_covered(dates, m, target);
    char line[200];
    if (met >= 0)
      std::snprintf(line, sizeof line, "P(every municipality has a 基幹 by %s) = %.2f (%d of %d replicates)",
                    target.c_str(), static_cast<double>(met) / m.replicates, met, m.replicates);
    else
      std::snprintf(line, sizeof line, "P(every municipality has a 基幹 by %s): the run does not cover that date",
                    target.c_str());
    t.notes.emplace_back(line);
  }
  std::vector<std::size_t> rows;
  std::vector<bool> extra;  // the target's own row, not one of the fiscal-year rows
  for (std::size_t i = 0; i < dates.size(); ++i) {
    const bool fy_start = dates[i].size() == 10 && dates[i].compare(5, 5, "04-01") == 0;
    const bool regular = i == 0 || fy_start || i + 1 == dates.size();
    if (regular || dates[i] == target_row) {
      rows.push_back(i);
      extra.push_back(!regular);
    }
  }
  for (std::size_t i : rows) {
    t.dates.push_back(dates[i]);
    const auto d = Date::parse(dates[i]);
    t.fiscal_years.push_back(d ? d->fiscal_year() : 0);
  }
  for (const MetricMatrix& m : metrics) {
    t.metrics.push_back(m.name);
    t.units.push_back(m.units);
    t.kinds.push_back(m.kind);
    std::vector<double> mean, lo, hi, half, column(static_cast<std::size_t>(m.replicates));
    std::size_t previous = 0;
    for (std::size_t row = 0; row < rows.size(); ++row) {
      const std::size_t i = rows[row];
      // A flow adds up the records after the previous row, up to and including this one;
      // the target row does not cut the fiscal year: the next row still covers all of it.
      const std::size_t from = m.kind == SeriesKind::kFlow && row > 0 ? previous + 1 : i;
      if (!extra[row]) previous = i;
      double sum = 0.0;
      for (int r = 0; r < m.replicates; ++r) {
        double v = 0.0;
        for (std::size_t j = from; j <= i; ++j) v += m.values[static_cast<std::size_t>(r) * m.times + j];
        column[static_cast<std::size_t>(r)] = v;
        sum += v;
      }
      mean.push_back(sum / m.replicates);
      half.push_back(mean_interval95(column).half_width);
      lo.push_back(quantile(column, 0.05));
      hi.push_back(quantile(column, 0.95));
    }
    t.half95.push_back(std::move(half));
    t.mean.push_back(std::move(mean)), t.p5.push_back(std::move(lo)), t.p95.push_back(std::move(hi));
  }
  return t;
}

namespace {
std::string num(double v, bool fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, fraction ? "%.3f" : "%.1f", v);
  return buf;
}
}  // namespace

std::string format_table(const SummaryTable& t) {
  std::ostringstream os;
  for (std::size_t k = 0; k < t.metrics.size(); ++k) {
    const bool fraction = t.units[k] == "fraction";
    os << t.metrics[k] << " (" << t.units[k]
       << (t.kinds[k] == SeriesKind::kFlow ? ", total since the previous row" : "")
       << "): mean [5% - 95%] over replicates\n";
    os << "  date        FY     mean      5%       95%\n";
    for (std::size_t i = 0; i < t.dates.size(); ++i) {
      char line[160];
      std::snprintf(line, sizeof line, "  %s  %4d  %8s  %8s  %8s%s\n", t.dates[i].c_str(), t.fiscal_years[i],
                    num(t.mean[k][i], fraction).c_str(), num(t.p5[k][i], fraction).c_str(),
                    num(t.p95[k][i], fraction).c_str(), t.dates[i] == t.target ? "  <- target date" : "");
      os << line;
    }
    if (k + 1 < t.metrics.size()) os << '\n';
  }
  if (!t.notes.empty()) os << '\n';
  for (const auto& n : t.notes) os << n << '\n';
  return os.str();
}

std::string format_csv(const SummaryTable& t) {
  std::ostringstream os;
  os << "metric,units,kind,date,fiscal_year,mean,p5,p95\n";
  char buf[64];
  for (std::size_t k = 0; k < t.metrics.size(); ++k)
    for (std::size_t i = 0; i < t.dates.size(); ++i) {
      os << t.metrics[k] << ',' << t.units[k] << ',' << kind_name(t.kinds[k]) << ',' << t.dates[i] << ','
         << t.fiscal_years[i];
      for (double v : {t.mean[k][i], t.p5[k][i], t.p95[k][i]}) {
        std::snprintf(buf, sizeof buf, ",%.10g", v);
        os << buf;
      }
      os << '\n';
    }
  return os.str();
}

}  // namespace tsunagi
