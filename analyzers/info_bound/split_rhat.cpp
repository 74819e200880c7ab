#include "split_rhat.h"

#include <cmath>
#include <limits>

namespace geneft::statics {
namespace {

double Mean(const std::vector<double>& v, size_t from, size_t to) {
  double s = 0;
  for (size_t k = from; k < to; ++k) s += v[k];
  return s / static_cast<double>(to - from);
}

}  // namespace

double SplitRhat(const std::vector<std::vector<double>>& sequences) {
  if (sequences.empty()) return std::nan("");
  const size_t half = sequences.front().size() / 2;
  if (half < 2) return std::nan("");
  std::vector<double> means, variances;
  for (const std::vector<double>& s : sequences)
    for (size_t start : {size_t{0}, half}) {
      const double mean = Mean(s, start, start + half);
      double squares = 0;
      for (size_t k = start; k < start + half; ++k) squares += (s[k] - mean) * (s[k] - mean);
      means.push_back(mean);
      variances.push_back(squares / static_cast<double>(half - 1));
    }
  const double within = Mean(variances, 0, variances.size());
  const double grand = Mean(means, 0, means.size());
  double between = 0;  // variance of the means (B / half in Gelman's notation)
  for (double m : means) between += (m - grand) * (m - grand);
  between /= static_cast<double>(means.size() - 1);
  if (within == 0) return between == 0 ? 1.0 : std::numeric_limits<double>::infinity();
  const double pooled = (double(half) - 1) / double(half) * within + between;
  return std::sqrt(pooled / within);
}

}  // namespace geneft::statics
