#pragma once
// The record of a sweep's finished runs, kept beside the result file (OUT.h5.journal)
// while the sweep runs, so that a sweep of thousands of runs survives being killed:
// running the same command again reads the journal and skips every point already done
// whose resolved scenario is unchanged (same configuration hash).
//
// One line per finished point, appended and flushed to disk as the point finishes; a line
// cut short by a kill has no newline and is ignored. Numbers are written as C99 hex floats,
// so a resumed sweep writes exactly the bytes an uninterrupted one would. The first line
// names the sweep (a hash of everything that decides its results); a journal of another
// sweep is refused rather than mixed in. The journal is removed when the result file is
// written.
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace tsunagi {

/// What one point of a sweep produced.
struct PointRecord {
  std::size_t point = 0;
  std::string config_hash;  // of the point's resolved scenario
  bool ok = false;
  std::string error;            // when !ok
  std::vector<double> outputs;  // [output][replicate]
  std::vector<double> series;   // [series][replicate][time], when the sweep keeps series
};

/// One line (with its newline) and back; decode returns false for a malformed line.
std::string encode_point(const PointRecord& r);
bool decode_point(const std::string& line, PointRecord& r);

/// FNV-1a, 64 bits, as 16 hex digits: the identity of a configuration.
std::string content_hash(const std::string& text);

class SweepJournal {
 public:
  /// Opens `path` for `sweep_hash`: reads the points it holds (when it exists and belongs
  /// to the same sweep) and appends after them. Throws InputError when it belongs to
  /// another sweep, IoError when it cannot be written.
  SweepJournal(std::string path, const std::string& sweep_hash);
  SweepJournal(const SweepJournal&) = delete;
  SweepJournal& operator=(const SweepJournal&) = delete;
  ~SweepJournal();

  const std::map<std::size_t, PointRecord>& records() const { return records_; }
  /// Appends and flushes to disk; a later record of the same point replaces the earlier.
  void append(const PointRecord& r);
  /// Deletes the journal file (after the result file is written).
  void remove();

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  std::map<std::size_t, PointRecord> records_;
};

}  // namespace tsunagi
