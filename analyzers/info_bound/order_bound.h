// The orbit reading of the bound for a strict total order: its relabelings
// are all n! orders, so the consistent ones are the linear extensions of the
// order the training facts imply. After closing the facts (closure.h) the
// order splits into independent blocks; each block's open pairs get their
// precedence probabilities exactly over its ideals (order_ideals.h) while the
// work allows, else from the linear-extension chain (linear_extensions.h).
#pragma once

#include "linear_extensions.h"
#include "random.h"
#include "training_set_bound.h"

#include <geneft/common/relation_matrix.h>

#include <cstdint>

namespace geneft::statics {

/// `max_exact_work` bounds the ideal counts summed over the blocks; past it,
/// blocks are sampled. The relation must be a strict total order.
TrainingSetBound TotalOrderBound(const RelationMatrix& relation, const TrainingMask& mask,
                                 int64_t max_exact_work, const SamplerSettings& sampler,
                                 Rng& rng);

}  // namespace geneft::statics
