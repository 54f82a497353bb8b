#include "output/hdf5_writer.hpp"

#include <array>

#include <hdf5_hl.h>

#include <algorithm>
#include <cstring>

#include "core/error.hpp"
#include "core/version.hpp"
#include "output/file_header.hpp"
#include "output/h5_axes.hpp"
#include "output/h5_file_writer.hpp"
#include "output/h5_handle.hpp"
#include "output/h5_types.hpp"
#include "output/schema.hpp"

namespace tsunagi {
namespace h5 {

Handle utf8_string_type() {
  Handle t = datatype(H5Tcopy(H5T_C_S1));
  H5Tset_size(t.get(), H5T_VARIABLE);
  H5Tset_cset(t.get(), H5T_CSET_UTF8);
  return t;
}

void silence_library_errors() {
  // No library clean-up at exit: after a failed write (disk full, file size limit) HDF5's
  // atexit handler would try to flush the broken file again and crash. tsunagi closes
  // every file it opens itself. Effective only before the library starts, which this
  // first call of every reader and writer is.
  static const bool no_atexit = (H5dont_atexit(), true);
  (void)no_atexit;
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

}  // namespace h5

namespace {

using Writer = H5FileWriter;

// The case log as a table (compound dataset): one row per case that left.
struct LogRecord {
  std::int32_t replicate;
  std::int32_t municipality;
  std::uint64_t case_key;
  double entered;
  double left;
  std::int8_t need, last_agency, exit, urgent;
  // The file's compound type is this struct's layout; its 4 trailing bytes are written
  // too, so they are explicit and zero: the same run gives the same file bytes.
  std::array<std::int8_t, 4> pad{};
};
static_assert(sizeof(LogRecord) == 40, "LogRecord has implicit padding");

void write_case_log(Writer& w, const ResultSet& r) {
  std::vector<LogRecord> rows;
  for (std::size_t slot = 0; slot < r.case_log.size(); ++slot)
    for (const CaseLogRow& c : r.case_log[slot])
      rows.push_back({r.first_replicate + static_cast<std::int32_t>(slot), c.municipality, c.key, c.entered, c.left,
                      c.need, c.last_agency, c.exit, c.urgent});
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
         std::string(
             "One row per case that left the agencies: replicate; municipality (index into /municipalities); "
             "case_key (municipality code << 40 | arrival day mod 65536 << 24 | index that day << 8 | re-entries); "
             "entered and left in days since 1970-01-01; need, last_agency and exit as indices into "
             "/axes/need, /axes/agency and /axes/exit; urgent 0/1"));
  w.attr(ds.get(), "units", std::string("entered, left: days since 1970-01-01"));
}

}  // namespace

void write_drawn_parameters(H5FileWriter& w, const DrawnParameters* p, int replicates) {
  if (!p) return;
  const hsize_t nr = static_cast<hsize_t>(replicates), np = p->keys.size();
  if (p->values.size() != nr * np)
    throw IoError("internal: drawn parameters of another shape than (replicate, parameter)");
  h5::Handle g = w.group(w.root(), "parameters");
  w.attr(g.get(), "calibration", p->calibration);
  w.strings(g.get(), "key", p->keys);
  const hsize_t dims[2] = {nr, np};
  h5::Handle ds = w.dataset(g.get(), "drawn", H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, 2, dims, p->values.data());
  w.attr(ds.get(), "keys", p->keys);
  w.attr(ds.get(), "description",
         std::string("the value of each key (/parameters/key) replicate r ran with, drawn from the calibration's "
                     "distribution (the calibration attribute of /parameters)"));
}

void write_run_file(const std::string& path, const Scenario& s, const ResultSet& r, const RunMetadata& meta) {
  Writer w(path);
  write_header(w, schema::FileType::kRun, Provenance{meta.created, s.seed, r.replicates, meta.threads},
               {{"scenario_name", s.name},
                {"scenario_title", s.title},
                {"scenario_toml", s.resolved_toml},
                {"replicates_decided_by", meta.replicates_decided_by.empty()
                                              ? "a fixed number of replicates (" + std::to_string(r.replicates) + ")"
                                              : meta.replicates_decided_by},
                {"bands_cover", std::string(meta.parameters ? kBandsCoverParameters : kBandsCoverChance)}});
  write_drawn_parameters(w, meta.parameters, r.replicates);
  AxisScales scales = write_axes(w, s, r.dates, r.first_replicate, r.replicates);
  const hsize_t nr = static_cast<hsize_t>(r.replicates), nt = r.times(), nm = s.municipalities.size();
  h5::Handle& rep = scales.replicate;
  h5::Handle& date = scales.date;
  h5::Handle& codes = scales.municipality;

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
          return w.dataset(series.get(), sr.name.c_str(), h5t::native<T>(), h5t::file<T>(), rank, dims, v.data());
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
  series.reset(), scales = AxisScales{};
  w.close();
}

}  // namespace tsunagi
