// The [workforce] table (scenario/workforce_loader.cpp): what it sets, how bad values are
// reported (file, line, key path), and that the resolved file loads back to the same.
#include "scenario/workforce_loader.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "scenario/loader.hpp"
#include "test_support.hpp"

namespace tsunagi {
namespace {

std::vector<Diagnostic> problems(const std::string& text, const std::vector<std::string>& overrides = {}) {
  try {
    test::load_text(text, overrides);
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  return {};
}

/// 1-based line of the first occurrence of `marker` in `text`.
int line_of(const std::string& text, const std::string& marker) {
  const auto pos = text.find(marker);
  EXPECT_NE(pos, std::string::npos) << marker;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
}

// Two prefectures (90 and 91) of two municipalities each.
std::string two_prefectures() {
  std::string s = test::small_scenario(4);
  for (const char* pop : {"population = 3000\n", "population = 4000\n"}) {
    const auto at = s.find(pop);
    s.insert(at + std::string(pop).size(), "prefecture_code = \"91\"\n");
  }
  return s;
}

const std::string kDeparture = "[[workforce.departures]]\ndate = 2025-10-01\nrole = \"adviser\"\ncount = 2\n";

struct BadWorkforce {
  const char* name;
  std::string extra;                   // appended to two_prefectures()
  std::vector<std::string> overrides;  // --set
  std::string key;
  std::string message;
  std::string marker;  // the reported line holds this text (file values only)
};
void PrintTo(const BadWorkforce& b, std::ostream* os) { *os << b.name; }

std::vector<BadWorkforce> bad_workforce() {
  return {
      {"weights_of_another_length",
       "[workforce.officers]\ntenure_years = [2, 3]\ntenure_weights = [0.5, 0.3, 0.2]\n",
       {},
       "workforce.officers.tenure_weights",
       "found 3 weights for 2 tenure_years",
       "tenure_weights ="},
      {"weights_summing_to_zero",
       "[workforce.officers]\ntenure_years = [2, 3]\ntenure_weights = [0, 0]\n",
       {},
       "workforce.officers.tenure_weights",
       "sum to 0",
       "tenure_weights ="},
      {"no_tenure_years",
       "[workforce.officers]\ntenure_years = []\ntenure_weights = []\n",
       {},
       "workforce.officers.tenure_years",
       "found an empty array",
       "tenure_years ="},
      {"rotation_month_13",
       "[workforce.officers]\nrotation_month = 13\n",
       {},
       "workforce.officers.rotation_month",
       "found integer 13",
       "rotation_month ="},
      {"departure_mid_month",
       "[[workforce.departures]]\ndate = 2025-10-15\nrole = \"adviser\"\ncount = 2\n",
       {},
       "workforce.departures[0].date",
       "found 2025-10-15, expected day 1 of a month",
       "date = 2025-10-15"},
      {"second_departure_mid_month",
       kDeparture + "[[workforce.departures]]\nrole = \"worker\"\ncount = 1\ndate = 2026-01-31\n",
       {},
       "workforce.departures[1].date",
       "expected day 1 of a month",
       "date = 2026-01-31"},
      {"departure_without_date",
       "[[workforce.departures]]\nrole = \"adviser\"\ncount = 2\n",
       {},
       "workforce.departures[0].date",
       "missing",
       ""},
      {"departure_without_count",
       "[[workforce.departures]]\ndate = 2025-10-01\nrole = \"adviser\"\n",
       {},
       "workforce.departures[0].count",
       "missing",
       ""},
      {"departure_count_zero",
       "[[workforce.departures]]\ndate = 2025-10-01\nrole = \"adviser\"\ncount = 0\n",
       {},
       "workforce.departures[0].count",
       "found integer 0",
       "count = 0"},
      {"unknown_role",
       "[[workforce.departures]]\ndate = 2025-10-01\nrole = \"advisor\"\ncount = 2\n",
       {},
       "workforce.departures[0].role",
       "found string \"advisor\", expected one of 'officer', 'worker', 'adviser'",
       "role = \"advisor\""},
      {"unknown_role_in_hazard_change",
       "[[workforce.hazard_changes]]\nstart = 2025-04-01\nend = 2026-03-31\nrole = \"nurse\"\nfactor = 2\n",
       {},
       "workforce.hazard_changes[0].role",
       "expected one of 'officer', 'worker', 'adviser'",
       "role = \"nurse\""},
      {"hazard_change_without_role",
       "[[workforce.hazard_changes]]\nstart = 2025-04-01\nend = 2026-03-31\nfactor = 2\n",
       {},
       "workforce.hazard_changes[0].role",
       "missing, expected the role",
       ""},
      {"unknown_prefecture",
       kDeparture + "prefectures = [\"44\"]\n",
       {},
       "workforce.departures[0].prefectures",
       "found \"44\", expected a prefecture code of this scenario's municipalities",
       "prefectures = [\"44\"]"},
      {"unknown_prefecture_among_known",
       kDeparture + "prefectures = [\"90\", \"91\", \"92\"]\n",
       {},
       "workforce.departures[0].prefectures",
       "found \"92\"",
       "prefectures = [\"90\""},
      {"unknown_training_prefecture",
       "[workforce.officers]\ntraining_prefectures = [\"47\"]\n",
       {},
       "workforce.officers.training_prefectures",
       "found \"47\"",
       "training_prefectures ="},
      {"unknown_hazard_prefecture",
       "[[workforce.hazard_changes]]\nstart = 2025-04-01\nend = 2026-03-31\nfactor = 2\nprefectures = [\"13\"]\n",
       {},
       "workforce.hazard_changes[0].prefectures",
       "found \"13\"",
       "prefectures = [\"13\"]"},
      {"hazard_change_backwards",
       "[[workforce.hazard_changes]]\nstart = 2026-04-01\nend = 2025-03-31\nfactor = 2\n",
       {},
       "workforce.hazard_changes[0].end",
       "before start 2026-04-01",
       "end = 2025-03-31"},
      {"negative_hazard_factor",
       "[[workforce.hazard_changes]]\nstart = 2025-04-01\nend = 2026-03-31\nfactor = -1\n",
       {},
       "workforce.hazard_changes[0].factor",
       "found integer -1, expected a number >= 0",
       "factor = -1"},
      {"rotation_probability_beside_workforce",
       "[development.rotation]\nprobability = 0.3\n[workforce]\n",
       {},
       "development.rotation.probability",
       "beside a [workforce] table",
       "probability = 0.3"},
      {"rotation_probability_set_beside_workforce",
       "[workforce]\n",
       {"development.rotation.probability=0.3"},
       "development.rotation.probability",
       "beside a [workforce] table",
       ""},
      {"empty_worker_leave_per_year",
       "[workforce.workers]\nleave_per_year = []\n",
       {},
       "workforce.workers.leave_per_year",
       "found an empty array",
       "leave_per_year = []"},
      {"empty_adviser_leave_per_year",
       "[workforce.advisers]\nleave_per_year = []\n",
       {},
       "workforce.advisers.leave_per_year",
       "found an empty array",
       "leave_per_year = []"},
      {"leave_probability_above_one",
       "[workforce.workers]\nleave_per_year = [0.2, 1.5]\n",
       {},
       "workforce.workers.leave_per_year",
       "found number 1.5",
       "leave_per_year = [0.2, 1.5]"},
      {"negative_vacancy_days",
       "[workforce.workers]\nvacancy_days = -5\n",
       {},
       "workforce.workers.vacancy_days",
       "found integer -5",
       "vacancy_days = -5"},
      {"negative_officer_vacancy_days",
       "[workforce.officers]\nvacancy_days = -0.5\n",
       {},
       "workforce.officers.vacancy_days",
       "found number -0.5",
       "vacancy_days = -0.5"},
      {"negative_vacancy_days_set",
       "[workforce]\n",
       {"workforce.advisers.vacancy_days=-30"},
       "workforce.advisers.vacancy_days",
       "found integer -30",
       ""},
      {"ramp_start_above_one",
       "[workforce.workers]\nramp_start = 1.2\n",
       {},
       "workforce.workers.ramp_start",
       "expected a number from 0 to 1",
       "ramp_start = 1.2"},
      {"unknown_institutionalised_code",
       "[workforce.officers]\ninstitutionalised_municipalities = [\"90009\"]\n",
       {},
       "workforce.officers.institutionalised_municipalities",
       "not a municipality of this scenario",
       "institutionalised_municipalities ="},
      {"unknown_key",
       "[workforce.workers]\nvacancy_day = 30\n",
       {},
       "workforce.workers.vacancy_day",
       "unknown key",
       "vacancy_day ="},
      {"unknown_role_table", "[workforce.nurses]\nvacancy_days = 30\n", {}, "workforce.nurses", "unknown key", ""},
  };
}

class BadWorkforceTest : public ::testing::TestWithParam<BadWorkforce> {};

TEST_P(BadWorkforceTest, IsReportedWithFileLineAndKeyPath) {
  const BadWorkforce& b = GetParam();
  const std::string text = two_prefectures() + b.extra;
  const auto diags = problems(text, b.overrides);
  ASSERT_FALSE(diags.empty()) << "no error for " << b.name;
  std::string all;
  bool found = false;
  for (const auto& d : diags) {
    all += d.format() + "\n";
    if (d.key != b.key || d.message.find(b.message) == std::string::npos) continue;
    found = true;
    if (!b.overrides.empty()) {
      EXPECT_EQ(d.file, "--set") << d.format();
    } else {
      EXPECT_EQ(d.file, "test.toml") << d.format();
      if (!b.marker.empty()) {
        EXPECT_EQ(d.line, line_of(text, b.marker)) << d.format();
      } else {
        EXPECT_GT(d.line, 0) << d.format();
      }
    }
  }
  EXPECT_TRUE(found) << "expected key '" << b.key << "' with '" << b.message << "', got:\n" << all;
}

INSTANTIATE_TEST_SUITE_P(Table, BadWorkforceTest, ::testing::ValuesIn(bad_workforce()),
                         [](const ::testing::TestParamInfo<BadWorkforce>& p) { return std::string(p.param.name); });

TEST(WorkforceLoader, WithoutTheTableOnlyOfficersRotateWithTheOldProbability) {
  const Scenario s = test::load_text(test::small_scenario(3) + "[development.rotation]\nprobability = 0.25\n");
  const WorkforceParams& w = s.workforce;
  EXPECT_FALSE(w.enabled);
  EXPECT_EQ(w.role(Role::kOfficer).leave_per_year, std::vector<double>{0.25});
  EXPECT_EQ(w.role(Role::kOfficer).leave_month, 4);
  EXPECT_EQ(w.role(Role::kOfficer).ramp_months, 0);
  EXPECT_EQ(w.role(Role::kWorker).leave_per_year, std::vector<double>{0.0});
  EXPECT_EQ(w.role(Role::kAdviser).leave_per_year, std::vector<double>{0.0});
  EXPECT_EQ(w.officers.institutionalised, std::vector<bool>(3, false));
  EXPECT_TRUE(w.departures.empty());
  EXPECT_EQ(s.resolved_toml.find("[workforce"), std::string::npos);
}

TEST(WorkforceLoader, TheTableSetsEveryRole) {
  const Scenario s = test::load_text(
      two_prefectures() +
      "[workforce.officers]\ntenure_years = [3]\ntenure_weights = [1]\nrotation_month = 10\nramp_months = 4\n"
      "institutionalised_municipalities = [\"90002\"]\ntraining_prefectures = [\"91\"]\n"
      "[workforce.workers]\nleave_per_year = [0.3, 0.1]\nvacancy_days = 45\nsenior_after_years = 3\n"
      "kikan_from_provider = false\n"
      "[workforce.advisers]\npipeline = false\nvacancy_days = 10\n" +
      kDeparture + "prefectures = [\"91\"]\n" +
      "[[workforce.hazard_changes]]\nstart = 2025-04-01\nend = 2026-03-31\nrole = \"worker\"\nfactor = 2\n");
  const WorkforceParams& w = s.workforce;
  EXPECT_TRUE(w.enabled);
  EXPECT_EQ(w.role(Role::kOfficer).leave_per_year, (std::vector<double>{0, 0, 0, 1}));
  EXPECT_EQ(w.role(Role::kOfficer).leave_month, 10);
  EXPECT_EQ(w.role(Role::kOfficer).ramp_months, 4);
  EXPECT_EQ(w.officers.institutionalised, (std::vector<bool>{false, true, false, false}));
  EXPECT_EQ(w.officers.training_prefectures, std::vector<std::string>{"91"});
  EXPECT_EQ(w.role(Role::kWorker).leave_per_year, (std::vector<double>{0.3, 0.1}));
  EXPECT_EQ(w.role(Role::kWorker).leave_month, 0);
  EXPECT_EQ(w.role(Role::kWorker).vacancy_days, 45.0);
  EXPECT_EQ(w.workers.senior_after_years, 3);
  EXPECT_FALSE(w.workers.kikan_from_provider);
  EXPECT_FALSE(w.advisers.pipeline);
  EXPECT_EQ(w.role(Role::kAdviser).vacancy_days, 10.0);
  ASSERT_EQ(w.departures.size(), 1u);
  EXPECT_EQ(w.departures[0].date, Date::from_civil(2025, 10, 1));
  EXPECT_EQ(w.departures[0].role, Role::kAdviser);
  EXPECT_EQ(w.departures[0].count, 2);
  EXPECT_EQ(w.departures[0].prefectures, std::vector<std::string>{"91"});
  ASSERT_EQ(w.hazard_changes.size(), 1u);
  EXPECT_DOUBLE_EQ(w.hazard_factor(Role::kWorker, Date::from_civil(2025, 4, 1), 90), 2.0);
  EXPECT_DOUBLE_EQ(w.hazard_factor(Role::kWorker, Date::from_civil(2026, 4, 1), 90), 1.0);
  EXPECT_DOUBLE_EQ(w.hazard_factor(Role::kOfficer, Date::from_civil(2025, 4, 1), 90), 1.0);
}

void expect_same_role(const RoleParams& a, const RoleParams& b, const char* what) {
  EXPECT_EQ(a.leave_per_year, b.leave_per_year) << what;
  EXPECT_EQ(a.leave_month, b.leave_month) << what;
  EXPECT_EQ(a.vacancy_days, b.vacancy_days) << what;
  EXPECT_EQ(a.ramp_months, b.ramp_months) << what;
  EXPECT_EQ(a.ramp_start, b.ramp_start) << what;
}

void expect_same_workforce(const WorkforceParams& a, const WorkforceParams& b) {
  EXPECT_EQ(a.enabled, b.enabled);
  for (int r = 0; r < kRoleCount; ++r)
    expect_same_role(a.roles[static_cast<std::size_t>(r)], b.roles[static_cast<std::size_t>(r)],
                     kRoleNames[static_cast<std::size_t>(r)].data());
  EXPECT_EQ(a.officers.trained_ramp_months, b.officers.trained_ramp_months);
  EXPECT_EQ(a.officers.training_months, b.officers.training_months);
  EXPECT_EQ(a.officers.training_prefectures, b.officers.training_prefectures);
  EXPECT_EQ(a.officers.institutionalised, b.officers.institutionalised);
  EXPECT_EQ(a.officers.handover_risk, b.officers.handover_risk);
  EXPECT_EQ(a.workers.senior_after_years, b.workers.senior_after_years);
  EXPECT_EQ(a.workers.kikan_without_senior, b.workers.kikan_without_senior);
  EXPECT_EQ(a.workers.kikan_from_provider, b.workers.kikan_from_provider);
  EXPECT_EQ(a.advisers.pipeline, b.advisers.pipeline);
  ASSERT_EQ(a.departures.size(), b.departures.size());
  for (std::size_t i = 0; i < a.departures.size(); ++i) {
    EXPECT_EQ(a.departures[i].date, b.departures[i].date);
    EXPECT_EQ(a.departures[i].role, b.departures[i].role);
    EXPECT_EQ(a.departures[i].count, b.departures[i].count);
    EXPECT_EQ(a.departures[i].prefectures, b.departures[i].prefectures);
  }
  ASSERT_EQ(a.hazard_changes.size(), b.hazard_changes.size());
  for (std::size_t i = 0; i < a.hazard_changes.size(); ++i) {
    EXPECT_EQ(a.hazard_changes[i].start, b.hazard_changes[i].start);
    EXPECT_EQ(a.hazard_changes[i].end, b.hazard_changes[i].end);
    EXPECT_EQ(a.hazard_changes[i].role, b.hazard_changes[i].role);
    EXPECT_EQ(a.hazard_changes[i].factor, b.hazard_changes[i].factor);
    EXPECT_EQ(a.hazard_changes[i].prefectures, b.hazard_changes[i].prefectures);
  }
}

TEST(WorkforceLoader, TheResolvedTomlLoadsAgainToTheSameParameters) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"scenarios/turnover/baseline.toml", {}},
      {"scenarios/turnover/high_rotation.toml",
       {"workforce.officers.tenure_weights=[1.0]", "workforce.workers.vacancy_days=33.3",
        "workforce.officers.institutionalised_municipalities=[\"44201\", \"44211\"]"}},
      {"scenarios/turnover/adviser_loss.toml", {"workforce.advisers.ramp_start=0.123456789"}},
      {"scenarios/turnover/worker_exodus.toml", {}},
      {"scenarios/turnover/okinawa_no_pipeline.toml", {}},
      {"scenarios/oita.toml", {}},
  };
  for (const auto& [path, overrides] : cases) {
    SCOPED_TRACE(path);
    const Scenario a = load_scenario(test::source_path(path), overrides);
    const Scenario b = test::load_text(a.resolved_toml);
    EXPECT_EQ(b.resolved_toml, a.resolved_toml);
    expect_same_workforce(a.workforce, b.workforce);
  }
  // Okinawa trains new officers by default; the resolved file says so.
  const Scenario ok = load_scenario(test::source_path("scenarios/turnover/okinawa_pipeline.toml"));
  EXPECT_EQ(ok.workforce.officers.training_prefectures, std::vector<std::string>{"47"});
  EXPECT_NE(ok.resolved_toml.find("training_prefectures = [\"47\"]"), std::string::npos) << ok.resolved_toml;
}

}  // namespace
}  // namespace tsunagi
