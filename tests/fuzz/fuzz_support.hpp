#pragma once
// What every fuzz target shares: the rule that an error names where it is, a per-process
// scratch folder for targets whose parser takes a path, and a loud stop for anything the
// fuzzer must report. A finding calls std::abort(), which libFuzzer reports as a crash and
// saves as crash-<sha1>.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "core/error.hpp"

namespace tsunagi_fuzz {

/// Prints `what` and `detail` to stderr and aborts.
[[noreturn]] void finding(const std::string& what, const std::string& detail = {});

/// How an InputError must be located ("no error without a location").
enum class Location {
  kLineOrKey,  // every diagnostic: a file, and a line > 0 or a key path
  kFileOnly,   // every diagnostic: a file (binary files have no lines; the key names the object
               // when there is one, and is empty for whole-file problems such as "not HDF5")
};

/// Aborts unless `e` has at least one diagnostic and each one is located as `rule` asks.
/// `may_lack_line_and_key` is asked about a diagnostic that has a file but neither line
/// nor key (kLineOrKey only); a target allows file-level problems there ("cannot open").
void check_located(const tsunagi::InputError& e, Location rule,
                   const std::function<bool(const tsunagi::Diagnostic&)>& may_lack_line_and_key = {});

/// Runs `body`; an InputError is checked with check_located, an IoError is accepted when
/// `io_ok`, anything else is a finding.
void guarded(const std::function<void()>& body, Location rule, bool io_ok = false,
             const std::function<bool(const tsunagi::Diagnostic&)>& may_lack_line_and_key = {});

/// A folder of this process's own under $TMPDIR (or /tmp), created on first use and
/// removed at exit. Targets reuse fixed names in it, so a run leaves nothing behind.
const std::string& scratch_dir();

/// Writes `size` bytes to `path` (replacing it); aborts if that fails (not a finding of
/// tsunagi's, but the fuzzer cannot go on).
void write_file(const std::string& path, const std::uint8_t* data, std::size_t size);

/// The source tree's scenarios folder (TSUNAGI_SOURCE_DIR "/scenarios").
std::string scenarios_dir();

}  // namespace tsunagi_fuzz
