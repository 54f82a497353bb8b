#pragma once
// RAII ownership of HDF5 identifiers, and small helpers shared by writer and reader.
// Only output/ includes HDF5 headers.
#include <hdf5.h>

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

/// Turns HDF5's own error printing off for this process (we report errors ourselves).
void silence_library_errors();

}  // namespace tsunagi::h5
