#include "output/isolated_read.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include "core/error.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace tsunagi {
namespace {

const std::chrono::seconds kShort{5};
const std::string kDamaged = "damaged.h5: damaged file: the HDF5 library failed reading it ";

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

/// The message of the InputError the probe throws ("" when it throws none).
std::string refusal(const std::function<void()>& read, std::chrono::seconds limit = kShort) {
  try {
    probe_in_child("damaged.h5", read, limit);
  } catch (const InputError& e) {
    return e.diagnostics().at(0).format();
  }
  return "";
}

TEST(IsolatedRead, AReadThatReturnsRunsInAChildAndPasses) {
  test::TempDir d;
  int in_parent = 0;
  probe_in_child(
      "good.h5",
      [&] {
        ++in_parent;
        std::ofstream(d.file("ran")) << "yes";
      },
      kShort);
  EXPECT_TRUE(fs::exists(d.file("ran")));  // the read ran ...
  EXPECT_EQ(in_parent, 0);                 // ... in another process
}

TEST(IsolatedRead, AReadThatThrowsPassesForTheCallersOwnReadToThrowAgain) {
  EXPECT_NO_THROW(probe_in_child(
      "bad.h5",
      [] {
        throw InputError({Diagnostic{"bad.h5", 0, 0, "/", "not HDF5", {}}});
      },
      kShort));
  EXPECT_NO_THROW(probe_in_child(
      "bad.h5", [] { throw std::runtime_error("no"); }, kShort));
}

TEST(IsolatedRead, ACrashIsADamagedFile) {
  // Under AddressSanitizer the child reports the SIGSEGV and exits 1 (or aborts): a crash too.
  const std::string segv = refusal([] { std::raise(SIGSEGV); });
  EXPECT_TRUE(starts_with(segv, kDamaged + "(crashed")) << segv;
  EXPECT_EQ(refusal([] { std::abort(); }), kDamaged + "(crashed with signal 6: Aborted)");
  EXPECT_EQ(refusal([] { _exit(1); }), kDamaged + "(crashed, exit status 1)");
}

TEST(IsolatedRead, AReadWithoutAnswerIsKilledAtTheLimit) {
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(refusal(
                [] {
                  for (;;) pause();
                },
                std::chrono::seconds(1)),
            kDamaged + "(no answer after 1 s)");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(4));
}

TEST(IsolatedRead, AnInterruptedReadIsCancelled) {
  EXPECT_THROW(probe_in_child(
                   "x.h5", [] { std::raise(SIGINT); }, kShort),
               Cancelled);
}

TEST(IsolatedRead, TheChildWritesNothing) {
  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  probe_in_child(
      "x.h5",
      [] {
        std::cout << "out" << std::endl;
        std::cerr << "err";
        if (write(STDERR_FILENO, "raw", 3) != 3) std::abort();
      },
      kShort);
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "");
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
}

TEST(IsolatedRead, TheLimitGrowsWithTheFile) {
  test::TempDir d;
  EXPECT_EQ(probe_limit(d.file("missing.h5")), kProbeBaseLimit);
  std::ofstream(d.file("f.h5")).close();
  fs::resize_file(d.file("f.h5"), 2 * kProbeBytesPerSecond - 1);
  EXPECT_EQ(probe_limit(d.file("f.h5")), kProbeBaseLimit + std::chrono::seconds(1));
  fs::resize_file(d.file("f.h5"), 2 * kProbeBytesPerSecond);
  EXPECT_EQ(probe_limit(d.file("f.h5")), kProbeBaseLimit + std::chrono::seconds(2));
}

}  // namespace
}  // namespace tsunagi
