// Fuzz target: CSV text -> parse_municipality_csv (header, quoting, codes, populations).
// It never throws: every problem is a diagnostic with the file and a line (and the column
// name where there is one). The one problem without a line is an empty file, which has
// none.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "scenario/municipality_csv.hpp"

using namespace tsunagi_fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  guarded(
      [&] {
        tsunagi::Diagnostics diags;
        const auto rows = tsunagi::parse_municipality_csv(text, "fuzz.csv", diags);
        for (const auto& r : rows) {
          if (r.line < 2) finding("a row located before the header", std::to_string(r.line));
          if (r.spec.code.size() != 5 || r.spec.prefecture_code.size() != 2 || r.spec.population < 0 ||
              r.spec.name.empty())
            finding("a row accepted with an invalid field",
                    r.spec.code + "," + r.spec.prefecture_code + "," + r.spec.name);
        }
        if (!diags.empty()) diags.throw_if_any();
      },
      Location::kLineOrKey, false,
      [](const tsunagi::Diagnostic& d) { return d.message.rfind("the file is empty", 0) == 0; });
  return 0;
}
