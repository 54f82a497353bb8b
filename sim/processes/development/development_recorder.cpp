#include "processes/development/development_recorder.hpp"

#include <bit>
#include <string>

namespace tsunagi {
namespace {

// What each institution is called in descriptions (Japanese names stay in documentation).
constexpr std::array<const char*, kInstitutionCount> kLongNames = {
    "基幹相談支援センター (kikan, core consultation support centre)",
    "地域生活支援拠点等 (kyoten, community life support base)", "自立支援協議会 (council)",
    "重層的支援体制整備事業 (multi-layered support system)"};
constexpr std::array<const char*, kInstitutionCount> kCoveredWord = {"an established", "an established", "an active",
                                                                     "an implementing"};

std::string stage_list(Institution inst) {
  std::string s;
  const auto names = stage_names(inst);
  for (std::size_t k = 0; k < names.size(); ++k) s += (k ? ", " : "") + std::to_string(k) + " " + std::string(names[k]);
  return s;
}

}  // namespace

DevelopmentRecorder::DevelopmentRecorder(const MunicipalityTable& mt, ResultSet& out) : mt_(&mt), out_(&out) {
  using S = SeriesShape;
  for (int i = 0; i < kInstitutionCount; ++i) {
    const auto inst = static_cast<Institution>(i);
    const auto ii = static_cast<std::size_t>(i);
    const std::string n(kInstitutionNames[ii]);
    const auto names = stage_names(inst);
    InstitutionSeries& x = inst_[ii];
    x.stage = out.add<std::int8_t>(
        n + "_stage", "stage", "Stage of the municipality's " + std::string(kLongNames[ii]) + ": " + stage_list(inst),
        S::kReplicateTimeMunicipality, SeriesKind::kStock, std::vector<std::string>(names.begin(), names.end()));
    x.progress = inst == Institution::kCouncil
                     ? SIZE_MAX
                     : out.add<float>(n + "_progress", "progress (0-1)",
                                      "Design work done towards the " + std::string(kLongNames[ii]) +
                                          ": grows with work scaled by readiness, decays without it",
                                      S::kReplicateTimeMunicipality);
    x.count = out.add<std::int32_t>(n + "_municipalities", "municipalities",
                                    "Number of municipalities with " + std::string(kCoveredWord[ii]) + " " + n,
                                    S::kReplicateTime);
    x.coverage =
        out.add<double>(n + "_coverage", "fraction",
                        "Share of municipalities with " + std::string(kCoveredWord[ii]) + " " + n, S::kReplicateTime);
    x.population = out.add<double>(
        n + "_population_coverage", "fraction",
        "Share of the population living in a municipality with " + std::string(kCoveredWord[ii]) + " " + n,
        S::kReplicateTime);
  }
  const int stock_axis =
      out.add_axis("readiness_stock", std::vector<std::string>(kStockNames.begin(), kStockNames.end()));
  stocks_ = out.add<float>("readiness_stocks", "readiness (0-1)",
                           "Readiness stocks of seed 004's five necessary items: situation assessment, community "
                           "understanding, internal consensus, inter-agency ties, coordinator capacity",
                           S::kReplicateTimeMunicipalityCategory, SeriesKind::kStock, {}, stock_axis);
  kikan_mode_ =
      out.add<std::int8_t>("kikan_mode", "mode", "How the 基幹 is run: 0 none, 1 direct, 2 commissioned, 3 joint",
                           S::kReplicateTimeMunicipality, SeriesKind::kStock,
                           std::vector<std::string>(kSetupModeNames.begin(), kSetupModeNames.end()));
  kyoten_functions_ = out.add<std::int8_t>("kyoten_functions", "functions",
                                           "Number of the 拠点's five functions that work (0 without a 拠点)",
                                           S::kReplicateTimeMunicipality);
  multi_layered_preparing_ = out.add<std::int32_t>(
      "multi_layered_preparing", "municipalities",
      "Number of municipalities in the 重層 transition preparation programme (移行準備事業, stage transition_prep): "
      "those who may implement from a later 1 April",
      S::kReplicateTime);
}

void DevelopmentRecorder::record(int r, std::size_t t, const DevelopmentState& dev) const {
  ResultSet& o = *out_;
  const std::size_t n = dev.size();
  for (std::size_t i = 0; i < kInstitutionCount; ++i) {
    const InstitutionSeries& x = inst_[i];
    auto stage = o.at<std::int8_t>(x.stage, r, t);
    int count = 0;
    double pop = 0.0;
    for (std::size_t m = 0; m < n; ++m) {
      stage[m] = static_cast<std::int8_t>(dev.stage[i][m]);
      if (dev.stage[i][m] >= kCoveredFrom[i]) {
        ++count;
        pop += mt_->population[m];
      }
    }
    if (x.progress != SIZE_MAX) {
      auto progress = o.at<float>(x.progress, r, t);
      for (std::size_t m = 0; m < n; ++m) progress[m] = dev.progress[i][m];
    }
    o.at<std::int32_t>(x.count, r, t)[0] = count;
    o.at<double>(x.coverage, r, t)[0] = static_cast<double>(count) / static_cast<double>(n);
    o.at<double>(x.population, r, t)[0] = pop / mt_->total_population;
  }
  constexpr std::uint8_t kTransitionPrep = 2;  // kMultiLayeredLadder
  static_assert(kMultiLayeredLadder[kTransitionPrep] == "transition_prep");
  int preparing = 0;
  for (std::size_t m = 0; m < n; ++m)
    preparing += dev.stage[static_cast<std::size_t>(Institution::kMultiLayered)][m] == kTransitionPrep ? 1 : 0;
  o.at<std::int32_t>(multi_layered_preparing_, r, t)[0] = preparing;
  auto stocks = o.at<float>(stocks_, r, t);
  auto mode = o.at<std::int8_t>(kikan_mode_, r, t);
  auto functions = o.at<std::int8_t>(kyoten_functions_, r, t);
  for (std::size_t m = 0; m < n; ++m) {
    for (std::size_t k = 0; k < kStockCount; ++k) stocks[m * kStockCount + k] = dev.stock[k][m];
    mode[m] = static_cast<std::int8_t>(dev.kikan_mode[m]);
    functions[m] = static_cast<std::int8_t>(std::popcount(static_cast<unsigned>(dev.kyoten_functions[m])));
  }
}

}  // namespace tsunagi
