// The AVX-512 kernel set (32 zmm registers: 20 or 16 accumulators per tile).
// Only this file is compiled for avx512, and its kernels run only after
// KernelIsaSupported() found the CPU has it. Tile sizes were chosen by
// bench_trainer on an AVX-512 EPYC (differences between neighbours are a few %;
// 5 output rows divide the paper's width 50, 6 left a 2-row remainder tile).
#include "train/kernels/kernels.h"

#if defined(__x86_64__) && defined(__GNUC__)

#include <immintrin.h>

// Everything defined below, templates included, is compiled for avx512;
// standard headers were included above, outside the region.
#pragma GCC push_options
#pragma GCC target("avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")

#define GENEFT_KERNEL_NS avx512_kernels
#define GENEFT_VECTOR_BYTES 64
#define GENEFT_TILE_ROWS 5
#define GENEFT_TILE_VECS 4
#define GENEFT_WGRAD_K 4
#define GENEFT_WGRAD_N 4
// (The masked form avoids a false -Wmaybe-uninitialized in GCC 12's header.)
#define GENEFT_SQRT_PS(v) _mm512_mask_sqrt_ps(v, static_cast<__mmask16>(0xFFFF), v)
#include "train/kernels/kernels_impl.inc"

namespace geneft {
const Kernels<float>* Avx512FloatKernels() {
  static const Kernels<float> kernels = avx512_kernels::MakeKernels<float>();
  return &kernels;
}
}  // namespace geneft

#pragma GCC pop_options

#else  // not x86-64: no such kernels

namespace geneft {
const Kernels<float>* Avx512FloatKernels() { return nullptr; }
}  // namespace geneft

#endif
