#pragma once
// The prefectures' adviser programmes (docs/model.md §3): who the advisers are, what
// strategy deploys them and from when, and the meeting calendar. Read and validated by
// scenario/adviser_loader.cpp; documented key by key in docs/scenarios.md.
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "model/institution.hpp"

namespace tsunagi {

class AdviserStrategy;

/// Kinds of adviser (seed 000: 派遣型 dispatch, 配置型 placement, 圏域 regional, コラボレーター
/// trainee, 推進員 promoter, 登録制 specialist).
enum class AdviserKind : std::uint8_t { kDispatch, kPlacement, kRegional, kTrainee, kPromoter, kSpecialist };
inline constexpr std::array<std::string_view, 6> kAdviserKindNames = {"dispatch", "placement", "regional",
                                                                      "trainee",  "promoter",  "specialist"};

/// A group of advisers alike in kind, hours, regions and specialities.
struct AdviserTeam {
  AdviserKind kind = AdviserKind::kDispatch;
  int count = 0;
  double hours_per_month = 0.0;
  std::vector<int> regions;  // region indices covered; empty: every region of the programme
  FieldMask specialities = kAllFields;
  int training_months = 0;  // trainees: months until they work as regional advisers
};

/// A prefecture-wide group event on a calendar (liaison meetings, study meetings,
/// opinion exchanges): every adviser attends; each municipality attends with a probability.
struct GroupEvent {
  std::string name;
  std::vector<int> months;          // held on the 15th of these months
  double hours = 0.0;               // per adviser, preparation included
  double attendance = 0.0;          // chance a municipality attends
  std::optional<Date> from, until;  // held from / until these days (inclusive); none: always
  bool in_force(Date d) const { return (!from || !(d < *from)) && (!until || !(*until < d)); }
};

/// The prefecture's own staff contacting municipalities on a calendar, outside the
/// advisers' hours (docs/model.md §3.6): Kochi's one-to-one online talks with every
/// municipality without a 基幹 (FY2023) and its set-up intention survey twice a year
/// (FY2024); Oita's survey that opens its 4-step cycle (FY2024; seed 000).
enum class ContactTarget : std::uint8_t { kWithoutKikan = 0, kNeeding = 1, kAll = 2 };
inline constexpr std::array<std::string_view, 3> kContactTargetNames = {"without_kikan", "needing", "all"};
struct PrefectureContact {
  std::string name;
  std::vector<int> months;          // held in these months (on the 1st, or the run's first day)
  std::optional<Date> from, until;  // in force from / until these days (inclusive); none: always
  ContactTarget who = ContactTarget::kWithoutKikan;
  bool online = true;  // an online meeting (no travel) or a visit
  double hours = 0.0;  // support hours per municipality contacted
  bool in_force(Date d) const { return (!from || !(d < *from)) && (!until || !(*until < d)); }
};

/// Advisers who leave a programme for good on a date (a budget cut, a contract not
/// renewed): their posts close and nobody fills them, whatever else the scenario says
/// about turnover; who leaves is drawn as for [[workforce.departures]] (trainees stay).
/// A later [[advisers.change]] with its own teams sets the advisers anew.
struct AdviserDeparture {
  Date date;  // day 1 of a month
  int count = 0;
};

/// One strategy over a span of time; a programme switches at each phase's date.
struct ProgrammePhase {
  Date from;
  std::string strategy_name;
  std::shared_ptr<const AdviserStrategy> strategy;  // immutable; shared by replicates
  std::vector<AdviserTeam> teams;
};

/// Hours of adviser support a municipality can use in a month, by its situation
/// (docs/model.md §3.2). Each unfinished 基幹 and 拠点 adds the hours of its stage, an
/// established 基幹 that is not yet functioning (or a 拠点 missing functions) adds
/// `opened`, a dormant council adds `council`; the sum is the month's need. Booking stops
/// when the need is met: advisers beyond it have nothing to do.
struct AdviceNeed {
  double unaware = 0.0;    // stage none: what outreach explains; nobody asks for it
  double exploring = 0.0;  // understanding what a 基幹 / 拠点 is and asks for
  double designing = 0.0;  // role split, staffing, specification, budget request
  double budgeted = 0.0;   // contract and opening
  double opened = 0.0;     // after opening: making it work (基幹 until functioning, 拠点 functions)
  double council = 0.0;    // a dormant council to revive
};

struct AdviserProgramme {
  std::string prefecture_code;
  std::vector<int> municipalities;     // indices of the municipalities it serves
  std::vector<ProgrammePhase> phases;  // by date; the first starts with the scenario
  double visit_hours = 0.0;            // support hours per visit (travel extra)
  double council_hours = 0.0;          // hours per municipal council meeting attended
  double online_hours = 0.0;           // hours per online meeting (no travel)
  int max_visits_per_month = 0;        // per municipality
  AdviceNeed need;                     // support hours a municipality can use in a month
  int liaison_every_months = 0;        // adviser liaison meeting; 0: none
  double liaison_hours = 0.0;
  std::vector<GroupEvent> events;
  std::vector<PrefectureContact> contacts;
  std::vector<AdviserDeparture> departures;  // by date
  std::optional<Date> templates_from;        // prefectural templates for rules and contracts (Kochi)

  const ProgrammePhase& phase_at(Date d) const {
    const ProgrammePhase* p = &phases.front();
    for (const auto& ph : phases)
      if (ph.from <= d) p = &ph;
    return *p;
  }
  int adviser_count(Date d) const {
    int n = 0;
    for (const auto& t : phase_at(d).teams) n += t.count;
    return n;
  }
};

}  // namespace tsunagi
