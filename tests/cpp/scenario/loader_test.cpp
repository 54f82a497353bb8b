#include "scenario/loader.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "processes/advisers/adviser_strategy.hpp"
#include "test_support.hpp"

namespace tsunagi {
namespace {

using test::load_text;
using test::small_scenario;

std::vector<Diagnostic> problems(const std::string& text, const std::vector<std::string>& overrides = {}) {
  try {
    load_text(text, overrides);
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  return {};
}

TEST(Loader, SmallScenarioLoadsWithDefaults) {
  const Scenario s = load_text(small_scenario(3));
  EXPECT_EQ(s.name, "small");
  EXPECT_EQ(s.municipalities.size(), 3u);
  EXPECT_EQ(s.municipalities[1].code, "90002");
  EXPECT_EQ(s.municipalities[1].population, 2000);
  EXPECT_EQ(s.regions.size(), 1u);  // no regions given: the prefecture is one region
  EXPECT_EQ(s.start, Date::from_civil(2024, 4, 1));
  EXPECT_EQ(s.days(), 1095);
  ASSERT_EQ(s.programmes.size(), 1u);
  EXPECT_EQ(s.programmes[0].adviser_count(s.start), 2);
  ASSERT_TRUE(s.programmes[0].phases[0].strategy);
  EXPECT_EQ(s.programmes[0].phases[0].strategy->name(), "outreach");
  EXPECT_DOUBLE_EQ(s.development.project[0].budget_at, 0.7);
  EXPECT_EQ(s.development.opening_months, (std::vector<int>{4, 10}));
}

TEST(Loader, InitialNoneKeepsAMunicipalityOutOfLargest) {
  // Populations 1000, 2000, 3000: the largest is pinned to nothing, so the next takes it.
  const Scenario s = load_text(small_scenario(3) + "[initial.kikan]\nnone = [\"90003\"]\nlargest_established = 1\n");
  const auto& k = s.initial_stage[static_cast<std::size_t>(Institution::kKikan)];
  EXPECT_EQ(k[test::index_of(s, "90003")], 0);
  EXPECT_EQ(k[test::index_of(s, "90002")], 4);
  EXPECT_EQ(k[test::index_of(s, "90001")], 0);
}

TEST(Loader, ShippedOitaScenarioMatchesSeed000) {
  const Scenario s = load_scenario(test::source_path("scenarios/oita.toml"));
  EXPECT_EQ(s.municipalities.size(), 18u);               // seed 000, Oita: 18 municipalities
  EXPECT_EQ(s.programmes[0].adviser_count(s.start), 5);  // 派遣型 5名
  int established = 0;
  for (auto k : s.initial_stage[0]) established += has_kikan(k);
  EXPECT_EQ(established, 5);  // 5 of 18 at 2024-04
  EXPECT_EQ(s.start, Date::from_civil(2024, 4, 1));
}

TEST(Loader, ResolvedTomlReloadsToTheSameScenario) {
  const Scenario a = load_scenario(test::source_path("scenarios/oita.toml"), {"advisers.count=7"});
  const Scenario b = load_text(a.resolved_toml);
  EXPECT_EQ(b.resolved_toml, a.resolved_toml);
  EXPECT_EQ(b.programmes[0].adviser_count(b.start), 7);
  ASSERT_EQ(b.municipalities.size(), a.municipalities.size());
  for (std::size_t i = 0; i < a.municipalities.size(); ++i) {
    EXPECT_EQ(b.municipalities[i].code, a.municipalities[i].code);
    EXPECT_EQ(b.municipalities[i].name, a.municipalities[i].name);
    EXPECT_EQ(b.municipalities[i].travel_hours, a.municipalities[i].travel_hours);
    for (std::size_t k = 0; k < kInstitutionCount; ++k) EXPECT_EQ(b.initial_stage[k][i], a.initial_stage[k][i]);
  }
}

TEST(Loader, ResolvedTomlKeepsEveryBitOfAwkwardValues) {
  const Scenario a =
      load_text(test::small_scenario(2), {"development.adviser_hour_value=0.0123456789012345",
                                          "development.motivation_sigma=0.1", "scenario.title=a \"quoted\" 名前"});
  EXPECT_NE(a.resolved_toml.find("adviser_hour_value = 0.0123456789012345\n"), std::string::npos);
  EXPECT_NE(a.resolved_toml.find("motivation_sigma = 0.1\n"), std::string::npos);  // not 0.10000000000000001
  const Scenario b = load_text(a.resolved_toml);
  EXPECT_EQ(b.development.adviser_hour_value, a.development.adviser_hour_value);
  EXPECT_EQ(b.title, "a \"quoted\" 名前");
  EXPECT_EQ(b.resolved_toml, a.resolved_toml);
}

TEST(Loader, OverridesAreValidatedLikeFileValues) {
  const Scenario s = load_text(small_scenario(2), {"advisers.count=9", "scenario.end=2025-03-31",
                                                   "advisers.strategy=on_request", "development.budget_month=11"});
  EXPECT_EQ(s.programmes[0].adviser_count(s.start), 9);
  EXPECT_EQ(s.end, Date::from_civil(2025, 3, 31));
  EXPECT_EQ(s.programmes[0].phases[0].strategy->name(), "on_request");
  EXPECT_EQ(s.development.budget_month, 11);
  const auto d = problems(small_scenario(2), {"advisers.count=-1"});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].file, "--set");
  EXPECT_EQ(d[0].key, "advisers.count");
}

// The table of bad inputs: each must give a diagnostic with this key, a message containing
// `message`, and (when line > 0) this line.
struct BadInput {
  const char* name;
  std::string text;
  std::vector<std::string> overrides;
  std::string key;
  std::string message;
  int line;
  std::string hint;
};

// Short names in test output instead of gtest's byte dump.
void PrintTo(const BadInput& b, std::ostream* os) { *os << b.name; }

std::string replace(std::string s, const std::string& from, const std::string& to) {
  const auto pos = s.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return s.replace(pos, from.size(), to);
}

std::vector<BadInput> bad_inputs() {
  const std::string ok = small_scenario(3);
  return {
      {"syntax", replace(ok, "seed = 7", "seed = = 7"), {}, "", "TOML syntax error", 5, ""},
      {"unknown_key",
       ok + "hours_per_mont = 3\n",
       {},
       "advisers.hours_per_mont",
       "unknown key",
       0,
       "did you mean 'hours_per_month'?"},
      {"unknown_section", ok + "[advisors]\ncount = 1\n", {}, "advisors", "unknown key", 0, "did you mean 'advisers'?"},
      {"wrong_type",
       replace(ok, "count = 2", "count = \"five\""),
       {},
       "advisers.count",
       "found string \"five\", expected an integer",
       0,
       ""},
      {"real_for_integer",
       replace(ok, "count = 2", "count = 2.5"),
       {},
       "advisers.count",
       "found number 2.5, expected an integer",
       0,
       ""},
      {"zero_population",
       replace(ok, "population = 1000\n", "population = 0\n"),
       {},
       "municipalities.list[0].population",
       "has population 0",
       0,
       "allow_zero_population"},
      {"negative_population",
       replace(ok, "population = 1000\n", "population = -5\n"),
       {},
       "municipalities.list[0].population",
       "found integer -5",
       0,
       ""},
      {"probability_above_one",
       ok,
       {"development.kikan.approval_probability=1.5"},
       "development.kikan.approval_probability",
       "expected a number from 0 to 1",
       0,
       ""},
      {"probability_below_zero",
       ok + "[advisers.on_request]\napply_probability = -0.1\n",
       {},
       "advisers.on_request.apply_probability",
       "expected a number from 0 to 1",
       0,
       ""},
      {"end_before_start",
       replace(ok, "end = 2027-03-31", "end = 2023-03-31"),
       {},
       "scenario.end",
       "before start 2024-04-01",
       4,
       ""},
      {"bad_date",
       replace(ok, "end = 2027-03-31", "end = \"2027-02-30\""),
       {},
       "scenario.end",
       "expected a date",
       4,
       ""},
      {"duplicate_code",
       replace(ok, "code = \"90002\"", "code = \"90001\""),
       {},
       "municipalities.list[1].code",
       "duplicate municipality code 90001",
       0,
       ""},
      {"undefined_region_member",
       ok + "[[regions]]\nid = \"north\"\nmunicipalities = [\"90001\", \"99999\"]\n",
       {},
       "regions[0].municipalities",
       "\"99999\", which is not a municipality",
       0,
       ""},
      {"municipality_in_no_region",
       ok + "[[regions]]\nid = \"north\"\nmunicipalities = [\"90001\"]\n",
       {},
       "regions",
       "2 municipalities are in no region",
       0,
       ""},
      {"undefined_initial_code",
       ok + "[initial.kikan]\nestablished = [\"12345\"]\n",
       {},
       "initial.kikan.established",
       "not a municipality of this scenario",
       0,
       ""},
      {"unknown_stage", ok + "[initial.kikan]\nopen = [\"90001\"]\n", {}, "initial.kikan.open", "unknown key", 0, ""},
      {"unknown_strategy",
       ok,
       {"advisers.strategy=outreech"},
       "advisers.strategy",
       "expected one of on_request, outreach",
       0,
       "did you mean 'outreach'?"},
      {"empty_list",
       "[scenario]\nname=\"e\"\nstart=2024-04-01\nend=2025-03-31\nseed=1\n[prefecture]\ncode=\"90\"\n"
       "[municipalities]\nlist = []\n[advisers]\ncount=1\nstrategy=\"outreach\"\n",
       {},
       "municipalities.list",
       "the municipality list is empty",
       0,
       ""},
      {"no_municipalities",
       replace(ok, "[[municipalities.list]]", "[[municipalities.nope]]"),
       {},
       "municipalities.nope",
       "unknown key",
       0,
       ""},
      {"missing_seed", replace(ok, "seed = 7\n", ""), {}, "scenario.seed", "missing", 0, ""},
      {"thresholds_out_of_order",
       ok + "[development.kikan]\nexploring_at = 0.9\n",
       {},
       "development.kikan.designing_at",
       "thresholds must satisfy",
       0,
       ""},
      {"joint_one_member",
       ok + "[[joint]]\nid = \"j\"\nmembers = [\"90001\"]\n",
       {},
       "joint[0].members",
       "expected at least 2",
       0,
       ""},
      {"joint_unknown_member",
       ok + "[[joint]]\nmembers = [\"90001\", \"99999\"]\n",
       {},
       "joint[0].members",
       "not a municipality of this scenario",
       0,
       ""},
      {"joint_mixed_stages",
       ok + "[initial.kikan]\ndesigning = [\"90001\"]\n[[joint]]\nmembers = [\"90001\", \"90002\"]\n",
       {},
       "joint[0].members",
       "different initial kikan stages",
       0,
       ""},
      {"unknown_region_in_team",
       ok + "[[advisers.team]]\ncount = 1\nregions = [\"nowhere\"]\n",
       {},
       "advisers.team[0].regions",
       "not a region of this scenario",
       0,
       ""},
      {"count_beside_teams",
       ok + "[[advisers.team]]\nkind = \"placement\"\ncount = 3\n[[advisers.team]]\nkind = \"regional\"\ncount = 4\n",
       {},
       "advisers.count",
       "found count = 2 beside 7 advisers in [[team]] entries; count is a shorthand for one team of dispatch "
       "advisers and would be added to the teams (9 advisers)",
       0,
       ""},
      {"departure_not_day_1",
       ok + "[[advisers.departure]]\ndate = 2025-04-15\ncount = 1\n",
       {},
       "advisers.departure[0].date",
       "found 2025-04-15, expected day 1 of a month from 2024-04-01 to 2027-03-31",
       0,
       ""},
      {"departure_after_the_run",
       ok + "[[advisers.departure]]\ndate = 2028-04-01\ncount = 1\n",
       {},
       "advisers.departure[0].date",
       "expected day 1 of a month from 2024-04-01",
       0,
       ""},
      {"departure_without_count",
       ok + "[[advisers.departure]]\ndate = 2025-04-01\n",
       {},
       "advisers.departure[0].count",
       "missing, expected how many advisers leave for good",
       0,
       ""},
      {"unknown_field",
       ok + "[[advisers.team]]\ncount = 1\nspecialities = [\"mental_healht\"]\n",
       {},
       "advisers.team[0].specialities",
       "expected fields among",
       0,
       "did you mean 'mental_health'?"},
      {"wrong_weight_count",
       ok + "[development.stocks]\nofficer_weights = [1, 2]\n",
       {},
       "development.stocks.officer_weights",
       "expected exactly 5",
       0,
       ""},
      {"shock_end_before_start",
       ok + "[[shocks]]\nstart = 2024-04-01\nend = 2024-01-01\n",
       {},
       "shocks[0].end",
       "before start",
       0,
       ""},
      {"missing_base",
       replace(ok, "seed = 7\n", "seed = 7\nbase = \"nope.toml\"\n"),
       {},
       "scenario.base",
       "cannot open base scenario",
       0,
       ""},
      {"opening_month_13",
       ok + "[development]\nopening_months = [4, 13]\n",
       {},
       "development.opening_months",
       "found integer 13",
       0,
       ""},
      {"csv_and_list",
       replace(ok, "[municipalities]\n", "[municipalities]\ncsv = \"data/municipalities_2020.csv\"\n"),
       {},
       "municipalities.csv",
       "both csv and list",
       0,
       ""},
      {"missing_csv",
       replace(ok, "[municipalities]\n", "[municipalities]\ncsv = \"nowhere.csv\"\n"),
       {"municipalities.list=[]"},
       "",
       "cannot open the municipality CSV file",
       0,
       ""},
      {"prefecture_codes_without_csv",
       replace(ok, "[municipalities]\n", "[municipalities]\nprefecture_codes = [\"44\"]\n"),
       {},
       "municipalities.prefecture_codes",
       "applies only to a csv list",
       0,
       ""},
      {"allow_zero_unknown_code",
       replace(ok, "[municipalities]\n", "[municipalities]\nallow_zero_population = [\"11111\"]\n"),
       {},
       "municipalities.allow_zero_population",
       "not a municipality of this scenario",
       0,
       ""},
      {"everyone_zero",
       replace(replace(small_scenario(1), "population = 1000\n", "population = 0\n"), "[municipalities]\n",
               "[municipalities]\nallow_zero_population = [\"90001\"]\n"),
       {},
       "municipalities.list",
       "every municipality has population 0",
       0,
       ""},
      {"inline_prefecture_code",
       replace(ok, "population = 2000\n", "population = 2000\nprefecture_code = \"4\"\n"),
       {},
       "municipalities.list[1].prefecture_code",
       "expected a 2-digit prefecture code",
       0,
       ""},
      {"cases_shares_above_one",
       ok + "[cases.needs.hardship]\nsupport_plan = 0.9\n",
       {},
       "cases.needs.hardship.support_plan",
       "expected at most 1",
       0,
       ""},
      {"cases_unknown_need",
       ok + "[cases.needs.poverty]\nrate_per_100k_month = 1\n",
       {},
       "cases.needs.poverty",
       "unknown key",
       0,
       ""},
      {"cases_unknown_agency",
       ok + "[cases.needs.hardship]\nentry = \"jiritu\"\n",
       {},
       "cases.needs.hardship.entry",
       "expected one of plan_provider",
       0,
       "did you mean 'jiritsu'?"},
      {"cases_unknown_hub_code",
       ok + "[cases]\nhub_municipalities = [\"12345\"]\n",
       {},
       "cases.hub_municipalities",
       "not a municipality of this scenario",
       0,
       ""},
      {"cases_rate_change_backwards",
       ok + "[[cases.rate_changes]]\nstart = 2021-04-01\nend = 2020-04-01\nfactor = 3\n",
       {},
       "cases.rate_changes[0].end",
       "before start",
       0,
       ""},
      {"cases_channels_sum",
       ok + "[cases.needs.elderly.channels]\noutreach = 0.5\n",
       {},
       "cases.needs.elderly.channels.self_referral",
       "channel shares sum to",
       0,
       ""},
      {"cases_zero_staff",
       ok + "[cases.agencies.jiritsu]\nmin_staff = 0\n",
       {},
       "cases.agencies.jiritsu.min_staff",
       "found integer 0",
       0,
       ""},
      {"cases_rate_change_need_typo",
       ok + "[[cases.rate_changes]]\nstart = 2020-04-01\nend = 2021-03-31\nneed = \"hardshp\"\n",
       {},
       "cases.rate_changes[0].need",
       "expected \"all\" or a need",
       0,
       "did you mean 'hardship'?"},
      {"bad_override_syntax", ok, {"advisers.count"}, "advisers.count", "expected key.path=value", 0, ""},
      {"override_through_value", ok, {"advisers.count.x=1"}, "advisers.count.x", "holds a value, not a table", 0, ""},
      {"kikan_available_from",
       ok + "[development.kikan]\navailable_from = 2021-04-01\n",
       {},
       "development.kikan.available_from",
       "only used by [development.multi_layered]",
       0,
       ""},
      {"kikan_funding",
       ok + "[development.kikan]\nfunding_elasticity = 1.0\n",
       {},
       "development.kikan.funding_elasticity",
       "only used by [development.multi_layered]",
       0,
       ""},
      {"funding_without_a_budget_per_year",
       ok + "[development.multi_layered]\nfunding_years = [2021, 2023, 2025]\nfunding = [973.0, 5554.0]\n",
       {},
       "development.multi_layered.funding",
       "one budget (million yen) per fiscal year",
       0,
       ""},
      {"funding_years_out_of_order",
       ok + "[development.multi_layered]\nfunding_years = [2025, 2021]\n",
       {},
       "development.multi_layered.funding_years",
       "increasing order",
       0,
       ""},
      {"funding_elasticity_negative",
       ok + "[development.multi_layered]\nfunding_elasticity = -0.5\n",
       {},
       "development.multi_layered.funding_elasticity",
       "",
       0,
       ""},
      {"initial_none_and_established",
       ok + "[initial.kikan]\nnone = [\"90001\"]\nestablished = [\"90001\"]\n",
       {},
       "initial.kikan.established",
       "more than one initial stage",
       0,
       ""},
  };
}

class BadInputTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadInputTest, IsReportedWithLocationKeyAndExpectation) {
  const BadInput& b = GetParam();
  const auto diags = problems(b.text, b.overrides);
  ASSERT_FALSE(diags.empty()) << "no error for " << b.name;
  bool found = false;
  std::string all;
  for (const auto& d : diags) {
    all += d.format() + "\n";
    if (d.key == b.key && d.message.find(b.message) != std::string::npos) {
      found = true;
      if (b.line > 0) {
        EXPECT_EQ(d.line, b.line) << d.format();
      }
      if (!b.hint.empty()) {
        EXPECT_NE(d.hint.find(b.hint), std::string::npos) << d.format();
      }
      EXPECT_FALSE(d.file.empty());
    }
  }
  EXPECT_TRUE(found) << "expected key '" << b.key << "' with '" << b.message << "', got:\n" << all;
}

