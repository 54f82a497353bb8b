#pragma once
// Per-replicate state of municipal development (docs/model.md §2), structure of arrays
// indexed by municipality. Only the development process writes it (an officer change
// reaches it as an event, model/events.hpp); everyone else reads.
#include <array>
#include <cstdint>
#include <vector>

#include "model/institution.hpp"
#include "model/kikan_stage.hpp"

namespace tsunagi {

struct DevelopmentState {
  std::array<std::vector<std::uint8_t>, kInstitutionCount> stage;  // ordinal, see institution.hpp
  std::array<std::vector<float>, kInstitutionCount> progress;      // 0..1 design work done (council: unused)
  std::array<std::vector<float>, kStockCount> stock;               // 0..1 readiness stocks
  std::vector<float> motivation;                                   // standing motivation multiplier, mean 1
  std::vector<float> officer_hours_per_day;                        // own officer hours on this work per day, this month
  std::vector<float> peer;                          // peer pull this month (region and neighbours set up)
  std::vector<std::uint8_t> kikan_mode;             // SetupMode
  std::vector<std::uint8_t> kyoten_mode;            // 0 none, 1 area network (面的), 2 multi-function (多機能)
  std::vector<std::uint8_t> kyoten_functions;       // bit mask over kKyotenFunctionNames
  std::vector<std::int32_t> kikan_established_day;  // days since 1970-01-01, or kNever
  std::vector<std::uint8_t> issue_field;            // the field the municipality mainly needs help in
  std::vector<float> readiness_lost;  // since the last record: readiness (stocks and progress) lost to officer changes

  static constexpr std::int32_t kNever = INT32_MIN;

  std::size_t size() const { return motivation.size(); }
  const std::vector<std::uint8_t>& kikan() const { return stage[0]; }
  float organisational_readiness(std::size_t m) const {
    float sum = 0.0f;
    for (const auto& s : stock) sum += s[m];
    return sum / kStockCount;
  }

  void resize(std::size_t n) {
    for (auto& s : stage) s.assign(n, 0);
    for (auto& p : progress) p.assign(n, 0.0f);
    for (auto& s : stock) s.assign(n, 0.0f);
    motivation.assign(n, 1.0f);
    officer_hours_per_day.assign(n, 0.0f);
    peer.assign(n, 0.0f);
    kikan_mode.assign(n, 0);
    kyoten_mode.assign(n, 0);
    kyoten_functions.assign(n, 0);
    kikan_established_day.assign(n, kNever);
    issue_field.assign(n, 0);
    readiness_lost.assign(n, 0.0f);
  }
};

}  // namespace tsunagi
