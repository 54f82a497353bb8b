#include "output/hdf5_writer.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <cstring>

#include "core/error.hpp"
#include "core/version.hpp"
#include "output/h5_file_writer.hpp"
#include "output/h5_handle.hpp"
#include "output/schema.hpp"

namespace tsunagi {
namespace h5 {

Handle utf8_string_type() {
  Handle t = datatype(H5Tcopy(H5T_C_S1));
  H5Tset_size(t.get(), H5T_VARIABLE);
  H5Tset_cset(t.get(), H5T_CSET_UTF8);
  return t;
}

void silence_library_errors() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

}  // namespace h5

namespace {

using Writer = H5FileWriter;

template <class T>
hid_t native_type();
template <> hid_t native_type<std::int8_t>() { return H5T_NATIVE_INT8; }
template <> hid_t native_type<std::int32_t>() { return H5T_NATIVE_INT32; }
template <> hid_t native_type<float>() { return H5T_NATIVE_FLOAT; }
template <> hid_t native_type<double>() { return H5T_NATIVE_DOUBLE; }

template <class T>
hid_t file_type();
template <> hid_t file_type<std::int8_t>() { return H5T_STD_I8LE; }
template <> hid_t file_type<std::int32_t>() { return H5T_STD_I32LE; }
template <> hid_t file_type<float>() { return H5T_IEEE_F32LE; }
template <> hid_t file_type<double>() { return H5T_IEEE_F64LE; }

// The case log as a table (compound dataset): one row per case that left.
struct LogRecord {
  std::int32_t replicate;
  std::int32_t municipality;
  std::uint64_t case_key;
  double entered;
  double left;
  std::int8_t need, last_agency, exit, urgent;
};

void write_case_log(Writer& w, const ResultSet& r) {
  std::vector<LogRecord> rows;
  for (std::size_t slot = 0; slot < r.case_log.size(); ++slot)
    for (const CaseLogRow& c : r.case_log[slot])
      rows.push_back({r.first_replicate + static_cast<std::int32_t>(slot), c.municipality, c.key, c.entered, c.left, c.need,
                      c.last_agency, c.exit, c.urgent});
  h5::Handle type = h5::datatype(H5Tcreate(H5T_COMPOUND, sizeof(LogRecord)));
  H5Tinsert(type.get(), "replicate", HOFFSET(LogRecord, replicate), H5T_NATIVE_INT32);
  H5Tinsert(type.get(), "municipality", HOFFSET(LogRecord, municipality), H5T_NATIVE_INT32);
  H5Tinsert(type.get(), "case_key", HOFFSET(LogRecord, case_key), H5T_NATIVE_UINT64);
  H5Tinsert(type.get(), "entered", HOFFSET(LogRecord, entered), H5T_NATIVE_DOUBLE);
  H5Tinsert(type.get(), "left", HOFFSET(LogRecord, left), H5T_NATIVE_DOUBLE);
  H5Tinsert(type.get(), "need", HOFFSET(LogRecord, need), H5T_NATIVE_INT8);
  H5Tinsert(type.get(), "last_agency", HOFFSET(LogRecord, last_agency), H5T_NATIVE_INT8);
  H5Tinsert(type.get(), "exit", HOFFSET(LogRecord, exit), H5T_NATIVE_INT8);
  H5Tinsert(type.get(), "urgent", HOFFSET(LogRecord, urgent), H5T_NATIVE_INT8);
  h5::Handle group = w.group(w.root(), "cases");
  const hsize_t n = rows.size();
  h5::Handle ds = w.dataset(group.get(), "log", type.get(), type.get(), 1, &n, rows.data());
  w.attr(ds.get(), "description",
         std::string("One row per case that left the agencies: replicate; municipality (index into /municipalities); "
                     "case_key (municipality code << 40 | arrival day mod 65536 << 24 | index that day << 8 | re-entries); "
                     "entered and left in days since 1970-01-01; need, last_agency and exit as indices into "
                     "/axes/need, /axes/agency and /axes/exit; urgent 0/1"));
  w.attr(ds.get(), "units", std::string("entered, left: days since 1970-01-01"));
}

void write_root_attributes(Writer& w, const Scenario& s, const ResultSet& r, const RunMetadata& m) {
  const hid_t root = w.root();
  w.attr(root, "schema", schema::kName);
  w.attr(root, "schema_version", schema::kVersion, H5T_NATIVE_INT);
  w.attr(root, "file_type", schema::kRunFileType);
  w.attr(root, "tsunagi_version", version());
  w.attr(root, "git_commit", git_commit());
  w.attr(root, "created", m.created);
  w.attr(root, "seed", static_cast<unsigned long long>(s.seed), H5T_NATIVE_ULLONG);
  w.attr(root, "replicates", r.replicates, H5T_NATIVE_INT);
  w.attr(root, "threads", m.threads, H5T_NATIVE_INT);
  w.attr(root, "scenario_name", s.name);
  w.attr(root, "scenario_title", s.title);
  w.attr(root, "scenario_toml", s.resolved_toml);
}

}  // namespace

void write_run_file(const std::string& path, const Scenario& s, const ResultSet& r, const RunMetadata& meta) {
  Writer w(path);
  write_root_attributes(w, s, r, meta);

  // Axes, each a dimension scale.
  h5::Handle time = w.group(w.root(), "time");
  std::vector<std::string> iso;
  std::vector<std::int32_t> fy;
  for (Date d : r.dates) iso.push_back(d.iso()), fy.push_back(d.fiscal_year());
  h5::Handle date = w.strings(time.get(), "date", iso);
  w.attr(date.get(), "description", std::string("Record dates (ISO 8601); see docs/output.md for what a record holds"));
  H5DSset_scale(date.get(), "date");
  const hsize_t nt = r.times();
  h5::Handle fyd = w.dataset(time.get(), "fiscal_year", H5T_NATIVE_INT32, H5T_STD_I32LE, 1, &nt, fy.data());
  w.attr(fyd.get(), "units", std::string("fiscal year (April-March), named by the year it starts"));
  H5DSattach_scale(fyd.get(), date.get(), 0);

  std::vector<std::int32_t> reps(static_cast<std::size_t>(r.replicates));
  for (std::size_t i = 0; i < reps.size(); ++i) reps[i] = static_cast<std::int32_t>(r.first_replicate + static_cast<int>(i));
  const hsize_t nr = reps.size();
  h5::Handle rep = w.dataset(w.root(), "replicate", H5T_NATIVE_INT32, H5T_STD_I32LE, 1, &nr, reps.data());
  w.attr(rep.get(), "description", std::string("Replicate number: the key of its random streams with the seed"));
  H5DSset_scale(rep.get(), "replicate");

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
  h5::Handle codes = w.strings(mun.get(), "code", code);
  w.attr(codes.get(), "description", std::string("5-digit local government code"));
  H5DSset_scale(codes.get(), "municipality");
  auto column = [&](h5::Handle ds, const char* units, const char* description) {
    if (units) w.attr(ds.get(), "units", std::string(units));
    w.attr(ds.get(), "description", std::string(description));
    H5DSattach_scale(ds.get(), codes.get(), 0);
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

  // Category axes (agencies, exit kinds, ...), each a dimension scale.
  std::vector<h5::Handle> axis_scales;
  if (!r.axes.empty()) {
    h5::Handle axes = w.group(w.root(), "axes");
    for (const CategoryAxis& a : r.axes) {
      axis_scales.push_back(w.strings(axes.get(), a.name.c_str(), a.labels));
      H5DSset_scale(axis_scales.back().get(), a.name.c_str());
    }
  }

  h5::Handle series = w.group(w.root(), "series");
  for (const Series& sr : r.series) {
    const bool per_m = sr.shape != SeriesShape::kReplicateTime;
    const bool per_cat = sr.shape == SeriesShape::kReplicateTimeMunicipalityCategory;
    const hsize_t nc = per_cat ? r.axes[static_cast<std::size_t>(sr.axis)].labels.size() : 1;
    const hsize_t dims[4] = {nr, nt, nm, nc};
    const int rank = per_cat ? 4 : per_m ? 3 : 2;
    h5::Handle ds = std::visit(
        [&](const auto& v) {
          using T = typename std::decay_t<decltype(v)>::value_type;
          return w.dataset(series.get(), sr.name.c_str(), native_type<T>(), file_type<T>(), rank, dims, v.data());
        },
        sr.data);
    w.attr(ds.get(), "units", sr.units);
    w.attr(ds.get(), "description", sr.description);
    w.attr(ds.get(), "kind", std::string(kind_name(sr.kind)));
    if (!sr.labels.empty()) w.attr(ds.get(), "labels", sr.labels);
    H5DSattach_scale(ds.get(), rep.get(), 0);
    H5DSattach_scale(ds.get(), date.get(), 1);
    H5DSset_label(ds.get(), 0, "replicate");
    H5DSset_label(ds.get(), 1, "time");
    if (per_m) H5DSattach_scale(ds.get(), codes.get(), 2), H5DSset_label(ds.get(), 2, "municipality");
    if (per_cat) {
      const CategoryAxis& a = r.axes[static_cast<std::size_t>(sr.axis)];
      H5DSattach_scale(ds.get(), axis_scales[static_cast<std::size_t>(sr.axis)].get(), 3);
      H5DSset_label(ds.get(), 3, a.name.c_str());
    }
  }
  axis_scales.clear();
  if (!r.case_log.empty()) write_case_log(w, r);
  series.reset(), mun.reset(), codes.reset(), rep.reset(), date.reset(), fyd.reset(), time.reset();
  w.close();
}

}  // namespace tsunagi
