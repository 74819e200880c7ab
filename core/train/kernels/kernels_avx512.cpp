// The AVX-512 kernel set (its width and tiles: kernels_avx512_layout.h).
// Only this file is compiled for avx512, and its kernels run only after
// KernelIsaSupported() found the CPU has it.
#include "train/kernels/kernels.h"

#if defined(__x86_64__) && defined(__GNUC__)

#include <immintrin.h>

#include <bit>
#include <cmath>

// Everything defined below, templates included, is compiled for avx512;
// standard headers were included above, outside the region.
#pragma GCC push_options
#pragma GCC target("avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")

#define GENEFT_KERNEL_NS avx512_kernels
#include "train/kernels/kernels_avx512_layout.h"
// (The masked forms avoid a false -Wmaybe-uninitialized in GCC 12's header.)
#define GENEFT_SQRT_PS(v) _mm512_mask_sqrt_ps(v, static_cast<__mmask16>(0xFFFF), v)
#define GENEFT_FMA_PS(a, b, c) _mm512_fmadd_ps(a, b, c)
#define GENEFT_MIN_PS(a, b) _mm512_mask_min_ps(a, static_cast<__mmask16>(0xFFFF), a, b)
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
