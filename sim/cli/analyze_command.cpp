// `tsunagi analyze SCENARIO.toml`: the analytic preview of case flows. Expected cases a
// month, caseload per worker and utilisation of every agency from the traffic equations,
// without simulating; agencies at or above utilisation 1 are flagged (their queues would
// grow without bound).
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "processes/cases/case_preview.hpp"
#include "scenario/loader.hpp"
#include "scenario/municipality_table_builder.hpp"

namespace tsunagi::cli {
namespace {

struct AnalyzeArgs {
  std::string scenario;
  std::vector<std::string> overrides;
  std::string date;
  std::string format = "table";
};

constexpr double kDaysPerMonth = 365.25 / 12.0;

int analyze(const AnalyzeArgs& a) {
  const Scenario s = load_scenario(a.scenario, a.overrides);
  if (!s.cases.enabled)
    throw InputError(
        {Diagnostic{a.scenario, 0, 0, "cases", "the scenario has no [cases] table; nothing to analyze", {}}});
  Date day = s.start;
  if (!a.date.empty()) {
    auto d = Date::parse(a.date);
    if (!d)
      throw InputError(
          {Diagnostic{"command line", 0, 0, "--date", "found \"" + a.date + "\", expected YYYY-MM-DD", {}}});
    day = *d;
  }
  const MunicipalityTable mt = build_municipality_table(s);
  const CaseModel model = CaseModel::build(s, mt);
  const auto preview = preview_cases(s, mt, model, day);

  if (a.format == "csv") {
    std::cout
        << "municipality_code,municipality,agency,staff,cases_per_month,caseload_per_worker,utilisation,mean_wait_days\n";
    for (std::size_t m = 0; m < preview.size(); ++m)
      for (int g = 0; g < kAgencies; ++g) {
        const auto& p = preview[m].agency[static_cast<std::size_t>(g)];
        const int staff =
            preview[m].institutions.has(static_cast<Agency>(g)) ? model.staff[m][static_cast<std::size_t>(g)] : 0;
        std::printf("%s,%s,%s,%d,%.6g,%.6g,%.6g,%.6g\n", s.municipalities[m].code.c_str(),
                    s.municipalities[m].name.c_str(), std::string(kAgencyNames[static_cast<std::size_t>(g)]).c_str(),
                    staff, p.throughput * kDaysPerMonth, staff > 0 ? p.load / staff : 0.0, p.utilisation,
                    p.mean_wait < 1e-9 ? 0.0 : p.mean_wait);
      }
    return 0;
  }
  std::cout << "scenario " << s.name << ": expected case loads on " << day.iso() << " (" << s.municipalities.size()
            << " municipalities)\n"
            << "steady state of the traffic equations, no simulation: re-entries included, giving up while waiting\n"
            << "not (an upper bound where queues are long); institutions as the scenario starts\n\n"
            << "agency          staff  cases/month  caseload/worker  max utilisation  overloaded\n";
  int overloaded_total = 0;
  for (int g = 0; g < kAgencies; ++g) {
    double staff = 0, per_month = 0, load = 0, max_u = 0;
    int overloaded = 0;
    for (std::size_t m = 0; m < preview.size(); ++m) {
      const auto& p = preview[m].agency[static_cast<std::size_t>(g)];
      if (preview[m].institutions.has(static_cast<Agency>(g))) staff += model.staff[m][static_cast<std::size_t>(g)];
      per_month += p.throughput * kDaysPerMonth;
      load += p.load;
      max_u = std::max(max_u, p.utilisation);
      overloaded += p.utilisation >= 1.0;
    }
    overloaded_total += overloaded;
    std::printf("%-14s %6.0f %12.1f %16.1f %16.2f %11d\n",
                std::string(kAgencyNames[static_cast<std::size_t>(g)]).c_str(), staff, per_month,
                staff > 0 ? load / staff : 0.0, max_u, overloaded);
  }
  for (std::size_t m = 0; m < preview.size(); ++m)
    for (int g = 0; g < kAgencies; ++g)
      if (preview[m].agency[static_cast<std::size_t>(g)].utilisation >= 1.0)
        std::printf("  overloaded: %s %s %s (utilisation %.2f)\n", s.municipalities[m].code.c_str(),
                    s.municipalities[m].name.c_str(), std::string(kAgencyNames[static_cast<std::size_t>(g)]).c_str(),
                    preview[m].agency[static_cast<std::size_t>(g)].utilisation);
  if (overloaded_total == 0) std::cout << "\nno agency is overloaded (every utilisation < 1)\n";
  return 0;
}

}  // namespace

Command add_analyze_command(CLI::App& app) {
  auto a = std::make_shared<AnalyzeArgs>();
  app.add_option("scenario", a->scenario, "Scenario file (TOML) with a [cases] table")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--set", a->overrides, "Override a scenario key: key.path=value (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  app.add_option("--date", a->date, "Arrival rates in force on this date (default: the scenario's start)");
  app.add_option("--format", a->format, "Output format")->check(CLI::IsMember({"table", "csv"}));
  return [a] { return analyze(*a); };
}

}  // namespace tsunagi::cli
