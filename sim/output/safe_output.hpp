#pragma once
// Writing a result file so that nothing partial or corrupt is ever left at the target:
// the file is written under a temporary name beside the target and renamed over it only
// when complete. An existing target is never replaced unless the caller allows it.
//
//   SafeOutput out(target, overwrite);   // checks the target before any work is done
//   write_run_file(out.temp_path(), ...);
//   out.commit();                        // rename; without it the temp file is removed
#include <string>

namespace tsunagi {

class SafeOutput {
 public:
  /// Throws InputError when `target` exists and `overwrite` is false, or names a
  /// directory; IoError when its folder does not exist or is not writable. Removes
  /// temporary files that killed runs left for the same target.
  SafeOutput(std::string target, bool overwrite);
  SafeOutput(const SafeOutput&) = delete;
  SafeOutput& operator=(const SafeOutput&) = delete;
  ~SafeOutput();

  const std::string& temp_path() const { return temp_; }
  const std::string& target() const { return target_; }
  /// Syncs the temporary file and renames it to the target. Throws IoError.
  void commit();
  /// Removes the temporary file now (also done by the destructor without commit()).
  void discard() noexcept;

 private:
  std::string target_;
  std::string temp_;
  bool overwrite_;
  bool committed_ = false;
};

}  // namespace tsunagi
