// The dense kernels of training (the decoder MLP's layers, the loss
// gradient and the optimizer updates), compiled once per instruction set
// and chosen at run time from the CPU, so one binary serves every x86-64
// machine and uses AVX-512 where it exists (DESIGN 3b). Our own kernels
// rather than Eigen's products: they never allocate, fuse bias + activation
// into the product, and one template serves float (training) and double
// (the gradient tests).
//
// Matrices are feature-major: a layer's activations for a chunk of pairs are
// `rows` x `ld`, row r (one feature) at data + r * ld, one column per pair.
// Vectorising along the pairs keeps every vector full whatever the layer
// width (50 is not a multiple of 16); the caller pads the column count to a
// multiple of kColumnPad and keeps padded columns finite (their output
// gradient is zero, so they add nothing to the weight gradients).
// Weights are W[k * fan_out + n] (fan_in x fan_out, row-major).
//
// The arithmetic contract: every float kernel set (generic, avx2, avx512)
// gives bit-identical results, so a run's numbers do not depend on the
// machine that trained it. Each output is computed by the same operations
// in the same order on every set; only the vector width and which outputs
// share a register tile differ. Namely:
//   * products: z = b, then z = fma(w_j, x_j, z) for j = 0, 1, ... in order
//     (the input gradient starts from 0 instead of b);
//   * sums over the columns (weight and bias gradients): 16 partial sums,
//     partial i taking columns i, i + 16, i + 32, ... in order by fma (the
//     bias's with an input of ones), combined as (i + (i+8)), then + 4,
//     + 2, + 1 apart;
//   * activations, their derivatives, the loss gradient's sigmoid and exp:
//     the one definition in activation.h, per lane;
//   * Adam and SGD: one formula of fmas per parameter (AdamUpdate);
// with no other contraction of a * b + c (the host is compiled with
// -ffp-contract=off). The generic set does each fma with std::fma: exact
// everywhere, slow where the CPU has no FMA unit.
#pragma once

#include "train/activation.h"

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

namespace geneft {

/// Column counts passed to the kernels are multiples of this, which is
/// also the number of partial sums of every sum over the columns.
constexpr int kColumnPad = 16;
/// `columns` rounded up to a multiple of kColumnPad.
constexpr int PaddedColumns(int columns) {
  return (columns + kColumnPad - 1) / kColumnPad * kColumnPad;
}

enum class KernelIsa { kGeneric, kAvx2, kAvx512 };

/// "generic", "avx2", "avx512".
const char* KernelIsaName(KernelIsa isa);
bool ParseKernelIsa(const char* name, KernelIsa* out);
/// Whether this CPU (and OS) can run `isa`.
bool KernelIsaSupported(KernelIsa isa);
/// The fastest supported set, unless the environment variable
/// GENEFT_KERNEL_ISA names a supported one (for benchmarks and tests).
KernelIsa DefaultKernelIsa();

/// Per-step constants of an Adam(W) update of one parameter group.
template <typename T>
struct AdamCoefficients {
  T beta1, beta2;
  T one_minus_beta1, one_minus_beta2;
  T step_size;       ///< lr / (1 - beta1^t)
  T inv_sqrt_bc2;    ///< 1 / sqrt(1 - beta2^t)
  T eps;
  T l2;              ///< Adam: weight decay added to the gradient as l2 * p; else 0
  T decay;           ///< AdamW: p *= 1 - lr * wd before the step; else 1
};

/// Per-step constants of an SGD-with-momentum update (PyTorch's rule).
template <typename T>
struct SgdCoefficients {
  T momentum;
  T lr;
  T l2;  ///< weight decay added to the gradient as l2 * p
};

template <typename T>
struct Kernels {
  /// h = act(z), z = W^T x + b over `cols` columns: x is k x ld, z and h are
  /// n x ld. z may be null (not stored); with act = identity h holds z.
  void (*forward)(const T* w, const T* b, int k, int n, const T* x, T* z, T* h, ptrdiff_t ld,
                  int cols, Activation act);
  /// g_in = (W g) * act'(z_in) elementwise: g is n x ld, g_in, z_in, h_in
  /// are k x ld (z_in read only if the activation needs it). Use identity
  /// for the network input. With tanh, g_in may be h_in: each h_in value
  /// is read before the g_in value at its place is written, and never
  /// after.
  void (*backward_data)(const T* w, int k, int n, const T* g, const T* z_in, const T* h_in,
                        T* g_in, ptrdiff_t ld, int cols, Activation act);
  /// The gradient of a layer's weights then biases, as MlpShape lays them
  /// out: dwb[0 .. k*n) = x g^T (k x n) and dwb[k*n .. k*n + n) = g 1, sums
  /// over `cols` columns, added to the old values when `accumulate`, else
  /// overwriting them. x is (k + 1) x ld and its row k is all ones: the
  /// bias is the weight of that constant input, so its sums come out of
  /// the weight tiles (fma(1, g, s) is g + s rounded once, as an add).
  void (*backward_weights)(const T* x, const T* g, int k, int n, ptrdiff_t ld, int cols, T* dwb,
                           bool accumulate);
  /// backward_weights, then backward_data with tanh and g_in = h_in = x,
  /// of a layer with one output (the logit layer, n = 1), in one pass over
  /// x: the same numbers as the two calls, x read once instead of twice.
  /// x is (k + 1) x ld with its row of ones; its k rows become g_in.
  void (*backward_one_output_tanh)(const T* w, T* x, const T* g, int k, ptrdiff_t ld, int cols,
                                   T* dwb, bool accumulate);
  /// grad = scale * dLoss/dlogits for columns 0..count-1 and zero for
  /// columns count..cols-1, logits and grad `rows` x ld: one row is a
  /// logit with sigmoid + binary cross-entropy, rows > 1 are C logits with
  /// softmax + cross-entropy; labels[0..count). Returns false if a logit
  /// of the first `count` columns is NaN or infinite.
  bool (*output_gradient)(int rows, const T* logits, ptrdiff_t ld, const int32_t* labels,
                          int count, int cols, T scale, T* grad);
  /// One Adam(W) step of n parameters p from gradient g, moments m and v.
  /// Returns false if an updated parameter is NaN or infinite.
  bool (*adam)(T* p, const T* g, T* m, T* v, size_t n, const AdamCoefficients<T>& c);
  /// One SGD step: buf = momentum * buf + (g + l2 p); p -= lr * buf.
  bool (*sgd)(T* p, const T* g, T* buf, size_t n, const SgdCoefficients<T>& c);
};

/// The kernels of `isa` (which must be supported) for float; double has
/// only the generic set (it serves the gradient tests).
const Kernels<float>& FloatKernels(KernelIsa isa);
const Kernels<double>& DoubleKernels();

template <typename T>
const Kernels<T>& KernelsFor(KernelIsa isa) {
  if constexpr (std::is_same_v<T, float>) return FloatKernels(isa);
  else return DoubleKernels();
}

}  // namespace geneft
