#pragma once
// The axes every tsunagi result file shares, written once here for run, experiment and
// sweep files (docs/output.md): the provenance attributes, /time (record dates and fiscal
// years), /replicate and /municipalities, each a dimension scale.
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

/// schema, schema_version, file_type, tsunagi_version, git_commit, created, seed,
/// replicates and threads.
void write_provenance(H5FileWriter& w, const char* file_type, const std::string& created, std::uint64_t seed,
                      int replicates, int threads);

/// /time/date, /time/fiscal_year, /replicate (`first_replicate` .. + replicates - 1) and,
/// when `with_municipalities`, /municipalities/* from the scenario.
AxisScales write_axes(H5FileWriter& w, const Scenario& s, const std::vector<Date>& dates, int first_replicate,
                      int replicates, bool with_municipalities = true);

}  // namespace tsunagi
