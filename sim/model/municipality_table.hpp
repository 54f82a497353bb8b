#pragma once
// Fixed attributes of the simulated municipalities, as contiguous arrays (one entry per
// municipality, in scenario order). Built once per run from the Scenario
// (scenario/municipality_table_builder.hpp); read-only.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tsunagi {

struct MunicipalityTable {
  std::vector<std::uint64_t> entity;  // random-stream key: the numeric municipality code
  std::vector<double> population;     // persons
  std::vector<double> travel_hours;   // one way from the adviser base, hours
  std::vector<int> region;            // index into Scenario::regions
  std::vector<std::uint8_t> island;
  std::vector<float> officer_fte;    // officers' full-time equivalents on this work (兼務 lowers it)
  std::vector<int> providers;        // consultation providers able to take a commission
  std::vector<int> programme;        // index into Scenario::programmes
  std::vector<int> prefecture;       // prefecture: its 2-digit code as a number (core/prefecture_set.hpp)
  std::vector<int> neighbour_begin;  // neighbours of m: neighbours[neighbour_begin[m] .. [m+1])
  std::vector<int> neighbours;
  double total_population = 0.0;

  std::size_t size() const { return entity.size(); }
};

}  // namespace tsunagi
