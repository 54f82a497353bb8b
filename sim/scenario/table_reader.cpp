#include "scenario/table_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <type_traits>

namespace tsunagi {

namespace {
std::string fmt_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.12g", v);  // 1000000, not 1e+06
  return buf;
}
std::string quote(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string join(std::initializer_list<std::string_view> items) {
  std::string s;
  for (auto it = items.begin(); it != items.end(); ++it) {
    if (it != items.begin()) s += ", ";
    s += quote(*it);
  }
  return s;
}
}  // namespace

bool Range::accepts(double v) const {
  if (!std::isfinite(v)) return false;
  if (min && (min_exclusive ? v <= *min : v < *min)) return false;
  if (max && v > *max) return false;
  return true;
}

std::string Range::describe() const {
  if (min && max) return "a number from " + fmt_number(*min) + " to " + fmt_number(*max);
  if (min) return std::string("a number ") + (min_exclusive ? "> " : ">= ") + fmt_number(*min);
  if (max) return "a number <= " + fmt_number(*max);
  return "a finite number";
}

std::string describe_node(const toml::node& n) {
  std::ostringstream os;
  switch (n.type()) {
    case toml::node_type::string:
      os << "string \"" << n.as_string()->get() << '"';
      break;
    case toml::node_type::integer:
      os << "integer " << n.as_integer()->get();
      break;
    case toml::node_type::floating_point:
      os << "number " << n.as_floating_point()->get();
      break;
    case toml::node_type::boolean:
      os << "boolean " << (n.as_boolean()->get() ? "true" : "false");
      break;
    case toml::node_type::date:
      os << "date " << *n.as_date();
      break;
    case toml::node_type::time:
      os << "time " << *n.as_time();
      break;
    case toml::node_type::date_time:
      os << "date-time " << *n.as_date_time();
      break;
    case toml::node_type::array:
      os << "an array";
      break;
    case toml::node_type::table:
      os << "a table";
      break;
    default:
      os << "nothing";
      break;
  }
  return os.str();
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string nearest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_d) best_d = d, best = c;
  }
  return best;
}

TableReader::TableReader(const toml::table* table, std::string path, std::string file, Diagnostics& diags,
                         toml::table* resolved)
    : table_(table), path_(std::move(path)), file_(std::move(file)), diags_(&diags), out_(resolved) {}

bool TableReader::has(std::string_view key) const { return table_ && table_->contains(key); }

const toml::node* TableReader::find(std::string_view key) {
  known_.emplace_back(key);
  return table_ ? table_->get(key) : nullptr;
}

std::string TableReader::key_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void TableReader::locate(Diagnostic& d, const toml::node* n) const {
  const toml::node* at = n ? n : table_;
  d.file = file_;
  if (at && at->source().begin.line > 0) {
    d.line = static_cast<int>(at->source().begin.line);
    d.column = static_cast<int>(at->source().begin.column);
  } else if (n) {
    d.file = "--set";  // values put in by a command-line override carry no position
  }
}

void TableReader::error(std::string_view key, std::string message, std::string hint) {
  Diagnostic d;
  locate(d, table_ ? table_->get(key) : nullptr);
  d.key = key_path(key);
  d.message = std::move(message);
  d.hint = std::move(hint);
  diags_->add(std::move(d));
}

void TableReader::type_error(std::string_view key, const toml::node& n, std::string_view expected) {
  Diagnostic d;
  locate(d, &n);
  d.key = key_path(key);
  d.message = "found " + describe_node(n) + ", expected " + std::string(expected);
  diags_->add(std::move(d));
}

double TableReader::real(std::string_view key, double fallback, Range range) {
  auto v = real_required(key, range);
  const double r = v.value_or(fallback);
  if (out_) out_->insert_or_assign(key, r);
  return r;
}

std::optional<double> TableReader::real_required(std::string_view key, Range range) {
  const toml::node* n = find(key);
  if (!n) return std::nullopt;
  std::optional<double> v;
  if (auto i = n->as_integer())
    v = static_cast<double>(i->get());
  else if (auto f = n->as_floating_point())
    v = f->get();
  if (!v) {
    type_error(key, *n, range.describe());
    return std::nullopt;
  }
  if (!range.accepts(*v)) {
    type_error(key, *n, range.describe());
    return std::nullopt;
  }
  if (out_) out_->insert_or_assign(key, *v);
  return v;
}

std::int64_t TableReader::integer(std::string_view key, std::int64_t fallback, Range range) {
  auto v = integer_required(key, range);
  const std::int64_t r = v.value_or(fallback);
  if (out_) out_->insert_or_assign(key, r);
  return r;
}

