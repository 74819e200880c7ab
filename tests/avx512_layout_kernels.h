// The AVX-512 kernel set's layout (16 lanes, its tiles, one vector of
// partial sums per output) compiled as portable vector code, so that
// test_kernel_identity checks the arithmetic contract for that layout on
// any x86-64 CPU, AVX-512 or not.
#pragma once

#include "train/kernels/kernels.h"

namespace geneft::testing {

const Kernels<float>& Avx512LayoutKernels();

}  // namespace geneft::testing
