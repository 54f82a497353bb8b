#pragma once
// The axes every tsunagi result file shares, written once here for run, experiment,
// sweep and checkpoint files (docs/output.md): /time (record dates and fiscal years),
// /replicate and /municipalities, each a dimension scale. The root attributes are
// written by write_header (output/file_header.hpp).
#include <cstdint>
#include <string>
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

/// /time/date, /time/fiscal_year, /replicate (`first_replicate` .. + replicates - 1) and,
/// when `with_municipalities`, /municipalities/* from the scenario.
AxisScales write_axes(H5FileWriter& w, const Scenario& s, const std::vector<Date>& dates, int first_replicate,
                      int replicates, bool with_municipalities = true);

}  // namespace tsunagi
