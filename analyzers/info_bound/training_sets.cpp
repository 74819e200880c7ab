#include "training_sets.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace geneft::statics {

int64_t TrainingFactCount(int n, double fraction) {
  if (!(fraction >= 0.0 && fraction <= 1.0))
    throw std::invalid_argument("training fraction " + std::to_string(fraction) +
                                ": must be in [0, 1]");
  return std::llround(fraction * double(n) * n);
}

TrainingMask RandomTrainingMask(int n, double fraction, Rng& rng) {
  const uint64_t total = static_cast<uint64_t>(n) * n;
  uint64_t wanted = static_cast<uint64_t>(TrainingFactCount(n, fraction));
  TrainingMask mask(total, 0);
  // Selection sampling (Knuth's Algorithm S): pair t is taken with
  // probability (still wanted) / (still left), a uniform m-subset in one
  // sequential pass, which at n = 2000 is many times faster than swapping
  // through 4 million entries at random.
  for (uint64_t t = 0; t < total && wanted > 0; ++t)
    if (UniformBelow(rng, total - t) < wanted) {
      mask[t] = 1;
      --wanted;
    }
  return mask;
}

}  // namespace geneft::statics
