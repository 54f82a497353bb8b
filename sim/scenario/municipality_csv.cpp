#include "scenario/municipality_csv.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <sstream>

#include "scenario/scenario_source.hpp"

namespace tsunagi {
namespace {

constexpr std::array<std::string_view, 5> kColumns = {"municipality_code", "prefecture_code", "prefecture",
                                                      "municipality", "population_2020"};

}  // namespace

std::vector<std::string> split_csv_row(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"')
        cur += '"', ++i;
      else if (c == '"')
        quoted = false;
      else
        cur += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(std::move(cur));
  return out;
}

template <std::size_t N>
std::optional<std::array<int, N>> csv_columns(std::string header_line, const std::array<std::string_view, N>& wanted,
                                              const std::string& file, Diagnostics& diags) {
  if (header_line.rfind("\xEF\xBB\xBF", 0) == 0) header_line.erase(0, 3);  // UTF-8 BOM (Excel)
  const auto header = split_csv_row(header_line);
  std::string all;
  for (auto w : wanted) all += (all.empty() ? "" : ",") + std::string(w);
  std::array<int, N> col{};
  bool ok = true;
  for (std::size_t c = 0; c < N; ++c) {
    const auto it = std::find(header.begin(), header.end(), wanted[c]);
    col[c] = it == header.end() ? -1 : static_cast<int>(it - header.begin());
    if (it == header.end()) {
      diags.add(Diagnostic{file,
                           1,
                           0,
                           std::string(wanted[c]),
                           "missing column '" + std::string(wanted[c]) + "' in the header; expected the columns " + all,
                           {}});
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return col;
}
template std::optional<std::array<int, 4>> csv_columns(std::string, const std::array<std::string_view, 4>&,
                                                       const std::string&, Diagnostics&);
template std::optional<std::array<int, 5>> csv_columns(std::string, const std::array<std::string_view, 5>&,
                                                       const std::string&, Diagnostics&);

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::vector<CsvMunicipality> parse_municipality_csv(const std::string& text, const std::string& file,
                                                    Diagnostics& diags) {
  std::vector<CsvMunicipality> out;
  auto problem = [&](int line, std::string_view column, std::string msg) {
    diags.add(Diagnostic{file, line, 0, std::string(column), std::move(msg), {}});
  };
  std::istringstream in(text);
  std::string line;
  int lineno = 0;
  std::array<int, 5> col{-1, -1, -1, -1, -1};
  std::size_t width = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (lineno == 1) {
      const auto found = csv_columns(line, kColumns, file, diags);
      if (!found) return out;
      col = *found;
      width = split_csv_row(line).size();
      continue;
    }
    if (line.empty()) continue;
    const auto f = split_csv_row(line);
    if (f.size() < width) {
      problem(lineno, "", "row has " + std::to_string(f.size()) + " fields, expected " + std::to_string(width));
      continue;
    }
    const std::string& code = f[static_cast<std::size_t>(col[0])];
    const std::string& pref = f[static_cast<std::size_t>(col[1])];
    const std::string& pop = f[static_cast<std::size_t>(col[4])];
    bool ok = true;
    if (code.size() != 5 || !all_digits(code)) {
      problem(lineno, "municipality_code", "found '" + code + "', expected a 5-digit code such as 44201");
      ok = false;
    }
    if (pref.size() != 2 || !all_digits(pref)) {
      problem(lineno, "prefecture_code", "found '" + pref + "', expected a 2-digit code such as 44");
      ok = false;
    }
    std::int64_t population = 0;
    auto [p, ec] = std::from_chars(pop.data(), pop.data() + pop.size(), population);
    // Zero passes here: the loader decides (municipalities.allow_zero_population).
    if (ec != std::errc() || p != pop.data() + pop.size() || population < 0) {
      problem(lineno, "population_2020", "found '" + pop + "', expected a positive whole number of persons");
      ok = false;
    }
    if (f[static_cast<std::size_t>(col[3])].empty()) {
      problem(lineno, "municipality", "empty name, expected the municipality's name");
      ok = false;
    }
    if (!ok) continue;
    CsvMunicipality m;
    m.spec.code = code;
    m.spec.prefecture_code = pref;
    m.spec.name = f[static_cast<std::size_t>(col[3])];
    m.spec.population = population;
    m.prefecture_name = f[static_cast<std::size_t>(col[2])];
    m.line = lineno;
    out.push_back(std::move(m));
  }
  if (lineno == 0) problem(0, "", "the file is empty; expected a header row and one row per municipality");
  return out;
}

std::vector<CsvMunicipality> municipality_csv_from(const std::optional<std::string>& text,
                                                   const std::string& display_path, Diagnostics& diags) {
  if (!text) {
    diags.add(Diagnostic{display_path, 0, 0, "", "cannot open the municipality CSV file", {}});
    return {};
  }
  return parse_municipality_csv(*text, display_path, diags);
}

std::vector<CsvMunicipality> read_municipality_csv(const std::string& path, const std::string& display_path,
                                                   Diagnostics& diags) {
  return municipality_csv_from(read_text_file(path), display_path, diags);
}

}  // namespace tsunagi
