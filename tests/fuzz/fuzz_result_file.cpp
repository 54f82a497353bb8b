// Fuzz target: result files -> the HDF5 readers behind `tsunagi summarize` and
// `--restart`/`branch_from` (read_file_type, read_run_summary, read_experiment_summary,
// read_sweep_summary, read_checkpoint_file). The input is a file's bytes, written to a
// scratch file; every reader is tried on it, whatever its type, so that each meets
// objects of the wrong shape, type and size.
//
// Either a summary or an InputError that names the file. A binary file has no lines:
// the key names the HDF5 object at fault, and is empty for whole-file problems ("not an
// HDF5 file", "cannot open", the file's identity attributes on "/").
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "output/hdf5_reader.hpp"

using namespace tsunagi_fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = scratch_dir() + "/result.h5";
  write_file(path, data, size);
  auto read = [&](const auto& reader) {
    guarded(
        [&] {
          try {
            reader();
          } catch (const tsunagi::InputError& e) {
            for (const tsunagi::Diagnostic& d : e.diagnostics())
              if (d.file != path) finding("a result-file diagnostic that does not name the file", d.format());
            throw;
          }
        },
        Location::kFileOnly);
  };
  read([&] { (void)tsunagi::read_file_type(path); });
  read([&] { (void)tsunagi::read_run_summary(path, {}); });
  read([&] { (void)tsunagi::read_experiment_summary(path, {}); });
  read([&] { (void)tsunagi::read_sweep_summary(path); });
  read([&] { (void)tsunagi::read_checkpoint_file(path); });
  return 0;
}
