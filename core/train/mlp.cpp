#include "train/mlp.h"

#include <algorithm>
#include <cmath>

namespace geneft {

size_t MlpShape::weight_offset(int layer) const {
  size_t offset = 0;
  for (int l = 0; l < layer; ++l) offset += (size_t(fan_in(l)) + 1) * fan_out(l);
  return offset;
}

template <typename T>
void InitializeMlp(const MlpShape& shape, double scale, Rng* rng, T* params) {
  for (int l = 0; l < shape.layers(); ++l) {
    const double s = scale / std::sqrt(static_cast<double>(shape.fan_in(l)));
    T* p = params + shape.weight_offset(l);
    const size_t count = (size_t(shape.fan_in(l)) + 1) * shape.fan_out(l);  // weights, biases
    for (size_t i = 0; i < count; ++i) p[i] = static_cast<T>(s * rng->UniformSymmetric());
  }
}

template <typename T>
ptrdiff_t Mlp<T>::RowStride(int max_columns) {
  const ptrdiff_t padded = PaddedColumns(std::max(max_columns, 1));
  const ptrdiff_t line = 64 / sizeof(T);
  return padded * ptrdiff_t(sizeof(T)) % 128 == 0 ? padded + line : padded;
}

template <typename T>
Mlp<T>::Mlp(const MlpShape& shape, int max_columns, KernelIsa isa)
    : shape_(shape),
      ld_(RowStride(max_columns)),
      kernels_(&KernelsFor<T>(isa)) {
  const int layers = shape_.layers();
  for (int l = 0; l <= layers; ++l) {
    weight_offset_.push_back(shape_.weight_offset(l));
    bias_offset_.push_back(l < layers ? shape_.bias_offset(l) : 0);
  }
  h_.resize(layers + 1);
  z_.resize(layers + 1);
  for (int l = 0; l < layers; ++l) {  // every layer's input, with its row of ones
    const int features = shape_.fan_in(l);
    h_[l].Reset((size_t(features) + 1) * ld_);
    std::fill(h_[l].begin() + features * ld_, h_[l].end(), T(1));
    if (l > 0 && NeedsPreactivation(shape_.activation)) z_[l].Reset(size_t(features) * ld_);
  }
  h_[layers].Reset(size_t(shape_.outputs) * ld_);
  if (shape_.depth > 0 && !GradientOverActivations()) {
    grad_a_.Reset(size_t(shape_.width) * ld_);
    grad_b_.Reset(size_t(shape_.width) * ld_);
  }
  output_grad_.Reset(size_t(shape_.outputs) * ld_);
  input_grad_.Reset(size_t(shape_.input) * ld_);
}

template <typename T>
const T* Mlp<T>::Forward(const T* params, int cols) {
  for (int l = 0; l < shape_.layers(); ++l) {
    const bool hidden = l < shape_.depth;
    kernels_->forward(params + weight_offset_[l], params + bias_offset_[l], shape_.fan_in(l),
                      shape_.fan_out(l), h_[l].data(), z_[l + 1].data(), h_[l + 1].data(), ld_,
                      cols, hidden ? shape_.activation : Activation::kIdentity);
  }
  return h_[shape_.layers()].data();
}

template <typename T>
void Mlp<T>::Backward(const T* params, int cols, T* grad, bool accumulate) {
  const T* g = output_grad_.data();  // dLoss / d(output of layer l)
  for (int l = shape_.depth; l >= 0; --l) {
    const int k = shape_.fan_in(l), n = shape_.fan_out(l);
    if (l > 0 && n == 1 && GradientOverActivations()) {  // one logit after tanh
      kernels_->backward_one_output_tanh(params + weight_offset_[l], h_[l].data(), g, k, ld_,
                                         cols, grad + weight_offset_[l], accumulate);
      g = h_[l].data();
      continue;
    }
    kernels_->backward_weights(h_[l].data(), g, k, n, ld_, cols, grad + weight_offset_[l],
                               accumulate);
    if (l > 0) {
      // Through W_l and the activation of hidden layer l.
      T* g_in = GradientOverActivations() ? h_[l].data()
                : g == grad_a_.data()     ? grad_b_.data()
                                          : grad_a_.data();
      kernels_->backward_data(params + weight_offset_[l], k, n, g, z_[l].data(), h_[l].data(),
                              g_in, ld_, cols, shape_.activation);
      g = g_in;
    } else {
      kernels_->backward_data(params + weight_offset_[l], k, n, g, nullptr, h_[0].data(),
                              input_grad_.data(), ld_, cols, Activation::kIdentity);
    }
  }
}

template void InitializeMlp<float>(const MlpShape&, double, Rng*, float*);
template void InitializeMlp<double>(const MlpShape&, double, Rng*, double*);
template class Mlp<float>;
template class Mlp<double>;

}  // namespace geneft
