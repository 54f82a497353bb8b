#include "output/checkpoint_file.hpp"

#include <cstdio>

#include "output/file_header.hpp"
#include "output/h5_axes.hpp"

namespace tsunagi {

namespace {

std::string replicate_dataset_name(std::size_t r) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%08zu", r);
  return buf;
}

}  // namespace

void write_checkpoint_file(const std::string& path, const Scenario& s, const ResultSet& results,
                           const CheckpointCapture& capture, const std::string& created) {
  H5FileWriter w(path);
  const int replicates = static_cast<int>(capture.states.size());
  write_header(
      w, schema::FileType::kCheckpoint, Provenance{created, s.seed, replicates, 0},
      {{"date", capture.date.iso()},
       {"start", s.start.iso()},
       {"scenario_name", s.name},
       {"scenario_toml", s.resolved_toml},
       {"description", std::string("The state of every replicate at the start of `date`: continue it with tsunagi "
                                   "run --restart, or branch variants from it with tsunagi experiment "
                                   "--branch-from. Read only by the tsunagi version that wrote it.")}});
  std::vector<Date> before;
  for (Date d : results.dates)
    if (d < capture.date) before.push_back(d);
  AxisScales scales = write_axes(w, s, before, 0, replicates);
  h5::Handle states = w.group(w.root(), "states");
  h5::Handle records = w.group(w.root(), "records");
  for (std::size_t r = 0; r < capture.states.size(); ++r) {
    const std::string name = replicate_dataset_name(r);
    for (const auto& [group, bytes] :
         {std::pair{states.get(), &capture.states[r]}, std::pair{records.get(), &capture.records[r]}}) {
      const hsize_t n = bytes->size();
      w.dataset(group, name.c_str(), H5T_NATIVE_UINT8, H5T_STD_U8LE, 1, &n, bytes->data());
    }
  }
  states.reset(), records.reset(), scales = AxisScales{};
  w.close();
}

}  // namespace tsunagi
