#pragma once
// The time a file is written, for its `created` attribute (ISO 8601, UTC).
#include <ctime>
#include <string>

namespace tsunagi::cli {

inline std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace tsunagi::cli
