#include "training_sets.h"

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace geneft::statics {

int64_t TrainingFactCount(int n, double fraction) {
  if (!(fraction >= 0.0 && fraction <= 1.0))
    throw std::invalid_argument("training fraction " + std::to_string(fraction) +
                                ": must be in [0, 1]");
  return std::llround(fraction * double(n) * n);
}

TrainingMask RandomTrainingMask(int n, double fraction, Rng& rng) {
  const size_t total = static_cast<size_t>(n) * n;
  const size_t m = static_cast<size_t>(TrainingFactCount(n, fraction));
  std::vector<uint32_t> pairs(total);
  std::iota(pairs.begin(), pairs.end(), 0u);
  TrainingMask mask(total, 0);
  // Partial Fisher-Yates: the first m slots become a uniform m-subset.
  for (size_t k = 0; k < m; ++k) {
    std::swap(pairs[k], pairs[k + UniformBelow(rng, total - k)]);
    mask[pairs[k]] = 1;
  }
  return mask;
}

}  // namespace geneft::statics
