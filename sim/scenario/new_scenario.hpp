#pragma once
// A complete, valid scenario for any prefecture (`tsunagi new`, docs/scenarios.md "A
// scenario for another prefecture"), from the shipped census list and, when the prefecture
// keeps one, a CSV of each municipality's current stages.
//
// What the generator cannot know is written as a value anyway, so that the scenario runs,
// and listed as a placeholder in [[scenario.placeholder]] (key and why): `validate` lists
// them and the report shows them as such. Without a stages file, the starting stages are
// the latest national shares (public-figures.md: 基幹 50 % and 拠点 52.9 % of municipalities
// at 2021-04; about half of councils active, the national scenario's assumption), given to
// the most populous municipalities; the adviser programme is the national scenario's
// default (2 dispatch advisers on request); travel is 1 hour.
//
// The stages file: a header `code,institution,stage,date` (any column order, extra columns
// ignored) and one row per municipality and institution: code (5 digits, a municipality of
// the prefecture), institution (kikan, kyoten, council, multi_layered), stage (a stage of
// that institution's ladder, model/institution.hpp) and date (the day the stage was known,
// YYYY-MM-DD, on or before the scenario's start: a scenario starts from what was known on
// its start date). Several rows of one municipality and institution are a history: the
// latest counts. An institution with no row at all keeps the placeholder; one with rows
// gives every municipality without a row the ladder's first stage (none, or dormant).
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "model/institution.hpp"
#include "scenario/municipality_csv.hpp"

namespace tsunagi {

struct StageRow {
  std::string code;
  Institution institution = Institution::kKikan;
  std::uint8_t stage = 0;
  Date date;
  int line = 0;
};

/// Parses a stages file; every problem is added to `diags` with file, line and column name.
std::vector<StageRow> parse_stages_csv(const std::string& text, const std::string& file, Diagnostics& diags);

struct NewScenarioRequest {
  std::string prefecture_code;                  // two digits
  std::vector<CsvMunicipality> municipalities;  // the prefecture's rows of the census list
  std::string census_path;                      // the census CSV as the scenario names it (relative to its folder)
  std::string census_file;                      // the census CSV as diagnostics call it
  Date start, end;
  std::vector<StageRow> stages;  // imported rows (may be empty)
  std::string stages_file;       // as diagnostics and the scenario's comments call it; empty: none
};

/// The scenario's TOML text. Stage rows for municipalities outside the prefecture, dated
/// after the start, or contradicting each other on one date are added to `diags`.
std::string new_scenario_toml(const NewScenarioRequest& request, Diagnostics& diags);

}  // namespace tsunagi
