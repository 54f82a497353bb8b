#pragma once
// Reads [advisers] into one AdviserProgramme per prefecture of the scenario (keys:
// docs/scenarios.md). [advisers] is the programme of every prefecture without its own
// [[advisers.prefecture]] entry; a national scenario thus gives each prefecture the
// default programme and overrides the prefectures whose programmes the seeds describe.
namespace tsunagi {

class TableReader;
struct Scenario;

/// Call after the municipality list and regions are read.
void read_advisers(TableReader& root, Scenario& s);

}  // namespace tsunagi
