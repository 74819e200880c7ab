// Phase diagrams and the fitted memorization-generalization boundary (GenEFT
// Sec. IV, Fig. 5 and 8) on synthetic grids whose boundary is known.
#include "analyze/analysis.h"
#include "fake_study.h"
#include "phase_diagram.h"
#include "plugin/plugin_registry.h"

#include "test_support.h"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <vector>

using geneft::phase::BuildGrid;
using geneft::phase::DiagramRun;
using geneft::phase::FitBoundary;
using geneft::phase::Phase;

namespace {

// A log grid 10^lo .. 10^hi (points per axis) whose phase is given as a
// function of (log10 x, log10 y).
std::vector<DiagramRun> LogGrid(double lo, double hi, int points,
                                const std::function<Phase(double, double)>& phase_at) {
  std::vector<DiagramRun> runs;
  for (int i = 0; i < points; ++i)
    for (int j = 0; j < points; ++j) {
      const double lx = lo + (hi - lo) * i / (points - 1), ly = lo + (hi - lo) * j / (points - 1);
      runs.push_back({std::pow(10.0, lx), std::pow(10.0, ly), phase_at(lx, ly)});
    }
  return runs;
}

// The phase analyzer's study stage over `study`, default parameters.
geneft::AnalysisResults AnalyzePhases(geneft::testing::FakeStudy& study) {
  std::string err;
  auto analyzer = geneft::testing::BuiltinPlugins().CreateAnalyzer("phase", "", &err);
  REQUIRE(analyzer != nullptr);
  geneft::AnalysisResults results;
  const bool ok = geneft::AnalyzeStudy(*analyzer, study.View(), &results, &err);
  INFO(err);
  REQUIRE(ok);
  return results;
}

}  // namespace

TEST_CASE("a boundary of constant ratio y / x = 10 fits slope 1 and the critical ratio") {
  // Generalization below the ratio 10 (log y - log x < 1), memorization
  // above it, on the paper's Fig. 5 grid logspace(-5, -1, 9).
  const auto runs = LogGrid(-5, -1, 9, [](double lx, double ly) {
    return ly - lx < 1 - 1e-9 ? Phase::kGeneralization : Phase::kMemorization;
  });
  const auto grid = BuildGrid(runs);
  REQUIRE(grid.xs.size() == 9);
  REQUIRE(grid.ys.size() == 9);
  const auto fit = FitBoundary(grid, true, true);
  // Cells sit at differences 0.5 (generalizing) and 1.0 (memorizing): every
  // boundary point is an edge midpoint at log y - log x = 0.75.
  REQUIRE(fit.points.size() == 14);
  for (const auto& p : fit.points) CHECK(p[1] - p[0] == Approx(0.75));
  CHECK(fit.slope == Approx(1.0));
  CHECK(fit.intercept == Approx(0.75));
  CHECK(fit.rms == Approx(0.0).margin(1e-9));
  CHECK(fit.grid_step == Approx(0.5));
  CHECK(fit.rms_steps == Approx(0.0).margin(1e-9));
  CHECK(std::pow(10.0, fit.unit_intercept) == Approx(std::pow(10.0, 0.75)));
}

TEST_CASE("rms in grid steps tells a staircase line from an L-shaped boundary (Fig. 8)") {
  // A slope-1/2 line on the paper's coarse grid: its points form a
  // staircase, under a grid step off the fitted line.
  const auto line = LogGrid(-5, -1, 9, [](double lx, double ly) {
    return ly < 0.5 * lx - 1.2 ? Phase::kGeneralization : Phase::kMemorization;
  });
  const auto staircase = FitBoundary(BuildGrid(line), true, true);
  CHECK(staircase.grid_step == Approx(0.5));
  CHECK(staircase.rms_steps < 1);
  // Fig. 8's shape: the lowest row and the strongest weight decays
  // generalize, the rest memorizes; no one line fits that corner.
  const auto corner = LogGrid(-5, -1, 9, [](double lx, double ly) {
    return ly < -4.75 || lx > -2.25 ? Phase::kGrokking : Phase::kMemorization;
  });
  const auto l_shape = FitBoundary(BuildGrid(corner), true, true);
  CHECK(l_shape.rms_steps > 1);

  // The analyzer says so beside its numbers.
  geneft::testing::FakeStudy study;
  study.swept = {"train.wd_dec", "train.lr_dec"};
  for (const DiagramRun& r : corner) {
    study.numbers.push_back({{"train.wd_dec", r.x}, {"train.lr_dec", r.y}});
    study.texts.push_back({{"phase.phase", geneft::phase::PhaseName(r.phase)}});
  }
  const geneft::AnalysisResults results = AnalyzePhases(study);
  CHECK(results.Scalar("phase.boundary.rms_steps") == Approx(l_shape.rms_steps));
  const std::string* note = results.Text("phase.boundary.note");
  REQUIRE(note != nullptr);
  CHECK_THAT(*note, Catch::Contains("not one straight line"));
}

