// The orbit reading of the bound for any relation (monte_carlo_bound.h says
// what it is): the consistent relabelings enumerated while that stays cheap
// (exact_relabelings.h), else sampled (relabeling_chain.h).
#pragma once

#include "exact_relabelings.h"
#include "random.h"
#include "relabeling_chain.h"
#include "relabeling_facts.h"
#include "training_set_bound.h"

#include <geneft/common/relation_matrix.h>
#include <geneft/common/twin_quotient.h>

#include <cstdint>

namespace geneft::statics {

/// What the orbit reading needs of a relation, prepared once for all its
/// training sets.
struct OrbitRelation {
  explicit OrbitRelation(LabelMatrix labels);

  LabelMatrix relation;
  TwinQuotient quotient;
  ClassDegrees degrees;
};

/// Enumerates while the work (facts checked plus pairs tallied) stays within
/// max_exact_work beyond the 20 operations per pair and per fact that any
/// search spends, then samples with `chain` instead; 0 always samples.
TrainingSetBound OrbitBound(const OrbitRelation& relation, const TrainingMask& mask,
                            int64_t max_exact_work, const ChainSettings& chain, Rng& rng);

}  // namespace geneft::statics
