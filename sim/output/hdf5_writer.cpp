#include "output/hdf5_writer.hpp"

#include <array>

#include <hdf5_hl.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/error.hpp"
#include "core/version.hpp"
#include "output/file_header.hpp"
#include "output/h5_axes.hpp"
#include "output/h5_file_writer.hpp"
#include "output/h5_handle.hpp"
#include "output/h5_types.hpp"
#include "output/replicate_statistics.hpp"
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

/// The case log's compound type (LogRecord).
h5::Handle log_type() {
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
  return type;
}

// 16,384 rows (640 kB) a chunk of the case log.
constexpr hsize_t kLogChunkRows = 16384;

bool chunked(hid_t ds) {
  h5::Handle dcpl = h5::plist(H5Dget_create_plist(ds));
  return H5Pget_layout(dcpl.get()) == H5D_CHUNKED;
}

}  // namespace

const char* level_name(OutputSpec::Level level) {
  return level == OutputSpec::Level::kTotals           ? "totals"
         : level == OutputSpec::Level::kMunicipalities ? "municipalities"
                                                       : "full";
}

bool written_at(SeriesShape shape, OutputSpec::Level level) {
  switch (shape) {
    case SeriesShape::kReplicateTime:
      return true;
    case SeriesShape::kReplicateTimeMunicipality:
      return level != OutputSpec::Level::kTotals;
    case SeriesShape::kReplicateTimeMunicipalityCategory:
      return level == OutputSpec::Level::kFull;
  }
  return true;
}

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

namespace {

bool summarized(const Series& sr, const OutputSpec& o) {
  return o.store == OutputSpec::Store::kStatistics && sr.shape != SeriesShape::kReplicateTime &&
         written_at(sr.shape, o.level);
}

// What /statistics/<name>/ holds, in this order: the count as uint32, the rest float64.
constexpr const char* kStatisticNames[] = {"count", "mean", "sd", "min", "p05", "p50", "p95", "max"};
constexpr std::uint64_t kStatisticFileBytes = 4 + 7 * 8;

}  // namespace

std::uint64_t SummarizedCells::memory_bytes() const { return SeriesStatistics::bytes(cells); }
std::uint64_t SummarizedCells::file_bytes() const { return cells * kStatisticFileBytes; }

SummarizedCells summarized_cells(const Scenario& s, const ResultSet& declared) {
  SummarizedCells c;
  for (const Series& sr : declared.series)
    if (summarized(sr, s.output)) ++c.series, c.cells += declared.values_per_replicate(sr);
  return c;
}

struct RunFileStream::Impl {
  Impl(const std::string& path) : w(path) {}
  Writer w;
  AxisScales scales;
  std::vector<h5::Handle> axis_scales;
  std::vector<std::string> axis_names;
  h5::Handle series_group;
  std::vector<h5::Handle> series;  // [k], as declared
  std::vector<hsize_t> dims;       // [k][4]
  std::vector<int> ranks;          // [k]
  // [k]: each series' file space (its selection moved to the replicate at each append) and
  // the memory space of one replicate, made once rather than at every append.
  std::vector<h5::Handle> file_spaces, memory_spaces;
  h5::Handle log;  // the case log, when kept
  h5::Handle log_type;
  std::vector<char> appended;  // [replicate index]
  int first_replicate = 0;
  // output.store = "statistics": the series kept as statistics over replicates.
  struct Summary {
    std::size_t k = 0;  // index in the declared series
    std::string name, units, description;
    SeriesKind kind = SeriesKind::kStock;
    std::vector<std::string> labels;
    int axis = -1;      // category axis, or -1
    hsize_t dims[3]{};  // time, municipality, category
    int rank = 2;
    SeriesStatistics statistics{0};
    std::vector<h5::Handle> datasets;  // /statistics/<name>/<statistic>, created empty, written by close()
  };
  h5::Handle statistics_group;
  std::vector<Summary> summaries;
  std::vector<int> summary_of;  // [k]: index into summaries, or -1
  int next_in_order = 0;        // statistics take the replicates in order
  std::uint64_t statistics_file_bytes = 0;
};

