// Every writer's file against output/schema.hpp: small files written through the real
// writers have exactly the root attributes their type declares, of the declared types, and
// the readers refuse a file of the wrong type or version, naming both.
#include "output/schema.hpp"

#include <gtest/gtest.h>
#include <hdf5.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "calibration/calibration_run.hpp"
#include "core/error.hpp"
#include "engine/ensemble.hpp"
#include "experiment/experiment_run.hpp"
#include "experiment/sweep_run.hpp"
#include "output/checkpoint_file.hpp"
#include "output/experiment_writer.hpp"
#include "output/file_header.hpp"
#include "output/h5_handle.hpp"
#include "output/hdf5_reader.hpp"
#include "output/hdf5_writer.hpp"
#include "output/sweep_writer.hpp"
#include "scenario/loader.hpp"
#include "test_support.hpp"

namespace tsunagi {
namespace {

const std::string kCreated = "2026-01-01T00:00:00Z";

std::string oita() { return test::source_path("scenarios/oita.toml"); }

std::string write_text(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

/// One file of every type, written once for all tests (each writer runs the engine).
struct Files {
  static std::map<schema::FileType, std::string>& paths() {
    static std::map<schema::FileType, std::string> p;
    return p;
  }
  static test::TempDir& dir() {
    static test::TempDir d;
    return d;
  }

  static void write_all() {
    if (!paths().empty()) return;
    const Scenario s = load_scenario(oita(), {"scenario.replicates=2"});
    CheckpointCapture capture;
    capture.date = Date::from_civil(2025, 4, 1);
    EnsembleOptions opt{2, 1};
    opt.capture = &capture;
    const ResultSet r = run_ensemble(s, opt);
    paths()[schema::FileType::kRun] = dir().file("run.h5");
    write_run_file(dir().file("run.h5"), s, r, RunMetadata{1, kCreated, ""});
    paths()[schema::FileType::kCheckpoint] = dir().file("checkpoint.h5");
    write_checkpoint_file(dir().file("checkpoint.h5"), s, r, capture, kCreated);

    const ExperimentSpec e =
        load_experiment(write_text(dir().file("e.toml"), "[experiment]\nname = \"e\"\nscenario = \"" + oita() +
                                                             "\"\n\n[[variant]]\nname = \"on_request\"\n"
                                                             "set = [\"advisers.strategy=on_request\"]\n"));
    const ExperimentPlan plan = plan_experiment(e, {"scenario.replicates=2"});
    const ExperimentResult er = run_experiment(plan, ExperimentRunOptions{0, 0, 1, nullptr, nullptr});
    paths()[schema::FileType::kExperiment] = dir().file("experiment.h5");
    write_experiment_file(dir().file("experiment.h5"), plan, er, ExperimentMetadata{1, 1, kCreated, "fixed"});

    const SweepSpec w =
        load_sweep(write_text(dir().file("w.toml"), "[sweep]\nname = \"w\"\nscenario = \"" + oita() +
                                                        "\"\ndesign = \"latin_hypercube\"\nsamples = 2\n\n"
                                                        "[[parameter]]\nkey = \"advisers.count\"\nmin = 2\n"
                                                        "max = 8\ninteger = true\n\n[[output]]\nname = \"cov\"\n"
                                                        "series = \"kikan_coverage\"\ndate = \"2027-04-01\"\n"));
    const SweepPlan sp = plan_sweep(w, {"scenario.replicates=1"});
    std::vector<PointRecord> records;
    for (std::size_t i = 0; i < sp.design.points; ++i) records.push_back(run_point(sp, i, 1, nullptr));
    paths()[schema::FileType::kSweep] = dir().file("sweep.h5");
    write_sweep_file(dir().file("sweep.h5"), sp, records, SweepMetadata{1, 1, kCreated});

    CalibrationSpec c;
    c.path = dir().file("c.toml");
    c.name = "c";
    c.replicates = 2;
    c.threads = 1;
    c.text = "[calibration]\nname = \"c\"\n";
    CalibrationTarget t;
    t.name = "oita:kikan_municipalities@2025-04-01";
    t.scenario = oita();
    t.series = "kikan_municipalities";
    t.date = Date::from_civil(2025, 4, 1);
    t.value = 12, t.sd = 1;
    t.source = "test";
    c.targets.push_back(t);
    CalibrationResult cr;
    cr.simulated_initial = {10.0}, cr.simulated = {11.0}, cr.cost_history = {4.0, 1.0};
    paths()[schema::FileType::kCalibration] = dir().file("calibration.h5");
    write_calibration_file(dir().file("calibration.h5"), c, cr);
  }
};

struct RootAttribute {
  H5T_class_t type_class;
  std::size_t size;
  H5T_sign_t sign;
  hssize_t elements;
};

std::map<std::string, RootAttribute> root_attributes(const std::string& path) {
  std::map<std::string, RootAttribute> out;
  h5::Handle f = h5::file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
  EXPECT_TRUE(static_cast<bool>(f)) << path;
  std::vector<std::string> names;
  hsize_t at = 0;
  H5Aiterate2(
      f.get(), H5_INDEX_NAME, H5_ITER_INC, &at,
      [](hid_t, const char* name, const H5A_info_t*, void* data) -> herr_t {
        static_cast<std::vector<std::string>*>(data)->push_back(name);
        return 0;
      },
      &names);
  for (const std::string& name : names) {
    h5::Handle a = h5::attribute(H5Aopen(f.get(), name.c_str(), H5P_DEFAULT));
    h5::Handle t = h5::datatype(H5Aget_type(a.get()));
    h5::Handle sp = h5::dataspace(H5Aget_space(a.get()));
    const H5T_class_t c = H5Tget_class(t.get());
    out[name] = RootAttribute{c, H5Tget_size(t.get()), c == H5T_INTEGER ? H5Tget_sign(t.get()) : H5T_SGN_ERROR,
                              H5Sget_simple_extent_npoints(sp.get())};
  }
  return out;
}

bool stored_as(const RootAttribute& a, schema::AttributeType t) {
  switch (t) {
    case schema::AttributeType::kString:
      return a.type_class == H5T_STRING;
    case schema::AttributeType::kInt32:
      return a.type_class == H5T_INTEGER && a.size == 4 && a.sign == H5T_SGN_2;
    case schema::AttributeType::kInt64:
      return a.type_class == H5T_INTEGER && a.size == 8 && a.sign == H5T_SGN_2;
    case schema::AttributeType::kUInt64:
      return a.type_class == H5T_INTEGER && a.size == 8 && a.sign == H5T_SGN_NONE;
  }
  return false;
}

class SchemaTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { Files::write_all(); }
  static const std::string& path(schema::FileType t) { return Files::paths().at(t); }
};

TEST(Schema, EveryFileTypeIsDeclaredOnceWithTheCommonAttributes) {
  std::set<std::string> names;
  for (const auto& t : schema::file_types()) {
    EXPECT_TRUE(names.insert(t.name).second) << t.name;
    EXPECT_EQ(&schema::info(t.type), &t);
    EXPECT_EQ(schema::find(t.name), &t);
    // Version 1 is what the files were written with before the types had their own; the
    // calibration file is at 2 since it holds both covariances and the identification flags.
    EXPECT_EQ(t.version, t.type == schema::FileType::kCalibration ? 2 : 1) << t.name;
    std::set<std::string> attrs;
    for (const auto& a : schema::required_attributes(t.type))
      EXPECT_TRUE(attrs.insert(a.name).second) << t.name << " " << a.name;
  }
  EXPECT_EQ(names.size(), 5u);
  EXPECT_EQ(schema::find("movie"), nullptr);
  std::vector<std::string> common;
  for (const auto& a : schema::common_attributes()) common.push_back(a.name);
  EXPECT_EQ(common, (std::vector<std::string>{"schema", "schema_version", "file_type", "tsunagi_version", "git_commit",
                                              "created", "seed", "replicates", "threads"}));
}

TEST(Schema, WriteHeaderRefusesAttributesOutOfStepWithTheDeclaration) {
  test::TempDir dir;
  const Provenance p{kCreated, 1, 1, 1};
  auto header = [&](std::initializer_list<HeaderAttribute> own) {
    H5FileWriter w(dir.file("h.h5"));
    write_header(w, schema::FileType::kCalibration, p, own);
  };
  EXPECT_NO_THROW(header({{"calibration_toml", std::string("x")}}));
  EXPECT_THROW(header({}), std::logic_error);                                                      // missing
  EXPECT_THROW(header({{"calibration_tom", std::string("x")}}), std::logic_error);                 // misspelt
  EXPECT_THROW(header({{"calibration_toml", 1}}), std::logic_error);                               // wrong type
  EXPECT_THROW(header({{"calibration_toml", std::string("x")}, {"extra", 1}}), std::logic_error);  // undeclared
}

TEST_F(SchemaTest, EveryWritersFileHasExactlyTheRootAttributesOfItsType) {
  for (const auto& t : schema::file_types()) {
    SCOPED_TRACE(t.name);
    std::map<std::string, RootAttribute> found = root_attributes(path(t.type));
    for (const auto& a : schema::required_attributes(t.type)) {
      const auto it = found.find(a.name);
      if (it == found.end()) {
        ADD_FAILURE() << "missing root attribute " << a.name;
        continue;
      }
      EXPECT_TRUE(stored_as(it->second, a.type)) << a.name << " is not stored as " << schema::type_name(a.type);
      EXPECT_EQ(it->second.elements, 1) << a.name << " is not scalar";
      found.erase(it);
    }
    for (const auto& a : t.optional) {  // may be absent; when present, of its type and scalar
      const auto it = found.find(a.name);
      if (it == found.end()) continue;
      EXPECT_TRUE(stored_as(it->second, a.type)) << a.name << " is not stored as " << schema::type_name(a.type);
      EXPECT_EQ(it->second.elements, 1) << a.name << " is not scalar";
      found.erase(it);
    }
    for (const auto& [name, _] : found)
      ADD_FAILURE() << "root attribute " << name << " is not declared in output/schema.cpp";
  }
}

TEST_F(SchemaTest, EveryFileReadsBackAsItsType) {
  for (const auto& t : schema::file_types()) EXPECT_EQ(read_file_type(path(t.type)), t.name);
  EXPECT_EQ(read_run_summary(path(schema::FileType::kRun), {}).replicates, 2);
  EXPECT_EQ(read_experiment_summary(path(schema::FileType::kExperiment), {}).variants.size(), 2u);
  EXPECT_EQ(read_sweep_summary(path(schema::FileType::kSweep)).points, 2u);
  EXPECT_EQ(read_checkpoint_file(path(schema::FileType::kCheckpoint)).states.size(), 2u);
}

std::string refusal(const std::function<void()>& read) {
  try {
    read();
  } catch (const InputError& e) {
    return e.diagnostics()[0].file + ": " + e.diagnostics()[0].message;
  }
  return "not refused";
}

TEST_F(SchemaTest, ReadersRefuseAFileOfTheWrongTypeNamingBoth) {
  const std::string experiment = path(schema::FileType::kExperiment);
  EXPECT_EQ(refusal([&] { read_run_summary(experiment, {}); }),
            experiment + ": file_type is \"experiment\" (schema_version 1), expected \"run\" (schema_version 1)");
  const std::string run = path(schema::FileType::kRun);
  EXPECT_EQ(refusal([&] { read_sweep_summary(run); }),
            run + ": file_type is \"run\" (schema_version 1), expected \"sweep\" (schema_version 1)");
  const std::string calibration = path(schema::FileType::kCalibration);
  EXPECT_EQ(refusal([&] { read_checkpoint_file(calibration); }),
            calibration +
                ": file_type is \"calibration\" (schema_version 2), expected \"checkpoint\" (schema_version 1) "
                "(written by tsunagi run --checkpoint)");
}

/// A copy of `from` with one root attribute replaced.
template <class Write>
std::string edited(const std::string& from, const std::string& to, const char* name, Write write) {
  std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
  h5::Handle f = h5::file(H5Fopen(to.c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
  H5Adelete(f.get(), name);
  write(f.get());
  return to;
}

TEST_F(SchemaTest, ReadersRefuseANewerVersionAndAnUnknownType) {
  const std::string newer =
      edited(path(schema::FileType::kRun), Files::dir().file("newer.h5"), "schema_version", [](hid_t f) {
        h5::Handle sp = h5::dataspace(H5Screate(H5S_SCALAR));
        h5::Handle a =
            h5::attribute(H5Acreate2(f, "schema_version", H5T_NATIVE_INT, sp.get(), H5P_DEFAULT, H5P_DEFAULT));
        const int two = 2;
        H5Awrite(a.get(), H5T_NATIVE_INT, &two);
      });
  EXPECT_EQ(refusal([&] { read_run_summary(newer, {}); }),
            newer + ": schema_version is 2, this tsunagi reads version 1 of file_type \"run\"");
  EXPECT_EQ(refusal([&] { read_file_type(newer); }),
            newer + ": schema_version is 2, this tsunagi reads version 1 of file_type \"run\"");

  const std::string odd = edited(path(schema::FileType::kRun), Files::dir().file("odd.h5"), "file_type", [](hid_t f) {
    h5::Handle t = h5::utf8_string_type();
    h5::Handle sp = h5::dataspace(H5Screate(H5S_SCALAR));
    h5::Handle a = h5::attribute(H5Acreate2(f, "file_type", t.get(), sp.get(), H5P_DEFAULT, H5P_DEFAULT));
    const char* movie = "movie";
    H5Awrite(a.get(), t.get(), &movie);
  });
  const std::string message = refusal([&] { read_file_type(odd); });
  EXPECT_EQ(message.rfind(
                odd + ": file_type is \"movie\" (schema_version 1), expected one of \"run\" (schema_version 1), ", 0),
            0u)
      << message;

  // A version-1 file written before file_type existed is a run.
  const std::string legacy =
      edited(path(schema::FileType::kRun), Files::dir().file("legacy.h5"), "file_type", [](hid_t) {});
  EXPECT_EQ(read_file_type(legacy), "run");
  EXPECT_EQ(read_run_summary(legacy, {}).replicates, 2);
}

}  // namespace
}  // namespace tsunagi
