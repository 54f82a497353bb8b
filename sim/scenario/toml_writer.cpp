#include "scenario/toml_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace tsunagi {
namespace {

bool is_bare_key(std::string_view k) {
  if (k.empty()) return false;
  for (char c : k)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
  return true;
}

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        // TOML forbids unescaped control characters: U+0000-U+001F (but tab) and U+007F.
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string key_text(std::string_view k) { return is_bare_key(k) ? std::string(k) : quoted(k); }

std::string float_text(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);  // shortest that round-trips
  std::string s(buf, end);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

std::string value_text(const toml::node& n);

std::string array_text(const toml::array& a) {
  std::string s = "[";
  for (std::size_t i = 0; i < a.size(); ++i) s += (i ? ", " : "") + value_text(*a.get(i));
  return s + "]";
}

std::string value_text(const toml::node& n) {
  if (auto v = n.as_string()) return quoted(v->get());
  if (auto v = n.as_integer()) return std::to_string(v->get());
  if (auto v = n.as_floating_point()) return float_text(v->get());
  if (auto v = n.as_boolean()) return v->get() ? "true" : "false";
  if (auto v = n.as_date()) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", int{v->get().year}, int{v->get().month}, int{v->get().day});
    return buf;
  }
  if (auto v = n.as_array()) return array_text(*v);
  if (auto v = n.as_table()) {  // inline table (only inside value arrays)
    std::string s = "{ ";
    bool first = true;
    for (const auto& [k, child] : *v) {
      s += (first ? "" : ", ") + key_text(k.str()) + " = " + value_text(child);
      first = false;
    }
    return s + " }";
  }
  return "\"\"";  // times and date-times do not occur in scenarios
}

bool is_table_array(const toml::node& n) {
  const toml::array* a = n.as_array();
  return a && !a->empty() && a->is_array_of_tables();
}

void write_table(const toml::table& t, const std::string& path, std::string& out) {
  for (const auto& [k, n] : t)
    if (!n.is_table() && !is_table_array(n)) out += key_text(k.str()) + " = " + value_text(n) + "\n";
  for (const auto& [k, n] : t) {
    const std::string p = path.empty() ? key_text(k.str()) : path + "." + key_text(k.str());
    if (const toml::table* sub = n.as_table()) {
      out += "\n[" + p + "]\n";
      write_table(*sub, p, out);
    } else if (is_table_array(n)) {
      for (const auto& el : *n.as_array()) {
        out += "\n[[" + p + "]]\n";
        write_table(*el.as_table(), p, out);
      }
    }
  }
}

}  // namespace

std::string to_toml_text(const toml::table& table) {
  std::string out;
  write_table(table, "", out);
  return out;
}

}  // namespace tsunagi
