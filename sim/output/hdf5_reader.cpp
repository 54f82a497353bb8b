#include "output/hdf5_reader.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <utility>

#include "core/error.hpp"
#include "core/version.hpp"
#include "model/case_types.hpp"
#include "output/h5_handle.hpp"
#include "output/queue_stability.hpp"
#include "output/schema.hpp"
#include "scenario/table_reader.hpp"

namespace tsunagi {
namespace {

class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {
    h5::silence_library_errors();
    if (H5Fis_hdf5(path_.c_str()) <= 0)
      fail("", "not an HDF5 file (or unreadable); expected a file written by tsunagi run");
    file_ = h5::file(H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file_) fail("", "cannot open the HDF5 file (truncated or damaged?)");
  }

  [[noreturn]] void fail(const std::string& object, const std::string& message) const {
    throw InputError({Diagnostic{path_, 0, 0, object, message, {}}});
  }

  bool has_attr(hid_t obj, const char* name) const { return H5Aexists(obj, name) > 0; }

  std::string string_attr(hid_t obj, const char* name, const std::string& where) const {
    if (!has_attr(obj, name)) fail(where, std::string("missing attribute '") + name + "'");
    h5::Handle a = h5::attribute(H5Aopen(obj, name, H5P_DEFAULT));
    h5::Handle ft = h5::datatype(H5Aget_type(a.get()));
    if (H5Tget_class(ft.get()) != H5T_STRING) fail(where, std::string("attribute '") + name + "' is not a string");
    h5::Handle sp = h5::dataspace(H5Aget_space(a.get()));
    if (H5Sget_simple_extent_npoints(sp.get()) != 1) fail(where, std::string("attribute '") + name + "' is not scalar");
    if (H5Tis_variable_str(ft.get()) > 0) {
      h5::Handle mt = h5::utf8_string_type();
      char* p = nullptr;
      if (H5Aread(a.get(), mt.get(), &p) < 0 || !p) fail(where, std::string("cannot read attribute '") + name + "'");
      std::string s(p);
      H5free_memory(p);
      return s;
    }
    const std::size_t n = H5Tget_size(ft.get());
    std::string s(n, '\0');
    if (H5Aread(a.get(), ft.get(), s.data()) < 0) fail(where, std::string("cannot read attribute '") + name + "'");
    s.resize(std::strlen(s.c_str()));
    return s;
  }

  long long int_attr(hid_t obj, const char* name, const std::string& where) const {
    if (!has_attr(obj, name)) fail(where, std::string("missing attribute '") + name + "'");
    h5::Handle a = h5::attribute(H5Aopen(obj, name, H5P_DEFAULT));
    h5::Handle ft = h5::datatype(H5Aget_type(a.get()));
    h5::Handle sp = h5::dataspace(H5Aget_space(a.get()));
    if (H5Tget_class(ft.get()) != H5T_INTEGER || H5Sget_simple_extent_npoints(sp.get()) != 1)
      fail(where, std::string("attribute '") + name + "' is not a single integer");
    long long v = 0;
    if (H5Aread(a.get(), H5T_NATIVE_LLONG, &v) < 0) fail(where, std::string("cannot read attribute '") + name + "'");
    return v;
  }

  bool exists(const std::string& name) const { return H5Lexists(file_.get(), name.c_str(), H5P_DEFAULT) > 0; }

  h5::Handle open_dataset(const std::string& name) const {
    if (H5Lexists(file_.get(), name.c_str(), H5P_DEFAULT) <= 0) fail(name, "missing dataset");
    h5::Handle d = h5::dataset(H5Dopen2(file_.get(), name.c_str(), H5P_DEFAULT));
    if (!d) fail(name, "not a dataset");
    return d;
  }

  /// The number of elements of `dims`, after checking that the file could hold them: a
  /// damaged dataspace can claim far more than the file has, and reading it would try to
  /// allocate that much. Compression (deflate) packs at most 1032 bytes into one.
  hsize_t check_fits(const std::string& path, hid_t ds, const std::vector<hsize_t>& dims) const {
    h5::Handle ft = h5::datatype(H5Dget_type(ds));
    const hsize_t element = std::max<hsize_t>(H5Tget_size(ft.get()), 1);
    hsize_t file_size = 0;
    H5Fget_filesize(file_.get(), &file_size);
    const hsize_t limit = file_size * 1032 / element + 1;
    hsize_t n = 1;
    for (hsize_t d : dims) {
      if (d != 0 && n > limit / d)
        fail(path, "found shape " + shape_text(dims) + ", more than the file can hold (damaged file?)");
      n *= d;
    }
    return n;
  }

