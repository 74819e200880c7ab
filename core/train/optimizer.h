// The optimizers of training, over parameter groups (encoder, decoder) that
// each have their own learning rate and weight decay:
//   adam   Adam; weight decay is L2: wd * p added to the gradient
//   adamw  Adam with decoupled weight decay: p -= lr * wd * p, then Adam
//   sgd    SGD with momentum (PyTorch's rule, no dampening); weight decay L2
// Updates follow PyTorch's formulas (bias-corrected moments, eps added to
// sqrt(v_hat)). State is allocated at construction; Step() allocates nothing.
#pragma once

#include "train/aligned_buffer.h"
#include "train/kernels/kernels.h"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace geneft {

enum class OptimizerKind { kAdam, kAdamW, kSgd };

/// "adam", "adamw", "sgd"; false for anything else (out may be null).
bool ParseOptimizer(std::string_view name, OptimizerKind* out);

struct OptimizerSettings {
  OptimizerKind kind = OptimizerKind::kAdamW;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double momentum = 0.9;
};

/// One parameter group: `size` parameters and their gradient (same layout),
/// both owned by the caller and alive as long as the optimizer.
template <typename T>
struct ParamGroup {
  T* params = nullptr;
  const T* grads = nullptr;
  size_t size = 0;
  double lr = 1e-3;
  double weight_decay = 0.0;
};

template <typename T>
class Optimizer {
 public:
  Optimizer(const OptimizerSettings& settings, std::vector<ParamGroup<T>> groups,
            KernelIsa isa);

  /// Updates every group from its gradient. Returns false if some updated
  /// parameter is NaN or infinite (the update is still applied).
  bool Step();
  int64_t steps_taken() const { return t_; }

 private:
  OptimizerSettings settings_;
  std::vector<ParamGroup<T>> groups_;
  const Kernels<T>* kernels_;
  std::vector<AlignedBuffer<T>> first_, second_;  ///< Adam m and v, or SGD momentum in first_
  int64_t t_ = 0;
  double beta1_power_ = 1.0, beta2_power_ = 1.0;  ///< beta^t, kept as running products
};

extern template class Optimizer<float>;
extern template class Optimizer<double>;

}  // namespace geneft