RunFileStream::RunFileStream(const std::string& path, const Scenario& s, const ResultSet& r, int replicates,
                             int first_replicate, const RunMetadata& meta)
    : impl_(std::make_unique<Impl>(path)) {
  Impl& m = *impl_;
  Writer& w = m.w;
  m.first_replicate = first_replicate;
  m.appended.assign(static_cast<std::size_t>(replicates), 0);
  write_header(w, schema::FileType::kRun, Provenance{meta.created, s.seed, replicates, meta.threads},
               {{"scenario_name", s.name},
                {"scenario_title", s.title},
                {"scenario_toml", s.resolved_toml},
                {"replicates_decided_by", meta.replicates_decided_by.empty()
                                              ? "a fixed number of replicates (" + std::to_string(replicates) + ")"
                                              : meta.replicates_decided_by},
                {"bands_cover", std::string(meta.parameters ? kBandsCoverParameters : kBandsCoverChance)}});
  // Optional in schema version 1: a file without it was written before levels and holds
  // every series (docs/output.md, "Output levels").
  w.attr(w.root(), "output_level", std::string(level_name(s.output.level)));
  // Optional too: a file without it stores every replicate (docs/output.md, "Statistics
  // instead of replicates").
  w.attr(w.root(), "store",
         std::string(s.output.store == OutputSpec::Store::kStatistics ? "statistics" : "replicates"));
  write_drawn_parameters(w, meta.parameters, replicates);
  m.scales = write_axes(w, s, r.dates, first_replicate, replicates);
  const hsize_t nr = static_cast<hsize_t>(replicates), nt = r.times(), nm = s.municipalities.size();

  // Category axes (agencies, exit kinds, ...), each a dimension scale.
  if (!r.axes.empty()) {
    h5::Handle axes = w.group(w.root(), "axes");
    for (const CategoryAxis& a : r.axes) {
      m.axis_scales.push_back(w.strings(axes.get(), a.name.c_str(), a.labels));
      m.axis_names.push_back(a.name);
      H5DSset_scale(m.axis_scales.back().get(), a.name.c_str());
    }
  }

  m.series_group = w.group(w.root(), "series");
  ScaleAttachments attachments;                     // every series' scales, each scale's list written once
  std::vector<std::string> omitted, omitted_needs;  // the series this level leaves out, and the level that writes each
  std::vector<std::string> as_statistics;
  for (const Series& sr : r.series) {
    m.summary_of.push_back(-1);
    if (summarized(sr, s.output)) {
      // Kept as statistics over replicates, written by close() under /statistics.
      const bool per_cat = sr.shape == SeriesShape::kReplicateTimeMunicipalityCategory;
      Impl::Summary& u = m.summaries.emplace_back();
      u.k = m.series.size(), u.name = sr.name, u.units = sr.units, u.description = sr.description;
      u.kind = sr.kind, u.labels = sr.labels, u.axis = per_cat ? sr.axis : -1;
      u.dims[0] = nt, u.dims[1] = nm;
      u.dims[2] = per_cat ? r.axes[static_cast<std::size_t>(sr.axis)].labels.size() : 1;
      u.rank = per_cat ? 3 : 2;
      u.statistics = SeriesStatistics(r.values_per_replicate(sr));
      m.statistics_file_bytes += r.values_per_replicate(sr) * kStatisticFileBytes;
      m.summary_of.back() = static_cast<int>(m.summaries.size()) - 1;
      as_statistics.push_back(sr.name);
      m.series.emplace_back();
      m.dims.insert(m.dims.end(), 4, 0);
      m.ranks.push_back(0);
      continue;
    }
    if (!written_at(sr.shape, s.output.level)) {
      omitted.push_back(sr.name);
      omitted_needs.push_back(sr.shape == SeriesShape::kReplicateTimeMunicipality ? "municipalities" : "full");
      m.series.emplace_back();  // not in the file at this level
      m.dims.insert(m.dims.end(), 4, 0);
      m.ranks.push_back(0);
      continue;
    }
    const bool per_m = sr.shape != SeriesShape::kReplicateTime;
    const bool per_cat = sr.shape == SeriesShape::kReplicateTimeMunicipalityCategory;
    const hsize_t nc = per_cat ? r.axes[static_cast<std::size_t>(sr.axis)].labels.size() : 1;
    const hsize_t dims[4] = {nr, nt, nm, nc};
    const int rank = per_cat ? 4 : per_m ? 3 : 2;
    h5::Handle ds = std::visit(
        [&](const auto& v) {
          using T = typename std::decay_t<decltype(v)>::value_type;
          return w.create(m.series_group.get(), sr.name.c_str(), h5t::file<T>(), rank, dims);
        },
        sr.data);
    w.attr(ds.get(), "units", sr.units);
    w.attr(ds.get(), "description", sr.description);
    w.attr(ds.get(), "kind", std::string(kind_name(sr.kind)));
    if (!sr.labels.empty()) w.attr(ds.get(), "labels", sr.labels);
    const std::array<hid_t, 4> scales = {
        m.scales.replicate.get(), m.scales.date.get(), per_m ? m.scales.municipality.get() : H5I_INVALID_HID,
        per_cat ? m.axis_scales[static_cast<std::size_t>(sr.axis)].get() : H5I_INVALID_HID};
    const std::array<const char*, 4> labels = {"replicate", "time", "municipality",
                                               per_cat ? m.axis_names[static_cast<std::size_t>(sr.axis)].c_str() : ""};
    attachments.attach(ds.get(), std::span(scales).first(static_cast<std::size_t>(rank)),
                       std::span(labels).first(static_cast<std::size_t>(rank)));
    m.series.push_back(std::move(ds));
    m.dims.insert(m.dims.end(), dims, dims + 4);
    m.ranks.push_back(rank);
  }
  if (!omitted.empty()) {
    w.attr(m.series_group.get(), "omitted", omitted);
    w.attr(m.series_group.get(), "omitted_needs", omitted_needs);
  }
  if (!as_statistics.empty()) {
    w.attr(m.series_group.get(), "as_statistics", as_statistics);
    create_statistics(attachments);
  }
  attachments.finish();
  if (!r.case_log.empty()) {
    m.log_type = log_type();
    h5::Handle group = w.group(w.root(), "cases");
    m.log = w.growing(group.get(), "log", m.log_type.get(), kLogChunkRows);
    w.attr(m.log.get(), "description",
           std::string("One row per case that left the agencies: replicate; municipality (index into "
                       "/municipalities); case_key (municipality code << 40 | arrival day mod 65536 << 24 | index "
                       "that day << 8 | re-entries); entered and left in days since 1970-01-01; need, last_agency "
                       "and exit as indices into /axes/need, /axes/agency and /axes/exit; urgent 0/1"));
    w.attr(m.log.get(), "units", std::string("entered, left: days since 1970-01-01"));
  }
}