  std::vector<hsize_t> shape(hid_t ds) const {
    h5::Handle sp = h5::dataspace(H5Dget_space(ds));
    const int rank = H5Sget_simple_extent_ndims(sp.get());
    std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
    if (rank > 0) H5Sget_simple_extent_dims(sp.get(), dims.data(), nullptr);
    return dims;
  }

  std::vector<std::string> strings(const std::string& name) const {
    h5::Handle ds = open_dataset(name);
    const auto dims = shape(ds.get());
    h5::Handle ft = h5::datatype(H5Dget_type(ds.get()));
    if (dims.size() != 1 || H5Tget_class(ft.get()) != H5T_STRING || H5Tis_variable_str(ft.get()) <= 0)
      fail(name, "expected a 1-d dataset of variable-length strings");
    check_fits(name, ds.get(), dims);
    std::vector<char*> ptrs(dims[0], nullptr);
    h5::Handle mt = h5::utf8_string_type();
    // HDF5 allocates the strings through these callbacks, so that every one is freed below,
    // also after a failed read (HDF5 1.10 loses the strings it converted before the failure).
    std::vector<void*> allocated;
    auto alloc = [](std::size_t size, void* info) -> void* {
      void* p = std::malloc(size);
      if (p) static_cast<std::vector<void*>*>(info)->push_back(p);
      return p;
    };
    auto release = [](void*, void*) {};  // freed together below
    h5::Handle xfer = h5::transfer_for(dims[0]);
    H5Pset_vlen_mem_manager(xfer.get(), alloc, &allocated, release, nullptr);
    const bool read = ptrs.empty() || H5Dread(ds.get(), mt.get(), H5S_ALL, H5S_ALL, xfer.get(), ptrs.data()) >= 0;
    std::vector<std::string> out;
    if (read)
      for (char* p : ptrs) out.emplace_back(p ? p : "");
    for (void* p : allocated) std::free(p);
    if (!read) fail(name, "cannot read (truncated or damaged file?)");
    return out;
  }

  /// A numeric dataset of exactly the `expected` shape, as doubles, with its units and kind.
  std::vector<double> numeric(const std::string& path, const std::vector<hsize_t>& expected, const char* axes,
                              std::string& units, SeriesKind& kind) const {
    h5::Handle ds = open_numeric(path, expected, axes, units, kind);
    const hsize_t n = check_fits(path, ds.get(), expected);
    std::vector<double> values(n);
    if (n > 0 && H5Dread(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, h5::transfer_for(n).get(), values.data()) < 0)
      fail(path, "cannot read (truncated or damaged file?)");
    return values;
  }

  /// A numeric dataset of shape `expected` (replicate first), checked as numeric() does,
  /// handed to `each` one replicate at a time: replicate r's values from time index
  /// `from` on, as floats (row-major over the remaining dimensions). Holds one replicate.
  template <class Each>
  void numeric_by_replicate(const std::string& path, const std::vector<hsize_t>& expected, const char* axes,
                            hsize_t from, Each&& each) const {
    std::string units;
    SeriesKind kind{};
    h5::Handle ds = open_numeric(path, expected, axes, units, kind);
    (void)check_fits(path, ds.get(), expected);
    if (expected.size() < 2 || from > expected[1]) fail(path, "internal: a slab outside the dataset");
    std::vector<hsize_t> start(expected.size(), 0), count = expected;
    start[1] = from, count[0] = 1, count[1] = expected[1] - from;
    hsize_t n = 1;
    for (hsize_t c : count) n *= c;
    std::vector<float> values(n);
    h5::Handle fs = h5::dataspace(H5Dget_space(ds.get()));
    h5::Handle ms = h5::dataspace(H5Screate_simple(1, &n, nullptr));
    const h5::Handle xfer = h5::transfer_for(n);
    for (hsize_t r = 0; r < expected[0]; ++r) {
      start[0] = r;
      H5Sselect_hyperslab(fs.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr);
      if (n > 0 && H5Dread(ds.get(), H5T_NATIVE_FLOAT, ms.get(), fs.get(), xfer.get(), values.data()) < 0)
        fail(path, "cannot read (truncated or damaged file?)");
      each(std::span<const float>(values));
    }
  }

