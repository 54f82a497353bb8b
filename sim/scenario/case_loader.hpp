#pragma once
// Reads the optional [cases] table of a scenario into Scenario::cases (keys:
// docs/scenarios.md; default values and their sources: docs/parameters.md).
namespace tsunagi {

class TableReader;
struct Scenario;

/// Call after the municipality list is read (hub and council lists name municipalities).
void read_cases(TableReader& root, Scenario& s);

}  // namespace tsunagi
