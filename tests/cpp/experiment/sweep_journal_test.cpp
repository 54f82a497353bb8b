#include "experiment/sweep_journal.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "core/error.hpp"
#include "test_support.hpp"

namespace tsunagi {
namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void expect_same_numbers(const std::vector<double>& a, const std::vector<double>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a[i])) {
      EXPECT_TRUE(std::isnan(b[i])) << i;
      EXPECT_EQ(std::signbit(a[i]), std::signbit(b[i])) << i;
    } else {
      EXPECT_TRUE(same_bits(a[i], b[i])) << i << ": " << a[i] << " became " << b[i];
    }
  }
}

void expect_same_record(const PointRecord& a, const PointRecord& b) {
  EXPECT_EQ(a.point, b.point);
  EXPECT_EQ(a.config_hash, b.config_hash);
  EXPECT_EQ(a.ok, b.ok);
  if (!a.ok) {
    EXPECT_EQ(a.error, b.error);
  }
  expect_same_numbers(a.outputs, b.outputs);
  expect_same_numbers(a.series, b.series);
}

PointRecord ok_record(std::size_t point, std::vector<double> outputs, std::vector<double> series = {}) {
  PointRecord r;
  r.point = point;
  r.config_hash = content_hash("config " + std::to_string(point));
  r.ok = true;
  r.outputs = std::move(outputs);
  r.series = std::move(series);
  return r;
}

PointRecord failed_record(std::size_t point, std::string error) {
  PointRecord r;
  r.point = point;
  r.config_hash = "0123456789abcdef";
  r.error = std::move(error);
  return r;
}

PointRecord round_trip(const PointRecord& r) {
  const std::string line = encode_point(r);
  EXPECT_FALSE(line.empty());
  EXPECT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1) << "one line per record: " << line;
  PointRecord back;
  EXPECT_TRUE(decode_point(line.substr(0, line.size() - 1), back)) << line;
  return back;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// ---- content_hash ----------------------------------------------------------------------

TEST(ContentHash, Fnv1a64TestVectors) {
  // Published FNV-1a 64-bit test vectors (Fowler, Noll and Vo; IETF draft-eastlake-fnv).
  EXPECT_EQ(content_hash(""), "cbf29ce484222325");
  EXPECT_EQ(content_hash("a"), "af63dc4c8601ec8c");
  EXPECT_EQ(content_hash("foobar"), "85944171f73967e8");
}

TEST(ContentHash, SixteenLowerCaseHexDigitsAndSensitiveToEveryByte) {
  const std::string h = content_hash("[scenario]\nseed = 1\n");
  EXPECT_EQ(h.size(), 16u);
  for (char c : h) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << h;
  EXPECT_NE(h, content_hash("[scenario]\nseed = 2\n"));
  EXPECT_EQ(h, content_hash("[scenario]\nseed = 1\n"));
}

// ---- encode / decode -------------------------------------------------------------------

TEST(PointEncoding, DoublesRoundTripBitForBit) {
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> awkward = {1.0 / 3.0,
                                       0.1,
                                       -0.0,
                                       0.0,
                                       std::numeric_limits<double>::quiet_NaN(),
                                       -std::numeric_limits<double>::quiet_NaN(),
                                       inf,
                                       -inf,
                                       std::numeric_limits<double>::denorm_min(),
                                       -std::numeric_limits<double>::denorm_min() * 12345,
                                       std::numeric_limits<double>::min() / 3,
                                       std::numeric_limits<double>::max(),
                                       std::numeric_limits<double>::lowest(),
                                       std::numeric_limits<double>::epsilon(),
                                       2.0 / 3.0 * 1e-300,
                                       6.02214076e23};
  const PointRecord r = ok_record(42, awkward, {awkward.rbegin(), awkward.rend()});
  expect_same_record(r, round_trip(r));
}

