// Where one training step of the paper's default run spends its time,
// kernel by kernel: each kernel of a kernel set timed alone on the step's
// own shapes (layers 4-50-50-50-1, 675 pairs padded to 688 columns), and
// the whole step (Model::Gradient + Optimizer::Step) beside them, so what
// the kernels do not account for (loss, decoder mode, gathers, transposes)
// shows as the difference.
#pragma once

#include "plugin/plugin_instances.h"
#include "train/kernels/kernels.h"

#include <string>
#include <vector>

namespace geneft::bench {

/// One layer's share of the kernels' lines below (seconds, medians).
struct LayerTimes {
  int in = 0, out = 0;     ///< fan-in and fan-out
  double forward = 0;      ///< its product with bias, no activation
  double tanh = 0;         ///< with tanh, minus without (hidden layers; else 0)
  double input_grad = 0;
  double weight_grad = 0;
};

/// Seconds of CPU time per step, each the median of the repeats.
struct StepBreakdown {
  double forward = 0;      ///< the four layers' products with their biases, no activation
  double tanh = 0;         ///< the three hidden layers' forward with tanh, minus without
  double input_grad = 0;   ///< gradient wrt each layer's input, tanh derivative included
  double weight_grad = 0;  ///< gradient wrt each layer's weights and biases
  double adam = 0;         ///< the Adam update of both parameter groups
  double step = 0;         ///< one whole step: gradient of the batch and the update
  std::vector<LayerTimes> layers;  ///< the same kernels per layer, input layer first

  double kernels() const { return forward + tanh + input_grad + weight_grad + adam; }
};

/// Times each kernel of `isa` and the whole step, `repeats` times each
/// (interleaved, so a busy moment hits all alike), with the decoder mode
/// `mode` (concat for the paper's run). False with *err if the model cannot
/// be built.
bool MeasureStepBreakdown(KernelIsa isa, const DecoderMode& mode, int repeats,
                          StepBreakdown* out, std::string* err);

}  // namespace geneft::bench
