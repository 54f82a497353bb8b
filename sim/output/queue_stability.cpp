#include "output/queue_stability.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/date.hpp"

namespace tsunagi {
namespace {

/// Least-squares slope of y on x.
double slope(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < x.size(); ++i) mx += x[i], my += y[i];
  mx /= n, my /= n;
  double sxy = 0, sxx = 0;
  for (std::size_t i = 0; i < x.size(); ++i) sxy += (x[i] - mx) * (y[i] - my), sxx += (x[i] - mx) * (x[i] - mx);
  return sxx > 0 ? sxy / sxx : 0.0;
}

/// A whole number with thousands separators: 12,345.
std::string count(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.0f", std::fabs(v));
  std::string digits = b, s;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) s += ',';
    s += digits[i];
  }
  return (v <= -0.5 ? "-" : "") + s;
}

}  // namespace

QueueTrendAccumulator::QueueTrendAccumulator(const std::vector<std::string>& iso_dates, int replicates,
                                             std::size_t municipalities, std::size_t agencies,
                                             const QueueStabilityRule& rule)
    : rule_(rule), replicates_(replicates), municipalities_(municipalities), agencies_(agencies) {
  const std::size_t times = iso_dates.size();
  first_ = times;
  if (times < 3 || replicates < 1) return;
  std::vector<double> years(times);
  for (std::size_t t = 0; t < times; ++t) {
    const auto d = Date::parse(iso_dates[t]);
    years[t] = d ? d->days_since_epoch() / 365.25 : 0.0;
  }
  std::size_t first = times - 1;
  while (first > 0 && years.back() - years[first - 1] <= rule.window_years + 1e-9) --first;
  const std::size_t n = times - first;
  span_ = years.back() - years[first];
  run_span_ = years.back() - years.front();
  if (n < 3 || span_ < 1.0 - 1e-9) return;
  first_ = first, n_ = n;
  x_.assign(years.begin() + static_cast<std::ptrdiff_t>(first), years.end());
  mean_.assign(n * municipalities * agencies, 0.0);
  slopes_.assign(static_cast<std::size_t>(replicates) * municipalities * agencies, 0.0);
}

void QueueTrendAccumulator::add(std::span<const float> window) {
  const std::size_t per_time = municipalities_ * agencies_;
  if (n_ == 0 || added_ >= replicates_ || window.size() != n_ * per_time) return;
  std::vector<double> own(n_);
  for (std::size_t k = 0; k < per_time; ++k) {
    for (std::size_t i = 0; i < n_; ++i) {
      const float v = window[i * per_time + k];
      own[i] = std::isfinite(v) ? v : 0.0;
      mean_[i * per_time + k] += own[i] / replicates_;
    }
    slopes_[static_cast<std::size_t>(added_) * per_time + k] = slope(x_, own);
  }
  ++added_;
}

std::vector<QueueTrend> QueueTrendAccumulator::result() const {
  std::vector<QueueTrend> out;
  if (n_ == 0 || added_ != replicates_) return out;
  const std::size_t per_time = municipalities_ * agencies_;
  std::vector<double> mean(n_);
  for (std::size_t m = 0; m < municipalities_; ++m)
    for (std::size_t a = 0; a < agencies_; ++a) {
      const std::size_t k = m * agencies_ + a;
      for (std::size_t i = 0; i < n_; ++i) mean[i] = mean_[i * per_time + k];
      const double g = slope(x_, mean);
      if (g < rule_.min_growth) continue;
      double level = 0;
      for (double v : mean) level += v / static_cast<double>(n_);
      // Material: the trend over the run's length is at least min_share of the level. (Over
      // the window alone, a queue growing steadily since the start fell below a quarter
      // of its level in runs longer than about ten years and went unnamed.)
      if (g * run_span_ < rule_.min_share * level) continue;
      if (replicates_ >= 2) {
        double var = 0;
        for (int r = 0; r < replicates_; ++r) {
          const double s = slopes_[static_cast<std::size_t>(r) * per_time + k];
          var += (s - g) * (s - g);
        }
        const double se = std::sqrt(var / (replicates_ - 1) / replicates_);
        if (g <= 2.0 * se) continue;
      }
      out.push_back({m, a, g, mean.back()});
    }
  std::stable_sort(out.begin(), out.end(),
                   [](const QueueTrend& p, const QueueTrend& q) { return p.growth_per_year > q.growth_per_year; });
  return out;
}