std::optional<std::int64_t> TableReader::integer_required(std::string_view key, Range range) {
  const toml::node* n = find(key);
  if (!n) return std::nullopt;
  auto i = n->as_integer();
  const std::string expected = "an integer" + (range.min || range.max ? " (" + range.describe() + ")" : std::string());
  if (!i || !range.accepts(static_cast<double>(i->get()))) {
    type_error(key, *n, expected);
    return std::nullopt;
  }
  if (out_) out_->insert_or_assign(key, i->get());
  return i->get();
}

bool TableReader::boolean(std::string_view key, bool fallback) {
  const toml::node* n = find(key);
  bool r = fallback;
  if (n) {
    if (auto b = n->as_boolean())
      r = b->get();
    else
      type_error(key, *n, "true or false");
  }
  if (out_) out_->insert_or_assign(key, r);
  return r;
}

std::optional<std::string> TableReader::string_required(std::string_view key,
                                                        std::initializer_list<std::string_view> allowed) {
  const toml::node* n = find(key);
  if (!n) return std::nullopt;
  auto s = n->as_string();
  if (!s) {
    type_error(key, *n, allowed.size() ? "one of " + join(allowed) : "a string");
    return std::nullopt;
  }
  const std::string& v = s->get();
  if (allowed.size() && std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
    std::vector<std::string> cands(allowed.begin(), allowed.end());
    const std::string near = nearest(v, cands);
    Diagnostic d;
    locate(d, n);
    d.key = key_path(key);
    d.message = "found " + describe_node(*n) + ", expected one of " + join(allowed);
    if (!near.empty()) d.hint = "did you mean '" + near + "'?";
    diags_->add(std::move(d));
    return std::nullopt;
  }
  if (v.empty()) {
    type_error(key, *n, "a non-empty string");
    return std::nullopt;
  }
  if (out_) out_->insert_or_assign(key, v);
  return v;
}

std::string TableReader::string(std::string_view key, std::string fallback,
                                std::initializer_list<std::string_view> allowed) {
  auto v = string_required(key, allowed);
  std::string r = v.value_or(std::move(fallback));
  if (out_) out_->insert_or_assign(key, r);
  return r;
}

std::optional<Date> TableReader::date_required(std::string_view key) {
  const toml::node* n = find(key);
  if (!n) return std::nullopt;
  std::optional<Date> d;
  if (auto td = n->as_date()) {
    const toml::date v = td->get();
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", int{v.year}, int{v.month}, int{v.day});
    d = Date::parse(buf);
  } else if (auto s = n->as_string()) {
    d = Date::parse(s->get());
  }
  if (!d) {
    type_error(key, *n, "a date such as 2024-04-01");
    return std::nullopt;
  }
  const CivilDate c = d->civil();
  if (out_)
    out_->insert_or_assign(key, toml::date{static_cast<std::uint16_t>(c.year), static_cast<std::uint8_t>(c.month),
                                           static_cast<std::uint8_t>(c.day)});
  return d;
}

std::optional<std::pair<Date, Date>> TableReader::date_span(std::string_view what) {
  const auto start = date_required("start"), end = date_required("end");
  if (!has("start")) error("start", "missing, expected the first day of " + std::string(what) + ", e.g. 2020-04-01");
  if (!has("end")) error("end", "missing, expected the last day of " + std::string(what) + ", e.g. 2021-03-31");
  if (!start || !end) return std::nullopt;
  if (*end < *start) {
    error("end", "found " + end->iso() + ", before start " + start->iso() + "; expected a later date");
    return std::nullopt;
  }
  return std::make_pair(*start, *end);
}

std::optional<Date> TableReader::date(std::string_view key, std::optional<Date> fallback) {
  if (find(key)) return date_required(key);
  if (fallback && out_) {
    const CivilDate c = fallback->civil();
    out_->insert_or_assign(key, toml::date{static_cast<std::uint16_t>(c.year), static_cast<std::uint8_t>(c.month),
                                           static_cast<std::uint8_t>(c.day)});
  }
  return fallback;
}

namespace {

/// An array element as T: integers only for std::int64_t; a float or an integer for double.
template <class T>
std::optional<T> element_as(const toml::node& el) {
  if (auto i = el.as_integer()) return static_cast<T>(i->get());
  if constexpr (std::is_floating_point_v<T>)
    if (auto f = el.as_floating_point()) return f->get();
  return std::nullopt;
}

}  // namespace

