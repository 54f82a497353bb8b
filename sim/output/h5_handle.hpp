#pragma once
// RAII ownership of HDF5 identifiers, and small helpers shared by writer and reader.
// Only output/ includes HDF5 headers.
#include <hdf5.h>

#include <algorithm>
#include <string>
#include <utility>

namespace tsunagi::h5 {

class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer close) : id_(id), close_(close) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& o) noexcept : id_(std::exchange(o.id_, H5I_INVALID_HID)), close_(o.close_) {}
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) {
      reset();
      id_ = std::exchange(o.id_, H5I_INVALID_HID);
      close_ = o.close_;
    }
    return *this;
  }
  ~Handle() { reset(); }
  hid_t get() const { return id_; }
  explicit operator bool() const { return id_ >= 0; }
  void reset() {
    if (id_ >= 0 && close_) close_(id_);
    id_ = H5I_INVALID_HID;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer close_ = nullptr;
};

inline Handle file(hid_t id) { return Handle(id, &H5Fclose); }
inline Handle group(hid_t id) { return Handle(id, &H5Gclose); }
inline Handle dataset(hid_t id) { return Handle(id, &H5Dclose); }
inline Handle dataspace(hid_t id) { return Handle(id, &H5Sclose); }
inline Handle datatype(hid_t id) { return Handle(id, &H5Tclose); }
inline Handle attribute(hid_t id) { return Handle(id, &H5Aclose); }
inline Handle plist(hid_t id) { return Handle(id, &H5Pclose); }

/// Variable-length UTF-8 string type.
Handle utf8_string_type();

/// Transfer properties for reading or writing `elements` values with a type conversion
/// (strings, or float32 read as double). HDF5 converts through a buffer of 1 MiB by default
/// and zeroes it at every call, which costs more than the transfer of a small dataset: the
/// buffer here has the transfer's size, at most the default's (64 bytes an element holds
/// any element of tsunagi's types, strings included).
inline Handle transfer_for(hsize_t elements) {
  Handle dxpl = plist(H5Pcreate(H5P_DATASET_XFER));
  H5Pset_buffer(dxpl.get(), std::clamp<hsize_t>(elements * 64, 64, hsize_t{1} << 20), nullptr, nullptr);
  return dxpl;
}

/// Turns HDF5's own error printing off for this process (we report errors ourselves).
void silence_library_errors();

}  // namespace tsunagi::h5
