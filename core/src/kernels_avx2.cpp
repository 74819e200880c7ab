// The AVX2 + FMA (16 ymm registers) kernel set. Only the code of this file is compiled
// for avx2; it runs only after KernelIsaSupported() said the CPU has it.
#include "kernels.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#if defined(__x86_64__) && defined(__GNUC__)

// Everything defined below, templates included, is compiled for avx2;
// standard headers were included above, outside the region.
#pragma GCC push_options
#pragma GCC target("avx2,fma")

#define GENEFT_KERNEL_NS avx2_kernels
#define GENEFT_VECTOR_BYTES 32
#define GENEFT_TILE_ROWS 4
#define GENEFT_TILE_VECS 3
#define GENEFT_WGRAD_K 3
#define GENEFT_SQRT_PS(v) _mm256_sqrt_ps(v)
#define GENEFT_WGRAD_N 3
#include "kernels_impl.inc"

namespace geneft {
const Kernels<float>* Avx2FloatKernels() {
  static const Kernels<float> kernels = avx2_kernels::MakeKernels<float>();
  return &kernels;
}
}  // namespace geneft

#pragma GCC pop_options

#else

namespace geneft {
const Kernels<float>* Avx2FloatKernels() { return nullptr; }
}  // namespace geneft

#endif
