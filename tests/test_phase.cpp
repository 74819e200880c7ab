// Table IV (GenEFT Appendix B) on hand-made first passages and
// trajectories: every phase, and the edge cases the table leaves open.
#include "analyze/analysis.h"
#include "phase_rule.h"
#include "plugin/plugin_registry.h"

#include "test_support.h"

#include <catch2/catch.hpp>

using geneft::phase::Classify;
using geneft::phase::Phase;
using geneft::phase::PhaseRule;

namespace {

Phase Of(int64_t train, int64_t test, bool diverged = false) {
  bool test_only = false;
  return Classify(PhaseRule{}, train, test, diverged, &test_only);
}

}  // namespace

TEST_CASE("Table IV: the four phases with B = 1e5 and T = 1e3") {
  CHECK(Of(300, 400) == Phase::kGeneralization);     // both, gap 100 < 1e3
  CHECK(Of(300, 50000) == Phase::kGrokking);         // both, gap >= 1e3
  CHECK(Of(300, -1) == Phase::kMemorization);        // train only
  CHECK(Of(-1, -1) == Phase::kConfusion);            // neither
  CHECK(Of(300, 400, true) == Phase::kDiverged);     // NaN beats everything
}

TEST_CASE("Table IV edge cases, as documented in phase_rule.h") {
  CHECK(Of(1000, 1999) == Phase::kGeneralization);  // gap T - 1
  CHECK(Of(1000, 2000) == Phase::kGrokking);        // gap exactly T
  CHECK(Of(500, 200) == Phase::kGeneralization);    // test before train
  bool test_only = false;
  CHECK(Classify(PhaseRule{}, -1, 700, false, &test_only) == Phase::kConfusion);
  CHECK(test_only);
  // Passages after the budget count as never.
  CHECK(Of(100000, 100000) == Phase::kGeneralization);
  CHECK(Of(100, 100001) == Phase::kMemorization);
  CHECK(Of(100001, 100001) == Phase::kConfusion);
}

TEST_CASE("the phase analyzer stores the phase and both passages of a run") {
  const geneft::PluginRegistry& registry = geneft::testing::BuiltinPlugins();
  std::string err;
  auto analyzer = registry.CreateAnalyzer("phase", "gap = 1000", &err);
  REQUIRE(analyzer != nullptr);

  // A grokking trajectory: train passes at 200, test only at 3000.
  const std::vector<int64_t> step = {0, 100, 200, 1000, 3000, 4000};
  const std::vector<double> train = {0.5, 0.8, 0.95, 1.0, 1.0, 1.0};
  const std::vector<double> test = {0.5, 0.5, 0.50, 0.6, 0.9, 0.95};
  geneft_params settings;
  settings.values["train.threshold"] = 0.9;
  geneft_run_view run{};
  run.struct_size = sizeof run;
  run.run_params = &settings;
  run.trajectory_length = step.size();
  run.trajectory_step = step.data();
  run.trajectory_train_accuracy = train.data();
  run.trajectory_test_accuracy = test.data();
  run.first_train_step = 200;
  run.first_test_step = 3000;

  geneft::AnalysisResults results;
  REQUIRE(geneft::AnalyzeRun(*analyzer, run, &results, &err));
  REQUIRE(results.texts.size() == 1);
  CHECK(results.texts[0] == std::make_pair(std::string("phase.phase"), std::string("grokking")));
  CHECK(results.Scalar("phase.first_train_step") == 200);
  CHECK(results.Scalar("phase.first_test_step") == 3000);
  CHECK(results.Scalar("phase.gap") == 2800);

  // With another threshold the passages are read off the trajectory.
  auto strict = registry.CreateAnalyzer("phase", "threshold = 0.95", &err);
  REQUIRE(strict != nullptr);
  geneft::AnalysisResults strict_results;
  REQUIRE(geneft::AnalyzeRun(*strict, run, &strict_results, &err));
  CHECK(strict_results.Scalar("phase.first_train_step") == 200);
  CHECK(strict_results.Scalar("phase.first_test_step") == 4000);
  CHECK(strict_results.texts[0].second == "grokking");
}

TEST_CASE("bad phase parameters are refused with the rule") {
  const geneft::PluginRegistry& registry = geneft::testing::BuiltinPlugins();
  std::string err;
  CHECK(registry.CreateAnalyzer("phase", "budget = 0", &err) == nullptr);
  CHECK(err == "analyzer.phase: budget = 0: must be >= 1");
}