RunFileStream::~RunFileStream() = default;

void RunFileStream::append(const ResultSet& r, int slot, int index) {
  Impl& m = *impl_;
  if (index < 0 || static_cast<std::size_t>(index) >= m.appended.size() || m.appended[static_cast<std::size_t>(index)])
    throw RunError("internal: replicate " + std::to_string(index) + " written twice or out of range");
  if (r.series.size() != m.series.size()) throw RunError("internal: a replicate with other series than the file's");
  if (!m.summaries.empty() && index != m.next_in_order)
    throw RunError("internal: statistics over replicates take them in order; got replicate " + std::to_string(index) +
                   ", expected " + std::to_string(m.next_in_order));
  ++m.next_in_order;
  for (std::size_t k = 0; k < r.series.size(); ++k) {
    const Series& sr = r.series[k];
    const hsize_t* dims = &m.dims[4 * k];
    const hsize_t n = r.values_per_replicate(sr);
    if (m.summary_of[k] >= 0) {
      std::visit(
          [&](const auto& v) {
            using T = typename std::decay_t<decltype(v)>::value_type;
            m.summaries[static_cast<std::size_t>(m.summary_of[k])].statistics.add(
                std::span<const T>(v.data() + static_cast<std::size_t>(slot) * n, n));
          },
          sr.data);
      continue;
    }
    if (n == 0 || !m.series[k]) continue;
    const hsize_t start[4] = {static_cast<hsize_t>(index), 0, 0, 0};
    const hsize_t count[4] = {1, dims[1], dims[2], dims[3]};
    if (m.file_spaces.size() < r.series.size()) m.file_spaces.resize(r.series.size());
    if (m.memory_spaces.size() < r.series.size()) m.memory_spaces.resize(r.series.size());
    h5::Handle& fs = m.file_spaces[k];
    h5::Handle& ms = m.memory_spaces[k];
    if (!fs) {
      fs = h5::dataspace(H5Dget_space(m.series[k].get()));
      // The memory space has the selection's shape: HDF5 then maps it to the chunks in one
      // go, not value by value as for a flat buffer against a 4-d selection.
      ms = h5::dataspace(H5Screate_simple(m.ranks[k], count, nullptr));
    }
    H5Sselect_hyperslab(fs.get(), H5S_SELECT_SET, start, nullptr, count, nullptr);
    std::visit(
        [&](const auto& v) {
          using T = typename std::decay_t<decltype(v)>::value_type;
          m.w.check(H5Dwrite(m.series[k].get(), h5t::native<T>(), ms.get(), fs.get(), H5P_DEFAULT,
                             v.data() + static_cast<std::size_t>(slot) * n),
                    "cannot write dataset " + sr.name);
        },
        sr.data);
  }
  if (m.log && !r.case_log.empty()) {
    std::vector<LogRecord> rows;
    const auto& from = r.case_log[static_cast<std::size_t>(slot)];
    rows.reserve(from.size());
    for (const CaseLogRow& c : from)
      rows.push_back({m.first_replicate + index, c.municipality, c.key, c.entered, c.left, c.need, c.last_agency,
                      c.exit, c.urgent});
    m.w.append_rows(m.log.get(), m.log_type.get(), rows.size(), rows.data(), "log");
  }
  m.appended[static_cast<std::size_t>(index)] = 1;
}