std::vector<QueueTrend> growing_queues(const std::vector<std::string>& iso_dates, std::span<const float> waiting,
                                       int replicates, std::size_t municipalities, std::size_t agencies,
                                       const QueueStabilityRule& rule) {
  const std::size_t times = iso_dates.size();
  if (replicates < 1 || waiting.size() != static_cast<std::size_t>(replicates) * times * municipalities * agencies)
    return {};
  QueueTrendAccumulator acc(iso_dates, replicates, municipalities, agencies, rule);
  const std::size_t per_replicate = times * municipalities * agencies;
  const std::size_t skip = acc.first_time() * municipalities * agencies;
  for (int r = 0; r < replicates; ++r)
    acc.add(waiting.subspan(static_cast<std::size_t>(r) * per_replicate + skip, per_replicate - skip));
  return acc.result();
}

std::vector<std::string> growing_queue_notes(const std::vector<QueueTrend>& trends,
                                             const std::vector<std::string>& municipality_names,
                                             const std::vector<std::string>& agency_names,
                                             const QueueStabilityRule& rule) {
  std::vector<std::string> lines;
  if (trends.empty()) return lines;
  char head[256];
  std::snprintf(head, sizeof head,
                "UNSTABLE QUEUES: waiting lists still growing over the last %.0f years of the run (trend of the "
                "replicate mean >= %.0f cases a year); their households are neither served nor lost:",
                rule.window_years, rule.min_growth);
  lines.emplace_back(head);
  std::map<std::size_t, std::vector<const QueueTrend*>> by_agency;
  for (const QueueTrend& t : trends) by_agency[t.agency].push_back(&t);
  for (const auto& [a, list] : by_agency) {
    double growth = 0, end = 0;
    for (const QueueTrend* t : list) growth += t->growth_per_year, end += t->waiting_end;
    std::string line = "  " + (a < agency_names.size() ? agency_names[a] : "agency " + std::to_string(a)) + ": " +
                       std::to_string(list.size()) + (list.size() == 1 ? " municipality" : " municipalities") + ", +" +
                       count(growth) + " a year, " + count(end) + " waiting at the end (";
    for (std::size_t i = 0; i < list.size() && i < 3; ++i) {
      const std::size_t m = list[i]->municipality;
      line += (i ? ", " : "") + (m < municipality_names.size() ? municipality_names[m] : std::to_string(m)) + " +" +
              count(list[i]->growth_per_year);
    }
    lines.push_back(line + (list.size() > 3 ? ", ...)" : ")"));
  }
  return lines;
}

std::vector<std::string> growing_total_queue_notes(const std::vector<std::string>& iso_dates,
                                                   const std::vector<std::string>& variants, int replicates,
                                                   const std::vector<std::string>& agency_names,
                                                   const std::vector<const std::vector<double>*>& waiting,
                                                   const QueueStabilityRule& rule) {
  std::vector<std::string> lines;
  const std::size_t times = iso_dates.size(), agencies = agency_names.size();
  const std::size_t per_variant = static_cast<std::size_t>(replicates) * times;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    // (replicate, time, 1 municipality, agency) for this variant.
    std::vector<float> w(per_variant * agencies, 0.0f);
    for (std::size_t a = 0; a < agencies && a < waiting.size(); ++a) {
      const std::vector<double>* x = waiting[a];
      if (x == nullptr || x->size() < (v + 1) * per_variant) continue;
      for (std::size_t i = 0; i < per_variant; ++i) w[i * agencies + a] = static_cast<float>((*x)[v * per_variant + i]);
    }
    std::string line;
    for (const QueueTrend& t : growing_queues(iso_dates, w, replicates, 1, agencies, rule))
      line += (line.empty() ? "" : ", ") + agency_names[t.agency] + " +" + count(t.growth_per_year) + " a year (" +
              count(t.waiting_end) + " waiting at the end)";
    if (!line.empty()) lines.push_back("  " + variants[v] + ": " + line);
  }
  if (!lines.empty()) {
    char head[256];
    std::snprintf(head, sizeof head,
                  "UNSTABLE QUEUES: waiting lists (all municipalities together) still growing over the last %.0f "
                  "years of the run; their households are neither served nor lost:",
                  rule.window_years);
    lines.insert(lines.begin(), head);
  }
  return lines;
}

}  // namespace tsunagi
