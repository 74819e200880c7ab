// Uniform sampling of linear extensions of a partial order with the lazy
// adjacent-transposition Markov chain (Karzanov & Khachiyan 1991; mixing in
// O(m^3 log m) steps by Bubley & Dyer 1999 and Wilson 2004).
//
// One step: pick one of the m - 1 adjacent positions uniformly and, with
// probability 1/2, swap the two elements there unless the order forces the
// first before the second. The proposal is symmetric, so the uniform
// distribution over linear extensions is stationary; adjacent transpositions
// connect all linear extensions; laziness makes the chain aperiodic.
#pragma once

#include "random.h"

#include <cstdint>
#include <string>
#include <vector>

namespace geneft::statics {

/// Chain lengths in units of m^3 ln m steps (m = the number of elements
/// sampled, at least 2), the order of the mixing-time bounds above.
struct SamplerSettings {
  double burn_in = 1.0;    ///< steps from the start (a topological sort) to the first record
  double thinning = 0.1;   ///< steps between consecutive records
  int batches = 10;        ///< records split into this many batches for the standard error

  int64_t BurnInSteps(int m) const;
  int64_t ThinningSteps(int m) const;
  std::string Describe() const;  ///< one line for result stores and reports
};

class LinearExtensionChain {
 public:
  /// `precedes` is m x m, 1 when element a must come before element b
  /// (transitively closed); `start` is a linear extension of it.
  LinearExtensionChain(std::vector<uint8_t> precedes, std::vector<int> start);

  void Run(int64_t steps, Rng& rng);
  const std::vector<int>& order() const { return order_; }
  /// position()[element] = its index in order().
  const std::vector<int>& position() const { return position_; }

 private:
  int m_;
  std::vector<uint8_t> precedes_;
  std::vector<int> order_;
  std::vector<int> position_;
};

/// Frequencies with which a comes before b, for the given element pairs, over
/// `records` thinned states of the chain after burn-in, overall and per batch.
struct PrecedenceFrequencies {
  std::vector<double> overall;               ///< per pair
  std::vector<std::vector<double>> batches;  ///< [batch][pair]
  std::vector<int> batch_records;            ///< records in each batch
};

PrecedenceFrequencies SamplePrecedence(const std::vector<uint8_t>& precedes,
                                       const std::vector<int>& start,
                                       const std::vector<std::pair<int, int>>& pairs,
                                       int records, const SamplerSettings& settings, Rng& rng);

}  // namespace geneft::statics
