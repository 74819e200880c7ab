// The portable kernel set (16-byte vectors via GCC vector extensions: SSE2
// on x86-64, NEON on arm64), and the run-time choice between the sets.
// Its fused multiply-adds are std::fma per lane: a call into libm on
// x86-64 (hardware FMA where the CPU has it, exact software otherwise), so
// this set is the slow, exact reference of the contract in kernels.h.
#include "train/kernels/kernels.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#define GENEFT_SQRT_PS(v) _mm_sqrt_ps(v)
#else
#define GENEFT_SQRT_PS(v)                                     \
  ([](auto x) {                                               \
    for (int i = 0; i < 4; ++i) x[i] = __builtin_sqrtf(x[i]); \
    return x;                                                 \
  }(v))
#endif
#define GENEFT_FMA_PS(a, b, c)                                          \
  ([](auto x, auto y, auto z) {                                         \
    for (int i = 0; i < 4; ++i) x[i] = __builtin_fmaf(x[i], y[i], z[i]); \
    return x;                                                           \
  }(a, b, c))

#define GENEFT_KERNEL_NS generic_kernels
#define GENEFT_VECTOR_BYTES 16
#define GENEFT_TILE_ROWS 4
#define GENEFT_TILE_VECS 3
#define GENEFT_WGRAD_K 3
#define GENEFT_WGRAD_N 3
#define GENEFT_WGRAD_ROW_TILES 1
#include "train/kernels/kernels_impl.inc"

namespace geneft {

// Defined by kernels_avx2.cpp and kernels_avx512.cpp.
const Kernels<float>* Avx2FloatKernels();
const Kernels<float>* Avx512FloatKernels();

const char* KernelIsaName(KernelIsa isa) {
  switch (isa) {
    case KernelIsa::kGeneric: return "generic";
    case KernelIsa::kAvx2: return "avx2";
    case KernelIsa::kAvx512: return "avx512";
  }
  return "unknown";
}

bool ParseKernelIsa(const char* name, KernelIsa* out) {
  for (KernelIsa isa : {KernelIsa::kGeneric, KernelIsa::kAvx2, KernelIsa::kAvx512}) {
    if (std::strcmp(name, KernelIsaName(isa)) == 0) {
      *out = isa;
      return true;
    }
  }
  return false;
}

bool KernelIsaSupported(KernelIsa isa) {
  if (isa == KernelIsa::kGeneric) return true;
#if defined(__x86_64__) && defined(__GNUC__)
  // libgcc's checks include the OS's XSAVE support of the wider registers;
  // the init is idempotent and needed only before libgcc's constructor ran.
  __builtin_cpu_init();
  if (isa == KernelIsa::kAvx2)
    return Avx2FloatKernels() != nullptr && __builtin_cpu_supports("avx2") &&
           __builtin_cpu_supports("fma");
  if (isa == KernelIsa::kAvx512)
    return Avx512FloatKernels() != nullptr && __builtin_cpu_supports("avx512f") &&
           __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl") &&
           __builtin_cpu_supports("avx512bw");
#endif
  return false;
}

KernelIsa DefaultKernelIsa() {
  KernelIsa forced;
  if (const char* env = std::getenv("GENEFT_KERNEL_ISA");
      env != nullptr && ParseKernelIsa(env, &forced) && KernelIsaSupported(forced))
    return forced;
  if (KernelIsaSupported(KernelIsa::kAvx512)) return KernelIsa::kAvx512;
  if (KernelIsaSupported(KernelIsa::kAvx2)) return KernelIsa::kAvx2;
  return KernelIsa::kGeneric;
}

const Kernels<float>& FloatKernels(KernelIsa isa) {
  static const Kernels<float> generic = generic_kernels::MakeKernels<float>();
  if (isa == KernelIsa::kAvx512 && KernelIsaSupported(isa)) return *Avx512FloatKernels();
  if (isa == KernelIsa::kAvx2 && KernelIsaSupported(isa)) return *Avx2FloatKernels();
  return generic;
}

const Kernels<double>& DoubleKernels() {
  static const Kernels<double> generic = generic_kernels::MakeKernels<double>();
  return generic;
}

}  // namespace geneft
