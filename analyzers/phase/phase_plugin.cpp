// Analyzer `phase`: each run's learning phase by Table IV (GenEFT Appendix
// B), stored beside the run with both first-passage steps; over a study with
// two swept settings, the phase diagram's memorization-generalization
// boundary fitted as a line (GenEFT Sec. IV, Fig. 5 and 8).
#include "phase_diagram.h"
#include "phase_rule.h"

#include <geneft/common/names.h>
#include <geneft/plugin.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace {

using geneft::phase::Phase;

const geneft_param_spec kParams[] = {
    {"budget", GENEFT_PARAM_INT, "100000", "step budget B of Table IV; passages later count as never"},
    {"threshold", GENEFT_PARAM_DOUBLE, "0.9",
     "accuracy a set must reach (>=); 0.9 in Table IV"},
    {"gap", GENEFT_PARAM_INT, "1000", "T: test passage >= T steps after train passage is grokking"},
    {"x", GENEFT_PARAM_STRING, "\"\"",
     "phase diagram's x setting; \"\" = the first of two swept settings (train.lr_enc if swept)"},
    {"y", GENEFT_PARAM_STRING, "\"\"", "phase diagram's y setting; \"\" = the other swept setting"},
};

std::optional<Phase> PhaseNamed(const std::string& name) {
  for (Phase p : {Phase::kGeneralization, Phase::kGrokking, Phase::kMemorization,
                  Phase::kConfusion, Phase::kDiverged})
    if (name == geneft::phase::PhaseName(p)) return p;
  return std::nullopt;
}

std::optional<double> RunNumber(const geneft_study_view& study, size_t run, const std::string& key) {
  double v = 0;
  if (study.run_number(&study, run, key.c_str(), &v) != GENEFT_OK) return std::nullopt;
  return v;
}

std::optional<std::string> RunText(const geneft_study_view& study, size_t run, const char* key) {
  char buf[GENEFT_NAME_SIZE];
  size_t length = 0;
  if (study.run_text(&study, run, key, buf, sizeof buf, &length) != GENEFT_OK) return std::nullopt;
  return std::string(buf, length);
}

