#include "processes/development/officer_rotation.hpp"

namespace tsunagi {

float change_officer(const RotationParams& r, bool institutionalised, std::size_t m, DevelopmentState& st) {
  const bool kept = institutionalised || has_kikan(st.stage[0][m]);
  const float keep = static_cast<float>(1.0 - (kept ? r.institutionalised_loss : r.loss));
  float lost = 0.0f;
  for (Stock k : {Stock::kInternal, Stock::kTies, Stock::kCoordinator}) {
    float& v = st.stock[static_cast<std::size_t>(k)][m];
    const float before = v;
    v *= keep;
    lost += before - v;
  }
  for (std::size_t i : {std::size_t{0}, std::size_t{1}, std::size_t{3}}) {
    if (st.stage[i][m] >= 3) continue;  // budgeted: the design is done
    float& p = st.progress[i][m];
    const float before = p;
    p *= keep;
    lost += before - p;
  }
  return lost;
}

}  // namespace tsunagi
