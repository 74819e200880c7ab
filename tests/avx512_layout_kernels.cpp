// A translation unit of its own, built at -O1 (tests/links.cmake): the
// 16-lane portable vectors below, every kernel inlined, took minutes to
// compile at -O3, and the level changes no result, since every operation
// is written out (explicit fmaf and sqrtf per lane, contraction off).
#include "avx512_layout_kernels.h"

#include <cmath>

// (GCC notes that such vectors would be passed differently with AVX-512;
// none is passed: the kernels inline everything.)
#pragma GCC diagnostic ignored "-Wpsabi"
#define GENEFT_KERNEL_NS avx512_layout_kernels
#define GENEFT_IN_REGISTER(v) ((void)0)
#include "train/kernels/kernels_avx512_layout.h"
#define GENEFT_FMA_PS(a, b, c)                                                 \
  ({                                                                           \
    auto x_ = (a);                                                             \
    for (int i = 0; i < 16; ++i) x_[i] = __builtin_fmaf(x_[i], (b)[i], (c)[i]); \
    x_;                                                                        \
  })
#define GENEFT_SQRT_PS(v)                                        \
  ({                                                             \
    auto x_ = (v);                                               \
    for (int i = 0; i < 16; ++i) x_[i] = __builtin_sqrtf(x_[i]); \
    x_;                                                          \
  })
#include "train/kernels/kernels_impl.inc"

namespace geneft::testing {

const Kernels<float>& Avx512LayoutKernels() {
  static const Kernels<float> kernels = avx512_layout_kernels::MakeKernels<float>();
  return kernels;
}

}  // namespace geneft::testing
