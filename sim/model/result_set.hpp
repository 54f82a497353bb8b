#pragma once
// The results of an ensemble run, in memory: the axes (replicate, record date,
// municipality) and named series over them. Output-format neutral; the HDF5 writer
// (output/hdf5_writer.hpp) turns it into a file of schema v1 (docs/output.md).
//
// Storage is replicate-major and contiguous, so each replicate writes its own slice and
// threads never share a cache line of results except at slice boundaries.
#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "core/date.hpp"
#include "model/case_log.hpp"

namespace tsunagi {

enum class SeriesShape {
  kReplicateTime,                      // (replicate, time)
  kReplicateTimeMunicipality,          // (replicate, time, municipality)
  kReplicateTimeMunicipalityCategory,  // (replicate, time, municipality, category of an axis)
};

/// What a recorded value is, which says how values over time may be combined:
/// a stock stands on the record date; a flow counts what happened since the previous
/// record (flows add up over time); a period statistic describes those days (a mean or a
/// percentile: neither stock nor additive).
enum class SeriesKind { kStock, kFlow, kPeriodStatistic };
inline const char* kind_name(SeriesKind k) {
  return k == SeriesKind::kStock ? "stock" : k == SeriesKind::kFlow ? "flow" : "period_statistic";
}

/// A named axis of categories (agencies, exit kinds, channels), written as /axes/<name>.
struct CategoryAxis {
  std::string name;
  std::vector<std::string> labels;
};

struct Series {
  using Storage =
      std::variant<std::vector<std::int8_t>, std::vector<std::int32_t>, std::vector<float>, std::vector<double>>;
  std::string name;         // dataset name under /series
  std::string units;        // e.g. "hours", "fraction", "municipalities"
  std::string description;  // one sentence, for people reading the file
  SeriesShape shape = SeriesShape::kReplicateTime;
  std::vector<std::string> labels;  // names of coded values (e.g. stage names), if any
  Storage data;
  int axis = -1;  // index into ResultSet::axes for the 4th dimension
  SeriesKind kind = SeriesKind::kStock;
};

struct ResultSet {
  int replicates = 0;
  /// The case log, one list per replicate slot (empty unless output.case_log is on).
  std::vector<std::vector<CaseLogRow>> case_log;
  int first_replicate = 0;  // slot i holds replicate first_replicate + i (its stream key)
  std::vector<Date> dates;  // record dates (the time axis)
  int municipalities = 0;
  std::vector<CategoryAxis> axes;
  std::vector<Series> series;

  std::size_t times() const { return dates.size(); }
  /// Values of one record of a series: 1, municipalities, or municipalities x categories.
  std::size_t width(const Series& s) const {
    if (s.shape == SeriesShape::kReplicateTime) return 1;
    const auto m = static_cast<std::size_t>(municipalities);
    if (s.shape == SeriesShape::kReplicateTimeMunicipality) return m;
    return m * axes[static_cast<std::size_t>(s.axis)].labels.size();
  }
  std::size_t values_per_replicate(const Series& s) const { return times() * width(s); }

  /// Adds a category axis and returns its index.
  int add_axis(std::string name, std::vector<std::string> labels) {
    axes.push_back({std::move(name), std::move(labels)});
    return static_cast<int>(axes.size()) - 1;
  }

  /// Adds a zero-filled series of element type T and returns its index.
  template <class T>
  std::size_t add(std::string name, std::string units, std::string description, SeriesShape shape,
                  SeriesKind kind = SeriesKind::kStock, std::vector<std::string> labels = {}, int axis = -1) {
    Series s{std::move(name),
             std::move(units),
             std::move(description),
             shape,
             std::move(labels),
             std::vector<T>{},
             axis,
             kind};
    std::get<std::vector<T>>(s.data).assign(values_per_replicate(s) * static_cast<std::size_t>(replicates), T{});
    series.push_back(std::move(s));
    return series.size() - 1;
  }

  /// The values of series `i` for replicate r at time index t: one value for a
  /// (replicate, time) series, one per municipality, or municipality-major categories.
  template <class T>
  std::span<T> at(std::size_t i, int r, std::size_t t) {
    Series& s = series[i];
    const std::size_t width = this->width(s);
    auto& v = std::get<std::vector<T>>(s.data);
    return std::span<T>(v).subspan((static_cast<std::size_t>(r) * times() + t) * width, width);
  }

  template <class T>
  std::span<const T> at(std::size_t i, int r, std::size_t t) const {
    return const_cast<ResultSet*>(this)->at<T>(i, r, t);
  }

  const Series* find(std::string_view name) const {
    for (const auto& s : series)
      if (s.name == name) return &s;
    return nullptr;
  }
};

}  // namespace tsunagi
