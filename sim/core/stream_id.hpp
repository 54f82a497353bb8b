#pragma once
// The registry of random streams: one id per kind of decision. Ids are part of the
// reproducibility contract (a result depends on them): once released, never renumber an
// id; add new ones at the end.
#include <cstdint>

namespace tsunagi {

enum class StreamId : std::uint64_t {
  kTest = 0,              // unit tests only
  kMotivation = 1,        // a municipality's standing motivation, drawn once per replicate
  kOfficerEffort = 2,     // a municipality's officer effort in one month
  kBudgetDecision = 3,    // a municipality's autumn budget decision
  kAdviserRequest = 4,    // on-request strategy: whether and when a municipality applies
  kAdviserTieBreak = 5,   // strategies: ordering of municipalities with equal priority
  kCaseService = 6,       // a case's service time at one visit to an agency
  kCaseRouting = 7,       // where a case goes after a visit (closure, next agency, hand-over loss)
  kCasePatience = 8,      // how long a waiting case stays before giving up
  kCaseArrivals = 9,      // new cases of one need in a municipality on one day
  kCaseReentry = 10,      // whether and when a case that left comes back
  kCaseLogSample = 11,    // whether a case is in the sampled case log (replicate 0's key)
  kAdviserChoice = 12,    // which adviser of several equal ones takes an engagement
  kEventAttendance = 13,  // whether a municipality attends one group event
  kOfficerRotation = 14,  // whether a municipality's officer changes on 1 April
  kSetupMode = 15,        // direct or commissioned 基幹, network or multi-function 拠点
  kIssueField = 16,       // the field a municipality mainly needs help in, drawn once
  kFinanceDecision = 17,  // 重層: whether the finance department agrees this year
  kSweepDesign = 18,   // a sweep design: Latin hypercube strata, Morris trajectories (entity: parameter or trajectory)
  kWorkerLeave = 19,   // whether a consultation worker leaves at a month start (entity: the post)
  kAdviserLeave = 20,  // whether an adviser or trainee leaves at a month start (entity: the post)
  kWorkforceVacancy = 21,  // how long a vacated post stays empty (entity: the post, time: the day it was left)
  kWorkforceTenure = 22,   // when a post's holder at the start of the run started, drawn once
  kWorkforceForced = 23,   // which holders leave in a scenario's dated departures (entity: the post)
  kAdviserSeatOrder = 24,  // council seats: order of councils equally long without contact (month)
  kParameterDraw = 25,     // run --parameters: a replicate's fitted parameters (entity: parameter index, time: attempt)
  kCaseHidden = 26,  // hidden need: onsets, households found, households gone (entity: code x 16 + need, time: day)
};

}  // namespace tsunagi
