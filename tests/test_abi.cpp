// The plugin ABI: frozen layouts, the loader's refusals, error propagation
// from misbehaving plugins, lifetimes, and the single exported symbol.
#include "analyze/analysis.h"
#include "plugin/plugin_instances.h"
#include "plugin/plugin_registry.h"

#include <catch2/catch.hpp>

#include "plugins/abi_layout.h"
#include "store_rows.h"
#include "test_support.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

using geneft::PluginKind;
using geneft::PluginRegistry;

// Released structs never change: these layouts are part of ABI 1.
static_assert(sizeof(geneft_version) == 12);
static_assert(offsetof(geneft_relation_info, n) == 4);
static_assert(offsetof(geneft_relation_info, description_bits) == 16);
static_assert(sizeof(geneft_relation_info) == 32);
static_assert(offsetof(geneft_param_spec, default_value) == 16);
static_assert(sizeof(geneft_param_spec) == 32);
static_assert(offsetof(geneft_plugin_descriptor, params) == 32);
static_assert(sizeof(geneft_plugin_descriptor) == 48);
static_assert(offsetof(geneft_host, set_error) == 32);
static_assert(sizeof(geneft_host) == 96);
static_assert(offsetof(geneft_relation, get_info) == 16);
static_assert(sizeof(geneft_relation) == 48);
static_assert(sizeof(geneft_decoder_mode) == 48);
static_assert(sizeof(geneft_analyzer) == 48);
static_assert(offsetof(geneft_run_view, first_train_step) == 112);
static_assert(offsetof(geneft_run_view, host) == 136);  // ABI 1.1 ended here
static_assert(sizeof(geneft_run_view) == 160);
static_assert(sizeof(geneft_plugin_entry) == 40);

namespace {

const std::filesystem::path kTestPlugins = GENEFT_TEST_PLUGIN_DIR;
const std::filesystem::path kBuiltinPlugins = GENEFT_BINARY_DIR "/lib/geneft/plugins";

std::string LoadError(const std::string& file) {
  PluginRegistry registry;
  std::string err;
  const bool ok = registry.LoadLibrary(kTestPlugins / file, &err);
  return ok ? "loaded" : err;
}

std::string ExportedSymbols(const std::filesystem::path& library) {
  const std::string command = "nm -D --defined-only '" + library.string() + "' 2>&1";
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buf[512];
    // AddressSanitizer exports an ODR indicator (__odr_asan.NAME) beside each
    // exported variable of a library built without our version script (the
    // frozen ABI 1.1 plugin); it is the sanitizer's, not the plugin's.
    while (fgets(buf, sizeof buf, pipe) != nullptr)
      if (std::strstr(buf, " __odr_asan.") == nullptr) out += buf;
    pclose(pipe);
  }
  return out;
}

PluginRegistry FailingRegistry() {
  PluginRegistry registry;
  std::string err;
  REQUIRE(registry.LoadLibrary(kTestPlugins / "libgeneft_test_failing.so", &err));
  return registry;
}

}  // namespace

TEST_CASE("the loader refuses another ABI major, naming both versions") {
  const std::string err = LoadError("libgeneft_test_abi_wrong_major.so");
  CHECK_THAT(err, Catch::Contains("libgeneft_test_abi_wrong_major.so"));
  CHECK_THAT(err, Catch::Contains("ABI 2.0.0"));
  CHECK_THAT(err, Catch::Contains("ABI 1.2.0"));
  CHECK_THAT(err, Catch::Contains("major"));
}

TEST_CASE("the loader refuses a plugin built for a newer minor") {
  const std::string err = LoadError("libgeneft_test_abi_newer_minor.so");
  CHECK_THAT(err, Catch::Contains("ABI 1.99.0"));
  CHECK_THAT(err, Catch::Contains("newer"));
}

