// The output layer's loss: one logit with sigmoid + binary cross-entropy
// for two classes, C logits with softmax + cross-entropy for C > 2. Logits
// are feature-major (one row per logit, one column per pair, row stride ld).
// Its gradient is a kernel (kernels.h: output_gradient), so that every
// kernel set computes it alike.
#pragma once

#include <cstddef>
#include <cstdint>

namespace geneft {

/// Logit rows for `num_classes` classes: 1 when it is 2, else num_classes.
inline int LogitCount(uint32_t num_classes) {
  return num_classes == 2 ? 1 : static_cast<int>(num_classes);
}

/// The loss (in double, numerically stable: softplus / log-sum-exp) and
/// whether the prediction (logit > 0, or the first argmax) is right, for
/// columns 0..count-1. A NaN logit gives a NaN loss and a wrong prediction.
/// When `probabilities` is not null it gets count x num_classes values,
/// row-major by (column, class): the softmax of the logits, for two classes
/// the sigmoid's 1 - p and p (each computed without cancellation); NaN for a
/// column with a NaN logit.
template <typename T>
void OutputLoss(uint32_t num_classes, const T* logits, ptrdiff_t ld, const int32_t* labels,
                int count, double* loss, uint8_t* correct, float* probabilities = nullptr);

}  // namespace geneft
