#include "order_bound.h"

#include "closure.h"
#include "order_ideals.h"
#include "sampled_bound.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace geneft::statics {
namespace {

// Each open pair is two entries: (a, b) is 1 with probability p, (b, a) with 1 - p.
double BothEntries(double p_likelier_side_chosen) { return 2 * p_likelier_side_chosen; }

}  // namespace

TrainingSetBound TotalOrderBound(const RelationMatrix& relation, const TrainingMask& mask,
                                 int64_t max_exact_work, const SamplerSettings& sampler,
                                 Rng& rng) {
  const OrderClosure closure = CloseOrderFacts(relation, mask);
  const int n = relation.n;
  double inferred = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) inferred += closure.Determined(i, j);

  const int chains = std::max(1, sampler.chains);
  double exact_guessed = 0;
  std::vector<double> sampled_guessed(chains, 0.0);  // cross-fitted, per chain
  double sampled_pooled = 0;
  double sampled_pairs = 0, samples = 0;  // open pairs sampled; recorded steps per pair
  bool sampled = false;
  double worst_rhat = std::nan("");
  // Small blocks first, so that one wide block spending the exact count's
  // work leaves the others exact.
  std::vector<std::vector<int>> blocks = closure.IndependentBlocks();
  std::stable_sort(blocks.begin(), blocks.end(),
                   [](const auto& a, const auto& b) { return a.size() < b.size(); });
  int64_t work_left = max_exact_work;
  for (const std::vector<int>& block : blocks) {
    const int m = static_cast<int>(block.size());
    std::vector<uint8_t> precedes(static_cast<size_t>(m) * m, 0);
    std::vector<std::pair<int, int>> open_pairs;
    for (int a = 0; a < m; ++a)
      for (int b = 0; b < m; ++b) {
        precedes[static_cast<size_t>(a) * m + b] = closure.Before(block[a], block[b]);
        if (a < b && !closure.Determined(block[a], block[b])) open_pairs.emplace_back(a, b);
      }
    if (open_pairs.empty()) continue;
    const ExactPrecedence exact = PrecedenceByIdeals(precedes, m, open_pairs, work_left);
    work_left -= exact.work;
    if (exact.complete) {
      for (double p : exact.before) exact_guessed += BothEntries(std::max(p, 1 - p));
      continue;
    }
    std::vector<int> start(m);
    for (int a = 0; a < m; ++a) start[a] = a;  // a block lists its elements in topological order
    SamplerSettings settings = sampler;
    settings.chains = chains;
    const PrecedenceFrequencies f = SamplePrecedence(precedes, start, open_pairs, settings, rng);
    sampled = true;
    if (!std::isnan(f.rhat) && !(f.rhat <= worst_rhat)) worst_rhat = f.rhat;
    // Pooled and cross-fitted (HypothesisTally::Bound says why both).
    for (double p : f.overall) sampled_pooled += BothEntries(std::max(p, 1 - p));
    sampled_pairs += BothEntries(double(open_pairs.size()));
    const double recorded = double(chains) * double(f.recorded_moves);
    samples = samples > 0 ? std::min(samples, recorded) : recorded;
    for (int c = 0; c < chains; ++c)
      for (size_t k = 0; k < open_pairs.size(); ++k) {
        const double own = f.chains[c][k];
        const double others =
            chains > 1 ? (f.overall[k] * chains - own) / (chains - 1) : own;
        const double side = others > 0.5 ? 1.0 : others < 0.5 ? 0.0 : 0.5;
        sampled_guessed[c] += BothEntries(side * own + (1 - side) * (1 - own));
      }
  }
  const double total = static_cast<double>(relation.entries());
  TrainingSetBound result;
  result.inferred_fraction = inferred / total;
  result.exact = !sampled;
  if (!sampled) {
    result.bound = (inferred + exact_guessed) / total;
    return result;
  }
  const double known = inferred + exact_guessed;
  std::vector<double> cross_fitted;
  for (double g : sampled_guessed) cross_fitted.push_back((known + g) / total);
  const SampledBound estimate = CombineEstimates((known + sampled_pooled) / total, cross_fitted,
                                                 sampled_pairs / total / samples);
  result.bound = estimate.bound;
  result.standard_error = estimate.standard_error;
  result.rhat = worst_rhat;
  return result;
}

}  // namespace geneft::statics
