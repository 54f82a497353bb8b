#include "core/prefecture_set.hpp"

#include <gtest/gtest.h>

namespace tsunagi {
namespace {

TEST(PrefectureSet, AnEmptyListIsEveryPrefecture) {
  const PrefectureSet all = PrefectureSet::of({});
  for (int p = 0; p < 100; ++p) EXPECT_TRUE(all.contains(p)) << p;
  EXPECT_FALSE(all.contains(-1));  // a code that was not two digits
}

TEST(PrefectureSet, ContainsExactlyTheListedCodes) {
  const PrefectureSet s = PrefectureSet::of({"01", "44", "47", "90"});
  for (int p = 0; p < 100; ++p) EXPECT_EQ(s.contains(p), p == 1 || p == 44 || p == 47 || p == 90) << p;
}

TEST(PrefectureSet, NumbersAreTheTwoDigitCodes) {
  EXPECT_EQ(PrefectureSet::number("01"), 1);
  EXPECT_EQ(PrefectureSet::number("47"), 47);
  EXPECT_EQ(PrefectureSet::number("99"), 99);
  EXPECT_EQ(PrefectureSet::number("4"), -1);
  EXPECT_EQ(PrefectureSet::number("447"), -1);
  EXPECT_EQ(PrefectureSet::number("4a"), -1);
  EXPECT_FALSE(PrefectureSet::of({"4a"}).contains(4));  // an unreadable code matches nothing
}

TEST(PrefectureEnglishName, NamesTheJisCodes) {
  // JIS X 0401: 01 Hokkaido, 13 Tokyo, 39 Kochi, 44 Oita, 47 Okinawa.
  EXPECT_EQ(prefecture_english_name("01"), "Hokkaido");
  EXPECT_EQ(prefecture_english_name("13"), "Tokyo");
  EXPECT_EQ(prefecture_english_name("39"), "Kochi");
  EXPECT_EQ(prefecture_english_name("44"), "Oita");
  EXPECT_EQ(prefecture_english_name("47"), "Okinawa");
}

TEST(PrefectureEnglishName, OtherCodesHaveNone) {
  EXPECT_EQ(prefecture_english_name("00"), "");
  EXPECT_EQ(prefecture_english_name("48"), "");
  EXPECT_EQ(prefecture_english_name("99"), "");
  EXPECT_EQ(prefecture_english_name("4"), "");
}

}  // namespace
}  // namespace tsunagi
