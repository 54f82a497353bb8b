#pragma once
// The identity of tsunagi's output files, defined once. The Python package
// (analysis/) checks the same names before reading. See docs/output.md.
namespace tsunagi::schema {

inline constexpr const char* kName = "tsunagi";  // root attribute `schema`
inline constexpr int kVersion = 1;               // root attribute `schema_version`
inline constexpr const char* kRunFileType = "run";  // root attribute `file_type`

}  // namespace tsunagi::schema
