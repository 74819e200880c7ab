// Example analyzer plugin, built outside the geneft tree: how far and how
// fast each run's training loss fell. Per run it stores
//   loss_drop.orders       log10(first loss / last loss): orders of magnitude
//   loss_drop.ratio        last loss / first loss
//   loss_drop.step_below   first evaluated step whose loss is <= `fraction`
//                          times the first loss, or -1 if none was
//
// An analyzer is a plain class; the stages it implements (analyze_relation,
// analyze_run, analyze_study) are the ones it offers. This one only has
// analyze_run. Build it with the CMakeLists.txt beside this file.
#include <geneft/plugin.hpp>

#include <cmath>
#include <string>

namespace {

const geneft_param_spec kParams[] = {
    {"fraction", GENEFT_PARAM_DOUBLE, "0.1",
     "step_below reports the first step with loss <= fraction * first loss; in (0, 1)"},
};

class LossDrop {
 public:
  explicit LossDrop(const geneft::sdk::Params& params) : fraction_(params.real("fraction")) {
    if (!(fraction_ > 0 && fraction_ < 1))
      throw geneft::sdk::Error("fraction = " + std::to_string(fraction_) +
                               ": must be > 0 and < 1");
  }

  // Called once per finished run, on a worker thread, possibly for several
  // runs at once ([thread-safe]): it reads only its arguments and the
  // constant fraction_. `run` and everything it points to are owned by the
  // host and valid only during this call. Names passed to the sink are
  // stored as "loss_drop.<name>".
  void analyze_run(const geneft_run_view& run, const geneft::sdk::Sink& sink) const {
    const size_t count = run.trajectory_length;
    if (count == 0 || run.trajectory_loss == nullptr)
      throw geneft::sdk::Error("run has no evaluated loss", GENEFT_ERR_NOT_AVAILABLE);
    const double first = run.trajectory_loss[0];
    const double last = run.trajectory_loss[count - 1];
    // A diverged run or a zero loss has no meaningful ratio; say so instead
    // of storing inf or NaN. The host records the message with the run.
    if (!std::isfinite(first) || !std::isfinite(last) || first <= 0 || last <= 0)
      throw geneft::sdk::Error("loss is not finite and positive (first " + std::to_string(first) +
                                   ", last " + std::to_string(last) + ")",
                               GENEFT_ERR_NOT_AVAILABLE);

    int64_t step_below = -1;
    for (size_t i = 0; i < count; ++i) {
      if (run.trajectory_loss[i] <= fraction_ * first) {
        step_below = run.trajectory_step[i];
        break;
      }
    }
    sink.scalar("orders", std::log10(first / last));
    sink.scalar("ratio", last / first);
    sink.scalar("step_below", static_cast<double>(step_below));
  }

 private:
  double fraction_;
};

}  // namespace

// A study asks for it with [[analyzer]] plugin = "loss_drop".
GENEFT_PLUGIN_LIBRARY(geneft::sdk::analyzer<LossDrop>(
    "loss_drop", "1.0.0", "how far and how fast each run's training loss fell", kParams));
