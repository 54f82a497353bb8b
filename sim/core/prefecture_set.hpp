#pragma once
// A set of prefectures by the number of their 2-digit code (JIS: 01 Hokkaido .. 47
// Okinawa; test scenarios use codes up to 99), as a bit mask: what a dated rule that
// "applies in these prefectures" tests each month for each municipality, without
// comparing strings.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tsunagi {

class PrefectureSet {
 public:
  /// Every prefecture.
  PrefectureSet() = default;
  /// The prefectures with these 2-digit codes; an empty list means every prefecture (the
  /// scenario files' convention). A code that is not two digits matches none (the
  /// loaders refuse such codes where they are checked).
  static PrefectureSet of(const std::vector<std::string>& codes) {
    if (codes.empty()) return PrefectureSet();
    PrefectureSet s;
    s.bits_ = {0, 0};
    for (const std::string& c : codes) {
      const int n = number(c);
      if (n >= 0) s.bits_[static_cast<std::size_t>(n / 64)] |= std::uint64_t{1} << (n % 64);
    }
    return s;
  }
  /// The number of a 2-digit code ("44" -> 44), or -1 if it is not two digits.
  static int number(const std::string& code) {
    if (code.size() != 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9') return -1;
    return (code[0] - '0') * 10 + (code[1] - '0');
  }
  bool contains(int prefecture) const {
    return prefecture >= 0 && prefecture < 100 &&
           (bits_[static_cast<std::size_t>(prefecture / 64)] >> (prefecture % 64) & 1u) != 0;
  }

 private:
  std::array<std::uint64_t, 2> bits_ = {~std::uint64_t{0}, ~std::uint64_t{0}};
};

/// The English name of a prefecture by its 2-digit JIS code ("39" -> "Kochi"), or empty
/// for a code that is not 01..47 (test scenarios use other codes).
inline std::string_view prefecture_english_name(const std::string& code) {
  static constexpr std::array<std::string_view, 47> kNames = {
      "Hokkaido", "Aomori",    "Iwate",     "Miyagi",    "Akita",    "Yamagata",  "Fukushima", "Ibaraki",
      "Tochigi",  "Gunma",     "Saitama",   "Chiba",     "Tokyo",    "Kanagawa",  "Niigata",   "Toyama",
      "Ishikawa", "Fukui",     "Yamanashi", "Nagano",    "Gifu",     "Shizuoka",  "Aichi",     "Mie",
      "Shiga",    "Kyoto",     "Osaka",     "Hyogo",     "Nara",     "Wakayama",  "Tottori",   "Shimane",
      "Okayama",  "Hiroshima", "Yamaguchi", "Tokushima", "Kagawa",   "Ehime",     "Kochi",     "Fukuoka",
      "Saga",     "Nagasaki",  "Kumamoto",  "Oita",      "Miyazaki", "Kagoshima", "Okinawa"};
  const int n = PrefectureSet::number(code);
  return n >= 1 && n <= 47 ? kNames[static_cast<std::size_t>(n - 1)] : std::string_view{};
}

}  // namespace tsunagi
