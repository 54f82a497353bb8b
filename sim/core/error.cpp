#include "core/error.hpp"

namespace tsunagi {

std::string Diagnostic::format() const {
  std::string s = file.empty() ? std::string("<input>") : file;
  if (line > 0) {
    s += ':' + std::to_string(line);
    if (column > 0) s += ':' + std::to_string(column);
  }
  s += ": ";
  if (!key.empty()) s += key + ": ";
  s += message;
  if (!hint.empty()) s += " (" + hint + ")";
  return s;
}

namespace {
std::string summary(const std::vector<Diagnostic>& ds) {
  if (ds.empty()) return "invalid input";
  std::string s = ds.front().format();
  if (ds.size() > 1) s += " (and " + std::to_string(ds.size() - 1) + " more problems)";
  return s;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : Error(summary(diagnostics)), diagnostics_(std::move(diagnostics)) {}

void Diagnostics::throw_if_any() const {
  if (!items_.empty()) throw InputError(items_);
}

}  // namespace tsunagi
