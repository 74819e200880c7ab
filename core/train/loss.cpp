#include "train/loss.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace geneft {

template <typename T>
void OutputLoss(uint32_t num_classes, const T* logits, ptrdiff_t ld, const int32_t* labels,
                int count, double* loss, uint8_t* correct, float* probabilities) {
  const int rows = LogitCount(num_classes);
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  for (int b = 0; b < count; ++b) {
    float* p = probabilities != nullptr ? probabilities + size_t(b) * num_classes : nullptr;
    if (rows == 1) {
      const double z = logits[b];
      const double y = labels[b];
      // softplus(z) - y z, with softplus(z) = max(z, 0) + log1p(exp(-|z|))
      const double t = std::exp(-std::abs(z));
      loss[b] = std::max(z, 0.0) - y * z + std::log1p(t);
      correct[b] = !std::isnan(z) && (z > 0.0) == (labels[b] == 1);
      if (p != nullptr) {
        // sigmoid(z) = 1 / (1 + t) for z >= 0, t / (1 + t) below.
        const double big = 1.0 / (1.0 + t), small = t / (1.0 + t);
        p[0] = static_cast<float>(std::isnan(z) ? kNaN : z >= 0 ? small : big);
        p[1] = static_cast<float>(std::isnan(z) ? kNaN : z >= 0 ? big : small);
      }
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
      loss[b] = nan ? kNaN : std::numeric_limits<double>::infinity();
      correct[b] = 0;
      if (p != nullptr) std::fill(p, p + rows, static_cast<float>(kNaN));
      continue;
    }
    double sum = 0.0;
    for (int c = 0; c < rows; ++c) sum += std::exp(static_cast<double>(logits[c * ld + b]) - max);
    loss[b] = max + std::log(sum) - static_cast<double>(logits[labels[b] * ld + b]);
    correct[b] = argmax == labels[b];
    if (p != nullptr)
      for (int c = 0; c < rows; ++c)
        p[c] = static_cast<float>(std::exp(static_cast<double>(logits[c * ld + b]) - max) / sum);
  }
}

template void OutputLoss<float>(uint32_t, const float*, ptrdiff_t, const int32_t*, int, double*,
                                uint8_t*, float*);
template void OutputLoss<double>(uint32_t, const double*, ptrdiff_t, const int32_t*, int,
                                 double*, uint8_t*, float*);

}  // namespace geneft
