#pragma once
// HDF5 type ids for the element types of tsunagi's series: in memory (native) and in the
// file (little-endian, so files are the same on every machine).
#include <hdf5.h>

#include <cstdint>

namespace tsunagi::h5t {

template <class T>
hid_t native();
template <>
inline hid_t native<std::int8_t>() {
  return H5T_NATIVE_INT8;
}
template <>
inline hid_t native<std::int32_t>() {
  return H5T_NATIVE_INT32;
}
template <>
inline hid_t native<float>() {
  return H5T_NATIVE_FLOAT;
}
template <>
inline hid_t native<double>() {
  return H5T_NATIVE_DOUBLE;
}

template <class T>
hid_t file();
template <>
inline hid_t file<std::int8_t>() {
  return H5T_STD_I8LE;
}
template <>
inline hid_t file<std::int32_t>() {
  return H5T_STD_I32LE;
}
template <>
inline hid_t file<float>() {
  return H5T_IEEE_F32LE;
}
template <>
inline hid_t file<double>() {
  return H5T_IEEE_F64LE;
}

}  // namespace tsunagi::h5t
