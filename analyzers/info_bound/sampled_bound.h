// One number and its error from the two estimates a sampled bound has
// (HypothesisTally::Estimate): the pooled plug-in, biased up, and the
// per-chain cross-fitted values, biased down.
#pragma once

#include <vector>

namespace geneft::statics {

struct SampledBound {
  double bound = 0;           ///< midway between the pooled and the mean cross-fitted estimate
  double standard_error = 0;  ///< sqrt(SE of the cross-fitted mean^2 + (half their gap)^2)
};

/// The midpoint of the two, whose expectations bracket the bound, with the
/// half gap added to the chains' standard error as a bias allowance: where
/// the chains have seen enough the gap closes, where many pairs sit near a
/// tie it dominates. `resolution` is the smallest error the samples can
/// claim, the granularity of their frequencies: (open pairs / n^2) / samples.
/// Without it, a relation whose count of each label is the same in every
/// relabeling (a graph keeps its number of edges) can make every chain
/// agree to the last bit and report an error of 0 where the frequencies
/// still carry sampling noise.
SampledBound CombineEstimates(double pooled, const std::vector<double>& cross_fitted,
                              double resolution);

}  // namespace geneft::statics