  h5::Handle open_numeric(const std::string& path, const std::vector<hsize_t>& expected, const char* axes,
                          std::string& units, SeriesKind& kind) const {
    h5::Handle ds = open_dataset(path);
    const auto dims = shape(ds.get());
    h5::Handle ft = h5::datatype(H5Dget_type(ds.get()));
    const H5T_class_t cls = H5Tget_class(ft.get());
    if (cls != H5T_INTEGER && cls != H5T_FLOAT) fail(path, "expected a numeric dataset");
    if (dims != expected)
      fail(path, "found shape " + shape_text(dims) + ", expected " + shape_text(expected) + " = " + axes);
    units = has_attr(ds.get(), "units") ? string_attr(ds.get(), "units", path) : "";
    kind = SeriesKind::kStock;
    if (has_attr(ds.get(), "kind")) {
      const std::string k = string_attr(ds.get(), "kind", path);
      if (k == "flow")
        kind = SeriesKind::kFlow;
      else if (k == "period_statistic")
        kind = SeriesKind::kPeriodStatistic;
      else if (k != "stock")
        fail(path, "attribute kind is \"" + k + "\", expected stock, flow or period_statistic");
    }
    return ds;
  }

  MetricMatrix metric(const std::string& name, int replicates, std::size_t times) const {
    MetricMatrix m{name, "", SeriesKind::kStock, replicates, times, {}};
    m.values =
        numeric("/series/" + name, {static_cast<hsize_t>(replicates), times}, "(replicate, time)", m.units, m.kind);
    return m;
  }

  /// Names of the datasets in /series whose shape is `expected`.
  std::vector<std::string> series_of_shape(const std::vector<hsize_t>& expected) const {
    std::vector<std::string> names;
    if (H5Lexists(file_.get(), "/series", H5P_DEFAULT) <= 0) fail("/series", "missing group");
    h5::Handle g = h5::group(H5Gopen2(file_.get(), "/series", H5P_DEFAULT));
    if (!g) fail("/series", "not a group");
    H5G_info_t info{};
    H5Gget_info(g.get(), &info);
    for (hsize_t i = 0; i < info.nlinks; ++i) {
      char buf[256] = {0};
      if (H5Lget_name_by_idx(g.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, buf, sizeof buf, H5P_DEFAULT) < 0) continue;
      h5::Handle ds = h5::dataset(H5Dopen2(g.get(), buf, H5P_DEFAULT));
      if (ds && shape(ds.get()) == expected) names.emplace_back(buf);
    }
    return names;
  }

