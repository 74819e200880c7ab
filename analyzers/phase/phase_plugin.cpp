// Analyzer `phase`: each run's learning phase by Table IV (GenEFT Appendix
// B), stored beside the run with both first-passage steps.
#include "phase_rule.h"

#include <geneft/plugin.hpp>

#include <cmath>

namespace {

using geneft::phase::Phase;

const geneft_param_spec kParams[] = {
    {"budget", GENEFT_PARAM_INT, "100000", "step budget B of Table IV; passages later count as never"},
    {"threshold", GENEFT_PARAM_DOUBLE, "0.9",
     "accuracy a set must reach (>=); 0.9 in Table IV"},
    {"gap", GENEFT_PARAM_INT, "1000", "T: test passage >= T steps after train passage is grokking"},
};

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
      : host_(p.host()), threshold_(p.real("threshold")) {
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

 private:
  const geneft_host* host_;
  double threshold_;
  geneft::phase::PhaseRule rule_;
};

}  // namespace

GENEFT_PLUGIN_LIBRARY(geneft::sdk::analyzer<PhaseAnalyzer>(
    "phase", "1.0.0", "learning phase of each run by Table IV (generalization, grokking, ...)",
    kParams));