TEST_CASE("the loader accepts a plugin of the same major and an older or equal minor") {
  CHECK(LoadError("libgeneft_test_abi_older_minor.so") == "loaded");
  std::string why;
  CHECK(geneft::IsAbiCompatible({1, 0, 7}, {1, 3, 0}, &why));
  CHECK_FALSE(geneft::IsAbiCompatible({1, 4, 0}, {1, 3, 0}, &why));
  CHECK_FALSE(geneft::IsAbiCompatible({0, 3, 0}, {1, 3, 0}, &why));
}

TEST_CASE("the loader refuses a library without the entry symbol") {
  CHECK(LoadError("libgeneft_test_no_entry.so") ==
        "no entry point [geneft_entry] in plugin [" +
            (kTestPlugins / "libgeneft_test_no_entry.so").string() + "]");
}

TEST_CASE("the loader refuses a file that is no library at all") {
  const std::string err = LoadError("does_not_exist.so");
  CHECK_THAT(err, Catch::StartsWith("unable to open plugin ["));
}

TEST_CASE("init() refusing to load is reported with the plugin's own message") {
  const std::string err = LoadError("libgeneft_test_init_fails.so");
  CHECK_THAT(err, Catch::Contains("error during initialization"));
  CHECK_THAT(err, Catch::Contains("license file missing"));
}

TEST_CASE("duplicate plugin ids are refused, naming both files") {
  PluginRegistry registry;
  std::string err;
  REQUIRE(registry.LoadLibrary(kTestPlugins / "duplicate_a/libgeneft_test_duplicate_a.so", &err));
  CHECK_FALSE(
      registry.LoadLibrary(kTestPlugins / "duplicate_b/libgeneft_test_duplicate_b.so", &err));
  CHECK_THAT(err, Catch::Contains("duplicate plugin id relation.twin"));
  CHECK_THAT(err, Catch::Contains("duplicate_a"));
  CHECK_THAT(err, Catch::Contains("duplicate_b"));
  CHECK(registry.plugins().size() == 1);
}

TEST_CASE("exceptions and error statuses cross the boundary as messages") {
  PluginRegistry registry = FailingRegistry();
  std::string err;

  SECTION("a std::exception in the constructor") {
    CHECK(registry.CreateRelation("throws_on_create", "", &err) == nullptr);
    CHECK(err == "relation.throws_on_create: cannot build");
  }
  SECTION("a geneft::sdk::Error while reading labels keeps its status") {
    CHECK(registry.CreateRelation("throws_on_labels", "", &err) == nullptr);
    CHECK_THAT(err, Catch::Contains("get_labels failed (internal error): labels file vanished"));
  }
  SECTION("labels outside the declared classes are refused by the host") {
    CHECK(registry.CreateRelation("out_of_range_labels", "", &err) == nullptr);
    CHECK_THAT(err, Catch::Contains("outside 0..1"));
  }
  SECTION("a non-exception throw becomes an internal error") {
    auto mode = registry.CreateDecoderMode("throws_int", "", &err);
    REQUIRE(mode != nullptr);
    float e[2] = {0, 0}, out[4];
    CHECK_FALSE(mode->Forward(2, 1, e, e, out, &err));
    CHECK_THAT(err, Catch::Contains("unknown exception in plugin"));
  }
  SECTION("an analyzer's failure names the analyzer and keeps its message") {
    auto analyzer = registry.CreateAnalyzer("failing_analyzer", "", &err);
    REQUIRE(analyzer != nullptr);
    geneft_run_view view{};
    view.struct_size = sizeof view;
    geneft::AnalysisResults results;
    CHECK_FALSE(geneft::AnalyzeRun(*analyzer, view, &results, &err));
    CHECK(err ==
          "analyzer.failing_analyzer: analyze_run failed (invalid argument): run view has no "
          "predictions");
  }
  SECTION("a NaN result is stored with a warning; a result name given twice fails the stage") {
    geneft_run_view view{};
    view.struct_size = sizeof view;
    auto nan = registry.CreateAnalyzer("sloppy_analyzer", "", &err);
    REQUIRE(nan != nullptr);
    geneft::AnalysisResults results;
    CHECK(geneft::AnalyzeRun(*nan, view, &results, &err));
    CHECK(std::isnan(results.Scalar("sloppy_analyzer.ratio")));
    CHECK(results.warnings ==
          std::vector<std::string>{"analyzer.sloppy_analyzer: result 'ratio' is nan"});
    auto twice = registry.CreateAnalyzer("sloppy_analyzer", "twice = 1", &err);
    REQUIRE(twice != nullptr);
    CHECK_FALSE(geneft::AnalyzeRun(*twice, view, &results, &err));
    CHECK_THAT(err, Catch::Contains("result 'ratio': refused: a result name is made of [a-z0-9_.] "
                                    "and given once per stage"));
  }
  SECTION("an analyzer's 'not available' is a note with its message, not a failure") {
    auto analyzer = registry.CreateAnalyzer("failing_analyzer", "not_available = 1", &err);
    REQUIRE(analyzer != nullptr);
    geneft_run_view view{};
    view.struct_size = sizeof view;
    geneft::AnalysisResults results;
    CHECK(geneft::AnalyzeRun(*analyzer, view, &results, &err));
    REQUIRE(results.notes.size() == 1);
    CHECK(results.notes[0] == "analyzer.failing_analyzer: analyze_run: not available: bound not "
                              "available for this relation");
    REQUIRE(results.Text("failing_analyzer.not_available") != nullptr);
    CHECK(*results.Text("failing_analyzer.not_available") == "bound not available for this relation");
  }
}

