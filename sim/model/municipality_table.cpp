#include "model/municipality_table.hpp"

#include <string>

namespace tsunagi {

MunicipalityTable MunicipalityTable::from(const Scenario& s) {
  MunicipalityTable t;
  const std::size_t n = s.municipalities.size();
  t.entity.reserve(n);
  t.population.reserve(n);
  t.travel_hours.reserve(n);
  t.region.reserve(n);
  for (const auto& m : s.municipalities) {
    // Keyed by code, not position, so adding or removing a municipality leaves every
    // other municipality's random numbers unchanged (common random numbers).
    t.entity.push_back(std::stoull(m.code));
    t.population.push_back(static_cast<double>(m.population));
    t.travel_hours.push_back(m.travel_hours);
    t.region.push_back(m.region);
    t.total_population += static_cast<double>(m.population);
  }
  return t;
}

}  // namespace tsunagi
