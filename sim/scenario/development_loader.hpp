#pragma once
// Reads [development] (with its sub-tables), [[shocks]] and [[joint]] into the Scenario
// (keys: docs/scenarios.md; defaults and their sources: docs/parameters.md).
namespace tsunagi {

class TableReader;
struct Scenario;

/// Call after the municipality list is read ([[joint]] names municipalities).
void read_development(TableReader& root, Scenario& s);

}  // namespace tsunagi
