#include "train/loss.h"

#include <cmath>
#include <limits>

namespace geneft {

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

template void OutputLoss<float>(uint32_t, const float*, ptrdiff_t, const int32_t*, int, double*,
                                uint8_t*);
template void OutputLoss<double>(uint32_t, const double*, ptrdiff_t, const int32_t*, int,
                                 double*, uint8_t*);

}  // namespace geneft
