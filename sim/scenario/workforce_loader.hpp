#pragma once
// Reads the optional [workforce] table of a scenario into Scenario::workforce (keys:
// docs/scenarios.md; default values and their sources: docs/parameters.md). Without the
// table only officers turn over, once a year on 1 April with
// development.rotation.probability, and every other post stays filled.
namespace tsunagi {

class TableReader;
struct Scenario;

/// Call after the development, adviser and case tables are read.
void read_workforce(TableReader& root, Scenario& s);

}  // namespace tsunagi
