#pragma once
// A per-municipality yes/no lever read from a table: `<all_key> = true` for every
// municipality, or `<list_key> = ["code", ...]` for some (a case-flow hub, an active
// council, an institutionalised officer post). Unknown codes are reported at the list.
#include <string_view>
#include <vector>

namespace tsunagi {

class TableReader;
struct Scenario;

std::vector<bool> read_municipality_flags(TableReader& t, std::string_view list_key, std::string_view all_key,
                                          const Scenario& s);

}  // namespace tsunagi
