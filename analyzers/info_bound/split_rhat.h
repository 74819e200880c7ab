// The mixing diagnostic of the bound's samplers: the split R-hat of Gelman
// & Rubin (1992) as revised by Vehtari et al. (2021), without rank
// normalisation.
#pragma once

#include <vector>

namespace geneft::statics {

/// Split R-hat of equally long sequences, one per independent chain, each
/// split in halves: sqrt(pooled variance / within-half variance), near 1
/// when the halves agree, above it when they sit apart. 1 when every value
/// is the same, infinity when only the halves' means differ, NaN for fewer
/// than 2 values per half.
double SplitRhat(const std::vector<std::vector<double>>& sequences);

}  // namespace geneft::statics
