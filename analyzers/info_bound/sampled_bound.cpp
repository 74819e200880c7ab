#include "sampled_bound.h"

#include <algorithm>
#include <cmath>

namespace geneft::statics {

SampledBound CombineEstimates(double pooled, const std::vector<double>& cross_fitted,
                              double resolution) {
  const double chains = static_cast<double>(cross_fitted.size());
  double mean = 0, squares = 0;
  for (double v : cross_fitted) mean += v / chains;
  for (double v : cross_fitted) squares += (v - mean) * (v - mean);
  const double spread_error = chains > 1 ? std::sqrt(squares / (chains - 1) / chains) : 0.0;
  const double half_gap = 0.5 * std::fabs(pooled - mean);
  const double error = std::sqrt(spread_error * spread_error + half_gap * half_gap);
  return {0.5 * (pooled + mean), std::max(error, resolution)};
}

}  // namespace geneft::statics
