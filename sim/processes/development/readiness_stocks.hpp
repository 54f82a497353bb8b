#pragma once
// Daily growth and decay of a municipality's readiness stocks (seed 004 digest §2.3,
// layer B; docs/model.md §2). Each source of work (own officers, advisers, group events,
// peers) feeds the five stocks in the proportions of its weights. Growth saturates
// ((1 - R) factor) and is slowed by a soft order of prerequisites: situation assessment
// comes "first" (まずは現状把握), community understanding and internal consensus build on it,
// inter-agency ties need internal consensus (庁内の内部調整がないまま ... 期待できない), and
// coordinator capacity builds on ties. A missing prerequisite slows growth to
// `prerequisite_floor`, it does not lock it.
#include <array>

#include "model/institution.hpp"
#include "scenario/development_params.hpp"

namespace tsunagi {

/// Hours-equivalents of work arriving at one municipality on one day, by source.
struct DailyWork {
  float officer = 0.0f, adviser = 0.0f, event = 0.0f, peer = 0.0f;
  float total() const { return officer + adviser + event + peer; }
};

/// Per-stock daily coefficients, precomputed once per run from StockParams.
struct StockCoefficients {
  std::array<float, kStockCount> officer{}, adviser{}, event{}, peer{};
  float decay_per_day = 0.0f;
  float floor = 0.0f;

  static StockCoefficients from(const StockParams& p) {
    StockCoefficients c;
    for (int k = 0; k < kStockCount; ++k) {
      const auto i = static_cast<std::size_t>(k);
      c.officer[i] = static_cast<float>(p.rate_per_hour * p.officer_weights[i]);
      c.adviser[i] = static_cast<float>(p.rate_per_hour * p.adviser_weights[i]);
      c.event[i] = static_cast<float>(p.rate_per_hour * p.event_weights[i]);
      c.peer[i] = static_cast<float>(p.rate_per_hour * p.peer_weights[i]);
    }
    c.decay_per_day = static_cast<float>(p.decay_per_year / 365.0);
    c.floor = static_cast<float>(p.prerequisite_floor);
    return c;
  }

  /// One day for stocks R (in place).
  void step(std::array<float*, kStockCount> R, const DailyWork& w) const {
    const float assess = *R[0], internal = *R[2], ties = *R[3];
    const float prereq[kStockCount] = {1.0f, floor + (1.0f - floor) * assess, floor + (1.0f - floor) * assess,
                                       floor + (1.0f - floor) * internal, floor + (1.0f - floor) * ties};
    for (std::size_t k = 0; k < kStockCount; ++k) {
      float& r = *R[k];
      const float gain = officer[k] * w.officer + adviser[k] * w.adviser + event[k] * w.event + peer[k] * w.peer;
      r += gain * prereq[k] * (1.0f - r) - decay_per_day * r;
      r = r < 0.0f ? 0.0f : (r > 1.0f ? 1.0f : r);
    }
  }
};

}  // namespace tsunagi
