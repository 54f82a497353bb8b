#include "engine/replicate_spill.hpp"

#include <filesystem>
#include <system_error>

#include "core/error.hpp"

namespace tsunagi {

ReplicateSpill::ReplicateSpill(std::string path) : path_(std::move(path)) {
  file_.open(path_, std::ios::binary | std::ios::in | std::ios::out | std::ios::trunc);
  if (!file_) throw IoError(path_ + ": cannot create the file that holds the replicates until the run ends");
}

ReplicateSpill::~ReplicateSpill() {
  file_.close();
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

void ReplicateSpill::append(const std::string& bytes) {
  if (read_ >= 0) throw RunError("internal: a replicate appended to a spill being read");
  const std::uint64_t n = bytes.size();
  file_.write(reinterpret_cast<const char*>(&n), sizeof n);
  file_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!file_) throw IoError(path_ + ": cannot write a replicate (disk full?)");
  ++count_;
}

bool ReplicateSpill::next(std::string& bytes) {
  if (read_ < 0) {
    file_.flush();
    file_.seekg(0);
    read_ = 0;
  }
  if (read_ >= count_) return false;
  std::uint64_t n = 0;
  file_.read(reinterpret_cast<char*>(&n), sizeof n);
  if (!file_) throw IoError(path_ + ": cannot read a replicate back");
  bytes.resize(static_cast<std::size_t>(n));
  file_.read(bytes.data(), static_cast<std::streamsize>(n));
  if (!file_) throw IoError(path_ + ": cannot read a replicate back");
  ++read_;
  return true;
}

}  // namespace tsunagi
