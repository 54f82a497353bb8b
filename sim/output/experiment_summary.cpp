#include "output/experiment_summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/statistics.hpp"

namespace tsunagi {
namespace {

MetricMatrix variant_matrix(const VariantMetric& m, int v, bool minus_baseline) {
  MetricMatrix out{m.name, m.units, m.kind, m.replicates, m.times, {}};
  const std::size_t block = static_cast<std::size_t>(m.replicates) * m.times;
  out.values.assign(m.values.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(v) * block),
                    m.values.begin() + static_cast<std::ptrdiff_t>((static_cast<std::size_t>(v) + 1) * block));
  if (minus_baseline)
    for (std::size_t i = 0; i < block; ++i) out.values[i] -= m.values[i];
  return out;
}

std::string signed_number(double v, bool fraction) {
  char buf[32];
  if (std::isnan(v)) return "n/a";
  std::snprintf(buf, sizeof buf, fraction ? "%+.3f" : "%+.1f", v);
  return buf;
}

}  // namespace

ExperimentSummary summarize_experiment(const std::vector<std::string>& variants, const std::vector<std::string>& dates,
                                       const std::vector<VariantMetric>& metrics, const std::string& target) {
  ExperimentSummary s;
  s.variants = variants;
  std::vector<MetricMatrix> base;
  base.reserve(metrics.size());
  for (const auto& m : metrics) base.push_back(variant_matrix(m, 0, false));
  s.baseline = summarize(dates, base, target);
  s.baseline.notes.clear();  // said per variant below
  for (std::size_t v = 1; v < variants.size(); ++v) {
    std::vector<MetricMatrix> diffs;
    diffs.reserve(metrics.size());
    for (const auto& m : metrics) diffs.push_back(variant_matrix(m, static_cast<int>(v), true));
    s.differences.push_back(summarize(dates, diffs, target));
  }
  // P(every municipality has a 基幹 by the target), per variant, from each one's own coverage.
  const std::string on = s.baseline.target;
  for (const auto& m : metrics) {
    if (m.name != "kikan_coverage") continue;
    std::vector<std::vector<double>> covered(variants.size());
    for (std::size_t v = 0; v < variants.size(); ++v) {
      const MetricMatrix own = variant_matrix(m, static_cast<int>(v), false);
      if (replicates_fully_covered(dates, own, on) < 0) {
        s.notes.push_back("P(every municipality has a 基幹 by " + on + "): the run does not cover that date");
        return s;
      }
      // The indicator per replicate, from a one-replicate view of each replicate.
      for (int r = 0; r < m.replicates; ++r) {
        MetricMatrix one{m.name, m.units, m.kind, 1, m.times, {}};
        one.values.assign(
            own.values.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(r) * m.times),
            own.values.begin() + static_cast<std::ptrdiff_t>((static_cast<std::size_t>(r) + 1) * m.times));
        covered[v].push_back(static_cast<double>(replicates_fully_covered(dates, one, on)));
      }
    }
    char line[300];
    auto share = [](const std::vector<double>& x) {
      double sum = 0.0;
      for (double b : x) sum += b;
      return sum / static_cast<double>(x.size());
    };
    s.notes.push_back("P(every municipality has a 基幹 by " + on +
                      "), share of replicates; each variant's paired "
                      "difference from " +
                      variants[0] + " [95% interval]:");
    int w = 0;
    for (const auto& name : variants) w = std::max(w, static_cast<int>(name.size()));
    std::snprintf(line, sizeof line, "  %-*s  %.2f", w, variants[0].c_str(), share(covered[0]));
    s.notes.emplace_back(line);
    for (std::size_t v = 1; v < variants.size(); ++v) {
      std::vector<double> d(covered[v].size());
      for (std::size_t r = 0; r < d.size(); ++r) d[r] = covered[v][r] - covered[0][r];
      const double mean = share(d), half = mean_interval95(d).half_width;
      if (half == 0.0)  // every replicate pair alike: no interval to give
        std::snprintf(line, sizeof line, "  %-*s  %.2f  (%+.2f in every replicate)", w, variants[v].c_str(),
                      share(covered[v]), mean);
      else
        std::snprintf(line, sizeof line, "  %-*s  %.2f  (%+.2f [%+.2f, %+.2f])", w, variants[v].c_str(),
                      share(covered[v]), mean, mean - half, mean + half);
      s.notes.emplace_back(line);
    }
  }
  return s;
}

