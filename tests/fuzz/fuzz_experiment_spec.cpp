// Fuzz target: experiment files -> load_experiment, then plan_experiment (every variant's
// scenario loaded and validated, and compared with the baseline). Nothing is run.
// Either a plan or an InputError whose every diagnostic has the file and a line or key.
// The input is a file's text; see spec_scratch.hpp for where it is written.
#include <cstddef>
#include <cstdint>
#include <string>

#include "experiment/experiment_run.hpp"
#include "experiment/experiment_spec.hpp"
#include "fuzz_support.hpp"
#include "output/hdf5_reader.hpp"
#include "spec_scratch.hpp"

using namespace tsunagi_fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = write_spec(data, size);
  guarded(
      [&] {
        const tsunagi::ExperimentSpec spec = tsunagi::load_experiment(path);
        // Planning loads one scenario per variant: bounded so that an input stays well
        // under the one-second timeout.
        if (spec.variants.size() <= 8) (void)tsunagi::plan_experiment(spec, {}, {}, &tsunagi::read_checkpoint_file);
      },
      Location::kLineOrKey, false,
      [](const tsunagi::Diagnostic& d) {
        // Whole-file problems: the spec or a file it names (scenario CSV, branch_from
        // checkpoint, which is binary) cannot be opened or read.
        return spec_file_level(d) || d.message.rfind("cannot open the municipality CSV file", 0) == 0 ||
               d.message.rfind("the file is empty", 0) == 0 || d.file.ends_with(".h5");
      });
  return 0;
}
