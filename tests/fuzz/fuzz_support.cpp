#include "fuzz_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <typeinfo>

namespace tsunagi_fuzz {

void finding(const std::string& what, const std::string& detail) {
  std::fprintf(stderr, "\n== tsunagi fuzz finding: %s\n%s\n", what.c_str(), detail.c_str());
  std::fflush(stderr);
  std::abort();
}

void check_located(const tsunagi::InputError& e, Location rule,
                   const std::function<bool(const tsunagi::Diagnostic&)>& may_lack_line_and_key) {
  if (e.diagnostics().empty()) finding("InputError without any diagnostic", e.what());
  for (const tsunagi::Diagnostic& d : e.diagnostics()) {
    if (d.file.empty()) finding("diagnostic without a file", d.format());
    if (d.message.empty()) finding("diagnostic without a message", d.format());
    if (d.line < 0 || d.column < 0) finding("diagnostic with a negative line or column", d.format());
    if (rule == Location::kLineOrKey && d.line == 0 && d.key.empty() &&
        !(may_lack_line_and_key && may_lack_line_and_key(d)))
      finding("diagnostic without a line or key", d.format());
  }
}

void guarded(const std::function<void()>& body, Location rule, bool io_ok,
             const std::function<bool(const tsunagi::Diagnostic&)>& may_lack_line_and_key) {
  try {
    body();
  } catch (const tsunagi::InputError& e) {
    check_located(e, rule, may_lack_line_and_key);
  } catch (const tsunagi::IoError& e) {
    if (!io_ok) finding("IoError where only InputError is expected", e.what());
  } catch (const std::exception& e) {
    finding(std::string("unexpected exception ") + typeid(e).name(), e.what());
  } catch (...) {
    finding("unexpected exception of a non-std type");
  }
}

namespace {

struct ScratchDir {
  std::string path;
  ScratchDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/tsunagi-fuzz-XXXXXX";
    if (!mkdtemp(pattern.data())) finding("cannot create a scratch folder", pattern);
    path = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

}  // namespace

const std::string& scratch_dir() {
  static const ScratchDir dir;
  return dir.path;
}

void write_file(const std::string& path, const std::uint8_t* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  out.close();
  if (!out) finding("cannot write the scratch file", path);
}

std::string scenarios_dir() { return TSUNAGI_SOURCE_DIR "/scenarios"; }

}  // namespace tsunagi_fuzz
