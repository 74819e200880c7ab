// Where one training step of the paper's default run spends its time,
// kernel by kernel: each kernel of a kernel set timed alone for each layer
// of the step (layers 4-50-50-50-1, 675 pairs padded to 688 columns), and
// the whole step (Model::Gradient + Optimizer::Step) beside them, so what
// the kernels do not account for (loss, decoder mode, gathers, transposes)
// shows as the difference.
#pragma once

#include "plugin/plugin_instances.h"
#include "train/kernels/kernels.h"

#include <string>
#include <vector>

namespace geneft::bench {

/// One layer's kernels, each timed alone (seconds, medians).
struct LayerTimes {
  int in = 0, out = 0;     ///< fan-in and fan-out
  double forward = 0;      ///< its product with bias, no activation
  double tanh = 0;         ///< with tanh, minus without (hidden layers; else 0)
  /// The same tanh with nothing else in the call: the layer's forward over
  /// no inputs (tanh of the bias), minus that without tanh.
  double tanh_alone = 0;
  double input_grad = 0;
  double weight_grad = 0;
};

/// Seconds of CPU time per step, each the median of the repeats; the
/// kernels' lines are the sums of their layers' medians.
struct StepBreakdown {
  std::vector<LayerTimes> layers;  ///< each kernel per layer, input layer first
  double adam = 0;                 ///< the Adam update of both parameter groups
  double step = 0;  ///< one whole step: gradient of the batch and the update

  /// The four layers' products with their biases, no activation.
  double forward() const { return Sum(&LayerTimes::forward); }
  /// The three hidden layers' forward with tanh, minus without.
  double tanh() const { return Sum(&LayerTimes::tanh); }
  /// Their tanh timed alone (LayerTimes::tanh_alone).
  double tanh_alone() const { return Sum(&LayerTimes::tanh_alone); }
  /// Gradient wrt each layer's input, tanh derivative included.
  double input_grad() const { return Sum(&LayerTimes::input_grad); }
  /// Gradient wrt each layer's weights and biases.
  double weight_grad() const { return Sum(&LayerTimes::weight_grad); }
  double kernels() const { return forward() + tanh() + input_grad() + weight_grad() + adam; }

 private:
  double Sum(double LayerTimes::*kernel) const {
    double total = 0;
    for (const LayerTimes& l : layers) total += l.*kernel;
    return total;
  }
};

/// Times each kernel of `isa` and the whole step, `repeats` times each
/// (interleaved, so a busy moment hits all alike), with the decoder mode
/// `mode` (concat for the paper's run). False with *err if the model cannot
/// be built.
bool MeasureStepBreakdown(KernelIsa isa, const DecoderMode& mode, int repeats,
                          StepBreakdown* out, std::string* err);

}  // namespace geneft::bench