  /// A 1-d dataset of bytes, as a string.
  std::string bytes(const std::string& path) const {
    h5::Handle ds = open_dataset(path);
    const auto dims = shape(ds.get());
    h5::Handle ft = h5::datatype(H5Dget_type(ds.get()));
    if (dims.size() != 1 || H5Tget_class(ft.get()) != H5T_INTEGER || H5Tget_size(ft.get()) != 1)
      fail(path, "expected a 1-d dataset of bytes");
    check_fits(path, ds.get(), dims);
    std::string out(dims[0], '\0');
    if (!out.empty() && H5Dread(ds.get(), H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0)
      fail(path, "cannot read (truncated or damaged file?)");
    return out;
  }

  /// Names of the links in a group, in name order.
  std::vector<std::string> group_members(const std::string& path) const {
    if (H5Lexists(file_.get(), path.c_str(), H5P_DEFAULT) <= 0) fail(path, "missing group");
    h5::Handle g = h5::group(H5Gopen2(file_.get(), path.c_str(), H5P_DEFAULT));
    if (!g) fail(path, "not a group");
    H5G_info_t info{};
    H5Gget_info(g.get(), &info);
    std::vector<std::string> names;
    for (hsize_t i = 0; i < info.nlinks; ++i) {
      char buf[256] = {0};
      if (H5Lget_name_by_idx(g.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, buf, sizeof buf, H5P_DEFAULT) >= 0)
        names.emplace_back(buf);
    }
    return names;
  }

  std::vector<std::string> two_d_series(int replicates, std::size_t times) const {
    return series_of_shape({static_cast<hsize_t>(replicates), times});
  }

  hid_t root() const { return file_.get(); }

 private:
  static std::string shape_text(const std::vector<hsize_t>& d) {
    std::string s = "(";
    for (std::size_t i = 0; i < d.size(); ++i) s += (i ? ", " : "") + std::to_string(d[i]);
    return s + ")";
  }
  std::string path_;
  h5::Handle file_;
};

}  // namespace

namespace {

std::string describe(const std::string& type, long long version) {
  return "\"" + type + "\" (schema_version " + std::to_string(version) + ")";
}

/// Checks the file's identity against output/schema.hpp: schema name, a known file_type
/// (a version-1 file without one is a run), `expected` when given, and the schema_version
/// of that type. Errors name the type and version found and expected; `hint` says what
/// writes files of the expected type.
const schema::FileTypeInfo& check_identity(const Reader& rd, const schema::FileTypeInfo* expected = nullptr,
                                           const std::string& hint = "") {
  const std::string schema_name = rd.string_attr(rd.root(), "schema", "/");
  if (schema_name != schema::kName)
    rd.fail("/", "attribute schema is \"" + schema_name + "\", expected \"" + schema::kName + "\"");
  const long long version = rd.int_attr(rd.root(), "schema_version", "/");
  const std::string type = rd.has_attr(rd.root(), "file_type") ? rd.string_attr(rd.root(), "file_type", "/")
                                                               : schema::info(schema::kFileTypeWhenAbsent).name;
  const schema::FileTypeInfo* found = schema::find(type);
  if (!found) {
    std::string known;
    for (const auto& t : schema::file_types()) known += (known.empty() ? "" : ", ") + describe(t.name, t.version);
    rd.fail("/", "file_type is " + describe(type, version) + ", expected " +
                     (expected ? describe(expected->name, expected->version) : "one of " + known) + hint);
  }
  if (expected && found != expected)
    rd.fail("/", "file_type is " + describe(type, version) + ", expected " +
                     describe(expected->name, expected->version) + hint);
  if (version != found->version)
    rd.fail("/", "schema_version is " + std::to_string(version) + ", this tsunagi reads version " +
                     std::to_string(found->version) + " of file_type \"" + found->name + "\"");
  return *found;
}

void require_type(const Reader& rd, schema::FileType expected, const std::string& hint = "") {
  check_identity(rd, &schema::info(expected), hint);
}

std::vector<std::string> iso_dates(const Reader& rd) {
  std::vector<std::string> dates = rd.strings("/time/date");
  for (const auto& d : dates)
    if (!Date::parse(d)) rd.fail("/time/date", "found \"" + d + "\", expected ISO dates YYYY-MM-DD");
  if (dates.empty()) rd.fail("/time/date", "no record dates; expected at least one");
  return dates;
}

int replicates_attr(const Reader& rd) {
  const long long reps = rd.int_attr(rd.root(), "replicates", "/");
  if (reps < 1 || reps > 100000000) rd.fail("/", "attribute replicates is " + std::to_string(reps) + ", expected >= 1");
  return static_cast<int>(reps);
}

[[noreturn]] void unknown_metric(const std::string& path, const std::string& n,
                                 const std::vector<std::string>& available) {
  std::string list;
  for (const auto& a : available) list += (list.empty() ? "" : ", ") + a;
  const std::string near = nearest(n, available);
  throw InputError(
      {Diagnostic{path, 0, 0, "--metric", "no (replicate, time) series named '" + n + "'; available: " + list,
                  near.empty() ? "" : "did you mean '" + near + "'?"}});
}

}  // namespace

std::string read_file_type(const std::string& path) {
  Reader rd(path);
  return check_identity(rd).name;
}

ExperimentFileSummary read_experiment_summary(const std::string& path, const std::vector<std::string>& requested) {
  Reader rd(path);
  ExperimentFileSummary out;
  require_type(rd, schema::FileType::kExperiment);
  out.experiment_name = rd.string_attr(rd.root(), "experiment_name", "/");
  out.tsunagi_version = rd.string_attr(rd.root(), "tsunagi_version", "/");
  out.seed = static_cast<unsigned long long>(rd.int_attr(rd.root(), "seed", "/"));
  out.replicates = replicates_attr(rd);
  if (rd.has_attr(rd.root(), "bands_cover")) out.bands_cover = rd.string_attr(rd.root(), "bands_cover", "/");
  out.dates = iso_dates(rd);
  out.variants = rd.strings("/variants/name");
  if (out.variants.empty()) rd.fail("/variants/name", "no variants; expected the baseline and at least one variant");
  const std::vector<hsize_t> shape{out.variants.size(), static_cast<hsize_t>(out.replicates), out.dates.size()};
  const std::vector<std::string> available = rd.series_of_shape(shape);
  const std::vector<std::string> names = requested.empty() ? default_summary_metrics(available) : requested;
  for (const auto& n : names) {
    if (std::find(available.begin(), available.end(), n) == available.end()) unknown_metric(path, n, available);
    VariantMetric m{n, "", SeriesKind::kStock, static_cast<int>(out.variants.size()), out.replicates, out.dates.size(),
                    {}};
    m.values = rd.numeric("/series/" + n, shape, "(variant, replicate, time)", m.units, m.kind);
    out.metrics.push_back(std::move(m));
  }
  return out;
}

SweepFileSummary read_sweep_summary(const std::string& path) {
  Reader rd(path);
  SweepFileSummary out;
  require_type(rd, schema::FileType::kSweep);
  out.sweep_name = rd.string_attr(rd.root(), "sweep_name", "/");
  out.design = rd.string_attr(rd.root(), "design", "/");
  out.tsunagi_version = rd.string_attr(rd.root(), "tsunagi_version", "/");
  out.seed = static_cast<unsigned long long>(rd.int_attr(rd.root(), "seed", "/"));
  out.replicates = replicates_attr(rd);
  out.parameters = rd.strings("/design/parameter");
  out.errors = rd.strings("/design/error");
  out.points = out.errors.size();
  std::string units;
  SeriesKind kind{};
  out.values = rd.numeric("/design/values", {out.points, out.parameters.size()}, "(point, parameter)", units, kind);
  for (double v : rd.numeric("/design/status", {out.points}, "(point)", units, kind))
    out.status.push_back(static_cast<int>(v));
  for (const std::string& name : rd.group_members("/outputs")) {
    SweepFileSummary::Output o;
    o.name = name;
    const std::string g = "/outputs/" + name;
    h5::Handle group = h5::group(H5Gopen2(rd.root(), g.c_str(), H5P_DEFAULT));
    if (!group) rd.fail(g, "not a group");
    o.series = rd.string_attr(group.get(), "series", g);
    o.date = rd.string_attr(group.get(), "date", g);
    o.mean = rd.numeric(g + "/mean", {out.points}, "(point)", units, kind);
    o.p05 = rd.numeric(g + "/p05", {out.points}, "(point)", units, kind);
    o.p95 = rd.numeric(g + "/p95", {out.points}, "(point)", units, kind);
    out.outputs.push_back(std::move(o));
  }
  return out;
}

Checkpoint read_checkpoint_file(const std::string& path) {
  Reader rd(path);
  Checkpoint c;
  c.path = path;
  require_type(rd, schema::FileType::kCheckpoint, " (written by tsunagi run --checkpoint)");
  const std::string written_by =
      rd.string_attr(rd.root(), "tsunagi_version", "/") + " (" + rd.string_attr(rd.root(), "git_commit", "/") + ")";
  const std::string reader = std::string(version()) + " (" + git_commit() + ")";
  if (written_by != reader)
    rd.fail("/", "written by tsunagi " + written_by + ", this is tsunagi " + reader +
                     "; a checkpoint is read only by the build that wrote it (rerun the history with this build)");
  const auto date = Date::parse(rd.string_attr(rd.root(), "date", "/"));
  const auto start = Date::parse(rd.string_attr(rd.root(), "start", "/"));
  if (!date || !start) rd.fail("/", "attributes date and start must be ISO dates YYYY-MM-DD");
  c.date = *date, c.start = *start;
  c.seed = static_cast<std::uint64_t>(rd.int_attr(rd.root(), "seed", "/"));
  c.scenario_toml = rd.string_attr(rd.root(), "scenario_toml", "/");
  c.municipality_codes = rd.strings("/municipalities/code");
  for (const auto& d : rd.strings("/time/date")) {
    const auto p = Date::parse(d);
    if (!p) rd.fail("/time/date", "found \"" + d + "\", expected ISO dates");
    c.record_dates.push_back(*p);
  }
  const std::vector<std::string> names = rd.group_members("/states");
  for (std::size_t r = 0; r < names.size(); ++r) {
    char expected[24];
    std::snprintf(expected, sizeof expected, "%08zu", r);
    if (names[r] != expected)
      rd.fail("/states", "found " + names[r] + ", expected replicate datasets 00000000, 00000001, ...");
    c.states.push_back(rd.bytes("/states/" + names[r]));
    c.records.push_back(rd.bytes("/records/" + names[r]));
  }
  if (c.states.empty()) rd.fail("/states", "no replicate states; expected one per replicate");
  return c;
}

CalibrationParameters read_calibration_parameters(const std::string& path) {
  Reader rd(path);
  require_type(rd, schema::FileType::kCalibration, " (written by tsunagi calibrate)");
  CalibrationParameters out;
  out.name = path;
  out.keys = rd.strings("/parameters/key");
  const hsize_t p = out.keys.size();
  if (p == 0) rd.fail("/parameters/key", "no parameters; expected at least one fitted parameter");
  std::string units;
  SeriesKind kind = SeriesKind::kStock;
  out.fitted = rd.numeric("/parameters/fitted", {p}, "(parameter)", units, kind);
  out.min = rd.numeric("/parameters/min", {p}, "(parameter)", units, kind);
  out.max = rd.numeric("/parameters/max", {p}, "(parameter)", units, kind);
  out.covariance_log = rd.numeric("/parameters/covariance_log", {p, p}, "(parameter, parameter)", units, kind);
  for (double v : rd.numeric("/parameters/not_identified", {p}, "(parameter)", units, kind))
    out.not_identified.push_back(v != 0.0 ? 1 : 0);
  for (std::size_t i = 0; i < p; ++i)
    if (!(out.min[i] > 0.0 && out.min[i] <= out.fitted[i] && out.fitted[i] <= out.max[i]))
      rd.fail("/parameters/fitted", "parameter " + out.keys[i] + ": expected 0 < min <= fitted <= max");
  return out;
}

RunFileSummary read_run_summary(const std::string& path, const std::vector<std::string>& requested) {
  Reader rd(path);
  RunFileSummary out;
  require_type(rd, schema::FileType::kRun);
  out.scenario_name = rd.string_attr(rd.root(), "scenario_name", "/");
  out.tsunagi_version = rd.string_attr(rd.root(), "tsunagi_version", "/");
  out.seed = static_cast<unsigned long long>(rd.int_attr(rd.root(), "seed", "/"));
  out.replicates = replicates_attr(rd);
  if (rd.has_attr(rd.root(), "bands_cover")) out.bands_cover = rd.string_attr(rd.root(), "bands_cover", "/");
  if (rd.has_attr(rd.root(), "output_level")) out.output_level = rd.string_attr(rd.root(), "output_level", "/");
  out.dates = iso_dates(rd);
  out.available = rd.two_d_series(out.replicates, out.dates.size());
  std::vector<std::string> names = requested;
  if (names.empty()) {
    names = default_summary_metrics(out.available);
    for (auto& n : idle_reason_summary_metrics(out.available)) names.push_back(std::move(n));
  }
  for (const auto& n : names) {
    if (std::find(out.available.begin(), out.available.end(), n) == out.available.end())
      unknown_metric(path, n, out.available);
    out.metrics.push_back(rd.metric(n, out.replicates, out.dates.size()));
  }
  if (rd.exists("/series/case_waiting")) {
    // A replicate at a time, and only the records the queue test looks at: the file may
    // hold more replicates than fit in memory at once.
    const std::vector<std::string> places = rd.strings("/municipalities/name");
    QueueTrendAccumulator trends(out.dates, out.replicates, places.size(), kAgencies);
    rd.numeric_by_replicate(
        "/series/case_waiting",
        {static_cast<hsize_t>(out.replicates), out.dates.size(), places.size(), static_cast<hsize_t>(kAgencies)},
        "(replicate, time, municipality, agency)", trends.first_time(),
        [&](std::span<const float> window) { trends.add(window); });
    const std::vector<std::string> agencies(kAgencyNames.begin(), kAgencyNames.end());
    out.queue_notes = growing_queue_notes(trends.result(), places, agencies);
  } else if (rd.exists("/statistics/case_waiting")) {
    out.queue_notes.push_back(
        "growing queues not checked: case_waiting is stored as statistics over replicates (output.store = "
        "\"statistics\"), and the check needs each replicate's trend; rerun with --store replicates");
  } else if (out.output_level != "full" && std::any_of(out.available.begin(), out.available.end(),
                                                       [](const std::string& n) { return n.starts_with("case_"); })) {
    out.queue_notes.push_back("growing queues not checked: the file was written at output level " + out.output_level +
                              ", without the per-agency series case_waiting; rerun with --output-level full");
  }
  return out;
}

}  // namespace tsunagi
