#pragma once
// Per-replicate state of municipal development (docs/model.md §2), structure of arrays
// indexed by municipality. Only the development process writes it.
#include <cstdint>
#include <vector>

#include "model/kikan_stage.hpp"

namespace tsunagi {

struct DevelopmentState {
  std::vector<KikanStage> stage;
  std::vector<float> readiness;         // 0..1: how far the municipality is towards a 基幹
  std::vector<float> motivation;        // standing motivation multiplier, mean 1
  std::vector<float> effort_per_day;    // own readiness gain per day in the current month

  void resize(std::size_t n) {
    stage.assign(n, KikanStage::kNone);
    readiness.assign(n, 0.0f);
    motivation.assign(n, 1.0f);
    effort_per_day.assign(n, 0.0f);
  }
};

}  // namespace tsunagi
