#pragma once
// The root attributes of every tsunagi output file, written by one function for every
// writer (run, experiment, sweep, checkpoint and calibration files) and checked against
// their declaration in output/schema.hpp.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <variant>

#include "output/h5_file_writer.hpp"
#include "output/schema.hpp"

namespace tsunagi {

/// The provenance every file records besides schema, schema_version, file_type,
/// tsunagi_version and git_commit (which write_header fills in itself).
struct Provenance {
  std::string created;  // ISO 8601 UTC, utc_timestamp()
  std::uint64_t seed = 0;
  int replicates = 0;
  int threads = 0;
};

/// A value of a type's own root attribute: string, int32 (int) or int64 (long long).
struct HeaderAttribute {
  const char* name;
  std::variant<std::string, int, long long> value;
};

/// Writes the common root attributes and then `own`, which must be the type's own
/// attributes of schema::info(type), in their declared order and of their declared types
/// (std::logic_error otherwise: a writer out of step with the schema).
void write_header(H5FileWriter& w, schema::FileType type, const Provenance& p,
                  std::initializer_list<HeaderAttribute> own);

/// The current time, ISO 8601 UTC ("2026-11-23T17:33:33Z"), for Provenance::created.
std::string utc_timestamp();

}  // namespace tsunagi