RunFileStream::StoredBytes RunFileStream::stored_bytes() const {
  const Impl& m = *impl_;
  StoredBytes b;
  std::uint64_t datasets = 0;
  auto count = [&](hid_t ds) {
    const std::uint64_t n = H5Dget_storage_size(ds);
    (chunked(ds) ? b.per_replicates : datasets) += n;
  };
  for (const auto& ds : m.series)
    if (ds) count(ds.get());
  if (m.log) count(m.log.get());
  hsize_t size = 0;
  H5Fget_filesize(m.w.root(), &size);
  b.fixed = (size > b.per_replicates ? size - b.per_replicates : datasets) + m.statistics_file_bytes;
  return b;
}

void RunFileStream::close() {
  Impl& m = *impl_;
  for (std::size_t i = 0; i < m.appended.size(); ++i)
    if (!m.appended[i]) throw RunError("internal: replicate " + std::to_string(i) + " was not written");
  write_statistics();
  m.file_spaces.clear(), m.memory_spaces.clear();
  m.series.clear(), m.axis_scales.clear(), m.log.reset(), m.log_type.reset(), m.series_group.reset();
  m.scales = AxisScales{};
  m.w.close();
}

void RunFileStream::create_statistics(ScaleAttachments& attachments) {
  // Created now, written by close(): their headers count in stored_bytes() from the start,
  // and their data (contiguous, uncompressed) take exactly the bytes of their cells.
  Impl& m = *impl_;
  Writer& w = m.w;
  m.statistics_group = w.group(w.root(), "statistics");
  const hid_t group = m.statistics_group.get();
  w.attr(group, "description",
         std::string("Statistics over the replicates of each series stored as statistics (output.store = "
                     "\"statistics\"), one group per series: count (values that were not NaN), mean, sd (sample "
                     "standard deviation), min, p05, p50, p95 (percentiles) and max per (time, municipality[, "
                     "category]) cell"));
  w.attr(group, "quantile_method",
         std::string("exact (linear interpolation between order statistics, numpy's default) for a cell whose "
                     "values took at most 9 distinct values; beyond, the P2 estimate (Jain & Chlamtac 1985, nine "
                     "markers after Raatikainen 1987) accumulated in replicate order (docs/output.md, \"Statistics "
                     "instead of replicates\")"));
  for (Impl::Summary& u : m.summaries) {
    h5::Handle g = w.group(group, u.name.c_str());
    w.attr(g.get(), "units", u.units);
    w.attr(g.get(), "description", u.description);
    w.attr(g.get(), "kind", std::string(kind_name(u.kind)));
    if (!u.labels.empty()) w.attr(g.get(), "labels", u.labels);
    for (int stat = 0; stat < 8; ++stat) {
      h5::Handle ds = w.contiguous(g.get(), kStatisticNames[stat], 0, stat == 0 ? H5T_STD_U32LE : H5T_IEEE_F64LE,
                                   u.rank, u.dims, nullptr);
      const std::array<hid_t, 3> scales = {
          m.scales.date.get(), m.scales.municipality.get(),
          u.axis >= 0 ? m.axis_scales[static_cast<std::size_t>(u.axis)].get() : H5I_INVALID_HID};
      const std::array<const char*, 3> labels = {
          "time", "municipality", u.axis >= 0 ? m.axis_names[static_cast<std::size_t>(u.axis)].c_str() : ""};
      attachments.attach(ds.get(), std::span(scales).first(static_cast<std::size_t>(u.rank)),
                         std::span(labels).first(static_cast<std::size_t>(u.rank)));
      u.datasets.push_back(std::move(ds));
    }
  }
}

