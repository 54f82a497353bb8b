#pragma once
// Reading municipality lists from CSV files with the columns
//   municipality_code,prefecture_code,prefecture,municipality,population_2020
// (the layout of scenarios/data/municipalities_2020.csv, from the 2020 census via e-Stat).
// Extra columns are ignored; the five above are required, in any order.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

struct CsvMunicipality {
  MunicipalitySpec spec;  // region not set
  std::string prefecture_name;
  int line = 0;  // 1-based line in the file, for later diagnostics
};

/// One CSV line split at commas; double quotes quote a field ("" is a quote inside one).
std::vector<std::string> split_csv_row(const std::string& line);

/// The position of each `wanted` column in a header line (UTF-8 BOM removed), or nothing
/// when one is missing: each missing column is reported at line 1 of `file`.
template <std::size_t N>
std::optional<std::array<int, N>> csv_columns(std::string header_line, const std::array<std::string_view, N>& wanted,
                                              const std::string& file, Diagnostics& diags);

/// Reads every row; problems (missing columns, malformed codes, non-positive or
/// non-numeric populations, short rows) are added to `diags` with the file and line.
/// `display_path` is what diagnostics call the file. Throws nothing for bad content;
/// an unreadable file is also reported as a diagnostic.
std::vector<CsvMunicipality> read_municipality_csv(const std::string& path, const std::string& display_path,
                                                   Diagnostics& diags);

/// Same, from text already in memory (used by tests and the fuzzer).
std::vector<CsvMunicipality> parse_municipality_csv(const std::string& text, const std::string& file,
                                                    Diagnostics& diags);

/// Same, from a file's text as read (none: the file could not be read, a diagnostic).
std::vector<CsvMunicipality> municipality_csv_from(const std::optional<std::string>& text,
                                                   const std::string& display_path, Diagnostics& diags);

}  // namespace tsunagi
