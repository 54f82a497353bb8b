#include "processes/development/officer_rotation.hpp"

namespace tsunagi {

void rotate_officers(const Scenario& s, const MunicipalityTable& mt, std::uint64_t replicate, Date day,
                     DevelopmentState& st) {
  const RotationParams& r = s.development.rotation;
  if (r.probability <= 0.0) return;
  for (std::size_t m = 0; m < st.size(); ++m) {
    RandomStream rng(StreamKey{s.seed, replicate, StreamId::kOfficerRotation, mt.entity[m], day.days_since_epoch()});
    if (!rng.bernoulli(r.probability)) continue;
    const float keep = static_cast<float>(1.0 - (has_kikan(st.stage[0][m]) ? r.institutionalised_loss : r.loss));
    for (Stock k : {Stock::kInternal, Stock::kTies, Stock::kCoordinator}) st.stock[static_cast<std::size_t>(k)][m] *= keep;
    for (std::size_t i : {std::size_t{0}, std::size_t{1}, std::size_t{3}})
      if (st.stage[i][m] < 3) st.progress[i][m] *= keep;
    st.last_adviser[m] = -1;
  }
}

}  // namespace tsunagi