TEST_CASE("parameters are checked against the plugin's schema before create") {
  PluginRegistry registry = FailingRegistry();
  std::string err;
  CHECK(registry.CreateRelation("throws_on_labels", "m = 3", &err) == nullptr);
  CHECK_THAT(err, Catch::Contains("unknown key 'm', did you mean 'n'?"));
  CHECK(registry.CreateRelation("throws_on_labels", "n = \"four\"", &err) == nullptr);
  CHECK_THAT(err, Catch::Contains("key 'n' is string, expected an integer"));
  CHECK(registry.CreateRelation("throws_on_labelz", "", &err) == nullptr);
  CHECK(err == "unknown relation plugin 'throws_on_labelz', did you mean 'throws_on_labels'?");
}

TEST_CASE("an instance keeps its library loaded after the registry is gone") {
  std::unique_ptr<geneft::Relation> relation;
  {
    PluginRegistry registry;
    std::string err;
    REQUIRE(registry.LoadLibrary(kTestPlugins / "libgeneft_test_abi_older_minor.so", &err));
    relation = registry.CreateRelation("minimal", "", &err);
    REQUIRE(relation != nullptr);
  }
  CHECK(relation->n() == 3);
  CHECK(relation->labels().size() == 9);
  relation.reset();  // calls destroy() inside the library: must not crash
}

TEST_CASE("a plugin built against the frozen ABI 1.1 header loads and works unchanged") {
  PluginRegistry registry;
  std::string err;
  REQUIRE(registry.LoadLibrary(kTestPlugins / "libgeneft_test_abi_1_1.so", &err));
  CHECK(registry.plugins().size() == 2);

  auto relation = registry.CreateRelation("frozen_parity", "n = 5", &err);
  INFO(err);
  REQUIRE(relation != nullptr);
  REQUIRE(relation->n() == 5);
  CHECK(relation->labels()[0 * 5 + 2] == 1);
  CHECK(relation->labels()[1 * 5 + 2] == 0);
  CHECK(relation->labels()[4 * 5 + 4] == 1);
  CHECK(relation->element_names().back() == "e4");

  auto analyzer = registry.CreateAnalyzer("frozen_steps", "scale = 2.0", &err);
  REQUIRE(analyzer != nullptr);
  const double loss[] = {0.7, 0.25};
  geneft_run_view view{};
  view.struct_size = sizeof view;
  view.steps_done = 120;
  view.trajectory_length = 2;
  view.trajectory_loss = loss;
  geneft::AnalysisResults results;
  REQUIRE(geneft::AnalyzeRun(*analyzer, view, &results, &err));
  CHECK(results.Scalar("frozen_steps.steps_done") == 240.0);
  CHECK(results.Scalar("frozen_steps.final_loss") == 0.25);
}

