#include "engine/replicate_spill.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/error.hpp"
#include "engine/distributed_ensemble.hpp"
#include "scenario/loader.hpp"
#include "test_support.hpp"

namespace tsunagi {
namespace {

TEST(ReplicateSpill, GivesBackWhatWasAppendedInOrderAndRemovesItsFile) {
  test::TempDir dir;
  const std::string path = dir.file("spill");
  const std::vector<std::string> parts = {"first", "", std::string(100000, 'x') + "end", std::string("\0\1\2", 3)};
  {
    ReplicateSpill spill(path);
    for (const auto& p : parts) spill.append(p);
    EXPECT_EQ(spill.count(), 4);
    EXPECT_TRUE(std::filesystem::exists(path));
    std::string got;
    for (const auto& p : parts) {
      ASSERT_TRUE(spill.next(got));
      EXPECT_EQ(got, p);
    }
    EXPECT_FALSE(spill.next(got));
    EXPECT_THROW(spill.append("late"), RunError);
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(ReplicateSpill, ReplicatesComeBackAsTheyWereRun) {
  // Case flows with the whole case log through encode_replicate, the spill and
  // decode_replicate: each replicate read back equals the in-memory run's.
  const Scenario s = load_scenario(test::source_path("scenarios/oita.toml"),
                                   {"cases.conference_day=15", "output.case_log=all", "scenario.end=2025-03-31"});
  const ResultSet all = run_ensemble(s, EnsembleOptions{4, 2});
  test::TempDir dir;
  ReplicateSpill spill(dir.file("spill"));
  for (int r = 0; r < 4; ++r) spill.append(encode_replicate(all, r));
  ResultSet room = replicate_room(s);
  ASSERT_EQ(room.case_log.size(), 1u);
  std::string bytes;
  for (int r = 0; spill.next(bytes); ++r) {
    decode_replicate(bytes, room);
    EXPECT_EQ(encode_replicate(room, 0), encode_replicate(all, r)) << r;  // every series and the case log
    EXPECT_EQ(room.case_log[0].size(), all.case_log[static_cast<std::size_t>(r)].size());
  }
}

TEST(ReplicateSpill, AnUnwritablePlaceIsAnIoError) {
  EXPECT_THROW(ReplicateSpill("/nonexistent-directory/spill"), IoError);
}

}  // namespace
}  // namespace tsunagi
