// The Monte Carlo accuracy upper bound of paper Sec. III (Fig. 2) and
// Appendix D: (a) close the training facts under the relation's properties;
// (b) for every entry still undetermined, p = P(entry = 1) over completions
// consistent with the facts; the bound is (inferred entries + sum of
// max(p, 1 - p)) / n^2, averaged over random training sets.
//
// Classes (equivalence, bipartite): p is exact (class_assignments.h).
// Total orders: p is the frequency over linear extensions of the known
// partial order, sampled with linear_extensions.h in independent blocks.
// max(p, 1 - p) is estimated cross-fitted over batches of extensions (the
// side from the other batches, the value from the own batch): unbiased where
// p = 1/2 or far from it, slightly low only where |p - 1/2| is about the
// sampling error, whereas the plug-in max(p_hat, 1 - p_hat) is biased high.
// standard_error is the spread of the batch estimates / sqrt(batches).
#pragma once

#include "completion_model.h"
#include "linear_extensions.h"
#include "random.h"
#include <geneft/common/relation_matrix.h>

#include <cstdint>
#include <vector>

namespace geneft::statics {

struct BoundSettings {
  int training_sets = 10;            ///< random training sets per fraction
  int extensions = 1000;             ///< linear extensions per total-order training set
  SamplerSettings sampler;
  int64_t max_states = 2'000'000;    ///< limit of the exact class-assignment count
  uint64_t seed = 0;
};

/// The bound for one training set.
struct TrainingSetBound {
  double bound = 0;              ///< (inferred + sum max(p, 1 - p)) / n^2
  double inferred_fraction = 0;  ///< entries inferable for sure / n^2 (step (a))
  double standard_error = 0;     ///< of `bound` from the sampler (batch means); 0 when exact
};

TrainingSetBound BoundForTrainingSet(const RelationMatrix& relation, const CompletionModel& model,
                                     const TrainingMask& mask, const BoundSettings& settings,
                                     Rng& rng);

/// The bound at one training fraction over settings.training_sets random sets.
struct BoundPoint {
  double fraction = 0;
  double mean = 0;             ///< mean bound
  double spread = 0;           ///< standard deviation of the bound over training sets
  double error_of_mean = 0;    ///< spread / sqrt(training sets)
  double inferred_mean = 0;    ///< mean inferred fraction
  double inferred_spread = 0;  ///< its standard deviation over training sets
};

/// Training set t at fraction index f uses random stream (seed, f, t).
BoundPoint AverageBound(const RelationMatrix& relation, const CompletionModel& model,
                        double fraction, uint64_t fraction_index, const BoundSettings& settings);

/// x_i = i / count for i = 1 .. count: the training fractions of the curves.
std::vector<double> EvenFractions(int count);

}  // namespace geneft::statics