INSTANTIATE_TEST_SUITE_P(Table, BadInputTest, ::testing::ValuesIn(bad_inputs()),
                         [](const ::testing::TestParamInfo<BadInput>& p) { return std::string(p.param.name); });

TEST(Loader, AdvisersWhoLeaveForGoodAreReadInDateOrder) {
  const Scenario s = load_text(small_scenario(2), {"advisers.departure=[{date=2026-04-01, count=2}, "
                                                   "{date=2025-10-01, count=1}]"});
  ASSERT_EQ(s.programmes.size(), 1u);
  const auto& d = s.programmes[0].departures;
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].date, Date::from_civil(2025, 10, 1));
  EXPECT_EQ(d[0].count, 1);
  EXPECT_EQ(d[1].date, Date::from_civil(2026, 4, 1));
  EXPECT_EQ(d[1].count, 2);
  EXPECT_FALSE(s.workforce.enabled);  // no turnover is switched on
}

TEST(Loader, TeamsWithoutCountKeepTheirSizes) {
  const Scenario s =
      load_text(small_scenario(2, -1, "outreach", "[[advisers.team]]\nkind = \"placement\"\ncount = 3\n"));
  EXPECT_EQ(s.programmes[0].adviser_count(s.start), 3);
}

TEST(Loader, ReportsEveryProblemAtOnce) {
  std::string text = replace(small_scenario(3), "count = 2", "count = -2");
  text += "[development]\nbudget_approval_probability = 2\nfoo = 1\n";
  const auto d = problems(text);
  EXPECT_GE(d.size(), 3u);
}

TEST(Loader, FileLocationsAreLineAndColumn) {
  const auto d = problems(replace(small_scenario(1), "count = 2", "count = \"x\""));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].file, "test.toml");
  EXPECT_GT(d[0].line, 5);
  EXPECT_EQ(d[0].column, 9);  // the value, after "count = "
  EXPECT_NE(d[0].format().find("test.toml:" + std::to_string(d[0].line) + ":9: advisers.count: found"),
            std::string::npos);
}

}  // namespace
}  // namespace tsunagi
