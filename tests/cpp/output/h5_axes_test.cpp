#include "output/h5_axes.hpp"

#include <gtest/gtest.h>
#include <hdf5_hl.h>

#include <array>
#include <string>

#include "output/h5_handle.hpp"
#include "test_support.hpp"

namespace tsunagi {
namespace {

h5::Handle make_dataset(hid_t file, const char* name, std::initializer_list<hsize_t> dims) {
  const std::vector<hsize_t> d(dims);
  h5::Handle space = h5::dataspace(H5Screate_simple(static_cast<int>(d.size()), d.data(), nullptr));
  return h5::dataset(H5Dcreate2(file, name, H5T_STD_I32LE, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
}

/// A file with three scales (replicate, date, agency) and three datasets: "before"
/// attached to the date scale by H5DSattach_scale, "x" (replicate, date) and "y"
/// (replicate, date, agency) attached by H5DS (`bulk` false) or by ScaleAttachments.
void write(const std::string& path, bool bulk) {
  h5::Handle file = h5::file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
  h5::Handle replicate = make_dataset(file.get(), "replicate", {3});
  h5::Handle date = make_dataset(file.get(), "date", {4});
  h5::Handle agency = make_dataset(file.get(), "agency", {2});
  H5DSset_scale(replicate.get(), "replicate");
  H5DSset_scale(date.get(), "date");
  H5DSset_scale(agency.get(), "agency");
  h5::Handle before = make_dataset(file.get(), "before", {4});
  ASSERT_GE(H5DSattach_scale(before.get(), date.get(), 0), 0);
  h5::Handle x = make_dataset(file.get(), "x", {3, 4});
  h5::Handle y = make_dataset(file.get(), "y", {3, 4, 2});
  if (bulk) {
    ScaleAttachments a;
    const std::array<hid_t, 3> scales = {replicate.get(), date.get(), agency.get()};
    const std::array<const char*, 3> labels = {"replicate", "time", "agency"};
    a.attach(x.get(), std::span(scales).first(2), std::span(labels).first(2));
    a.attach(y.get(), scales, labels);
    a.finish();
  } else {
    for (hid_t ds : {x.get(), y.get()}) {
      H5DSattach_scale(ds, replicate.get(), 0), H5DSset_label(ds, 0, "replicate");
      H5DSattach_scale(ds, date.get(), 1), H5DSset_label(ds, 1, "time");
    }
    H5DSattach_scale(y.get(), agency.get(), 2), H5DSset_label(y.get(), 2, "agency");
  }
}

std::string label(hid_t ds, unsigned int dim) {
  std::array<char, 64> buf{};
  H5DSget_label(ds, dim, buf.data(), buf.size());
  return buf.data();
}

TEST(ScaleAttachments, ReadByTheDimensionScaleApiAsH5dsWritesThem) {
  test::TempDir dir;
  for (const bool bulk : {false, true}) {
    const std::string path = dir.file(bulk ? "bulk.h5" : "h5ds.h5");
    write(path, bulk);
    SCOPED_TRACE(path);
    h5::Handle file = h5::file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
    h5::Handle replicate = h5::dataset(H5Dopen2(file.get(), "replicate", H5P_DEFAULT));
    h5::Handle date = h5::dataset(H5Dopen2(file.get(), "date", H5P_DEFAULT));
    h5::Handle agency = h5::dataset(H5Dopen2(file.get(), "agency", H5P_DEFAULT));
    h5::Handle before = h5::dataset(H5Dopen2(file.get(), "before", H5P_DEFAULT));
    h5::Handle x = h5::dataset(H5Dopen2(file.get(), "x", H5P_DEFAULT));
    h5::Handle y = h5::dataset(H5Dopen2(file.get(), "y", H5P_DEFAULT));
    EXPECT_EQ(H5DSget_num_scales(x.get(), 0), 1);
    EXPECT_EQ(H5DSget_num_scales(x.get(), 1), 1);
    EXPECT_EQ(H5DSget_num_scales(y.get(), 2), 1);
    EXPECT_GT(H5DSis_attached(x.get(), replicate.get(), 0), 0);
    EXPECT_GT(H5DSis_attached(x.get(), date.get(), 1), 0);
    EXPECT_EQ(H5DSis_attached(x.get(), date.get(), 0), 0);  // another dimension
    EXPECT_GT(H5DSis_attached(y.get(), agency.get(), 2), 0);
    EXPECT_GT(H5DSis_attached(before.get(), date.get(), 0), 0);  // kept by finish()
    EXPECT_EQ(label(x.get(), 0), "replicate");
    EXPECT_EQ(label(x.get(), 1), "time");
    EXPECT_EQ(label(y.get(), 2), "agency");
    // The date scale lists the three datasets attached to it.
    h5::Handle list = h5::attribute(H5Aopen(date.get(), "REFERENCE_LIST", H5P_DEFAULT));
    h5::Handle space = h5::dataspace(H5Aget_space(list.get()));
    EXPECT_EQ(H5Sget_simple_extent_npoints(space.get()), 3);
    // Detaching, which reads both lists, works and leaves the others attached.
    ASSERT_GE(H5DSdetach_scale(y.get(), date.get(), 1), 0);
    EXPECT_EQ(H5DSget_num_scales(y.get(), 1), 0);
    EXPECT_GT(H5DSis_attached(x.get(), date.get(), 1), 0);
    EXPECT_GT(H5DSis_attached(before.get(), date.get(), 0), 0);
  }
}

}  // namespace
}  // namespace tsunagi
