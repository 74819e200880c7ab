// Copies between the decoder mode's pairs, row-major (one row of `width`
// features per pair, as the plugin ABI gives and takes them), and the MLP's
// feature-major rows (one column per pair, kernels.h). For float, 4 pairs x
// 4 features at a time by vector shuffles (or 4 x 2 when the width is 2):
// for a default step's 675 pairs of width 4 on a Zen 2 core, the element
// by element loops took 1.1 us one way and 1.9 back, the shuffles 0.4 and
// 0.45. Copies only: the numbers are the same.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace geneft {
namespace pair_transpose_detail {

typedef float Four __attribute__((vector_size(16)));
typedef int32_t FourIndices __attribute__((vector_size(16)));

inline Four Load(const float* p) {
  Four v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void Store(float* p, Four v) { std::memcpy(p, &v, sizeof v); }

// Rows a, b, c, d of a 4 x 4 block become its columns.
inline void Transpose(Four* a, Four* b, Four* c, Four* d) {
  const Four ab_lo = __builtin_shuffle(*a, *b, FourIndices{0, 4, 1, 5});
  const Four ab_hi = __builtin_shuffle(*a, *b, FourIndices{2, 6, 3, 7});
  const Four cd_lo = __builtin_shuffle(*c, *d, FourIndices{0, 4, 1, 5});
  const Four cd_hi = __builtin_shuffle(*c, *d, FourIndices{2, 6, 3, 7});
  *a = __builtin_shuffle(ab_lo, cd_lo, FourIndices{0, 1, 4, 5});
  *b = __builtin_shuffle(ab_lo, cd_lo, FourIndices{2, 3, 6, 7});
  *c = __builtin_shuffle(ab_hi, cd_hi, FourIndices{0, 1, 4, 5});
  *d = __builtin_shuffle(ab_hi, cd_hi, FourIndices{2, 3, 6, 7});
}

// The first count / 4 * 4 pairs into feature rows, if the width allows
// the shuffles (float, a multiple of 4 or 2); returns how many it copied.
inline int ShuffleToRows(const float* pairs, uint32_t width, int count, float* rows,
                         ptrdiff_t ld) {
  const int blocks = count / 4 * 4;
  if (width % 4 == 0) {
    for (int b = 0; b < blocks; b += 4)
      for (uint32_t f = 0; f < width; f += 4) {
        const float* p = pairs + size_t(b) * width + f;
        Four v0 = Load(p), v1 = Load(p + width), v2 = Load(p + 2 * width), v3 = Load(p + 3 * width);
        Transpose(&v0, &v1, &v2, &v3);
        float* r = rows + f * ld + b;
        Store(r, v0), Store(r + ld, v1), Store(r + 2 * ld, v2), Store(r + 3 * ld, v3);
      }
    return blocks;
  }
  if (width == 2) {
    for (int b = 0; b < blocks; b += 4) {
      const Four lo = Load(pairs + 2 * b), hi = Load(pairs + 2 * b + 4);  // pairs b..b+1, b+2..b+3
      Store(rows + b, __builtin_shuffle(lo, hi, FourIndices{0, 2, 4, 6}));
      Store(rows + ld + b, __builtin_shuffle(lo, hi, FourIndices{1, 3, 5, 7}));
    }
    return blocks;
  }
  return 0;
}

// The way back: the first count / 4 * 4 pairs from feature rows.
inline int ShuffleToPairs(const float* rows, ptrdiff_t ld, uint32_t width, int count,
                          float* pairs) {
  const int blocks = count / 4 * 4;
  if (width % 4 == 0) {
    for (int b = 0; b < blocks; b += 4)
      for (uint32_t f = 0; f < width; f += 4) {
        const float* r = rows + f * ld + b;
        Four v0 = Load(r), v1 = Load(r + ld), v2 = Load(r + 2 * ld), v3 = Load(r + 3 * ld);
        Transpose(&v0, &v1, &v2, &v3);
        float* p = pairs + size_t(b) * width + f;
        Store(p, v0), Store(p + width, v1), Store(p + 2 * width, v2), Store(p + 3 * width, v3);
      }
    return blocks;
  }
  if (width == 2) {
    for (int b = 0; b < blocks; b += 4) {
      const Four first = Load(rows + b), second = Load(rows + ld + b);
      Store(pairs + 2 * b, __builtin_shuffle(first, second, FourIndices{0, 4, 1, 5}));
      Store(pairs + 2 * b + 4, __builtin_shuffle(first, second, FourIndices{2, 6, 3, 7}));
    }
    return blocks;
  }
  return 0;
}

}  // namespace pair_transpose_detail

/// rows[f * ld + b] = pairs[b * width + f] for b < count, and 0 for
/// count <= b < cols (the MLP's padding columns).
template <typename T>
void PairsToFeatureRows(const T* pairs, uint32_t width, int count, T* rows, ptrdiff_t ld,
                        int cols) {
  int done = 0;
  if constexpr (std::is_same_v<T, float>)
    done = pair_transpose_detail::ShuffleToRows(pairs, width, count, rows, ld);
  for (uint32_t f = 0; f < width; ++f) {
    T* row = rows + f * ld;
    for (int b = done; b < count; ++b) row[b] = pairs[size_t(b) * width + f];
    std::fill(row + count, row + cols, T(0));
  }
}

/// pairs[b * width + f] = rows[f * ld + b] for b < count.
template <typename T>
void FeatureRowsToPairs(const T* rows, ptrdiff_t ld, uint32_t width, int count, T* pairs) {
  int done = 0;
  if constexpr (std::is_same_v<T, float>)
    done = pair_transpose_detail::ShuffleToPairs(rows, ld, width, count, pairs);
  for (uint32_t f = 0; f < width; ++f)
    for (int b = done; b < count; ++b) pairs[size_t(b) * width + f] = rows[f * ld + b];
}

}  // namespace geneft