TEST_CASE("a boundary of slope 1/2 is recovered on a fine grid") {
  const auto runs = LogGrid(-5, -1, 41, [](double lx, double ly) {
    return ly < 0.5 * lx - 1.2 ? Phase::kGeneralization : Phase::kMemorization;
  });
  const auto fit = FitBoundary(BuildGrid(runs), true, true);
  REQUIRE(fit.points.size() > 20);
  CHECK(fit.slope == Approx(0.5).margin(0.03));
  CHECK(fit.intercept == Approx(-1.2).margin(0.1));
  CHECK(fit.rms < 0.05);
}

TEST_CASE("a vertical boundary has no slope, and grokking counts as generalizing") {
  const auto runs = LogGrid(-4, -1, 7, [](double lx, double) {
    return lx < -2.4 ? Phase::kGrokking : Phase::kMemorization;
  });
  const auto fit = FitBoundary(BuildGrid(runs), true, true);
  REQUIRE(fit.points.size() == 7);
  for (const auto& p : fit.points) CHECK(p[0] == Approx(-2.25));
  CHECK(std::isnan(fit.slope));
  CHECK(fit.rms == Approx(0.0).margin(1e-9));
}

TEST_CASE("the total least squares line is recovered at any orientation") {
  // Boundaries of slope -1, 0 and a vertical one, on a grid of step 0.5:
  // every boundary point is an edge midpoint on one known line.
  struct Case {
    const char* name;
    std::function<bool(double, double)> generalizes;
    std::array<double, 2> direction;  // unit, x >= 0
    std::array<double, 2> on_line;    // a point of the line
  };
  const double diagonal = 1 / std::sqrt(2.0);
  const std::vector<Case> cases = {
      {"slope -1", [](double lx, double ly) { return lx + ly < -5.2; }, {diagonal, -diagonal},
       {-2.625, -2.625}},
      {"horizontal", [](double, double ly) { return ly < -2.4; }, {1, 0}, {-4, -2.25}},
      {"vertical", [](double lx, double) { return lx > -3.6; }, {0, 1}, {-3.75, -4}},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const auto runs = LogGrid(-5, -1, 9, [&](double lx, double ly) {
      return c.generalizes(lx, ly) ? Phase::kGeneralization : Phase::kMemorization;
    });
    const auto fit = FitBoundary(BuildGrid(runs), true, true);
    REQUIRE(fit.points.size() >= 2);
    CHECK(fit.direction[0] == Approx(c.direction[0]).margin(1e-12));
    CHECK(fit.direction[1] == Approx(c.direction[1]).margin(1e-12));
    CHECK(fit.rms == Approx(0.0).margin(1e-9));
    // The centre lies on the line: no offset across the direction.
    const double across = (fit.centre[0] - c.on_line[0]) * c.direction[1] -
                          (fit.centre[1] - c.on_line[1]) * c.direction[0];
    CHECK(across == Approx(0.0).margin(1e-12));
    if (c.direction[0] > 0) {
      CHECK(fit.slope == Approx(c.direction[1] / c.direction[0]).margin(1e-12));
      CHECK(fit.intercept == Approx(c.on_line[1] - fit.slope * c.on_line[0]).margin(1e-12));
    } else {
      CHECK(std::isnan(fit.slope));
    }
  }
}

TEST_CASE("boundary points that coincide define no line") {
  // A row generalizing, split 1:1, memorizing: both edges of the split cell
  // put their point on it.
  std::vector<DiagramRun> runs = {{1, 5, Phase::kGeneralization},
                                  {2, 5, Phase::kGeneralization},
                                  {2, 5, Phase::kMemorization},
                                  {3, 5, Phase::kMemorization}};
  const auto fit = FitBoundary(BuildGrid(runs), false, false);
  REQUIRE(fit.points.size() == 2);
  CHECK(fit.centre[0] == Approx(2));
  CHECK(std::isnan(fit.direction[0]));
  CHECK(std::isnan(fit.slope));
  CHECK(fit.rms == 0);
}

