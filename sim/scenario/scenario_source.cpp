#include "scenario/scenario_source.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "core/error.hpp"
#include "scenario/loader.hpp"

namespace tsunagi {

/// The files a scenario names, each read from disk on first request and held from then on.
class ScenarioSource::Files final : public ScenarioFiles {
 public:
  std::optional<std::string> text(const std::string& path) const override {
    std::lock_guard lock(mutex_);
    auto it = held_.find(path);
    if (it == held_.end()) {
      it = held_.emplace(path, read_text_file(path)).first;
      if (it->second) order_.push_back(path);
    }
    return it->second;
  }
  std::vector<std::string> order() const {
    std::lock_guard lock(mutex_);
    return order_;
  }

 private:
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::optional<std::string>> held_;
  mutable std::vector<std::string> order_;
};

std::optional<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

ScenarioSource::ScenarioSource(std::string text, std::string display_path, std::string base_dir)
    : text_(std::move(text)),
      display_path_(std::move(display_path)),
      base_dir_(std::move(base_dir)),
      files_(std::make_shared<const Files>()) {
  request_named_files(text_, display_path_, base_dir_, *files_);
}

ScenarioSource ScenarioSource::read(const std::string& path) {
  std::optional<std::string> text = read_text_file(path);
  if (!text) throw InputError({Diagnostic{path, 0, 0, "", "cannot open the scenario file", {}}});
  const std::string dir = std::filesystem::path(path).parent_path().string();
  return ScenarioSource(std::move(*text), path, dir.empty() ? "." : dir);
}

ScenarioSource ScenarioSource::from_text(std::string text, std::string display_path, std::string base_dir) {
  return ScenarioSource(std::move(text), std::move(display_path), std::move(base_dir));
}

Scenario ScenarioSource::resolve(const std::vector<std::string>& overrides,
                                 const std::vector<TypedOverride>& typed) const {
  return resolve_scenario(text_, display_path_, base_dir_, *files_, overrides, typed);
}

std::vector<std::string> ScenarioSource::held_files() const { return files_->order(); }

}  // namespace tsunagi