// One number printed by a printf format ("%.1f").
std::string Printed(const char* format, double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

// Whether two settings' values follow each other one to one in every run
// (zipped in the sweep, e.g. encoder and decoder init scale): one axis.
bool MoveTogether(const geneft_study_view& study, const std::string& a, const std::string& b) {
  std::map<double, double> forward, backward;
  for (size_t r = 0; r < study.run_count; ++r) {
    const auto va = RunNumber(study, r, a), vb = RunNumber(study, r, b);
    if (!va || !vb) return false;
    if (forward.emplace(*va, *vb).first->second != *vb ||
        backward.emplace(*vb, *va).first->second != *va)
      return false;
  }
  return true;
}

// The diagram's axes: given by parameters, else the two swept settings
// (counting zipped settings once, by the first), the encoder's learning
// rate first so the fitted ratio reads eta_dec / eta_enc.
bool ChooseAxes(const geneft_study_view& study, std::string* x, std::string* y) {
  if (!x->empty() && !y->empty()) return true;
  if (!x->empty() || !y->empty())
    throw geneft::sdk::Error("give both x and y, or neither (x = \"" + *x + "\", y = \"" + *y + "\")");
  std::vector<std::string> axes;
  for (size_t i = 0; i < study.swept_count; ++i) {
    const std::string key = study.swept_keys[i];
    if (std::none_of(axes.begin(), axes.end(),
                     [&](const std::string& axis) { return MoveTogether(study, axis, key); }))
      axes.push_back(key);
  }
  if (axes.size() != 2) return false;
  *x = axes[0];
  *y = axes[1];
  if (*y == "train.lr_enc") std::swap(*x, *y);
  return true;
}

// First evaluated step whose accuracy reaches `threshold`, or -1. Accuracies
// are ratios of counts; the tolerance keeps 0.9 = 27/30 from missing 0.9.
int64_t FirstPassage(const geneft_run_view& run, const double* accuracy, double threshold) {
  for (size_t i = 0; i < run.trajectory_length; ++i)
    if (accuracy[i] >= threshold - 1e-12) return run.trajectory_step[i];
  return -1;
}

class PhaseAnalyzer {
 public:
  explicit PhaseAnalyzer(const geneft::sdk::Params& p)
      : host_(p.host()), threshold_(p.real("threshold")), x_(p.string("x")), y_(p.string("y")) {
    rule_.budget = p.integer("budget");
    rule_.gap = p.integer("gap");
    if (rule_.budget < 1) throw geneft::sdk::Error("budget = " + std::to_string(rule_.budget) + ": must be >= 1");
    if (rule_.gap < 0) throw geneft::sdk::Error("gap = " + std::to_string(rule_.gap) + ": must be >= 0");
    if (!(threshold_ > 0 && threshold_ <= 1))
      throw geneft::sdk::Error("threshold = " + std::to_string(threshold_) + ": must be in (0, 1]");
  }

  void analyze_run(const geneft_run_view& run, const geneft::sdk::Sink& sink) const {
    // The trainer's own passages are exact (decided on counts); use them
    // when the thresholds agree, else read the trajectory.
    double trained_at = std::nan("");
    host_->param_double(host_, run.run_params, "train.threshold", &trained_at);
    int64_t train = run.first_train_step, test = run.first_test_step;
    if (trained_at != threshold_) {
      train = FirstPassage(run, run.trajectory_train_accuracy, threshold_);
      test = FirstPassage(run, run.trajectory_test_accuracy, threshold_);
    }
    bool test_only = false;
    const Phase phase = geneft::phase::Classify(rule_, train, test, run.diverged != 0, &test_only);
    sink.text("phase", geneft::phase::PhaseName(phase));
    sink.scalar("code", static_cast<double>(phase));
    sink.scalar("first_train_step", static_cast<double>(train));
    sink.scalar("first_test_step", static_cast<double>(test));
    if (train >= 0 && test >= 0) sink.scalar("gap", static_cast<double>(test - train));
    if (test_only) sink.text("note", "test accuracy reached the threshold, train accuracy never did");
  }

  void analyze_study(const geneft_study_view& study, const geneft::sdk::Sink& sink) const {
    std::string x = x_, y = y_;
    if (!ChooseAxes(study, &x, &y)) {
      host_->log(host_, GENEFT_LOG_DEBUG, "phase: no phase diagram, the study does not sweep two settings");
      return;
    }
    std::vector<geneft::phase::DiagramRun> runs;
    for (size_t r = 0; r < study.run_count; ++r) {
      const auto vx = RunNumber(study, r, x), vy = RunNumber(study, r, y);
      if (!vx || !vy) {
        const std::string& axis = vx ? y : x;
        const std::vector<std::string> swept(study.swept_keys, study.swept_keys + study.swept_count);
        // Not swept and not a setting of this run: most likely a typo of an axis.
        if (std::find(swept.begin(), swept.end(), axis) == swept.end())
          throw geneft::sdk::Error(std::string(vx ? "y" : "x") + ": " +
                                   geneft::UnknownName("swept setting", axis, swept));
        throw geneft::sdk::Error("run " + std::to_string(r) + " has no number for '" + axis +
                                 "' (phase diagram axes must be numeric settings)");
      }
      const auto name = RunText(study, r, "phase.phase");
      if (!name) continue;  // failed runs have no phase
      if (const auto phase = PhaseNamed(*name)) runs.push_back({*vx, *vy, *phase});
    }
    if (runs.empty()) return;
    const geneft::phase::PhaseGrid grid = geneft::phase::BuildGrid(runs);
    const bool log_x = geneft::phase::PrefersLogAxis(grid.xs);
    const bool log_y = geneft::phase::PrefersLogAxis(grid.ys);
    sink.text("diagram.x", x.c_str());
    sink.text("diagram.y", y.c_str());
    sink.text("diagram.axes", std::string(log_x ? "log10" : "linear") + " x, " +
                                  (log_y ? "log10" : "linear") + " y");
    ReportCells(grid, sink);

    const geneft::phase::BoundaryFit fit = geneft::phase::FitBoundary(grid, log_x, log_y);
    sink.scalar("boundary.points", static_cast<double>(fit.points.size()));
    if (fit.points.empty()) {
      sink.text("boundary.note", "no memorizing cell borders a generalizing one");
      return;
    }
    std::vector<double> bx, by;
    for (const auto& p : fit.points) {
      bx.push_back(log_x ? std::pow(10.0, p[0]) : p[0]);
      by.push_back(log_y ? std::pow(10.0, p[1]) : p[1]);
    }
    sink.series("boundary", bx, by);
    if (std::isfinite(fit.slope)) {
      sink.scalar("boundary.slope", fit.slope);
      sink.scalar("boundary.intercept", fit.intercept);
      sink.scalar("boundary.rms", fit.rms);
      if (std::isfinite(fit.rms_steps)) sink.scalar("boundary.rms_steps", fit.rms_steps);
      if (fit.rms_steps > 1)
        sink.text("boundary.note",
                  "the boundary points stray " + Printed("%.1f", fit.rms_steps) +
                      " grid steps (rms) from the fitted line: the boundary is not one "
                      "straight line; read the cells");
    } else if (std::isnan(fit.direction[0])) {
      sink.text("boundary.note", fit.points.size() < 2
                                     ? "one boundary point: no line fitted"
                                     : "the boundary points coincide: no line fitted");
    } else {
      const double at = log_x ? std::pow(10.0, fit.centre[0]) : fit.centre[0];
      sink.text("boundary.note",
                "the boundary is vertical at " + x + " = " + Printed("%.3g", at) + ": no slope");
    }
    // Eq. 12 predicts boundaries of constant eta_dec / eta_enc; on log-log
    // axes that is the slope-1 line, whose ratio is the critical ratio.
    if (log_x && log_y && x == "train.lr_enc" && y == "train.lr_dec")
      sink.scalar("boundary.critical_ratio", std::pow(10.0, fit.unit_intercept));
  }

 private:
  // Cell counts a reader wants beside the picture: how many cells, how many
  // generalize in every run, and how many split (seeds that disagree).
  static void ReportCells(const geneft::phase::PhaseGrid& grid, const geneft::sdk::Sink& sink) {
    int filled = 0, all_generalize = 0, mixed = 0, fewest = 0;
    for (const auto& cell : grid.cells) {
      if (cell.runs() == 0) continue;
      fewest = filled == 0 ? cell.runs() : std::min(fewest, cell.runs());
      ++filled;
      const double g = cell.Generalizing();
      if (g == 1) ++all_generalize;
      else if (g > 0) ++mixed;
    }
    sink.scalar("diagram.cells", filled);
    sink.scalar("diagram.cells_generalizing", all_generalize);
    sink.scalar("diagram.cells_mixed", mixed);
    sink.scalar("diagram.runs_per_cell_min", fewest);
  }

  const geneft_host* host_;
  double threshold_;
  std::string x_, y_;
  geneft::phase::PhaseRule rule_;
};

}  // namespace

GENEFT_PLUGIN_LIBRARY(geneft::sdk::analyzer<PhaseAnalyzer>(
    "phase", "1.0.0", "learning phase of each run by Table IV (generalization, grokking, ...)",
    kParams));