TEST_CASE("the phase analyzer says where a vertical boundary lies") {
  geneft::testing::FakeStudy study;
  study.swept = {"train.lr_enc", "train.lr_dec"};
  for (const DiagramRun& r : LogGrid(-4, -1, 7, [](double lx, double) {
         return lx < -2.4 ? Phase::kGrokking : Phase::kMemorization;
       })) {
    study.numbers.push_back({{"train.lr_enc", r.x}, {"train.lr_dec", r.y}});
    study.texts.push_back({{"phase.phase", geneft::phase::PhaseName(r.phase)}});
  }
  const geneft::AnalysisResults results = AnalyzePhases(study);
  CHECK(std::isnan(results.Scalar("phase.boundary.slope")));
  const std::string* note = results.Text("phase.boundary.note");
  REQUIRE(note != nullptr);
  // Points at log10 lr_enc = -2.25.
  CHECK(*note == "the boundary is vertical at train.lr_enc = 0.00562: no slope");
}

TEST_CASE("confusion and diverged cells do not make a memorization boundary") {
  const auto runs = LogGrid(-4, -1, 4, [](double lx, double) {
    return lx < -2.5 ? Phase::kGeneralization : (lx < -1.5 ? Phase::kConfusion : Phase::kDiverged);
  });
  CHECK(FitBoundary(BuildGrid(runs), true, true).points.empty());
}

TEST_CASE("seeds: the boundary sits where the generalizing fraction crosses 1/2") {
  // Two cells along x: 3 of 4 seeds generalize at x = 1, none at x = 2.
  std::vector<DiagramRun> runs;
  for (int s = 0; s < 4; ++s) {
    runs.push_back({1, 5, s < 3 ? Phase::kGeneralization : Phase::kMemorization});
    runs.push_back({2, 5, Phase::kMemorization});
  }
  const auto grid = BuildGrid(runs);
  CHECK(grid.at(0, 0).Generalizing() == Approx(0.75));
  CHECK(grid.at(1, 0).Memorizing() == Approx(1.0));
  const auto fit = FitBoundary(grid, false, false);
  REQUIRE(fit.points.size() == 1);
  CHECK(fit.points[0][0] == Approx(1 + 1.0 / 3));  // (0.75 - 0.5) / (0.75 - 0)
  CHECK(fit.points[0][1] == Approx(5));
  CHECK(std::isnan(fit.slope));
}

TEST_CASE("log axes are chosen for positive values spanning a decade") {
  CHECK(geneft::phase::PrefersLogAxis({1e-5, 1e-3, 1e-1}));
  CHECK_FALSE(geneft::phase::PrefersLogAxis({0.1, 0.5, 0.9}));
  CHECK_FALSE(geneft::phase::PrefersLogAxis({0, 1, 100}));
}

using geneft::testing::FakeStudy;

TEST_CASE("the phase analyzer fits the boundary of a stored 2-D learning-rate sweep") {
  FakeStudy study;
  study.swept = {"train.lr_dec", "train.lr_enc"};
  const auto runs = LogGrid(-5, -1, 9, [](double lx, double ly) {
    return ly - lx < 1 - 1e-9 ? Phase::kGeneralization : Phase::kMemorization;
  });
  for (const DiagramRun& r : runs) {
    study.numbers.push_back({{"train.lr_enc", r.x}, {"train.lr_dec", r.y}});
    study.texts.push_back({{"phase.phase", geneft::phase::PhaseName(r.phase)}});
  }
  // A failed run has settings but no phase; it is left out.
  study.numbers.push_back({{"train.lr_enc", 1e-3}, {"train.lr_dec", 1e-3}});
  study.texts.push_back({{"status", "failed"}});

  const geneft::AnalysisResults results = AnalyzePhases(study);

  // lr_enc is put on x although the sweep lists it second.
  const auto text = [&](const std::string& name) {
    const std::string* v = results.Text(name);
    return v != nullptr ? *v : std::string("<missing>");
  };
  CHECK(text("phase.diagram.x") == "train.lr_enc");
  CHECK(text("phase.diagram.y") == "train.lr_dec");
  CHECK(text("phase.diagram.axes") == "log10 x, log10 y");
  CHECK(results.Scalar("phase.diagram.cells") == 81);
  CHECK(results.Scalar("phase.diagram.cells_generalizing") == 53);
  CHECK(results.Scalar("phase.diagram.cells_mixed") == 0);
  CHECK(results.Scalar("phase.boundary.points") == 14);
  CHECK(results.Scalar("phase.boundary.slope") == Approx(1.0));
  CHECK(results.Scalar("phase.boundary.critical_ratio") == Approx(std::pow(10.0, 0.75)));
  CHECK(results.Scalar("phase.boundary.rms_steps") == Approx(0.0).margin(1e-9));
  CHECK(results.Text("phase.boundary.note") == nullptr);
  REQUIRE(results.series.size() == 1);
  CHECK(results.series[0].name == "phase.boundary");
}

