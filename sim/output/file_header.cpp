#include "output/file_header.hpp"

#include <ctime>
#include <stdexcept>
#include <string_view>

#include "core/version.hpp"

namespace tsunagi {

void write_header(H5FileWriter& w, schema::FileType type, const Provenance& p,
                  std::initializer_list<HeaderAttribute> own) {
  const schema::FileTypeInfo& t = schema::info(type);
  const hid_t root = w.root();
  w.attr(root, "schema", std::string(schema::kName));
  w.attr(root, "schema_version", t.version, H5T_NATIVE_INT);
  w.attr(root, "file_type", std::string(t.name));
  w.attr(root, "tsunagi_version", std::string(version()));
  w.attr(root, "git_commit", std::string(git_commit()));
  w.attr(root, "created", p.created);
  w.attr(root, "seed", static_cast<unsigned long long>(p.seed), H5T_NATIVE_ULLONG);
  w.attr(root, "replicates", p.replicates, H5T_NATIVE_INT);
  w.attr(root, "threads", p.threads, H5T_NATIVE_INT);

  const std::string where = std::string("write_header(") + t.name + "): ";
  if (own.size() != t.attributes.size())
    throw std::logic_error(where + std::to_string(own.size()) + " attributes given, the schema declares " +
                           std::to_string(t.attributes.size()));
  std::size_t i = 0;
  for (const HeaderAttribute& a : own) {
    const schema::Attribute& declared = t.attributes[i++];
    const schema::AttributeType given = a.value.index() == 0   ? schema::AttributeType::kString
                                        : a.value.index() == 1 ? schema::AttributeType::kInt32
                                                               : schema::AttributeType::kInt64;
    if (std::string_view(a.name) != declared.name || given != declared.type)
      throw std::logic_error(where + "attribute " + a.name + " (" + schema::type_name(given) +
                             ") given where the schema declares " + declared.name + " (" +
                             schema::type_name(declared.type) + ")");
    if (const auto* s = std::get_if<std::string>(&a.value))
      w.attr(root, a.name, *s);
    else if (const auto* n = std::get_if<int>(&a.value))
      w.attr(root, a.name, *n, H5T_NATIVE_INT);
    else
      w.attr(root, a.name, std::get<long long>(a.value), H5T_NATIVE_LLONG);
  }
}

std::string utc_timestamp() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace tsunagi
