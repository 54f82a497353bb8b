#include "output/safe_output.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace tsunagi {
namespace {

std::string read(const std::string& p) {
  std::ifstream in(p);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

TEST(SafeOutput, CommitRenamesTheFinishedFile) {
  test::TempDir d;
  const std::string target = d.file("run.h5");
  {
    SafeOutput out(target, false);
    EXPECT_EQ(fs::path(out.temp_path()).parent_path(), fs::path(d.path()));
    std::ofstream(out.temp_path()) << "done";
    EXPECT_FALSE(fs::exists(target));  // nothing at the target until commit
    out.commit();
  }
  EXPECT_EQ(read(target), "done");
  EXPECT_EQ(std::distance(fs::directory_iterator(d.path()), fs::directory_iterator()), 1);
}

TEST(SafeOutput, WithoutCommitNothingIsLeft) {
  test::TempDir d;
  {
    SafeOutput out(d.file("run.h5"), false);
    std::ofstream(out.temp_path()) << "partial";
  }
  EXPECT_TRUE(fs::is_empty(d.path()));
}

TEST(SafeOutput, ExistingResultIsNeverReplacedUnlessAsked) {
  test::TempDir d;
  const std::string target = d.file("run.h5");
  std::ofstream(target) << "old";
  EXPECT_THROW(SafeOutput(target, false), InputError);
  EXPECT_EQ(read(target), "old");
  {
    SafeOutput out(target, true);
    std::ofstream(out.temp_path()) << "new";
    out.commit();
  }
  EXPECT_EQ(read(target), "new");
}

TEST(SafeOutput, BadTargets) {
  test::TempDir d;
  EXPECT_THROW(SafeOutput(d.path(), true), InputError);                // a directory
  EXPECT_THROW(SafeOutput(d.file("missing/run.h5"), false), IoError);  // no such folder
}

TEST(SafeOutput, RemovesTemporaryFilesOfKilledRuns) {
  test::TempDir d;
  const std::string stale = d.file(".run.h5.tmp-2147483646");             // no such process
  const std::string spill = d.file(".run.h5.tmp-2147483646.replicates");  // run --precision's
  const std::string other = d.file(".other.h5.tmp-2147483646");
  const std::string unknown = d.file(".run.h5.tmp-2147483646.kept");
  std::ofstream(stale) << "x";
  std::ofstream(spill) << "x";
  std::ofstream(other) << "x";
  std::ofstream(unknown) << "x";
  SafeOutput out(d.file("run.h5"), false);
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_FALSE(fs::exists(spill));
  EXPECT_TRUE(fs::exists(unknown));  // not a name tsunagi makes
  EXPECT_TRUE(fs::exists(other));    // another target's: not ours to touch
}

}  // namespace
}  // namespace tsunagi
