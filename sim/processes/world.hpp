#pragma once
// One replicate's states, each written by one process only (docs/architecture.md), and
// the day's queue of events between processes.
//
//   state        owner (writes)                 read by
//   development  development                    advisers, workforce, cases, recorders
//   advisers     advisers                       development
//   workforce    workforce                      development, advisers, cases
//   cases        cases                          development, workforce: cases.signals only
//   events       queued by their cause          applied by the owner of what they affect
#include "model/adviser_state.hpp"
#include "model/development_state.hpp"
#include "model/events.hpp"
#include "model/workforce_state.hpp"
#include "processes/cases/case_state.hpp"

namespace tsunagi {

struct World {
  DevelopmentState development;
  AdviserState advisers;
  WorkforceState workforce;
  CaseState cases;  // empty without case flows
  Events events;    // empty between days
};

}  // namespace tsunagi
