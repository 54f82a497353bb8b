#pragma once
// A small writer for tsunagi's HDF5 files (run files, calibration files): groups,
// attributes, datasets (chunked and compressed when large) and UTF-8 string datasets, with
// no object timestamps so the same content gives the same bytes. Errors throw IoError
// naming the file.
#include <hdf5.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "output/h5_handle.hpp"

namespace tsunagi {

class H5FileWriter {
 public:
  /// Bytes from which a chunk is compressed (create()).
  static constexpr hsize_t kSmallestCompressedChunk = 4096;

  explicit H5FileWriter(const std::string& path) : path_(path) {
    h5::silence_library_errors();
    h5::Handle fcpl = h5::plist(H5Pcreate(H5P_FILE_CREATE));
    H5Pset_obj_track_times(fcpl.get(), false);  // the root group's header, as every object's below
    // The HDF5 1.10 file format (readable by HDF5 1.10 and later, and so by h5py on
    // Debian 12): its object headers and attribute storage made the M/M/c benchmark's file
    // 7% smaller and its 82 datasets quicker to create than the 1.8-compatible default.
    h5::Handle fapl = h5::plist(H5Pcreate(H5P_FILE_ACCESS));
    H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_V110, H5F_LIBVER_V110);
    file_ = h5::file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()));
    check(file_.get(), "cannot create the file");
    // No modification times in object headers: the same results give the same bytes.
    gcpl_ = h5::plist(H5Pcreate(H5P_GROUP_CREATE));
    H5Pset_obj_track_times(gcpl_.get(), false);
  }

  hid_t root() const { return file_.get(); }

  h5::Handle group(hid_t parent, const char* name) {
    h5::Handle g = h5::group(H5Gcreate2(parent, name, H5P_DEFAULT, gcpl_.get(), H5P_DEFAULT));
    check(g.get(), std::string("cannot create group ") + name);
    return g;
  }

  void attr(hid_t obj, const char* name, const std::string& value) {
    h5::Handle t = h5::utf8_string_type();
    h5::Handle sp = h5::dataspace(H5Screate(H5S_SCALAR));
    h5::Handle a = h5::attribute(H5Acreate2(obj, name, t.get(), sp.get(), H5P_DEFAULT, H5P_DEFAULT));
    const char* p = value.c_str();
    check(H5Awrite(a.get(), t.get(), &p), std::string("cannot write attribute ") + name);
  }

  template <class T>
  void attr(hid_t obj, const char* name, T value, hid_t type) {
    h5::Handle sp = h5::dataspace(H5Screate(H5S_SCALAR));
    h5::Handle a = h5::attribute(H5Acreate2(obj, name, type, sp.get(), H5P_DEFAULT, H5P_DEFAULT));
    check(H5Awrite(a.get(), type, &value), std::string("cannot write attribute ") + name);
  }

  void attr(hid_t obj, const char* name, const std::vector<std::string>& values) {
    h5::Handle t = h5::utf8_string_type();
    const hsize_t n = values.size();
    h5::Handle sp = h5::dataspace(H5Screate_simple(1, &n, nullptr));
    h5::Handle a = h5::attribute(H5Acreate2(obj, name, t.get(), sp.get(), H5P_DEFAULT, H5P_DEFAULT));
    std::vector<const char*> ptrs;
    ptrs.reserve(values.size());
    for (const auto& v : values) ptrs.push_back(v.c_str());
    check(H5Awrite(a.get(), t.get(), ptrs.data()), std::string("cannot write attribute ") + name);
  }

  /// A dataset of `rank` dims; chunked and compressed when it is large.
  /// `dxpl`: the transfer properties (the default's, or those of strings()).
  h5::Handle dataset(hid_t parent, const char* name, hid_t mem_type, hid_t file_type, int rank, const hsize_t* dims,
                     const void* data, hid_t dxpl = H5P_DEFAULT) {
    h5::Handle ds = create(parent, name, file_type, rank, dims);
    hsize_t total = 1;
    for (int i = 0; i < rank; ++i) total *= dims[i];
    if (total > 0)
      check(H5Dwrite(ds.get(), mem_type, H5S_ALL, H5S_ALL, dxpl, data), std::string("cannot write dataset ") + name);
    return ds;
  }

  /// A dataset stored contiguous and uncompressed, whatever its size: its bytes in the file
  /// are known before it is written (the size estimate of a run, output/hdf5_writer.hpp).
  /// `data` null: created only, written later with H5Dwrite (space taken then).
  h5::Handle contiguous(hid_t parent, const char* name, hid_t mem_type, hid_t file_type, int rank, const hsize_t* dims,
                        const void* data) {
    h5::Handle sp = h5::dataspace(H5Screate_simple(rank, dims, nullptr));
    h5::Handle dcpl = h5::plist(H5Pcreate(H5P_DATASET_CREATE));
    H5Pset_obj_track_times(dcpl.get(), false);
    h5::Handle ds = make(parent, name, file_type, sp.get(), dcpl.get());
    hsize_t total = 1;
    for (int i = 0; i < rank; ++i) total *= dims[i];
    if (total > 0 && data)
      check(H5Dwrite(ds.get(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
            std::string("cannot write dataset ") + name);
    return ds;
  }

  /// The dataset `dataset` would make, with nothing written yet (written later in parts,
  /// e.g. one replicate at a time). No chunk cache: parts that fill whole chunks, as a
  /// replicate does, go to the file at once instead of being held in memory.
  h5::Handle create(hid_t parent, const char* name, hid_t file_type, int rank, const hsize_t* dims) {
    h5::Handle sp = h5::dataspace(H5Screate_simple(rank, dims, nullptr));
    h5::Handle dcpl = h5::plist(H5Pcreate(H5P_DATASET_CREATE));
    H5Pset_obj_track_times(dcpl.get(), false);
    hsize_t total = 1;
    for (int i = 0; i < rank; ++i) total *= dims[i];
    if (total >= 4096 && H5Tis_variable_str(file_type) <= 0) {
      // Chunks of one replicate and as many record dates as keep a chunk within 1 MiB (a
      // replicate's whole series when it fits): a time series of one replicate reads
      // without touching the rest, and a replicate is written with few chunks, each
      // compressed once (zlib's set-up per chunk cost more than the simulation of small
      // scenarios: docs/performance.md).
      hsize_t chunk[4] = {1, 1, 1, 1};
      hsize_t per_date = 1;
      for (int i = 0; i < rank; ++i) chunk[i] = dims[i] == 0 ? 1 : dims[i];
      for (int i = 2; i < rank; ++i) per_date *= chunk[i];
      const hsize_t by_size = std::max<hsize_t>(1, (1u << 20) / (per_date * H5Tget_size(file_type)));
      if (rank >= 2) chunk[0] = 1, chunk[1] = std::min<hsize_t>(std::max<hsize_t>(dims[1], 1), by_size);
      H5Pset_chunk(dcpl.get(), rank, chunk);
      // Every chunk is written whole (a replicate's slice; close() checks that each came):
      // no fill values to write first.
      H5Pset_fill_time(dcpl.get(), H5D_FILL_TIME_NEVER);
      // Chunks under 4 kB (a totals series of up to 1,024 dates a replicate) are stored
      // as they are: zlib's set-up for each (about 256 kB allocated and cleared) cost more
      // than the bytes it saved, and reading them back needs no decompression.
      hsize_t chunk_values = 1;
      for (int i = 0; i < rank; ++i) chunk_values *= chunk[i];
      if (chunk_values * H5Tget_size(file_type) >= kSmallestCompressedChunk) {
        H5Pset_shuffle(dcpl.get());
        H5Pset_deflate(dcpl.get(), 4);
      }
    }
    return make(parent, name, file_type, sp.get(), dcpl.get());
  }

  /// A one-dimensional dataset of `file_type` rows that grows (append_rows), chunked by
  /// `chunk_rows` and compressed.
  h5::Handle growing(hid_t parent, const char* name, hid_t file_type, hsize_t chunk_rows) {
    const hsize_t zero = 0, unlimited = H5S_UNLIMITED;
    h5::Handle sp = h5::dataspace(H5Screate_simple(1, &zero, &unlimited));
    h5::Handle dcpl = h5::plist(H5Pcreate(H5P_DATASET_CREATE));
    H5Pset_obj_track_times(dcpl.get(), false);
    H5Pset_chunk(dcpl.get(), 1, &chunk_rows);
    H5Pset_shuffle(dcpl.get());
    H5Pset_deflate(dcpl.get(), 4);
    return make(parent, name, file_type, sp.get(), dcpl.get());
  }

  /// Appends `n` rows of `mem_type` to a dataset made by growing().
  void append_rows(hid_t ds, hid_t mem_type, hsize_t n, const void* data, const char* name) {
    if (n == 0) return;
    h5::Handle old = h5::dataspace(H5Dget_space(ds));
    hsize_t have = 0;
    H5Sget_simple_extent_dims(old.get(), &have, nullptr);
    const hsize_t total = have + n;
    check(H5Dset_extent(ds, &total), std::string("cannot extend dataset ") + name);
    h5::Handle fs = h5::dataspace(H5Dget_space(ds));
    H5Sselect_hyperslab(fs.get(), H5S_SELECT_SET, &have, nullptr, &n, nullptr);
    h5::Handle ms = h5::dataspace(H5Screate_simple(1, &n, nullptr));
    check(H5Dwrite(ds, mem_type, ms.get(), fs.get(), H5P_DEFAULT, data), std::string("cannot write dataset ") + name);
  }

  h5::Handle strings(hid_t parent, const char* name, const std::vector<std::string>& values) {
    std::vector<const char*> ptrs;
    ptrs.reserve(values.size());
    for (const auto& v : values) ptrs.push_back(v.c_str());
    h5::Handle t = h5::utf8_string_type();
    const hsize_t n = values.size();
    // Strings go through a type conversion, whose default buffer zeroed per write was most
    // of the time a run took to write its axes (h5::transfer_for).
    h5::Handle dxpl = h5::transfer_for(n);
    return dataset(parent, name, t.get(), t.get(), 1, &n, ptrs.data(), dxpl.get());
  }

  void close() {
    if (H5Fflush(file_.get(), H5F_SCOPE_GLOBAL) < 0) fail("cannot flush the file");
    file_.reset();
  }

  void check(long long status, const std::string& what) const {
    if (status < 0) fail(what);
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw IoError(path_ + ": " + what + " (disk full, no permission, or not a writable location?)");
  }

 private:
  h5::Handle make(hid_t parent, const char* name, hid_t file_type, hid_t space, hid_t dcpl) {
    h5::Handle dapl = h5::plist(H5Pcreate(H5P_DATASET_ACCESS));
    H5Pset_chunk_cache(dapl.get(), H5D_CHUNK_CACHE_NSLOTS_DEFAULT, 0, H5D_CHUNK_CACHE_W0_DEFAULT);
    h5::Handle ds = h5::dataset(H5Dcreate2(parent, name, file_type, space, H5P_DEFAULT, dcpl, dapl.get()));
    check(ds.get(), std::string("cannot create dataset ") + name);
    return ds;
  }

  std::string path_;
  h5::Handle file_;
  h5::Handle gcpl_;
};

}  // namespace tsunagi
