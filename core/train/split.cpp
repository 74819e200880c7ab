// SplitPairs: which of the n^2 ordered pairs are training pairs.
#include "train/rng.h"
#include "train/trainer.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace geneft {

std::vector<uint8_t> SplitPairs(uint32_t n, double fraction, uint64_t seed) {
  const uint64_t total = uint64_t{n} * n;
  std::vector<uint8_t> mask(total, 0);
  if (total == 0) return mask;
  // round(fraction * n^2), kept within [1, n^2] so a run always has data.
  const double wanted = std::isfinite(fraction) ? std::round(fraction * static_cast<double>(total))
                                                : 1.0;
  const uint64_t count = wanted <= 1.0 ? 1
                         : wanted >= static_cast<double>(total) ? total
                                                                : static_cast<uint64_t>(wanted);
  // Partial Fisher-Yates: the first `count` entries become a uniform sample.
  std::vector<uint32_t> order(total);
  std::iota(order.begin(), order.end(), 0u);
  Rng rng(seed);
  for (uint64_t k = 0; k < count; ++k) {
    const uint64_t pick = k + rng.Below(total - k);
    std::swap(order[k], order[pick]);
    mask[order[k]] = 1;
  }
  return mask;
}

}  // namespace geneft
