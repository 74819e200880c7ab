// What the accuracy bound of one training set reports, whichever way it was
// computed (monte_carlo_bound.h).
#pragma once

#include <cmath>
#include <cstdint>

namespace geneft::statics {

struct TrainingSetBound {
  double bound = 0;              ///< (determined pairs + sum of the posterior majority's probability) / n^2
  double inferred_fraction = 0;  ///< pairs the data determine / n^2; from a sampler, the pairs every sampled relabeling agreed on
  double standard_error = 0;     ///< of `bound` over the sampler's chains; 0 when exact
  bool exact = true;             ///< every consistent hypothesis counted, no sampling
  int64_t relabelings = -1;      ///< distinct relabelings seen (enumerated or visited); -1 where not counted
  double rhat = std::nan("");    ///< the sampler's split R-hat; NaN when exact
  /// Replica exchanges into the consistent copy accepted / tried; NaN unless
  /// the tempered chain ran (relabeling_chain.h).
  double exchange_rate = std::nan("");
  bool shortened = false;  ///< the sampler ran fewer sweeps than asked, for its work limit
  int ladders_dropped = 0;  ///< relabeling chains that ran their consistent copy alone
};

}  // namespace geneft::statics
