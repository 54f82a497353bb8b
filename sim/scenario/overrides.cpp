#include "scenario/overrides.hpp"

#include <charconv>

namespace tsunagi {
namespace {

struct PathElement {
  std::string key;
  long index = -1;  // >= 0 when the element is key[index]
};

bool split_path(const std::string& path, std::vector<PathElement>& out) {
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t dot = path.find('.', start);
    std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    PathElement e;
    const std::size_t br = part.find('[');
    if (br != std::string::npos) {
      if (part.back() != ']') return false;
      const std::string num = part.substr(br + 1, part.size() - br - 2);
      auto [p, ec] = std::from_chars(num.data(), num.data() + num.size(), e.index);
      if (ec != std::errc() || p != num.data() + num.size() || e.index < 0) return false;
      part.resize(br);
    }
    if (part.empty()) return false;
    e.key = std::move(part);
    out.push_back(std::move(e));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return !out.empty();
}

// The value as a one-key TOML document; anything that is not valid TOML becomes a string.
toml::table parse_value(const std::string& text) {
  try {
    toml::table t = toml::parse("v = " + text);
    if (t.size() == 1 && t.contains("v")) return t;
  } catch (const toml::parse_error&) {
  }
  return toml::table{{"v", text}};
}

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past
// U+10FFFF): TOML text must be, and an override becomes part of the resolved scenario.
bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    char32_t cp = 0, min = 0;
    if (c < 0x80)
      n = 0, cp = c;
    else if ((c & 0xE0) == 0xC0)
      n = 1, cp = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0)
      n = 2, cp = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0)
      n = 3, cp = c & 0x07, min = 0x10000;
    else
      return false;
    if (i + n >= s.size()) return false;  // a sequence cut short by the end
    for (std::size_t k = 1; k <= n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if (n > 0 && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) return false;
    i += n + 1;
  }
  return true;
}

}  // namespace

namespace {

/// Sets `path` (already split) to `value`, walking (and creating) the tables on the way;
/// problems are reported through `fail`.
template <class Fail>
void set_path(toml::table& root, const std::string& path, const std::vector<PathElement>& elems,
              const toml::node& value, Fail&& fail) {
  toml::table* t = &root;
  for (std::size_t i = 0; i + 1 < elems.size(); ++i) {
    const PathElement& e = elems[i];
    toml::node* n = t->get(e.key);
    if (!n) {
      if (e.index >= 0) return fail(path, "'" + e.key + "' is not in the scenario, so it cannot be indexed");
      t->insert(e.key, toml::table{});
      n = t->get(e.key);
    }
    if (e.index >= 0) {
      toml::array* a = n->as_array();
      if (!a || static_cast<std::size_t>(e.index) >= a->size() ||
          !a->get(static_cast<std::size_t>(e.index))->is_table())
        return fail(path, "'" + e.key + "[" + std::to_string(e.index) + "]' is not a table in the scenario");
      t = a->get(static_cast<std::size_t>(e.index))->as_table();
    } else if (!(t = n->as_table())) {
      return fail(path, "'" + e.key + "' holds a value, not a table, so it has no keys to set");
    }
  }
  const PathElement& last = elems.back();
  if (last.index >= 0)
    return fail(path, "the last element of a key path cannot be indexed; set the whole array instead");
  // Inserting a copy drops the source position (toml++ does not copy it), so
  // diagnostics about an overridden value name "--set" rather than a line of the file.
  t->insert_or_assign(last.key, value);
}

void override_failed(Diagnostics& diags, const std::string& key, std::string msg) {
  diags.add(Diagnostic{"--set", 0, 0, key, std::move(msg), {}});
}

bool split_or_fail(const std::string& path, std::vector<PathElement>& elems, Diagnostics& diags) {
  if (split_path(path, elems)) return true;
  override_failed(diags, path,
                  "found key path '" + path + "', expected dotted keys such as advisers.count or regions[0].name");
  return false;
}

}  // namespace

void apply_overrides(toml::table& root, const std::vector<std::string>& overrides, Diagnostics& diags) {
  auto fail = [&](const std::string& key, std::string msg) { override_failed(diags, key, std::move(msg)); };
  for (const std::string& o : overrides) {
    if (!valid_utf8(o)) {
      const std::string path = o.substr(0, o.find('='));
      const std::string shown = valid_utf8(path) ? path : "(not UTF-8)";
      fail(shown, "found bytes that are not UTF-8 in the override of '" + (valid_utf8(path) ? path : "") +
                      "'; expected UTF-8 text");
      continue;
    }
    const std::size_t eq = o.find('=');
    if (eq == std::string::npos) {
      fail(o, "found '" + o + "', expected key.path=value");
      continue;
    }
    const std::string path = o.substr(0, eq);
    std::vector<PathElement> elems;
    if (!split_or_fail(path, elems, diags)) continue;
    const toml::table parsed = parse_value(o.substr(eq + 1));
    set_path(root, path, elems, *parsed.get("v"), fail);
  }
}

void apply_overrides(toml::table& root, const std::vector<TypedOverride>& overrides, Diagnostics& diags) {
  auto fail = [&](const std::string& key, std::string msg) { override_failed(diags, key, std::move(msg)); };
  for (const TypedOverride& o : overrides) {
    std::vector<PathElement> elems;
    if (!split_or_fail(o.key, elems, diags)) continue;
    std::visit([&](const auto& v) { set_path(root, o.key, elems, toml::value(v), fail); }, o.value);
  }
}

TypedOverride number_override(std::string key, double value) {
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, value);
  const std::string_view text(buf, static_cast<std::size_t>(res.ptr - buf));
  const std::string_view digits = text.substr(!text.empty() && text[0] == '-' ? 1 : 0);
  const bool whole = !digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos;
  if (!whole) return {std::move(key), value};
  std::int64_t i = 0;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), i);
  if (ec != std::errc() || p != text.data() + text.size())
    return {std::move(key), std::string(text)};  // as TOML reads it: past int64, text
  return {std::move(key), i};
}

}  // namespace tsunagi
