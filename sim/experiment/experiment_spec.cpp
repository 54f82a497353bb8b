#include "experiment/experiment_spec.hpp"

#include <filesystem>
#include <set>

#include "experiment/spec_file.hpp"
#include "scenario/table_reader.hpp"

namespace tsunagi {

ExperimentSpec load_experiment(const std::string& path) {
  ExperimentSpec e;
  e.path = path;
  Diagnostics diags;
  SpecFile file = read_spec_file(path, "experiment", diags);
  e.text = file.text;
  TableReader root(&file.doc, "", path, diags, nullptr);
  TableReader t = root.table("experiment");
  if (!t.present()) root.error("experiment", "missing [experiment] table; expected name and scenario");
  e.name = t.string("name", std::filesystem::path(path).stem().string());
  e.title = t.string("title", e.name);
  e.scenario = scenario_path(t, file.dir, path);
  if (t.has("replicates")) e.replicates = static_cast<int>(t.integer("replicates", 1, Range::between(1, 1000000)));
  t.accept("replicates"), t.accept("seed");  // optional, and listed in unknown-key hints
  if (t.has("seed")) e.seed = static_cast<std::uint64_t>(t.integer("seed", 0, Range::non_negative()));
  e.municipal_series =
      t.has("municipal_series") ? t.strings("municipal_series") : std::vector<std::string>{"kikan_stage"};
  t.accept("municipal_series"), t.accept("branch_from"), t.accept("category_series");
  if (t.has("category_series")) e.category_series = t.strings("category_series"), e.category_series_line = t.line();
  if (t.has("branch_from")) {
    const std::string b = t.string("branch_from", "");
    e.branch_from = (file.dir / b).string();
    if (!is_file(e.branch_from))
      t.error("branch_from",
              "found \"" + b + "\", which is not a file; expected a checkpoint written by tsunagi run --checkpoint");
  }
  const std::string baseline = t.string("baseline", "baseline");
  check_identifier(t, "baseline", baseline);
  t.finish();

  e.variants.push_back(VariantSpec{baseline, "baseline: " + e.name, {}, {}, t.line()});
  std::set<std::string> names{baseline};
  for (TableReader& v : root.tables("variant")) {
    VariantSpec x;
    x.line = v.line();
    x.name = v.string_required("name").value_or("");
    if (!v.has("name")) v.error("name", "missing, expected the variant's name, e.g. \"on_request\"");
    check_identifier(v, "name", x.name);
    if (!x.name.empty() && !names.insert(x.name).second)
      v.error("name", "found \"" + x.name + "\" a second time; expected a name no other variant (or the baseline) has");
    x.title = v.string("title", x.name);
    x.overrides = v.strings("set");
    if (v.has("scenario")) {
      x.scenario = scenario_path(v, file.dir, path);
    } else {
      v.accept("scenario");  // optional, and listed in unknown-key hints
      if (!v.has("set"))
        v.error("set",
                "missing, expected the overrides that make this variant, e.g. [\"advisers.count=7\"], or a scenario "
                "file of its own (scenario = \"other.toml\")");
    }
    v.finish();
    e.variants.push_back(std::move(x));
  }
  root.finish();
  if (e.variants.size() < 2) root.error("variant", "no [[variant]] entries; expected at least one variant to compare");
  diags.throw_if_any();
  return e;
}

}  // namespace tsunagi
