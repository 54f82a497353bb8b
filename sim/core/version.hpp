#pragma once
// Version identity recorded in every output file (see docs/output.md).
namespace tsunagi {

/// Semantic version of the tsunagi engine, e.g. "0.1.0".
const char* version();
/// Short git commit the binary was built from ("unknown" outside a checkout; "-dirty"
/// appended when the work tree had uncommitted changes).
const char* git_commit();

}  // namespace tsunagi
