// The decoder MLP: `depth` hidden layers of `width` units and an affine
// output layer (depth 0: one affine map from input to output), run forward
// and backward over a chunk of pairs with the kernels of kernels.h.
//
// Parameters live in one flat array (the optimizer's decoder group): for
// each layer l, its weights W_l (fan_in x fan_out, row-major) then its
// biases b_l. Activations are feature-major (see kernels.h); every buffer
// is allocated by the constructor, none during Forward or Backward.
#pragma once

#include "train/activation.h"
#include "train/aligned_buffer.h"
#include "train/kernels/kernels.h"
#include "train/rng.h"

#include <cstddef>
#include <vector>

namespace geneft {

struct MlpShape {
  int input = 1;    ///< decoder input width (from the decoder mode)
  int width = 50;   ///< units per hidden layer
  int depth = 3;    ///< hidden layers
  int outputs = 1;  ///< 1 logit (binary) or C logits
  Activation activation = Activation::kTanh;

  int layers() const { return depth + 1; }
  int fan_in(int layer) const { return layer == 0 ? input : width; }
  int fan_out(int layer) const { return layer == depth ? outputs : width; }
  size_t weight_offset(int layer) const;
  size_t bias_offset(int layer) const {
    return weight_offset(layer) + size_t(fan_in(layer)) * fan_out(layer);
  }
  size_t num_params() const { return weight_offset(layers()); }
};

/// Draws every weight and bias from U(-s, s), s = scale / sqrt(fan_in),
/// layer by layer (weights row-major, then biases).
template <typename T>
void InitializeMlp(const MlpShape& shape, double scale, Rng* rng, T* params);

template <typename T>
class Mlp {
 public:
  /// Buffers for up to `max_columns` pairs per call (rounded up to kColumnPad).
  Mlp(const MlpShape& shape, int max_columns, KernelIsa isa);

  const MlpShape& shape() const { return shape_; }
  /// Row stride of every activation and gradient buffer.
  ptrdiff_t ld() const { return ld_; }
  /// The row stride for up to `max_columns` columns: a multiple of
  /// kColumnPad and an odd number of 64-byte lines. Rows an even number
  /// of lines apart share few cache sets: at 768 float columns (48
  /// lines) every fourth row falls in the same set of a 64-set L1, and a
  /// product's block of 50 input rows no longer fits there.
  static ptrdiff_t RowStride(int max_columns);

  /// The input, shape.input x ld; the caller fills `cols` columns (padding
  /// columns with finite values, e.g. zero) and nothing past row
  /// shape.input - 1 (the row of ones there is the biases' input).
  T* input() { return h_[0].data(); }
  /// Runs the layers over `cols` columns (a multiple of kColumnPad);
  /// returns the logits, shape.outputs x ld.
  const T* Forward(const T* params, int cols);

  /// Where the caller writes dLoss/dlogits before Backward (zero in
  /// padding columns), shape.outputs x ld.
  T* output_grad() { return output_grad_.data(); }
  /// Back-propagates output_grad() through the network of the last Forward:
  /// writes the parameter gradient into `grad` (or adds it when
  /// `accumulate`) and fills input_grad(). The hidden activations of that
  /// Forward may be overwritten (the logits are kept).
  void Backward(const T* params, int cols, T* grad, bool accumulate);
  /// dLoss/dinput, shape.input x ld.
  const T* input_grad() const { return input_grad_.data(); }

 private:
  // Whether a hidden layer's gradient is written over its activations:
  // with tanh the kernel reads each activation just before it writes the
  // gradient there (kernels.h), and h_[l] is not needed once layer l's
  // weight gradient is taken. Two fewer buffers keep a default step's
  // data in a 512 KiB L2 cache (2% faster on a Zen 2 core).
  bool GradientOverActivations() const { return shape_.activation == Activation::kTanh; }

  MlpShape shape_;
  ptrdiff_t ld_ = 0;
  const Kernels<T>* kernels_ = nullptr;
  std::vector<size_t> weight_offset_, bias_offset_;
  /// h_[0] input, h_[1..depth] hidden, h_[depth+1] logits; each but the
  /// logits has one more row, all ones, for backward_weights (kernels.h)
  std::vector<AlignedBuffer<T>> h_;
  std::vector<AlignedBuffer<T>>
      z_;  ///< pre-activations of hidden layers, if the derivative needs them
  AlignedBuffer<T> grad_a_, grad_b_;  ///< hidden-layer gradients, used in turn (unless over h_)
  AlignedBuffer<T> output_grad_, input_grad_;
};

extern template class Mlp<float>;
extern template class Mlp<double>;

}  // namespace geneft
