#pragma once
// Replicates' bytes (engine/distributed_ensemble.hpp encode_replicate) kept on disk in the
// order they come and read back in that order: a streamed `tsunagi run --precision` holds
// its replicates here, not in memory, until it knows how many the file will have.
#include <cstdint>
#include <fstream>
#include <string>

namespace tsunagi {

class ReplicateSpill {
 public:
  /// Creates (or truncates) the file at `path`. Throws IoError naming it.
  explicit ReplicateSpill(std::string path);
  ReplicateSpill(const ReplicateSpill&) = delete;
  ReplicateSpill& operator=(const ReplicateSpill&) = delete;
  /// Removes the file.
  ~ReplicateSpill();

  /// Appends one replicate's bytes. Throws IoError.
  void append(const std::string& bytes);
  /// The next replicate's bytes, from the first appended: false after the last. Once
  /// reading has begun, nothing more may be appended. Throws IoError.
  bool next(std::string& bytes);
  int count() const { return count_; }

 private:
  std::string path_;
  std::fstream file_;
  int count_ = 0;
  int read_ = -1;  // -1: still appending
};

}  // namespace tsunagi
