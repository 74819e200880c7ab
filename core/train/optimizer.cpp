#include "train/optimizer.h"

#include <cmath>

namespace geneft {

bool ParseOptimizer(std::string_view name, OptimizerKind* out) {
  OptimizerKind kind;
  if (name == "adam") kind = OptimizerKind::kAdam;
  else if (name == "adamw") kind = OptimizerKind::kAdamW;
  else if (name == "sgd") kind = OptimizerKind::kSgd;
  else return false;
  if (out != nullptr) *out = kind;
  return true;
}

template <typename T>
Optimizer<T>::Optimizer(const OptimizerSettings& settings, std::vector<ParamGroup<T>> groups,
                        KernelIsa isa)
    : settings_(settings), groups_(std::move(groups)), kernels_(&KernelsFor<T>(isa)) {
  for (const ParamGroup<T>& g : groups_) {
    first_.emplace_back(g.size);
    second_.emplace_back(settings_.kind == OptimizerKind::kSgd ? 0 : g.size);
  }
}

template <typename T>
bool Optimizer<T>::Step() {
  ++t_;
  beta1_power_ *= settings_.beta1;
  beta2_power_ *= settings_.beta2;
  bool finite = true;
  for (size_t i = 0; i < groups_.size(); ++i) {
    const ParamGroup<T>& g = groups_[i];
    if (settings_.kind == OptimizerKind::kSgd) {
      const SgdCoefficients<T> c{static_cast<T>(settings_.momentum), static_cast<T>(g.lr),
                                 static_cast<T>(g.weight_decay)};
      finite &= kernels_->sgd(g.params, g.grads, first_[i].data(), g.size, c);
      continue;
    }
    const bool decoupled = settings_.kind == OptimizerKind::kAdamW;
    // Coefficients in double, rounded once to T.
    const AdamCoefficients<T> c{
        static_cast<T>(settings_.beta1),
        static_cast<T>(settings_.beta2),
        static_cast<T>(1.0 - settings_.beta1),
        static_cast<T>(1.0 - settings_.beta2),
        static_cast<T>(g.lr / (1.0 - beta1_power_)),
        static_cast<T>(1.0 / std::sqrt(1.0 - beta2_power_)),
        static_cast<T>(settings_.eps),
        static_cast<T>(decoupled ? 0.0 : g.weight_decay),
        static_cast<T>(decoupled ? 1.0 - g.lr * g.weight_decay : 1.0),
    };
    finite &= kernels_->adam(g.params, g.grads, first_[i].data(), second_[i].data(), g.size, c);
  }
  return finite;
}

template class Optimizer<float>;
template class Optimizer<double>;

}  // namespace geneft