TEST(PointEncoding, EmptyOutputsAndSeries) {
  const PointRecord r = ok_record(0, {});
  expect_same_record(r, round_trip(r));
}

TEST(PointEncoding, ErrorTextWithSpacesPercentAndNewlines) {
  for (const std::string error : {"bad value", "100% sure\nsecond line", "%41 is not A", "trailing %", "a\r\nb",
                                  "  leading and double  spaces ", "宇佐市: 基幹 was refused", "end"}) {
    const PointRecord r = failed_record(7, error);
    const PointRecord back = round_trip(r);
    EXPECT_FALSE(back.ok);
    EXPECT_EQ(back.error, error);
  }
}

TEST(PointEncoding, ErrorTextWithTabsAndOtherControlCharacters) {
  // Any whitespace splits the decoder's words, not only spaces and newlines.
  for (const std::string& error : {std::string("column\tvalue"), std::string("v\vf\f"),
                                   std::string("bell\x01"
                                               "del\x7f"),
                                   std::string("nul\0inside", 10)}) {
    EXPECT_EQ(round_trip(failed_record(3, error)).error, error);
  }
}

TEST(PointEncoding, LargePointNumbers) {
  const PointRecord r = ok_record(std::size_t{1} << 40, {1.5});
  expect_same_record(r, round_trip(r));
}

TEST(PointEncoding, MalformedLinesAreRejected) {
  const std::string good = encode_point(ok_record(5, {1.0, 2.0}, {3.0}));
  PointRecord r;
  ASSERT_TRUE(decode_point(good.substr(0, good.size() - 1), r));
  EXPECT_FALSE(decode_point("", r));
  EXPECT_FALSE(decode_point("garbage", r));
  EXPECT_FALSE(decode_point(good.substr(0, good.size() / 2), r));             // cut short
  EXPECT_FALSE(decode_point(good.substr(0, good.size() - 5), r));             // no "end"
  EXPECT_FALSE(decode_point(good.substr(0, good.size() - 1) + " extra", r));  // trailing words
  EXPECT_FALSE(decode_point("point 5 abc ok 2 0x1p+0 0 end", r));             // fewer numbers than announced
  EXPECT_FALSE(decode_point("point 5 abc ok 1 0x1p+0z 0 end", r));            // not a number
  EXPECT_FALSE(decode_point("point 5 abc maybe 1 0x1p+0 0 end", r));          // unknown status
  EXPECT_FALSE(decode_point("spot 5 abc ok 1 0x1p+0 0 end", r));
  EXPECT_TRUE(decode_point("point 5 abc ok 1 0x1p+0 0 end", r));
  EXPECT_EQ(r.outputs, (std::vector<double>{1.0}));
}

// ---- the journal file ------------------------------------------------------------------

TEST(SweepJournal, NewJournalIsEmptyAndReopenedReadsItsRecords) {
  test::TempDir dir;
  const std::string path = dir.file("out.h5.journal");
  const PointRecord a = ok_record(0, {0.25, 1.0 / 3.0}, {1, 2, 3, 4});
  const PointRecord b = failed_record(2, "scenario refused: 50% of\nadvisers");
  const PointRecord c = ok_record(1, {std::nan(""), -0.0});
  {
    SweepJournal j(path, "sweephash1");
    EXPECT_TRUE(j.records().empty());
    EXPECT_TRUE(std::filesystem::exists(path));
    j.append(a);
    j.append(b);
    j.append(c);
    EXPECT_EQ(j.records().size(), 3u);
  }
  SweepJournal j(path, "sweephash1");
  ASSERT_EQ(j.records().size(), 3u);
  expect_same_record(a, j.records().at(0));
  expect_same_record(c, j.records().at(1));
  expect_same_record(b, j.records().at(2));
}

