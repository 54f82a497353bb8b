#include "output/h5_axes.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <cstddef>
#include <string>

#include "core/error.hpp"

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

namespace {

// H5DS's REFERENCE_LIST type (H5DS_get_REFLIST_type): {dataset: object reference,
// dimension: int}, with ScaleAttachments::Entry's layout.
template <class Entry>
h5::Handle reference_list_type() {
  h5::Handle t = h5::datatype(H5Tcreate(H5T_COMPOUND, sizeof(Entry)));
  H5Tinsert(t.get(), "dataset", offsetof(Entry, dataset), H5T_STD_REF_OBJ);
  H5Tinsert(t.get(), "dimension", offsetof(Entry, dimension), H5T_NATIVE_INT);
  return t;
}

void must(herr_t status, const char* what) {
  if (status < 0) throw IoError(std::string("cannot write the dimension scales: ") + what);
}

}  // namespace

void ScaleAttachments::attach(hid_t dataset, std::span<const hid_t> scales, std::span<const char* const> labels) {
  const hsize_t rank = scales.size();
  std::vector<hobj_ref_t> refs(scales.size());
  std::vector<hvl_t> lists(scales.size());
  hobj_ref_t self{};
  must(H5Rcreate(&self, dataset, ".", H5R_OBJECT, -1), "a reference to a series");
  for (std::size_t d = 0; d < scales.size(); ++d) {
    must(H5Rcreate(&refs[d], scales[d], ".", H5R_OBJECT, -1), "a reference to a scale");
    lists[d] = {1, &refs[d]};
    auto it = std::find_if(scales_.begin(), scales_.end(), [&](const auto& e) { return e.first == scales[d]; });
    if (it == scales_.end()) it = scales_.insert(scales_.end(), {scales[d], {}});
    it->second.push_back({self, static_cast<unsigned int>(d)});
  }
  h5::Handle space = h5::dataspace(H5Screate_simple(1, &rank, nullptr));
  h5::Handle list_type = h5::datatype(H5Tvlen_create(H5T_STD_REF_OBJ));
  h5::Handle list =
      h5::attribute(H5Acreate2(dataset, "DIMENSION_LIST", list_type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT));
  must(H5Awrite(list.get(), list_type.get(), lists.data()), "DIMENSION_LIST");
  h5::Handle label_type = h5::datatype(H5Tcopy(H5T_C_S1));
  H5Tset_size(label_type.get(), H5T_VARIABLE);
  h5::Handle label =
      h5::attribute(H5Acreate2(dataset, "DIMENSION_LABELS", label_type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT));
  must(H5Awrite(label.get(), label_type.get(), labels.data()), "DIMENSION_LABELS");
}

void ScaleAttachments::finish() {
  const h5::Handle type = reference_list_type<Entry>();
  for (auto& [scale, entries] : scales_) {
    std::vector<Entry> all;
    if (H5Aexists(scale, "REFERENCE_LIST") > 0) {  // attachments made by H5DSattach_scale
      h5::Handle before = h5::attribute(H5Aopen(scale, "REFERENCE_LIST", H5P_DEFAULT));
      h5::Handle space = h5::dataspace(H5Aget_space(before.get()));
      all.resize(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get())));
      must(H5Aread(before.get(), type.get(), all.data()), "REFERENCE_LIST (reading)");
      before.reset();
      must(H5Adelete(scale, "REFERENCE_LIST"), "REFERENCE_LIST (replacing)");
    }
    all.insert(all.end(), entries.begin(), entries.end());
    const hsize_t n = all.size();
    h5::Handle space = h5::dataspace(H5Screate_simple(1, &n, nullptr));
    h5::Handle list =
        h5::attribute(H5Acreate2(scale, "REFERENCE_LIST", type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT));
    must(H5Awrite(list.get(), type.get(), all.data()), "REFERENCE_LIST");
  }
  scales_.clear();
}

}  // namespace tsunagi
