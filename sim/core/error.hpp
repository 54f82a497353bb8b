#pragma once
// The error types of tsunagi. The command maps them to exit codes:
//   InputError  -> 2 (bad scenario, CSV, --set or usage; every problem located)
//   IoError     -> 1 (cannot read or write a file)
//   RunError    -> 1 (the simulation itself failed)
//   Cancelled   -> 130 / 143 (interrupted by SIGINT / SIGTERM; nothing written but what
//                 a later run resumes from, e.g. a sweep's journal)
#include <stdexcept>
#include <string>
#include <vector>

namespace tsunagi {

/// One located problem in user input. line/column are 1-based; 0 when unknown (e.g. an
/// override given on the command line).
struct Diagnostic {
  std::string file;  // scenario path, CSV path, or "--set" for command-line overrides
  int line = 0;
  int column = 0;
  std::string key;      // dotted key path, e.g. "advisers.count", or CSV column name
  std::string message;  // what was found and what was expected
  std::string hint;     // e.g. "did you mean 'hours_per_month'?" (may be empty)

  /// "file:line:col: key: message (hint)".
  std::string format() const;
};

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Bad user input; carries every problem found, not only the first.
class InputError : public Error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

class IoError : public Error {
 public:
  using Error::Error;
};

class RunError : public Error {
 public:
  using Error::Error;
};

/// A run stopped because the user asked it to (signal).
class Cancelled : public Error {
 public:
  /// `kept`: what was kept for a later run to resume from, said instead of "nothing was
  /// written" (a sweep's journal); empty when nothing was.
  explicit Cancelled(int signal_number, std::string kept = {})
      : Error("interrupted"), signal_(signal_number), kept_(std::move(kept)) {}
  int signal_number() const { return signal_; }
  const std::string& kept() const { return kept_; }

 private:
  int signal_;
  std::string kept_;
};

/// Another MPI rank failed (it reports why); this rank stops without a message of its own.
class PeerFailed : public Error {
 public:
  PeerFailed() : Error("another rank failed") {}
};

/// Collects diagnostics while input is read, so that all problems are reported at once.
class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  /// Throws InputError holding everything collected, if anything was.
  void throw_if_any() const;

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace tsunagi