TEST(SweepJournal, ALaterRecordOfAPointReplacesTheEarlier) {
  test::TempDir dir;
  const std::string path = dir.file("j");
  {
    SweepJournal j(path, "h");
    j.append(failed_record(4, "first try"));
    j.append(ok_record(4, {9.0}));
    ASSERT_EQ(j.records().size(), 1u);
    EXPECT_TRUE(j.records().at(4).ok);
  }
  SweepJournal j(path, "h");
  ASSERT_EQ(j.records().size(), 1u);
  EXPECT_TRUE(j.records().at(4).ok);
  EXPECT_EQ(j.records().at(4).outputs, (std::vector<double>{9.0}));
}

TEST(SweepJournal, ALineCutShortByAKillIsIgnoredAndDropped) {
  test::TempDir dir;
  const std::string path = dir.file("j");
  const PointRecord a = ok_record(0, {1.0, 2.0});
  const PointRecord b = ok_record(1, {3.0, 4.0});
  {
    SweepJournal j(path, "h");
    j.append(a);
  }
  const std::string complete = read_all(path);
  const std::string full_line = encode_point(b);
  {
    std::ofstream out(path, std::ios::binary | std::ios::app);
    out << full_line.substr(0, full_line.size() / 2);  // killed mid-write: no newline
  }
  const PointRecord c = ok_record(2, {5.0, 6.0});
  {
    SweepJournal j(path, "h");
    ASSERT_EQ(j.records().size(), 1u);
    EXPECT_EQ(j.records().count(1), 0u);
    EXPECT_EQ(read_all(path), complete) << "the cut line is removed";
    j.append(c);
  }
  EXPECT_EQ(read_all(path), complete + encode_point(c));
  SweepJournal j(path, "h");
  ASSERT_EQ(j.records().size(), 2u);
  expect_same_record(a, j.records().at(0));
  expect_same_record(c, j.records().at(2));
}

TEST(SweepJournal, CutLineThatLooksCompleteButLacksItsNewlineIsStillDropped) {
  // A kill can land just before the newline: the words are all there but the line is
  // not finished, so it must not count.
  test::TempDir dir;
  const std::string path = dir.file("j");
  { SweepJournal j(path, "h"); }
  const std::string line = encode_point(ok_record(3, {1.0}));
  {
    std::ofstream out(path, std::ios::binary | std::ios::app);
    out << line.substr(0, line.size() - 1);
  }
  SweepJournal j(path, "h");
  EXPECT_TRUE(j.records().empty());
  j.append(ok_record(4, {2.0}));
  SweepJournal again(path, "h");
  EXPECT_EQ(again.records().size(), 1u);
  EXPECT_EQ(again.records().count(4), 1u);
}

TEST(SweepJournal, AJournalOfAnotherSweepIsRefused) {
  test::TempDir dir;
  const std::string path = dir.file("out.h5.journal");
  {
    SweepJournal j(path, "aaaa");
    j.append(ok_record(0, {1.0}));
  }
  try {
    SweepJournal j(path, "bbbb");
    FAIL() << "no error";
  } catch (const InputError& e) {
    ASSERT_FALSE(e.diagnostics().empty());
    EXPECT_EQ(e.diagnostics()[0].file, path);
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
  // Refusing leaves it untouched: the right sweep still reads it.
  SweepJournal j(path, "aaaa");
  EXPECT_EQ(j.records().size(), 1u);
}

TEST(SweepJournal, RemoveDeletesTheFile) {
  test::TempDir dir;
  const std::string path = dir.file("j");
  SweepJournal j(path, "h");
  j.append(ok_record(0, {1.0}));
  ASSERT_TRUE(std::filesystem::exists(path));
  j.remove();
  EXPECT_FALSE(std::filesystem::exists(path));
  SweepJournal fresh(path, "h");
  EXPECT_TRUE(fresh.records().empty());
}

TEST(SweepJournal, UnwritableLocationIsAnIoError) {
  test::TempDir dir;
  EXPECT_THROW(SweepJournal(dir.file("no/such/folder/j"), "h"), IoError);
}

}  // namespace
}  // namespace tsunagi
