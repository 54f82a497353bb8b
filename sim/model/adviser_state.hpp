#pragma once
// Per-replicate state of the prefecture's adviser programme for the current month, and
// its hour accounting. Written by the adviser process, read by development and recorder.
#include <cstdint>
#include <vector>

namespace tsunagi {

struct AdviserState {
  std::vector<std::uint16_t> visits;          // visits booked this month, per municipality
  std::vector<float> support_per_day;         // support hours delivered per day this month
  // Hours accounting since the last record; support + travel + idle = available.
  std::vector<double> support_hours_period;   // per municipality
  double available_hours_period = 0.0;
  double support_hours_total_period = 0.0;
  double travel_hours_period = 0.0;
  double idle_hours_period = 0.0;
  double visits_period = 0.0;

  void resize(std::size_t n) {
    visits.assign(n, 0);
    support_per_day.assign(n, 0.0f);
    support_hours_period.assign(n, 0.0);
  }
  void reset_period() {
    std::fill(support_hours_period.begin(), support_hours_period.end(), 0.0);
    available_hours_period = support_hours_total_period = travel_hours_period = idle_hours_period = 0.0;
    visits_period = 0.0;
  }
};

}  // namespace tsunagi
