#include "output/hdf5_reader.hpp"

#include <algorithm>
#include <cstring>

#include "core/error.hpp"
#include "output/h5_handle.hpp"
#include "output/schema.hpp"
#include "scenario/table_reader.hpp"

namespace tsunagi {
namespace {

class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {
    h5::silence_library_errors();
    if (H5Fis_hdf5(path_.c_str()) <= 0) fail("", "not an HDF5 file (or unreadable); expected a file written by tsunagi run");
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

  h5::Handle open_dataset(const std::string& name) const {
    if (H5Lexists(file_.get(), name.c_str(), H5P_DEFAULT) <= 0) fail(name, "missing dataset");
    h5::Handle d = h5::dataset(H5Dopen2(file_.get(), name.c_str(), H5P_DEFAULT));
    if (!d) fail(name, "not a dataset");
    return d;
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
    std::vector<char*> ptrs(dims[0], nullptr);
    h5::Handle mt = h5::utf8_string_type();
    if (!ptrs.empty() && H5Dread(ds.get(), mt.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()) < 0)
      fail(name, "cannot read (truncated or damaged file?)");
    std::vector<std::string> out;
    for (char* p : ptrs) out.emplace_back(p ? p : "");
    h5::Handle sp = h5::dataspace(H5Dget_space(ds.get()));
    if (!ptrs.empty()) H5Dvlen_reclaim(mt.get(), sp.get(), H5P_DEFAULT, ptrs.data());
    return out;
  }

  MetricMatrix metric(const std::string& name, int replicates, std::size_t times) const {
    const std::string path = "/series/" + name;
    h5::Handle ds = open_dataset(path);
    const auto dims = shape(ds.get());
    h5::Handle ft = h5::datatype(H5Dget_type(ds.get()));
    const H5T_class_t cls = H5Tget_class(ft.get());
    if (cls != H5T_INTEGER && cls != H5T_FLOAT) fail(path, "expected a numeric dataset");
    if (dims.size() != 2 || dims[0] != static_cast<hsize_t>(replicates) || dims[1] != times)
      fail(path, "found shape " + shape_text(dims) + ", expected (" + std::to_string(replicates) + ", " +
                     std::to_string(times) + ") = (replicate, time)");
    MetricMatrix m{name, has_attr(ds.get(), "units") ? string_attr(ds.get(), "units", path) : "", SeriesKind::kStock,
                   replicates, times, {}};
    if (has_attr(ds.get(), "kind")) {
      const std::string kind = string_attr(ds.get(), "kind", path);
      if (kind == "flow") m.kind = SeriesKind::kFlow;
      else if (kind == "period_statistic") m.kind = SeriesKind::kPeriodStatistic;
      else if (kind != "stock") fail(path, "attribute kind is \"" + kind + "\", expected stock, flow or period_statistic");
    }
    m.values.resize(dims[0] * dims[1]);
    if (!m.values.empty() && H5Dread(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, m.values.data()) < 0)
      fail(path, "cannot read (truncated or damaged file?)");
    return m;
  }

  std::vector<std::string> two_d_series(int replicates, std::size_t times) const {
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
      if (!ds) continue;
      const auto dims = shape(ds.get());
      if (dims.size() == 2 && dims[0] == static_cast<hsize_t>(replicates) && dims[1] == times) names.emplace_back(buf);
    }
    return names;
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

RunFileSummary read_run_summary(const std::string& path, const std::vector<std::string>& requested) {
  Reader rd(path);
  RunFileSummary out;
  const std::string schema_name = rd.string_attr(rd.root(), "schema", "/");
  if (schema_name != schema::kName)
    rd.fail("/", "attribute schema is \"" + schema_name + "\", expected \"" + schema::kName + "\"");
  const long long version = rd.int_attr(rd.root(), "schema_version", "/");
  if (version != schema::kVersion)
    rd.fail("/", "schema_version is " + std::to_string(version) + ", this tsunagi reads version " +
                     std::to_string(schema::kVersion));
  out.scenario_name = rd.string_attr(rd.root(), "scenario_name", "/");
  out.tsunagi_version = rd.string_attr(rd.root(), "tsunagi_version", "/");
  out.seed = static_cast<unsigned long long>(rd.int_attr(rd.root(), "seed", "/"));
  const long long reps = rd.int_attr(rd.root(), "replicates", "/");
  if (reps < 1 || reps > 100000000) rd.fail("/", "attribute replicates is " + std::to_string(reps) + ", expected >= 1");
  out.replicates = static_cast<int>(reps);
  out.dates = rd.strings("/time/date");
  for (const auto& d : out.dates)
    if (!Date::parse(d)) rd.fail("/time/date", "found \"" + d + "\", expected ISO dates YYYY-MM-DD");
  out.available = rd.two_d_series(out.replicates, out.dates.size());
  const std::vector<std::string> names = requested.empty() ? default_summary_metrics(out.available) : requested;
  for (const auto& n : names) {
    if (std::find(out.available.begin(), out.available.end(), n) == out.available.end()) {
      std::string list;
      for (const auto& a : out.available) list += (list.empty() ? "" : ", ") + a;
      const std::string near = nearest(n, out.available);
      throw InputError({Diagnostic{path, 0, 0, "--metric", "no (replicate, time) series named '" + n +
                                                                 "'; available: " + list,
                                   near.empty() ? "" : "did you mean '" + near + "'?"}});
    }
    out.metrics.push_back(rd.metric(n, out.replicates, out.dates.size()));
  }
  return out;
}

}  // namespace tsunagi
