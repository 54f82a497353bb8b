#include "scenario/overrides.hpp"

#include <gtest/gtest.h>

namespace tsunagi {
namespace {

TEST(Overrides, ParsesTomlValuesAndBareStrings) {
  toml::table t = toml::parse("[a]\nx = 1\n[[r]]\nname = \"n\"\n");
  Diagnostics d;
  apply_overrides(t,
                  {"a.x=2.5", "a.flag=true", "a.day=2024-04-01", "a.word=outreach", "a.list=[1, 2]", "r[0].name=北部",
                   "new.key=\"quoted\""},
                  d);
  ASSERT_TRUE(d.empty()) << d.items()[0].format();
  EXPECT_EQ(t.at_path("a.x").value<double>(), 2.5);
  EXPECT_EQ(t.at_path("a.flag").value<bool>(), true);
  EXPECT_TRUE(t.at_path("a.day").is_date());
  EXPECT_EQ(t.at_path("a.word").value<std::string>(), "outreach");
  EXPECT_EQ(t.at_path("a.list").as_array()->size(), 2u);
  EXPECT_EQ(t.at_path("r[0].name").value<std::string>(), "北部");
  EXPECT_EQ(t.at_path("new.key").value<std::string>(), "quoted");
  // Overridden values carry no file position.
  EXPECT_EQ(t.at_path("a.x").node()->source().begin.line, 0u);
}

TEST(Overrides, ReportsMalformedOverrides) {
  toml::table t = toml::parse("[a]\nx = 1\n");
  Diagnostics d;
  apply_overrides(t, {"novalue", "=3", "a.x.y=1", "r[0].name=x", "a[0]=1"}, d);
  ASSERT_EQ(d.size(), 5u);
  for (const auto& item : d.items()) EXPECT_EQ(item.file, "--set");
}

}  // namespace
}  // namespace tsunagi
