// Exact precedence probabilities over the linear extensions of a partial
// order (the orbit reading for total orders, monte_carlo_bound.h), by
// dynamic programming over its ideals (down-sets): a linear extension is a
// path from the empty ideal to the full one adding one element at a time,
// so with f(I) the paths into ideal I and e(I) the paths out of it,
//   P(a before b) = sum over steps I -> I + a with b not in I of
//                   f(I) e(I + a) / e(empty).
// The ideals of an order of width w on m elements number at most
// (m / w + 1)^w: few for the nearly known orders of larger training sets,
// 2^m for an antichain, so a work limit hands wide orders to the sampler;
// an order with an antichain of 2^k > the limit is handed over at once.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace geneft::statics {

struct ExactPrecedence {
  bool complete = false;       ///< false: stopped at the work limit
  std::vector<double> before;  ///< per pair, P(first before second), when complete
  int64_t work = 0;            ///< steps between ideals, times the pairs each updates
};

/// `precedes` is m x m, 1 when element a must come before element b
/// (transitively closed); `pairs` are incomparable pairs of elements.
ExactPrecedence PrecedenceByIdeals(const std::vector<uint8_t>& precedes, int m,
                                   const std::vector<std::pair<int, int>>& pairs,
                                   int64_t max_work);

}  // namespace geneft::statics
