#pragma once
// Fixed attributes of the simulated municipalities, as contiguous arrays (one entry per
// municipality, in scenario order). Built once per run from the Scenario; read-only.
#include <cstdint>
#include <vector>

#include "scenario/scenario.hpp"

namespace tsunagi {

struct MunicipalityTable {
  std::vector<std::uint64_t> entity;  // random-stream key: the numeric municipality code
  std::vector<double> population;     // persons
  std::vector<double> travel_hours;   // one way to the adviser base, hours
  std::vector<int> region;            // index into Scenario::regions
  double total_population = 0.0;

  std::size_t size() const { return entity.size(); }
  static MunicipalityTable from(const Scenario& s);
};

}  // namespace tsunagi
