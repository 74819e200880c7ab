// Random training sets: m = round(p N) of the N = n^2 pairs, drawn uniformly
// without replacement (the m of paper Eq. 3).
#pragma once

#include "random.h"
#include <geneft/common/relation_matrix.h>

#include <cstdint>

namespace geneft::statics {

/// round(fraction * n^2); fraction must lie in [0, 1].
int64_t TrainingFactCount(int n, double fraction);

TrainingMask RandomTrainingMask(int n, double fraction, Rng& rng);

}  // namespace geneft::statics