template <class T>
std::vector<T> TableReader::numbers(std::string_view key, std::vector<T> fallback, Range range, std::size_t size) {
  constexpr bool integral = std::is_integral_v<T>;
  const toml::node* n = find(key);
  std::vector<T> out;
  if (!n) {
    out = std::move(fallback);
  } else if (auto arr = n->as_array()) {
    for (const auto& el : *arr) {
      const std::optional<T> v = element_as<T>(el);
      if (v && range.accepts(static_cast<double>(*v)))
        out.push_back(*v);
      else
        type_error(key, el, std::string(integral ? "an integer (" : "a number (") + range.describe() + ")");
    }
    if (size > 0 && arr->size() != size)
      error(key, "found " + std::to_string(arr->size()) + " numbers, expected exactly " + std::to_string(size));
  } else {
    type_error(key, *n, integral ? "an array of integers" : "an array of numbers");
  }
  if (out_) {
    toml::array resolved;
    for (auto v : out) resolved.push_back(v);
    out_->insert_or_assign(key, std::move(resolved));
  }
  if (size > 0 && out.size() != size) out.resize(size, T{});
  return out;
}

std::vector<double> TableReader::reals(std::string_view key, std::vector<double> fallback, Range range,
                                       std::size_t size) {
  return numbers<double>(key, std::move(fallback), range, size);
}

std::vector<std::int64_t> TableReader::integers(std::string_view key, std::vector<std::int64_t> fallback, Range range) {
  return numbers<std::int64_t>(key, std::move(fallback), range, 0);
}

std::vector<std::string> TableReader::strings(std::string_view key) {
  const toml::node* n = find(key);
  std::vector<std::string> out;
  if (!n) {
    if (out_) out_->insert_or_assign(key, toml::array{});
    return out;
  }
  auto arr = n->as_array();
  if (!arr) {
    type_error(key, *n, "an array of strings");
    return out;
  }
  toml::array resolved;
  for (const auto& el : *arr) {
    if (auto s = el.as_string()) {
      out.push_back(s->get());
      resolved.push_back(s->get());
    } else {
      type_error(key, el, "a string (in an array of strings)");
    }
  }
  if (out_) out_->insert_or_assign(key, std::move(resolved));
  return out;
}

TableReader TableReader::table(std::string_view key) {
  const toml::node* n = find(key);
  const toml::table* t = nullptr;
  if (n) {
    t = n->as_table();
    if (!t) type_error(key, *n, "a table");
  }
  toml::table* sub = nullptr;
  if (out_) {
    out_->insert_or_assign(key, toml::table{});
    sub = out_->get_as<toml::table>(key);
  }
  return TableReader(t, key_path(key), file_, *diags_, sub);
}

std::vector<TableReader> TableReader::tables(std::string_view key) {
  const toml::node* n = find(key);
  std::vector<TableReader> out;
  if (!n) return out;
  auto arr = n->as_array();
  if (!arr) {
    type_error(key, *n, "an array of tables ([[" + key_path(key) + "]])");
    return out;
  }
  toml::array* resolved = nullptr;
  if (out_) {
    out_->insert_or_assign(key, toml::array{});
    resolved = out_->get_as<toml::array>(key);
  }
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const toml::node& el = *arr->get(i);
    const std::string p = key_path(key) + "[" + std::to_string(i) + "]";
    if (!el.as_table()) {
      type_error(key, el, "a table");
      continue;
    }
    toml::table* sub = nullptr;
    if (resolved) {
      resolved->push_back(toml::table{});
      sub = resolved->back().as_table();
    }
    out.emplace_back(el.as_table(), p, file_, *diags_, sub);
  }
  return out;
}

void TableReader::finish() {
  if (!table_) return;
  for (const auto& [k, node] : *table_) {
    const std::string key(k.str());
    if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
    Diagnostic d;
    locate(d, &node);
    if (k.source().begin.line > 0) {
      d.line = static_cast<int>(k.source().begin.line);
      d.column = static_cast<int>(k.source().begin.column);
    }
    d.key = key_path(key);
    d.message = "unknown key";
    const std::string near = nearest(key, known_);
    if (!near.empty())
      d.hint = "did you mean '" + near + "'?";
    else if (!known_.empty()) {
      std::string list;
      for (const auto& kk : known_) list += (list.empty() ? "" : ", ") + kk;
      d.hint = "known keys here: " + list;
    }
    diags_->add(std::move(d));
  }
}

}  // namespace tsunagi
