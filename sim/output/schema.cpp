#include "output/schema.hpp"

#include <stdexcept>

namespace tsunagi::schema {
namespace {

using enum AttributeType;

constexpr Attribute kCommon[] = {
    {"schema", kString},     {"schema_version", kInt32}, {"file_type", kString}, {"tsunagi_version", kString},
    {"git_commit", kString}, {"created", kString},       {"seed", kUInt64},      {"replicates", kInt32},
    {"threads", kInt32},
};

// Each type's own attributes, in the order its writer writes them.
constexpr Attribute kRun[] = {
    {"scenario_name", kString},         {"scenario_title", kString}, {"scenario_toml", kString},
    {"replicates_decided_by", kString}, {"bands_cover", kString},
};
// output_level (docs/output.md, "Output levels"): absent in files written before levels,
// which hold every series. store ("Statistics instead of replicates"): absent in files
// written before it, which store every replicate.
constexpr Attribute kRunOptional[] = {
    {"output_level", kString},
    {"store", kString},
};
constexpr Attribute kExperiment[] = {
    {"ranks", kInt32},
    {"experiment_name", kString},
    {"experiment_title", kString},
    {"experiment_toml", kString},
    {"baseline", kString},
    {"replicates_decided_by", kString},
    {"branched_from", kString},
    {"bands_cover", kString},
};
constexpr Attribute kSweep[] = {
    {"ranks", kInt32},   {"sweep_name", kString},         {"sweep_title", kString}, {"sweep_toml", kString},
    {"design", kString}, {"base_scenario_toml", kString}, {"points", kInt64},       {"failed_points", kInt64},
};
constexpr Attribute kCheckpoint[] = {
    {"date", kString},          {"start", kString},       {"scenario_name", kString},
    {"scenario_toml", kString}, {"description", kString},
};
constexpr Attribute kCalibration[] = {
    {"calibration_toml", kString},
};

// schema_version 1 for every type: the versions files were written with before the types
// had their own. Raise a type's version when its layout changes incompatibly.
constexpr FileTypeInfo kTypes[] = {
    {FileType::kRun, "run", 1, "tsunagi run", kRun, kRunOptional},
    {FileType::kExperiment, "experiment", 1, "tsunagi experiment", kExperiment},
    {FileType::kSweep, "sweep", 1, "tsunagi sweep", kSweep},
    {FileType::kCheckpoint, "checkpoint", 1, "tsunagi run --checkpoint", kCheckpoint},
    {FileType::kCalibration, "calibration", 2, "tsunagi calibrate", kCalibration},
};

}  // namespace

std::span<const Attribute> common_attributes() { return kCommon; }

std::span<const FileTypeInfo> file_types() { return kTypes; }

const FileTypeInfo& info(FileType type) {
  for (const FileTypeInfo& t : kTypes)
    if (t.type == type) return t;
  throw std::logic_error("schema::info: a FileType without an entry in kTypes");
}

const FileTypeInfo* find(std::string_view name) {
  for (const FileTypeInfo& t : kTypes)
    if (name == t.name) return &t;
  return nullptr;
}

std::vector<Attribute> required_attributes(FileType type) {
  std::vector<Attribute> out(kCommon, kCommon + std::size(kCommon));
  for (const Attribute& a : info(type).attributes) out.push_back(a);
  return out;
}

const char* type_name(AttributeType type) {
  switch (type) {
    case kString:
      return "string";
    case kInt32:
      return "int32";
    case kInt64:
      return "int64";
    case kUInt64:
      return "uint64";
  }
  return "?";
}

}  // namespace tsunagi::schema
