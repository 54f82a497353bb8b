#include "test_support.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include <gtest/gtest.h>

#include "scenario/loader.hpp"

namespace tsunagi::test {

std::string source_path(const std::string& relative) { return std::string(TSUNAGI_SOURCE_DIR) + "/" + relative; }

std::string small_scenario(int n, int advisers, const std::string& strategy, const std::string& extra) {
  std::string s =
      "[scenario]\nname = \"small\"\nstart = 2024-04-01\nend = 2027-03-31\nseed = 7\nreplicates = 4\n"
      "[prefecture]\ncode = \"90\"\nname = \"Test\"\n"
      "[municipalities]\n";
  for (int i = 0; i < n; ++i) {
    s += "[[municipalities.list]]\ncode = \"" + std::to_string(90001 + i) + "\"\nname = \"M" + std::to_string(i) +
         "\"\npopulation = " + std::to_string(1000 * (i + 1)) + "\n";
  }
  s += "[advisers]\n" + (advisers >= 0 ? "count = " + std::to_string(advisers) + "\n" : std::string()) +
       "strategy = \"" + strategy + "\"\n";
  return s + extra;
}

Scenario load_text(const std::string& text, const std::vector<std::string>& overrides) {
  return load_scenario_text(text, "test.toml", source_path("scenarios"), overrides);
}

std::size_t index_of(const Scenario& s, const std::string& code) {
  for (std::size_t i = 0; i < s.municipalities.size(); ++i)
    if (s.municipalities[i].code == code) return i;
  ADD_FAILURE() << "no municipality " << code;
  return 0;
}

std::vector<std::string> usa_established_overrides() {
  return {"initial.kikan.designing=[\"44206\", \"44212\", \"44213\", \"44210\", \"44341\", \"44214\"]",
          "initial.kikan.established=[\"44201\", \"44202\", \"44203\", \"44205\", \"44204\", \"44211\"]"};
}

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "tsunagi-test-XXXXXX").string();
  path_ = mkdtemp(tmpl.data());
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void expect_same_series(const ResultSet& a, const ResultSet& b, int slot_a, int slot_b) {
  ASSERT_EQ(a.series.size(), b.series.size());
  for (std::size_t i = 0; i < a.series.size(); ++i) {
    std::visit(
        [&](const auto& va) {
          using V = std::decay_t<decltype(va)>;
          const auto& vb = std::get<V>(b.series[i].data);
          // Bit for bit, so that NaN (a period with nothing to average) equals NaN.
          using T = typename V::value_type;
          if (slot_a < 0) {
            EXPECT_TRUE(va.size() == vb.size() && std::memcmp(va.data(), vb.data(), va.size() * sizeof(T)) == 0)
                << a.series[i].name;
          } else {
            const std::size_t n = a.values_per_replicate(a.series[i]);
            EXPECT_EQ(std::memcmp(va.data() + n * static_cast<std::size_t>(slot_a),
                                  vb.data() + n * static_cast<std::size_t>(slot_b), n * sizeof(T)),
                      0)
                << a.series[i].name;
          }
        },
        a.series[i].data);
  }
}

double scalar(const ResultSet& r, const std::string& name, int rep, std::size_t t) {
  const Series* s = r.find(name);
  if (!s) {
    ADD_FAILURE() << "no series " << name;
    return 0.0;
  }
  return r.at<double>(static_cast<std::size_t>(s - r.series.data()), rep, t)[0];
}

}  // namespace tsunagi::test
