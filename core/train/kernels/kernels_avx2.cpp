// The AVX2 + FMA kernel set (16 ymm registers: 12 accumulators per tile).
// Only this file is compiled for avx2, and its kernels run only after
// KernelIsaSupported() found the CPU has it. The product tiles were chosen
// by bench_trainer on an AVX-512 EPYC (differences between neighbours are a
// few %); the weight gradient's 3 x 2 (two parts each: 12 accumulators) on a
// Zen 2 core, where it beat 3 x 3 (one part at a time), 2 x 3 and 6 x 1;
// two such tiles down the rows share each stretch of g (at 688 columns,
// 6 rows of x and 2 of g are 22 KB of the 32 KB L1): 50 x 50 weight
// gradient 1.5% faster, 4 x 50 4%; three tiles (30 KB) were 10% slower.
#include "train/kernels/kernels.h"

#if defined(__x86_64__) && defined(__GNUC__)

#include <immintrin.h>

#include <bit>
#include <cmath>

// Everything defined below, templates included, is compiled for avx2;
// standard headers were included above, outside the region.
#pragma GCC push_options
#pragma GCC target("avx2,fma")

#define GENEFT_KERNEL_NS avx2_kernels
#define GENEFT_VECTOR_BYTES 32
#define GENEFT_TILE_ROWS 4
#define GENEFT_TILE_VECS 3
#define GENEFT_WGRAD_K 3
#define GENEFT_WGRAD_N 2
#define GENEFT_WGRAD_ROW_TILES 2
#define GENEFT_SQRT_PS(v) _mm256_sqrt_ps(v)
#define GENEFT_FMA_PS(a, b, c) _mm256_fmadd_ps(a, b, c)
#define GENEFT_MIN_PS(a, b) _mm256_min_ps(a, b)
#include "train/kernels/kernels_impl.inc"

namespace geneft {
const Kernels<float>* Avx2FloatKernels() {
  static const Kernels<float> kernels = avx2_kernels::MakeKernels<float>();
  return &kernels;
}
}  // namespace geneft

#pragma GCC pop_options

#else  // not x86-64: no such kernels

namespace geneft {
const Kernels<float>* Avx2FloatKernels() { return nullptr; }
}  // namespace geneft

#endif
