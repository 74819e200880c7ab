#include "train/loss.h"

#include "train/activation.h"

#include <cmath>
#include <limits>

namespace geneft {

template <typename T>
bool OutputGradient(uint32_t num_classes, const T* logits, ptrdiff_t ld, const int32_t* labels,
                    int count, int cols, T scale, T* grad) {
  const int rows = LogitCount(num_classes);
  int finite = 1;
  if (rows == 1) {
    // d/dz [softplus(z) - y z] = sigmoid(z) - y
    for (int b = 0; b < count; ++b) {
      const T z = logits[b];
      finite &= (z - z == T(0));
      grad[b] = scale * (Sigmoid(z) - static_cast<T>(labels[b]));
    }
  } else {
    // d/dz_c [logsumexp(z) - z_y] = softmax(z)_c - [c == y]
    for (int b = 0; b < count; ++b) {
      T max = logits[b];
      for (int c = 0; c < rows; ++c) {
        const T z = logits[c * ld + b];
        finite &= (z - z == T(0));
        max = z > max ? z : max;
      }
      T sum = 0;
      for (int c = 0; c < rows; ++c) {
        const T e = Exp(logits[c * ld + b] - max);
        grad[c * ld + b] = e;
        sum += e;
      }
      const T factor = scale / sum;
      for (int c = 0; c < rows; ++c) grad[c * ld + b] *= factor;
      grad[labels[b] * ld + b] -= scale;
    }
  }
  for (int c = 0; c < rows; ++c)
    for (int b = count; b < cols; ++b) grad[c * ld + b] = T(0);
  return finite != 0;
}

template <typename T>
void OutputLoss(uint32_t num_classes, const T* logits, ptrdiff_t ld, const int32_t* labels,
                int count, double* loss, uint8_t* correct) {
  const int rows = LogitCount(num_classes);
  for (int b = 0; b < count; ++b) {
    if (rows == 1) {
      const double z = logits[b];
      const double y = labels[b];
      // softplus(z) - y z, with softplus(z) = max(z, 0) + log1p(exp(-|z|))
      loss[b] = std::max(z, 0.0) - y * z + std::log1p(std::exp(-std::abs(z)));
      correct[b] = !std::isnan(z) && (z > 0.0) == (labels[b] == 1);
      continue;
    }
    double max = -std::numeric_limits<double>::infinity();
    int argmax = -1;
    bool nan = false;
    for (int c = 0; c < rows; ++c) {
      const double z = logits[c * ld + b];
      nan = nan || std::isnan(z);
      if (z > max) max = z, argmax = c;
    }
    if (nan || !std::isfinite(max)) {
      loss[b] = nan ? std::numeric_limits<double>::quiet_NaN()
                    : std::numeric_limits<double>::infinity();
      correct[b] = 0;
      continue;
    }
    double sum = 0.0;
    for (int c = 0; c < rows; ++c) sum += std::exp(static_cast<double>(logits[c * ld + b]) - max);
    loss[b] = max + std::log(sum) - static_cast<double>(logits[labels[b] * ld + b]);
    correct[b] = argmax == labels[b];
  }
}

template bool OutputGradient<float>(uint32_t, const float*, ptrdiff_t, const int32_t*, int, int,
                                    float, float*);
template bool OutputGradient<double>(uint32_t, const double*, ptrdiff_t, const int32_t*, int,
                                     int, double, double*);
template void OutputLoss<float>(uint32_t, const float*, ptrdiff_t, const int32_t*, int, double*,
                                uint8_t*);
template void OutputLoss<double>(uint32_t, const double*, ptrdiff_t, const int32_t*, int,
                                 double*, uint8_t*);

}  // namespace geneft
