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

namespace tsunagi {

enum class SeriesShape {
  kReplicateTime,              // (replicate, time)
  kReplicateTimeMunicipality,  // (replicate, time, municipality)
};

struct Series {
  using Storage = std::variant<std::vector<std::int8_t>, std::vector<std::int32_t>, std::vector<float>,
                               std::vector<double>>;
  std::string name;         // dataset name under /series
  std::string units;        // e.g. "hours", "fraction", "municipalities"
  std::string description;  // one sentence, for people reading the file
  SeriesShape shape = SeriesShape::kReplicateTime;
  std::vector<std::string> labels;  // names of coded values (e.g. stage names), if any
  Storage data;
};

struct ResultSet {
  int replicates = 0;
  int first_replicate = 0;  // slot i holds replicate first_replicate + i (its stream key)
  std::vector<Date> dates;  // record dates (the time axis)
  int municipalities = 0;
  std::vector<Series> series;

  std::size_t times() const { return dates.size(); }
  std::size_t values_per_replicate(const Series& s) const {
    return times() * (s.shape == SeriesShape::kReplicateTime ? 1 : static_cast<std::size_t>(municipalities));
  }

  /// Adds a zero-filled series of element type T and returns its index.
  template <class T>
  std::size_t add(std::string name, std::string units, std::string description, SeriesShape shape,
                  std::vector<std::string> labels = {}) {
    Series s{std::move(name), std::move(units), std::move(description), shape, std::move(labels), std::vector<T>{}};
    std::get<std::vector<T>>(s.data).assign(values_per_replicate(s) * static_cast<std::size_t>(replicates), T{});
    series.push_back(std::move(s));
    return series.size() - 1;
  }

  /// The values of series `i` for replicate r at time index t: one value for a
  /// (replicate, time) series, one per municipality otherwise.
  template <class T>
  std::span<T> at(std::size_t i, int r, std::size_t t) {
    Series& s = series[i];
    const std::size_t width = s.shape == SeriesShape::kReplicateTime ? 1 : static_cast<std::size_t>(municipalities);
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