ExperimentSummary summarize_experiment(const ExperimentResult& r, const std::vector<std::string>& variants,
                                       const std::vector<std::string>& names, const std::string& target) {
  std::vector<std::string> available, dates;
  for (const auto& s : r.series) available.push_back(s.name);
  for (Date d : r.dates) dates.push_back(d.iso());
  std::vector<VariantMetric> metrics;
  for (const auto& name : names.empty() ? default_summary_metrics(available) : names) {
    const VariantSeries* s = r.find(name);
    if (s) metrics.push_back(VariantMetric{s->name, s->units, s->kind, r.variants, r.replicates, r.times(), s->values});
  }
  return summarize_experiment(variants, dates, metrics, target);
}

std::string format_difference_table(const ExperimentSummary& s) {
  std::ostringstream os;
  const SummaryTable& b = s.baseline;
  auto pad = [](const std::string& text, std::size_t width) {
    return std::string(width - std::min(width, text.size()), ' ') + text;
  };
  for (std::size_t k = 0; k < b.metrics.size(); ++k) {
    const bool fraction = b.units[k] == "fraction";
    os << b.metrics[k] << " (" << b.units[k]
       << (b.kinds[k] == SeriesKind::kFlow ? ", total since the previous row" : "") << "): " << s.variants[0]
       << " mean; each variant minus " << s.variants[0] << ", mean [95% interval] over paired replicates\n";
    // Cells first, so that every column is as wide as its widest entry.
    std::vector<std::vector<std::string>> columns(s.variants.size());
    columns[0].push_back(s.variants[0]);
    for (std::size_t v = 1; v < s.variants.size(); ++v) columns[v].push_back(s.variants[v]);
    for (std::size_t i = 0; i < b.dates.size(); ++i) {
      const std::string mean = signed_number(b.mean[k][i], fraction);
      columns[0].push_back(mean[0] == '+' ? mean.substr(1) : mean);
      for (std::size_t v = 1; v < s.variants.size(); ++v) {
        const SummaryTable& d = s.differences[v - 1];
        const double m = d.mean[k][i], h = d.half95[k][i];
        columns[v].push_back(signed_number(m, fraction) + " [" + signed_number(m - h, fraction) + ", " +
                             signed_number(m + h, fraction) + "]");
      }
    }
    std::vector<std::size_t> width;
    for (const auto& c : columns) {
      std::size_t w = 0;
      for (const auto& cell : c) w = std::max(w, cell.size());
      width.push_back(w);
    }
    for (std::size_t row = 0; row <= b.dates.size(); ++row) {
      if (row == 0) {
        os << "  date        FY  ";
      } else {
        char lead[40];
        std::snprintf(lead, sizeof lead, "  %s  %4d", b.dates[row - 1].c_str(), b.fiscal_years[row - 1]);
        os << lead;
      }
      for (std::size_t v = 0; v < columns.size(); ++v)
        os << (v == 0 ? "  " : "  |  ") << pad(columns[v][row], width[v]);
      if (row > 0 && b.dates[row - 1] == b.target) os << "  <- target date";
      os << '\n';
    }
    if (k + 1 < b.metrics.size()) os << '\n';
  }
  if (!s.notes.empty()) os << '\n';
  for (const auto& n : s.notes) os << n << '\n';
  return os.str();
}

std::string format_difference_csv(const ExperimentSummary& s) {
  std::ostringstream os;
  os << "metric,units,kind,variant,date,fiscal_year,baseline_mean,difference_mean,difference_lower95,difference_upper95\n";
  char buf[200];
  const SummaryTable& b = s.baseline;
  for (std::size_t k = 0; k < b.metrics.size(); ++k)
    for (std::size_t v = 1; v < s.variants.size(); ++v)
      for (std::size_t i = 0; i < b.dates.size(); ++i) {
        const SummaryTable& d = s.differences[v - 1];
        std::snprintf(buf, sizeof buf, "%.10g,%.10g,%.10g,%.10g", b.mean[k][i], d.mean[k][i],
                      d.mean[k][i] - d.half95[k][i], d.mean[k][i] + d.half95[k][i]);
        os << b.metrics[k] << ',' << b.units[k] << ',' << kind_name(b.kinds[k]) << ',' << s.variants[v] << ','
           << b.dates[i] << ',' << b.fiscal_years[i] << ',' << buf << '\n';
      }
  return os.str();
}

}  // namespace tsunagi
