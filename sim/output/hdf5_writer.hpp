#pragma once
// Writes a run's results as an HDF5 file of schema v1 (docs/output.md).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/result_set.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

class ScaleAttachments;

/// The parameters each replicate drew (`--parameters`): written as /parameters/drawn.
struct DrawnParameters {
  std::string calibration;        // the calibration file they were drawn from
  std::vector<std::string> keys;  // [parameter]
  std::vector<double> values;     // [replicate][parameter], replicates 0..R-1 of the file
};

/// The root attribute bands_cover: what the spread over replicates holds.
inline constexpr const char* kBandsCoverChance = "chance";
inline constexpr const char* kBandsCoverParameters = "chance and parameters";

/// The root attribute output_level of a run file: "totals", "municipalities" or "full"
/// (output.level, docs/output.md "Output levels").
const char* level_name(OutputSpec::Level level);
/// Whether a run file written at `level` holds series of `shape`.
bool written_at(SeriesShape shape, OutputSpec::Level level);

struct RunMetadata {
  int threads = 0;
  std::string created;                          // ISO 8601 UTC time the file was written
  std::string replicates_decided_by;            // how the number of replicates was decided (--precision)
  const DrawnParameters* parameters = nullptr;  // set: replicates drew parameters (bands_cover says so)
};

/// Writes `results` to `path` (created or truncated). The caller writes to a temporary
/// name and renames on success (output/safe_output.hpp). Throws IoError naming the path.
/// The same file as a RunFileStream handed every replicate in turn.
void write_run_file(const std::string& path, const Scenario& scenario, const ResultSet& results,
                    const RunMetadata& meta);

/// A run file written one replicate at a time (tsunagi run, docs/output.md "Streamed
/// runs"): the constructor writes the header, the axes and every series at its full size
/// (replicates known in advance; the replicate is the first, chunked dimension), append()
/// writes a replicate's slice of each series and its case-log rows, close() checks that
/// every replicate came. The file has the same datasets and values as write_run_file's.
class RunFileStream {
 public:
  /// `declared` gives the series, category axes, dates, municipalities and whether the
  /// run keeps a case log (case_log not empty); its replicates are ignored. The file's
  /// replicates are first_replicate .. first_replicate + replicates - 1.
  RunFileStream(const std::string& path, const Scenario& scenario, const ResultSet& declared, int replicates,
                int first_replicate, const RunMetadata& meta);
  RunFileStream(const RunFileStream&) = delete;
  RunFileStream& operator=(const RunFileStream&) = delete;
  ~RunFileStream();

  /// Writes slot `slot` of `r` (same series as `declared`) as the file's replicate
  /// `index` (0-based). Each index once; any order, except with output.store =
  /// "statistics", which takes the replicates in order (the statistics depend on it).
  /// Throws IoError.
  void append(const ResultSet& r, int slot, int index);

  /// Bytes in the file so far: those that grow with every replicate (chunks of the series
  /// and of the case log written so far) and the rest (header, axes, small unchunked
  /// series, which take their full size at the first write, and the statistics that
  /// close() will write).
  struct StoredBytes {
    std::uint64_t per_replicates = 0;
    std::uint64_t fixed = 0;
  };
  StoredBytes stored_bytes() const;

  /// Flushes and closes the file. Throws IoError, or RunError when a replicate is missing.
  void close();

 private:
  void create_statistics(ScaleAttachments& attachments);
  void write_statistics();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The per-municipality and per-category series `declared` puts in a run file of `s`'s
/// output level as statistics (output.store = "statistics"), and the cells they hold: the
/// memory they take (replicate_statistics.hpp, 128 bytes a cell) and their size in the
/// file (60 bytes a cell, uncompressed) follow.
struct SummarizedCells {
  std::size_t series = 0;
  std::uint64_t cells = 0;
  std::uint64_t memory_bytes() const;
  std::uint64_t file_bytes() const;
};
SummarizedCells summarized_cells(const Scenario& s, const ResultSet& declared);

class H5FileWriter;
/// Writes /parameters/drawn (replicate, parameter) with its keys, when `p` is set.
void write_drawn_parameters(H5FileWriter& w, const DrawnParameters* p, int replicates);

}  // namespace tsunagi