TEST_CASE("a study stores the results of a 1.1 analyzer handed the grown 1.2 run view") {
  // The view a 1.1 analyzer gets is ABI 1.2's, longer than the struct it
  // was built against; it reads its known fields where they always were.
  static_assert(sizeof(geneft_run_view) > offsetof(geneft_run_view, host));
  const std::filesystem::path dir = geneft::testing::ScratchFolder("abi_1_1_study");
  const std::filesystem::path study = dir / "frozen.toml";
  geneft::testing::WriteFile(study, "[study]\nname = \"frozen\"\n"
                                    "[relation]\nplugin = \"frozen_parity\"\nn = 6\n"
                                    "[train]\nsteps = 40\neval_every = 20\n"
                                    "[[analyzer]]\nplugin = \"frozen_steps\"\nscale = 2.0\n");
  const auto run = geneft::testing::RunGeneft("run " + study.string() + " --quiet --plugin-path " +
                                              kTestPlugins.string());
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  const auto rows = geneft::testing::Query(
      dir / "frozen.db",
      "SELECT r.name, r.number = 2 * runs.steps_done OR r.name <> 'frozen_steps.steps_done', "
      "r.number = runs.final_loss OR r.name <> 'frozen_steps.final_loss' "
      "FROM results r JOIN runs USING(run_hash) WHERE r.name LIKE 'frozen_steps.%' ORDER BY r.name");
  CHECK(rows == std::vector<std::string>{"frozen_steps.final_loss|1|1",
                                         "frozen_steps.steps_done|1|1"});
}

TEST_CASE("a C++ plugin that writes geneft_entry by hand, without extern \"C\", loads") {
  PluginRegistry registry;
  std::string err;
  REQUIRE(registry.LoadLibrary(kTestPlugins / "libgeneft_test_hand_entry.so", &err));
  auto relation = registry.CreateRelation("hand_written", "", &err);
  INFO(err);
  REQUIRE(relation != nullptr);
  CHECK(relation->n() == 5);
  CHECK(relation->labels()[2 * 5 + 2] == 1);
  CHECK(relation->labels()[2 * 5 + 3] == 0);
}

TEST_CASE("a relation reporting more than GENEFT_MAX_ELEMENTS is refused before its labels") {
  PluginRegistry registry;
  std::string err;
  REQUIRE(registry.LoadLibrary(kTestPlugins / "libgeneft_test_too_many_elements.so", &err));
  CHECK(registry.CreateRelation("minimal", "", &err) == nullptr);
  CHECK(err == "relation.minimal: the relation has n = " +
                   std::to_string(GENEFT_MAX_ELEMENTS + 1) +
                   " elements; at most GENEFT_MAX_ELEMENTS = " +
                   std::to_string(GENEFT_MAX_ELEMENTS));
}

TEST_CASE("every plugin library exports exactly one symbol, geneft_entry") {
  int builtin = 0, checked = 0;
  for (const auto& dir : {kBuiltinPlugins, kTestPlugins}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
      if (entry.path().extension() != ".so" || entry.path().filename() == "libgeneft_test_no_entry.so")
        continue;
      INFO(entry.path().string());
      const std::string symbols = ExportedSymbols(entry.path());
      CHECK_THAT(symbols, Catch::EndsWith(" geneft_entry\n"));
      CHECK(std::count(symbols.begin(), symbols.end(), '\n') == 1);
      ++checked;
      builtin += dir == kBuiltinPlugins;
    }
  }
  CHECK(builtin >= 4);  // three relations and the decoder modes, at least
  CHECK(checked >= builtin + 7);
}