void RunFileStream::write_statistics() {
  Impl& m = *impl_;
  std::vector<double> values;
  std::vector<std::uint32_t> counts;
  for (Impl::Summary& u : m.summaries) {
    const std::size_t n = u.statistics.cells();
    counts.resize(n), values.resize(n);
    for (int stat = 0; stat < 8; ++stat) {
      const hid_t ds = u.datasets[static_cast<std::size_t>(stat)].get();
      const std::string what = "cannot write dataset statistics/" + u.name + "/" + kStatisticNames[stat];
      if (stat == 0) {
        for (std::size_t i = 0; i < n; ++i) counts[i] = u.statistics.cell(i).count();
        if (n > 0) m.w.check(H5Dwrite(ds, H5T_NATIVE_UINT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, counts.data()), what);
        continue;
      }
      for (std::size_t i = 0; i < n; ++i) {
        const CellStatistics& c = u.statistics.cell(i);
        values[i] = stat == 1   ? c.mean()
                    : stat == 2 ? std::sqrt(c.variance())
                    : stat == 3 ? c.min()
                    : stat == 7 ? c.max()
                                : c.quantile(stat - 4);
      }
      if (n > 0) m.w.check(H5Dwrite(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), what);
    }
    u.statistics = SeriesStatistics(0);  // freed as written
    u.datasets.clear();
  }
  m.statistics_group.reset();
}

void write_run_file(const std::string& path, const Scenario& s, const ResultSet& r, const RunMetadata& meta) {
  RunFileStream stream(path, s, r, r.replicates, r.first_replicate, meta);
  for (int i = 0; i < r.replicates; ++i) stream.append(r, i, i);
  stream.close();
}

}  // namespace tsunagi
