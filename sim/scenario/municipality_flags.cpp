#include "scenario/municipality_flags.hpp"

#include <algorithm>

#include "scenario/scenario.hpp"
#include "scenario/table_reader.hpp"

namespace tsunagi {

std::vector<bool> read_municipality_flags(TableReader& t, std::string_view list_key, std::string_view all_key,
                                          const Scenario& s) {
  std::vector<bool> flags(s.municipalities.size(), t.boolean(all_key, false));
  for (const std::string& code : t.strings(list_key)) {
    auto it =
        std::find_if(s.municipalities.begin(), s.municipalities.end(), [&](const auto& m) { return m.code == code; });
    if (it == s.municipalities.end())
      t.error(list_key,
              "found \"" + code + "\", which is not a municipality of this scenario; expected one of its codes");
    else
      flags[static_cast<std::size_t>(it - s.municipalities.begin())] = true;
  }
  return flags;
}

}  // namespace tsunagi
