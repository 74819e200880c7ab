// Uniform sampling of linear extensions of a partial order, for the orders
// too wide for the exact count of order_ideals.h, with a heat-bath insertion
// chain (a random-scan Gibbs sampler over the elements' places).
//
// One move: draw an element e uniformly, take it out, and put it back at a
// uniformly drawn place among those the order allows, that is between the
// nearest element before it that must precede it and the nearest element
// after it that it must precede (its current place included). These places
// give exactly the linear extensions that keep the others' order, so the
// move draws from the uniform distribution's conditional: the uniform
// distribution is stationary and the chain reversible. A move can swap e with
// an incomparable neighbour, so every linear extension is reached (adjacent
// transpositions connect them, Karzanov & Khachiyan 1991), and staying put is
// allowed, so the chain is aperiodic.
//
// It replaces the lazy adjacent-transposition chain (Bubley & Dyer 1999),
// which needs about w^2 swaps to carry an element across a window of w
// incomparable neighbours where this chain needs one move of cost O(w): on a
// nearly known order of m = 2000 elements (5% of the pairs known, w ~ 60)
// one training set was sampled 13-15 times faster, to the same bound.
//
// Precedence frequencies are time averages over the whole run, not over
// thinned records: a move passes e over d neighbours, d swaps of an
// incomparable pair each, and keeping each open pair's time in either order
// costs O(1) per swap.
#pragma once

#include "random.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace geneft::statics {

/// How long the chains run, in moves. The chains run in rounds: each round
/// lets every chain run on for as many moves as it then records, the first
/// 16 m moves (m = the elements sampled), each next four times longer, until
/// the split R-hat of the recorded traces is below rhat_target or a round
/// reaches max_length.
struct SamplerSettings {
  double max_length = 4.0;    ///< longest round, in units of m^2 ln m moves, > 0
  double rhat_target = 1.05;  ///< a round this well mixed is the last, > 1
  int chains = 8;             ///< independent chains, for the standard error; >= 2

  /// m^2 ln m, at least 1.
  static int64_t UnitMoves(int m);
  int64_t FirstMoves(int m) const;
  int64_t MaxMoves(int m) const;
  std::string Describe() const;  ///< one line for result stores and reports
};

/// The incomparable pairs of a partial order as one bit row per element, each
/// row spanning only the columns from its first to its last incomparable
/// partner (in 64-bit words), with the count of set bits before every word.
/// Elements numbered in a topological order make a nearly known order a band:
/// at m = 2000 and 5% of the pairs known the rows are a few words long, and
/// the chains share one table of a few words per element where each kept an
/// m x m byte matrix (4 MB) before.
class IncomparablePairs {
 public:
  /// `precedes` is m x m and transitively closed, as for the chain.
  IncomparablePairs(const std::vector<uint8_t>& precedes, int m);

  /// A number in [0, slots()) naming the ordered pair (a, b) when a and b are
  /// incomparable, else -1.
  int64_t Slot(int a, int b) const;
  bool Incomparable(int a, int b) const;
  int64_t slots() const { return slots_; }

 private:
  std::vector<int> first_column_;   // per row, a multiple of 64
  std::vector<int64_t> row_word_;   // m + 1 offsets into words_
  std::vector<uint64_t> words_;     // bit b - first_column_[a] of row a
  std::vector<int64_t> set_before_; // per word, set bits in all earlier words
  int64_t slots_ = 0;
};

class LinearExtensionChain {
 public:
  /// `precedes` is m x m, 1 when element a must come before element b
  /// (transitively closed); `start` is a linear extension of it (checked).
  LinearExtensionChain(const std::vector<uint8_t>& precedes, std::vector<int> start);
  /// Several chains over one order share its pairs; `start` must be a linear
  /// extension (not checked).
  LinearExtensionChain(std::shared_ptr<const IncomparablePairs> incomparable,
                       std::vector<int> start);

  /// Makes `moves` moves; each swap of neighbours during move t (0 = the
  /// call's first) calls on_swap(a, b, t), a now right after b.
  template <class OnSwap>
  void Run(int64_t moves, Rng& rng, OnSwap&& on_swap);
  void Run(int64_t moves, Rng& rng) {
    Run(moves, rng, [](int, int, int64_t) {});
  }
  const std::vector<int>& order() const { return order_; }
  /// position()[element] = its index in order().
  const std::vector<int>& position() const { return position_; }

 private:
  int m_;
  std::shared_ptr<const IncomparablePairs> incomparable_;
  std::vector<int> order_;
  std::vector<int> position_;
};

/// Frequencies with which the first element of each pair comes before the
/// second, over the last round's recorded moves of settings.chains
/// independent chains, the first from `start`, the others from random
/// topological sorts: overall and per chain.
struct PrecedenceFrequencies {
  std::vector<double> overall;              ///< per pair
  std::vector<std::vector<double>> chains;  ///< [chain][pair]
  /// [chain][k]: pairs in first-before-second order at kTracePoints evenly
  /// spaced moves of the last round, for the R-hat mixing diagnostic.
  std::vector<std::vector<double>> trace;
  double rhat = 0;             ///< split R-hat of `trace`
  int64_t recorded_moves = 0;  ///< per chain, in the last round
  static constexpr int kTracePoints = 100;
};

/// The pairs must be incomparable in `precedes`.
PrecedenceFrequencies SamplePrecedence(const std::vector<uint8_t>& precedes,
                                       const std::vector<int>& start,
                                       const std::vector<std::pair<int, int>>& pairs,
                                       const SamplerSettings& settings, Rng& rng);

template <class OnSwap>
void LinearExtensionChain::Run(int64_t moves, Rng& rng, OnSwap&& on_swap) {
  for (int64_t t = 0; t < moves; ++t) {
    const int e = static_cast<int>(UniformBelow(rng, static_cast<uint64_t>(m_)));
    int at = position_[e];
    int lo = at, hi = at;  // e may go to any place in [lo, hi]
    while (lo > 0 && incomparable_->Incomparable(order_[lo - 1], e)) --lo;
    while (hi + 1 < m_ && incomparable_->Incomparable(e, order_[hi + 1])) ++hi;
    const int to = lo + static_cast<int>(UniformBelow(rng, static_cast<uint64_t>(hi - lo + 1)));
    for (; at < to; ++at) {
      const int b = order_[at + 1];
      order_[at] = b;
      position_[b] = at;
      on_swap(e, b, t);
    }
    for (; at > to; --at) {
      const int b = order_[at - 1];
      order_[at] = b;
      position_[b] = at;
      on_swap(b, e, t);
    }
    order_[to] = e;
    position_[e] = to;
  }
}

}  // namespace geneft::statics
