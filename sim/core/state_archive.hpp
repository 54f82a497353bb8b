#pragma once
// Byte archives of a replicate's state for checkpoints (engine/checkpoint.hpp): values and
// vectors of trivially copyable types, written in order and read back in the same order.
//
// The reader checks every length against what is left, so a damaged checkpoint is an
// input error rather than a crash; vectors whose length is fixed by the scenario (one
// entry per municipality, per agency, per programme) must match the state they are read
// into, so a checkpoint cannot be restored into a scenario of another shape.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/error.hpp"

namespace tsunagi {

class StateWriter {
 public:
  template <class T>
  void value(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes_.append(reinterpret_cast<const char*>(&v), sizeof(T));
  }
  template <class T>
  void vector(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    value(static_cast<std::uint64_t>(v.size()));
    if (!v.empty()) bytes_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  std::string take() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

class StateReader {
 public:
  /// `where` names the checkpoint and replicate in messages.
  StateReader(std::string_view bytes, std::string where) : bytes_(bytes), where_(std::move(where)) {}

  template <class T>
  void value(T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    need(sizeof(T));
    std::memcpy(&v, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
  }
  /// A vector of any length (queues, jobs, logs).
  template <class T>
  void vector(std::vector<T>& v) {
    std::uint64_t n = 0;
    value(n);
    if (n > (bytes_.size() - pos_) / sizeof(T)) fail("a list longer than the data left (damaged checkpoint?)");
    v.resize(static_cast<std::size_t>(n));
    if (n > 0)
      std::memcpy(v.data(), bytes_.data() + pos_, static_cast<std::size_t>(n) * sizeof(T));  // data() may be null
    pos_ += static_cast<std::size_t>(n) * sizeof(T);
  }
  /// A vector whose length the scenario fixes: it must equal v.size().
  template <class T>
  void vector_sized(std::vector<T>& v, const char* what) {
    const std::size_t expected = v.size();
    vector(v);
    if (v.size() != expected)
      throw InputError(
          {Diagnostic{where_,
                      0,
                      0,
                      "",
                      std::string("the checkpoint has ") + std::to_string(v.size()) + " " + what + ", the scenario " +
                          std::to_string(expected) + "; expected a scenario of the same shape as the one that wrote it",
                      {}}});
  }
  bool at_end() const { return pos_ == bytes_.size(); }
  [[noreturn]] void fail(const std::string& what) const { throw InputError({Diagnostic{where_, 0, 0, "", what, {}}}); }

 private:
  void need(std::size_t n) const {
    if (bytes_.size() - pos_ < n) fail("the state ends early (truncated or damaged checkpoint)");
  }
  std::string_view bytes_;
  std::size_t pos_ = 0;
  std::string where_;
};

}  // namespace tsunagi
