#include "output/safe_output.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <csignal>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/error.hpp"

namespace fs = std::filesystem;

namespace tsunagi {
namespace {

std::string temp_prefix(const fs::path& target) { return "." + target.filename().string() + ".tmp-"; }

// Temporary files are named .<target>.tmp-<pid> (and .<target>.tmp-<pid>.replicates, the
// spill of `run --precision`); one whose process is gone was left by a run that was killed
// (SIGKILL, power loss) and is removed.
void remove_stale_temps(const fs::path& dir, const fs::path& target) {
  const std::string prefix = temp_prefix(target);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string pid_text = name.substr(prefix.size());
    char* end = nullptr;
    const long pid = std::strtol(pid_text.c_str(), &end, 10);
    if (pid_text.empty() || (*end != '\0' && std::string(end) != ".replicates") || pid <= 0) continue;
    if (kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) fs::remove(entry.path(), ec);
  }
}

}  // namespace

SafeOutput::SafeOutput(std::string target, bool overwrite) : target_(std::move(target)), overwrite_(overwrite) {
  const fs::path t(target_);
  fs::path dir = t.parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  if (fs::is_directory(t, ec))
    throw InputError({Diagnostic{target_, 0, 0, "-o", "is a directory; expected a file name such as out/run.h5", {}}});
  if (fs::exists(t, ec) && !overwrite_)
    throw InputError({Diagnostic{
        target_, 0, 0, "-o", "already exists; give --overwrite to replace it, or choose another name", {}}});
  if (!fs::is_directory(dir, ec)) throw IoError(target_ + ": folder " + dir.string() + " does not exist");
  if (access(dir.c_str(), W_OK) != 0) throw IoError(target_ + ": folder " + dir.string() + " is not writable");
  remove_stale_temps(dir, t);
  temp_ = (dir / (temp_prefix(t) + std::to_string(getpid()))).string();
}

SafeOutput::~SafeOutput() {
  if (!committed_) discard();
}

void SafeOutput::discard() noexcept {
  std::error_code ec;
  fs::remove(temp_, ec);
}

void SafeOutput::commit() {
  const int fd = open(temp_.c_str(), O_RDONLY);
  if (fd < 0 || fsync(fd) != 0) {
    const std::string why = std::strerror(errno);
    if (fd >= 0) close(fd);
    throw IoError(target_ + ": cannot sync the written file (" + why + ")");
  }
  close(fd);
  std::error_code ec;
  if (!overwrite_ && fs::exists(target_, ec))
    throw IoError(target_ + ": appeared while the run was in progress; not replaced (give --overwrite)");
  if (std::rename(temp_.c_str(), target_.c_str()) != 0)
    throw IoError(target_ + ": cannot rename the finished file into place (" + std::strerror(errno) + ")");
  committed_ = true;
}

}  // namespace tsunagi
