#include "experiment/sweep_journal.hpp"

#include <unistd.h>

#include <cerrno>
#include <cinttypes>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/error.hpp"

namespace tsunagi {
namespace {

constexpr const char* kMagic = "tsunagi-sweep-journal 1 ";

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {  // whitespace splits the line's words
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::strtol(s.substr(i + 1, 2).c_str(), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

void put_numbers(std::string& out, const std::vector<double>& v) {
  out += ' ' + std::to_string(v.size());
  char buf[40];
  for (double x : v) {
    std::snprintf(buf, sizeof buf, " %a", x);
    out += buf;
  }
}

bool get_numbers(std::istringstream& in, std::vector<double>& v) {
  std::size_t n = 0;
  if (!(in >> n) || n > (1u << 30)) return false;
  v.resize(n);
  std::string word;
  for (std::size_t i = 0; i < n; ++i) {
    if (!(in >> word)) return false;
    char* end = nullptr;
    v[i] = std::strtod(word.c_str(), &end);
    if (*end != '\0') return false;
  }
  return true;
}

}  // namespace

std::string content_hash(const std::string& text) {
  std::uint64_t h = 14695981039346656037ull;  // FNV offset basis
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016" PRIx64, h);
  return buf;
}

std::string encode_point(const PointRecord& r) {
  std::string out = "point " + std::to_string(r.point) + ' ' + r.config_hash;
  if (r.ok) {
    out += " ok";
    put_numbers(out, r.outputs);
    put_numbers(out, r.series);
  } else {
    out += " failed " + escape(r.error.empty() ? "unknown error" : r.error);
  }
  return out + " end\n";
}

bool decode_point(const std::string& line, PointRecord& r) {
  std::istringstream in(line);
  std::string word, status;
  if (!(in >> word) || word != "point" || !(in >> r.point >> r.config_hash >> status)) return false;
  if (status == "ok") {
    r.ok = true;
    if (!get_numbers(in, r.outputs) || !get_numbers(in, r.series)) return false;
  } else if (status == "failed") {
    r.ok = false;
    if (!(in >> word)) return false;
    r.error = unescape(word);
  } else {
    return false;
  }
  return (in >> word) && word == "end" && !(in >> word);
}

SweepJournal::SweepJournal(std::string path, const std::string& sweep_hash) : path_(std::move(path)) {
  const std::string header = kMagic + sweep_hash;
  bool exists = false;
  {
    std::ifstream in(path_, std::ios::binary);
    std::string line;
    // A journal without a whole first line was cut off while it was being created (a kill,
    // a full disk): it holds nothing and is started afresh.
    if (in && std::getline(in, line) && !in.eof()) {
      exists = true;
      if (line != header)
        throw InputError({Diagnostic{path_, 1, 0, "",
                                     "this journal was left by a different sweep (or another version of "
                                     "tsunagi): found \"" +
                                         line + "\", expected \"" + header + "\"",
                                     "remove it to start the sweep afresh, or run the sweep that left it"}});
      // Only complete lines count: a kill can cut the last one short.
      std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      std::size_t start = 0;
      for (std::size_t nl; (nl = content.find('\n', start)) != std::string::npos; start = nl + 1) {
        PointRecord r;
        if (decode_point(content.substr(start, nl - start), r)) records_[r.point] = std::move(r);
      }
      if (start < content.size()) {
        // Drop the cut line so that new lines start cleanly.
        if (::truncate(path_.c_str(), static_cast<off_t>(header.size() + 1 + start)) != 0)
          throw IoError(path_ + ": cannot truncate the journal's incomplete last line: " + std::strerror(errno));
      }
    }
  }
  file_ = std::fopen(path_.c_str(), exists ? "ab" : "wb");
  if (!file_) throw IoError(path_ + ": cannot write the sweep journal: " + std::strerror(errno));
  if (!exists && (std::fputs((header + "\n").c_str(), file_) < 0 || std::fflush(file_) != 0))
    throw IoError(path_ + ": cannot write the sweep journal: " + std::strerror(errno));
}

SweepJournal::~SweepJournal() {
  if (file_) std::fclose(file_);
}

void SweepJournal::append(const PointRecord& r) {
  const std::string line = encode_point(r);
  if (std::fwrite(line.data(), 1, line.size(), file_) != line.size() || std::fflush(file_) != 0 ||
      ::fsync(fileno(file_)) != 0)
    throw IoError(path_ + ": cannot append to the sweep journal: " + std::strerror(errno));
  records_[r.point] = r;
}

void SweepJournal::remove() {
  if (file_) std::fclose(file_), file_ = nullptr;
  std::remove(path_.c_str());
}

}  // namespace tsunagi
