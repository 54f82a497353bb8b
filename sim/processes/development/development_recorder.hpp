#pragma once
// What development records (docs/output.md): each institution's stage and progress per
// municipality, the counts and coverage of municipalities and population, the readiness
// stocks, how the 基幹 is run and the 拠点's working functions. Stocks, as they stand on
// the record date after its gates (scenario/record_dates.hpp). The number of municipalities
// in 重層's transition preparation programme (移行準備事業), the pipeline into implementing.
#include <array>
#include <cstddef>

#include "model/development_state.hpp"
#include "model/municipality_table.hpp"
#include "model/result_set.hpp"

namespace tsunagi {

class DevelopmentRecorder {
 public:
  /// Declares the development series in `out` (sized for the municipalities and dates).
  DevelopmentRecorder(const MunicipalityTable& mt, ResultSet& out);
  /// Writes replicate r's record number t.
  void record(int r, std::size_t t, const DevelopmentState& dev) const;

 private:
  struct InstitutionSeries {
    std::size_t stage, progress, count, coverage, population;
  };
  const MunicipalityTable* mt_;
  ResultSet* out_;
  std::array<InstitutionSeries, kInstitutionCount> inst_{};
  std::size_t stocks_, kikan_mode_, kyoten_functions_, multi_layered_preparing_;
};

}  // namespace tsunagi
