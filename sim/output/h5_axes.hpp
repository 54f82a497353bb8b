#pragma once
// The axes every tsunagi result file shares, written once here for run, experiment,
// sweep and checkpoint files (docs/output.md): /time (record dates and fiscal years),
// /replicate and /municipalities, each a dimension scale. The root attributes are
// written by write_header (output/file_header.hpp).
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/date.hpp"
#include "output/h5_file_writer.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

/// The dimension scales written, for attaching to series.
struct AxisScales {
  h5::Handle date;
  h5::Handle replicate;
  h5::Handle municipality;
};

/// Dimension scales attached to many datasets: the attributes H5DSattach_scale and
/// H5DSset_label write (DIMENSION_LIST and DIMENSION_LABELS on each dataset, REFERENCE_LIST
/// on each scale), so that any HDF5 dimension-scale reader (h5py's `dims`, H5DS) sees the
/// same, but each scale's REFERENCE_LIST is written once, by finish(), instead of being
/// read and written again at every attachment (a run file's 82 series took 328 of those,
/// 15% of writing a one-replicate file: docs/performance.md).
class ScaleAttachments {
 public:
  /// Dimension d of `dataset` (of rank scales.size()) has the scale scales[d], labelled
  /// labels[d]. The scales must already be scales (H5DSset_scale).
  void attach(hid_t dataset, std::span<const hid_t> scales, std::span<const char* const> labels);
  /// Writes each scale's REFERENCE_LIST: the attachments made here after any made before
  /// by H5DSattach_scale. Call once, after the last attach().
  void finish();

 private:
  struct Entry {  // H5DS's ds_list_t: the attached dataset and its dimension
    hobj_ref_t dataset;
    unsigned int dimension;
  };
  std::vector<std::pair<hid_t, std::vector<Entry>>> scales_;  // in order of first attachment
};

/// /time/date, /time/fiscal_year, /replicate (`first_replicate` .. + replicates - 1) and,
/// when `with_municipalities`, /municipalities/* from the scenario.
AxisScales write_axes(H5FileWriter& w, const Scenario& s, const std::vector<Date>& dates, int first_replicate,
                      int replicates, bool with_municipalities = true);

}  // namespace tsunagi
