#include "output/h5_axes.hpp"

#include <hdf5_hl.h>

namespace tsunagi {

AxisScales write_axes(H5FileWriter& w, const Scenario& s, const std::vector<Date>& dates, int first_replicate,
                      int replicates, bool with_municipalities) {
  AxisScales out;
  h5::Handle time = w.group(w.root(), "time");
  std::vector<std::string> iso;
  std::vector<std::int32_t> fy;
  for (Date d : dates) iso.push_back(d.iso()), fy.push_back(d.fiscal_year());
  out.date = w.strings(time.get(), "date", iso);
  w.attr(out.date.get(), "description",
         std::string("Record dates (ISO 8601); see docs/output.md for what a record holds"));
  H5DSset_scale(out.date.get(), "date");
  const hsize_t nt = dates.size();
  h5::Handle fyd = w.dataset(time.get(), "fiscal_year", H5T_NATIVE_INT32, H5T_STD_I32LE, 1, &nt, fy.data());
  w.attr(fyd.get(), "units", std::string("fiscal year (April-March), named by the year it starts"));
  H5DSattach_scale(fyd.get(), out.date.get(), 0);

  std::vector<std::int32_t> reps(static_cast<std::size_t>(replicates));
  for (std::size_t i = 0; i < reps.size(); ++i)
    reps[i] = static_cast<std::int32_t>(first_replicate + static_cast<int>(i));
  const hsize_t nr = reps.size();
  out.replicate = w.dataset(w.root(), "replicate", H5T_NATIVE_INT32, H5T_STD_I32LE, 1, &nr, reps.data());
  w.attr(out.replicate.get(), "description",
         std::string("Replicate number: the key of its random streams with the seed"));
  H5DSset_scale(out.replicate.get(), "replicate");
  if (!with_municipalities) return out;

  h5::Handle mun = w.group(w.root(), "municipalities");
  std::vector<std::string> code, name, pref, region;
  std::vector<std::int64_t> pop;
  std::vector<std::int8_t> island;
  std::vector<double> travel;
  for (const auto& m : s.municipalities) {
    code.push_back(m.code), name.push_back(m.name), pref.push_back(m.prefecture_code);
    region.push_back(s.regions[static_cast<std::size_t>(m.region)].id);
    pop.push_back(m.population), island.push_back(m.island ? 1 : 0), travel.push_back(m.travel_hours);
  }
  const hsize_t nm = code.size();
  out.municipality = w.strings(mun.get(), "code", code);
  w.attr(out.municipality.get(), "description", std::string("5-digit local government code"));
  H5DSset_scale(out.municipality.get(), "municipality");
  auto column = [&](h5::Handle ds, const char* units, const char* description) {
    if (units) w.attr(ds.get(), "units", std::string(units));
    w.attr(ds.get(), "description", std::string(description));
    H5DSattach_scale(ds.get(), out.municipality.get(), 0);
  };
  column(w.strings(mun.get(), "name", name), nullptr, "Municipality name");
  column(w.strings(mun.get(), "prefecture_code", pref), nullptr, "2-digit prefecture code");
  column(w.strings(mun.get(), "region", region), nullptr, "Region (圏域) id from the scenario");
  column(w.dataset(mun.get(), "population", H5T_NATIVE_INT64, H5T_STD_I64LE, 1, &nm, pop.data()), "persons",
         "Population from the scenario (the shipped list: 2020 census)");
  column(w.dataset(mun.get(), "island", H5T_NATIVE_INT8, H5T_STD_I8LE, 1, &nm, island.data()), "flag",
         "1 for an island municipality");
  column(w.dataset(mun.get(), "travel_hours", H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, 1, &nm, travel.data()), "hours",
         "One-way travel time from the adviser base");
  return out;
}

}  // namespace tsunagi
