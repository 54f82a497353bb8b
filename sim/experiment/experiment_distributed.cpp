#include "experiment/experiment_distributed.hpp"

#include <cstring>

namespace tsunagi {
namespace {

// A block of replicates travels as its raw numbers; the receiver knows the layout from
// its own block (every rank ran the same plan).
template <class T>
void put(std::string& out, const std::vector<T>& v) {
  out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}
template <class T>
void take(const std::string& in, std::size_t& pos, std::vector<T>& v, std::size_t n) {
  v.resize(n);
  if (n > 0) std::memcpy(v.data(), in.data() + pos, n * sizeof(T));  // data() may be null when empty
  pos += n * sizeof(T);
}

std::string serialise(const ExperimentResult& r) {
  std::string out;
  const int n = r.replicates;
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
  for (const auto& s : r.series) put(out, s.values);
  for (const auto& m : r.municipal) std::visit([&](const auto& v) { put(out, v); }, m.data);
  return out;
}

ExperimentResult deserialise(const std::string& in, const ExperimentResult& layout) {
  ExperimentResult r = layout;
  std::size_t pos = 0;
  std::memcpy(&r.replicates, in.data(), sizeof r.replicates);
  pos += sizeof r.replicates;
  const std::size_t per_variant = static_cast<std::size_t>(r.replicates) * r.times();
  for (auto& s : r.series) take(in, pos, s.values, per_variant * static_cast<std::size_t>(r.variants));
  for (auto& m : r.municipal)
    std::visit(
        [&](auto& v) { take(in, pos, v, per_variant * static_cast<std::size_t>(r.variants * r.municipalities)); },
        m.data);
  return r;
}

}  // namespace

ExperimentResult run_experiment_distributed(const ExperimentPlan& plan, const ExperimentRunOptions& opt,
                                            const MpiSession& mpi) {
  const int n = opt.replicates > 0 ? opt.replicates : plan.scenarios[0].replicates;
  const int base = n / mpi.size(), extra = n % mpi.size();
  const int mine = base + (mpi.rank() < extra ? 1 : 0);
  const int first = opt.first_replicate + mpi.rank() * base + std::min(mpi.rank(), extra);
  ExperimentResult block;
  mpi.agree([&] {
    if (mine > 0)
      block = run_experiment(
          plan, ExperimentRunOptions{first, mine, opt.threads, opt.cancel, opt.progress, opt.replicate_overrides});
  });
  const std::vector<std::string> blocks = mpi.gather(mine > 0 ? serialise(block) : std::string());
  if (!mpi.is_root() || mpi.size() == 1) return block;
  for (std::size_t k = 1; k < blocks.size(); ++k)
    if (!blocks[k].empty()) append_replicates(block, deserialise(blocks[k], block));
  return block;
}

}  // namespace tsunagi
