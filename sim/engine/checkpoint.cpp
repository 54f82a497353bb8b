#include "engine/checkpoint.hpp"

#include "core/error.hpp"
#include "core/state_archive.hpp"
#include "scenario/record_dates.hpp"

namespace tsunagi {
namespace {

[[noreturn]] void refuse(const Checkpoint& c, const std::string& what) {
  throw InputError({Diagnostic{c.path, 0, 0, "", what, {}}});
}

}  // namespace

void check_checkpoint_date(Date date, const Scenario& s, const std::string& option) {
  if (date.day() != 1 || !(s.start < date) || s.end < date)
    throw InputError({Diagnostic{option,
                                 0,
                                 0,
                                 "",
                                 "found " + date.iso() + "; expected the first of a month after the start (" +
                                     s.start.iso() + ") and on or before the end (" + s.end.iso() + ")",
                                 {}}});
}

void check_restorable(const Checkpoint& c, const Scenario& s, int first_replicate, int replicates) {
  if (c.seed != s.seed)
    refuse(c, "written with seed " + std::to_string(c.seed) + ", the scenario has seed " + std::to_string(s.seed) +
                  "; expected the same seed (a branch continues the same random numbers)");
  if (c.start != s.start)
    refuse(c, "starts " + c.start.iso() + ", the scenario " + s.start.iso() + "; expected the same start");
  if (!(s.start < c.date) || s.end < c.date)
    refuse(c, "is dated " + c.date.iso() + ", outside the scenario's run " + s.start.iso() + " to " + s.end.iso());
  if (c.municipality_codes.size() != s.municipalities.size())
    refuse(c, "has " + std::to_string(c.municipality_codes.size()) + " municipalities, the scenario " +
                  std::to_string(s.municipalities.size()) + "; expected the same municipalities");
  for (std::size_t m = 0; m < s.municipalities.size(); ++m)
    if (c.municipality_codes[m] != s.municipalities[m].code)
      refuse(c, "has municipality " + c.municipality_codes[m] + " where the scenario has " + s.municipalities[m].code +
                    "; expected the same municipalities in the same order");
  const std::vector<Date> dates = record_dates(s);
  if (dates.size() < c.record_dates.size() || !std::equal(c.record_dates.begin(), c.record_dates.end(), dates.begin()))
    refuse(c, "has record dates that differ from the scenario's before " + c.date.iso());
  if (static_cast<std::size_t>(first_replicate) + static_cast<std::size_t>(replicates) > c.states.size())
    refuse(c, "holds " + std::to_string(c.states.size()) + " replicates, the run needs replicates " +
                  std::to_string(first_replicate) + " to " + std::to_string(first_replicate + replicates - 1) +
                  "; expected at most as many replicates as the checkpoint");
}

std::string save_records(const ResultSet& r, int slot, std::size_t count) {
  StateWriter w;
  for (const Series& s : r.series) {
    const std::size_t width = r.width(s), from = static_cast<std::size_t>(slot) * r.times() * width;
    std::visit(
        [&](const auto& v) {
          using T = typename std::decay_t<decltype(v)>::value_type;
          w.vector(std::vector<T>(v.begin() + static_cast<std::ptrdiff_t>(from),
                                  v.begin() + static_cast<std::ptrdiff_t>(from + count * width)));
        },
        s.data);
  }
  return w.take();
}

void load_records(ResultSet& r, int slot, std::size_t count, const std::string& bytes, const std::string& where) {
  StateReader rd(bytes, where);
  for (Series& s : r.series) {
    const std::size_t width = r.width(s), from = static_cast<std::size_t>(slot) * r.times() * width;
    std::visit(
        [&](auto& v) {
          using T = typename std::decay_t<decltype(v)>::value_type;
          std::vector<T> part(count * width);
          rd.vector_sized(part, ("values of series " + s.name).c_str());
          std::copy(part.begin(), part.end(), v.begin() + static_cast<std::ptrdiff_t>(from));
        },
        s.data);
  }
  if (!rd.at_end()) rd.fail("the checkpoint's records do not match the scenario's series (another [cases] setting?)");
}

}  // namespace tsunagi
