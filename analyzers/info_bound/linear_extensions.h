// Uniform sampling of linear extensions of a partial order with the lazy
// adjacent-transposition Markov chain (Karzanov & Khachiyan 1991; mixing in
// O(m^3 log m) steps by Bubley & Dyer 1999 and Wilson 2004), for the orders
// too wide for the exact count of order_ideals.h.
//
// One step: pick one of the m - 1 adjacent positions uniformly and, with
// probability 1/2, swap the two elements there unless the order forces the
// first before the second. The proposal is symmetric, so the uniform
// distribution over linear extensions is stationary; adjacent transpositions
// connect all linear extensions; laziness makes the chain aperiodic.
//
// Most steps of a nearly known order do nothing. The chain is run from swap
// to swap instead: from a state with k swappable positions the next swap is
// at one of them uniformly, after 2 (m - 1) / k steps on average, and the
// state is credited with exactly that time. Time averages are then those of
// the lazy chain with its idle steps averaged out (Rao-Blackwell), and the
// share of time spent in each state is still uniform.
//
// Precedence frequencies are time averages over the whole run, not over
// thinned records: a swap exchanges one incomparable pair, so keeping each
// open pair's time in either order costs O(1) per swap.
#pragma once

#include "random.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace geneft::statics {

/// How long the chains run. The mixing-time bounds above scale as m^3 ln m
/// steps (m = the elements sampled, at least 2), a worst case met by wide
/// orders; nearly known orders mix far sooner. So the chains run in rounds:
/// each round lets every chain run on for as many steps as it then records,
/// the first m^2 steps, each next four times longer, until the split R-hat of
/// the recorded traces is below rhat_target or a round reaches max_length.
struct SamplerSettings {
  double max_length = 4.0;    ///< longest round, in units of m^3 ln m steps, > 0
  double rhat_target = 1.05;  ///< a round this well mixed is the last, > 1
  int chains = 8;             ///< independent chains, for the standard error; >= 2

  /// m^3 ln m, at least 1.
  static int64_t UnitSteps(int m);
  int64_t MaxSteps(int m) const;
  std::string Describe() const;  ///< one line for result stores and reports
};

class LinearExtensionChain {
 public:
  /// `precedes` is m x m, 1 when element a must come before element b
  /// (transitively closed); `start` is a linear extension of it.
  LinearExtensionChain(std::vector<uint8_t> precedes, std::vector<int> start);

  /// Runs for `steps` of the lazy chain's time; a swap at time t (since the
  /// call) calls on_swap(a, b, t), a now right after b.
  template <class OnSwap>
  void Run(double steps, Rng& rng, OnSwap&& on_swap);
  void Run(double steps, Rng& rng) {
    Run(steps, rng, [](int, int, double) {});
  }
  const std::vector<int>& order() const { return order_; }
  /// position()[element] = its index in order().
  const std::vector<int>& position() const { return position_; }

 private:
  bool Swappable(int r) const {
    return !precedes_[static_cast<size_t>(order_[r]) * m_ + order_[r + 1]];
  }
  void Update(int r);  // position r's place in swappable_ after a change nearby
  double HoldingTime() const;

  int m_;
  std::vector<uint8_t> precedes_;
  std::vector<int> order_;
  std::vector<int> position_;
  std::vector<int> swappable_;  // adjacent positions r whose pair may swap
  std::vector<int> slot_;       // r -> index in swappable_, or -1
  double left_ = 0;             // time the current state is still held
};

/// Frequencies with which the first element of each pair comes before the
/// second, over the last round's recorded steps of settings.chains
/// independent chains, the first from `start`, the others from random
/// topological sorts: overall and per chain.
struct PrecedenceFrequencies {
  std::vector<double> overall;              ///< per pair
  std::vector<std::vector<double>> chains;  ///< [chain][pair]
  /// [chain][k]: pairs in first-before-second order at kTracePoints evenly
  /// spaced steps of the last round, for the R-hat mixing diagnostic.
  std::vector<std::vector<double>> trace;
  double rhat = 0;             ///< split R-hat of `trace`
  int64_t recorded_steps = 0;  ///< per chain, in the last round
  static constexpr int kTracePoints = 100;
};

/// The pairs must be incomparable in `precedes`.
PrecedenceFrequencies SamplePrecedence(const std::vector<uint8_t>& precedes,
                                       const std::vector<int>& start,
                                       const std::vector<std::pair<int, int>>& pairs,
                                       const SamplerSettings& settings, Rng& rng);

template <class OnSwap>
void LinearExtensionChain::Run(double steps, Rng& rng, OnSwap&& on_swap) {
  double now = 0;
  while (!swappable_.empty() && now + left_ <= steps) {
    now += left_;
    const int r = swappable_[UniformBelow(rng, swappable_.size())];
    const int a = order_[r], b = order_[r + 1];
    order_[r] = b;
    order_[r + 1] = a;
    position_[b] = r;
    position_[a] = r + 1;
    if (r > 0) Update(r - 1);
    if (r + 2 < m_) Update(r + 1);
    left_ = HoldingTime();
    on_swap(a, b, now);
  }
  left_ -= steps - now;
}

}  // namespace geneft::statics