TEST_CASE("settings zipped in the sweep are one axis of the phase diagram") {
  // Fig. 6's sweep: decoder learning rate x one init factor for encoder
  // and decoder together.
  FakeStudy study;
  study.swept = {"train.lr_dec", "model.encoder_init_scale", "model.decoder_init_scale"};
  for (double lr : {1e-4, 1e-3, 1e-2})
    for (double scale : {0.3, 3.0}) {
      study.numbers.push_back({{"train.lr_dec", lr},
                               {"model.encoder_init_scale", scale},
                               {"model.decoder_init_scale", scale}});
      const bool generalizes = lr < 1e-3 || (lr < 1e-2 && scale < 1);
      study.texts.push_back({{"phase.phase", generalizes ? "generalization" : "memorization"}});
    }
  const geneft::AnalysisResults results = AnalyzePhases(study);
  const std::string* x = results.Text("phase.diagram.x");
  const std::string* y = results.Text("phase.diagram.y");
  REQUIRE(x != nullptr);
  REQUIRE(y != nullptr);
  CHECK(*x == "train.lr_dec");
  CHECK(*y == "model.encoder_init_scale");
  CHECK(results.Scalar("phase.diagram.cells") == 6);
  CHECK(results.Scalar("phase.boundary.points") == 3);  // two along lr_dec, one along the scale

  // Three settings that vary independently make no diagram.
  study.numbers[1]["model.decoder_init_scale"] = 1.0;
  const geneft::AnalysisResults independent = AnalyzePhases(study);
  CHECK(independent.Text("phase.diagram.x") == nullptr);
}

TEST_CASE("a study that sweeps one setting gets no phase diagram") {
  FakeStudy study;
  study.swept = {"train.fraction"};
  for (double f : {0.2, 0.5}) {
    study.numbers.push_back({{"train.fraction", f}});
    study.texts.push_back({{"phase.phase", "generalization"}});
  }
  const geneft::AnalysisResults results = AnalyzePhases(study);
  CHECK(results.scalars.empty());
  CHECK(results.series.empty());
}

TEST_CASE("a mistyped axis names the nearest swept setting") {
  FakeStudy study;
  study.swept = {"train.lr_dec", "train.lr_enc"};
  for (double lr : {1e-3, 1e-2}) {
    study.numbers.push_back({{"train.lr_enc", lr}, {"train.lr_dec", lr}, {"train.fraction", 0.5}});
    study.texts.push_back({{"phase.phase", "generalization"}});
  }
  const auto analyze_error = [&](const std::string& params) {
    std::string err;
    auto analyzer = geneft::testing::BuiltinPlugins().CreateAnalyzer("phase", params, &err);
    REQUIRE(analyzer != nullptr);
    geneft::AnalysisResults results;
    CHECK_FALSE(geneft::AnalyzeStudy(*analyzer, study.View(), &results, &err));
    return err;
  };
  CHECK_THAT(analyze_error("x = \"train.lr_encc\"\ny = \"train.lr_dec\"\n"),
             Catch::Contains("x: unknown swept setting 'train.lr_encc', did you mean 'train.lr_enc'?"));
  CHECK_THAT(analyze_error("x = \"train.lr_enc\"\ny = \"zzz\"\n"),
             Catch::Contains("y: unknown swept setting 'zzz' (valid swept settings: train.lr_dec, "
                             "train.lr_enc)"));
  // An unswept numeric setting is still a valid axis.
  std::string err;
  auto unswept = geneft::testing::BuiltinPlugins().CreateAnalyzer(
      "phase", "x = \"train.lr_enc\"\ny = \"train.fraction\"\n", &err);
  REQUIRE(unswept != nullptr);
  geneft::AnalysisResults results;
  CHECK(geneft::AnalyzeStudy(*unswept, study.View(), &results, &err));
  CHECK(results.Text("phase.diagram.y") != nullptr);
}
