#include "scenario/municipality_table_builder.hpp"

#include <cmath>
#include <string>

#include "core/prefecture_set.hpp"

namespace tsunagi {
namespace {

int size_band(double population) {
  // Bands of public-figures.md, "Municipality sizes": <10k, 10-50k, 50-200k, >=200k.
  return population < 10'000 ? 0 : population < 50'000 ? 1 : population < 200'000 ? 2 : 3;
}

}  // namespace

MunicipalityTable build_municipality_table(const Scenario& s) {
  MunicipalityTable t;
  const std::size_t n = s.municipalities.size();
  const DevelopmentParams& d = s.development;
  t.neighbour_begin.push_back(0);
  for (std::size_t i = 0; i < n; ++i) {
    const MunicipalitySpec& m = s.municipalities[i];
    // Keyed by code, not position, so adding or removing a municipality leaves every
    // other municipality's random numbers unchanged (common random numbers).
    t.entity.push_back(std::stoull(m.code));
    const auto pop = static_cast<double>(m.population);
    t.population.push_back(pop);
    t.travel_hours.push_back(m.travel_hours);
    t.region.push_back(m.region);
    t.prefecture.push_back(PrefectureSet::number(m.prefecture_code));
    t.island.push_back(m.island ? 1 : 0);
    t.officer_fte.push_back(static_cast<float>(
        m.officer_fte >= 0.0 ? m.officer_fte : d.officer_fte_by_size[static_cast<std::size_t>(size_band(pop))]));
    t.providers.push_back(m.providers >= 0 ? m.providers
                                           : static_cast<int>(std::floor(pop / d.people_per_provider + 0.5)));
    t.programme.push_back(m.programme);
    for (int nb : m.neighbours) t.neighbours.push_back(nb);
    t.neighbour_begin.push_back(static_cast<int>(t.neighbours.size()));
    t.total_population += pop;
  }
  return t;
}

}  // namespace tsunagi
