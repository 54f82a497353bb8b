#pragma once
// The identity of tsunagi's output files, defined once (docs/output.md#schema-identity-and-versioning):
// every file type with its `file_type` name and `schema_version`, and the root attributes
// a file of that type must have. The writers write them with write_header
// (output/file_header.hpp), the readers (output/hdf5_reader.cpp) check them, and the
// Python package's analysis/_schema.py and the table in docs/output.md are generated from
// here by tsunagi_schema (output/tsunagi_schema.cpp). Plain data: no HDF5 here.
#include <span>
#include <string_view>
#include <vector>

namespace tsunagi::schema {

inline constexpr const char* kName = "tsunagi";  // root attribute `schema`

enum class FileType { kRun, kExperiment, kSweep, kCheckpoint, kCalibration };

/// How a root attribute is stored: a scalar UTF-8 string, int32, int64 or uint64.
enum class AttributeType { kString, kInt32, kInt64, kUInt64 };

struct Attribute {
  const char* name;
  AttributeType type;
};

struct FileTypeInfo {
  FileType type;
  const char* name;                       // root attribute `file_type`
  int version;                            // root attribute `schema_version` of files of this type
  const char* written_by;                 // the command that writes it
  std::span<const Attribute> attributes;  // its own required root attributes, after the common ones
  std::span<const Attribute> optional{};  // root attributes added within this version: a file may lack them
};

/// The file type of a file without a `file_type` attribute (a version-1 run file written
/// before the attribute existed).
inline constexpr FileType kFileTypeWhenAbsent = FileType::kRun;

/// The root attributes every file has, in the order they are written: schema,
/// schema_version, file_type, tsunagi_version, git_commit, created, seed, replicates, threads.
std::span<const Attribute> common_attributes();

/// Every file type, in the order of FileType.
std::span<const FileTypeInfo> file_types();

const FileTypeInfo& info(FileType type);

/// The file type called `name`, or nullptr.
const FileTypeInfo* find(std::string_view name);

/// The common attributes followed by the type's own, in the order they are written.
std::vector<Attribute> required_attributes(FileType type);

/// "string", "int32", "int64" or "uint64".
const char* type_name(AttributeType type);

}  // namespace tsunagi::schema
