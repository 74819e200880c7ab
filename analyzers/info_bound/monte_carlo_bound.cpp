#include "monte_carlo_bound.h"

#include "class_assignments.h"
#include "closure.h"
#include "training_sets.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace geneft::statics {
namespace {

struct MeanAndSpread {
  double mean = 0, spread = 0;
};

MeanAndSpread Summarize(const std::vector<double>& values) {
  MeanAndSpread s;
  for (double v : values) s.mean += v;
  s.mean /= values.size();
  if (values.size() < 2) return s;
  double squares = 0;
  for (double v : values) squares += (v - s.mean) * (v - s.mean);
  s.spread = std::sqrt(squares / (values.size() - 1));
  return s;
}

TrainingSetBound ClassBound(const RelationMatrix& relation, const CompletionModel& model,
                            const TrainingMask& mask, const BoundSettings& settings) {
  const ClassClosure closure = CloseClassFacts(relation, mask, model.same_class_means_one);
  const ConflictGraph conflicts{closure.group_count, closure.apart};
  const std::vector<double> same =
      SameColourProbabilities(conflicts, model.classes, settings.max_states);
  double inferred = 0, guessed = 0;
  for (int i = 0; i < relation.n; ++i)
    for (int j = 0; j < relation.n; ++j) {
      if (closure.Determined(i, j)) {
        inferred += 1;
        continue;
      }
      const double s = same[static_cast<size_t>(closure.group[i]) * closure.group_count +
                            closure.group[j]];
      guessed += std::max(s, 1.0 - s);
    }
  const double total = static_cast<double>(relation.entries());
  return {(inferred + guessed) / total, inferred / total, 0.0};
}

TrainingSetBound OrderBound(const RelationMatrix& relation, const TrainingMask& mask,
                            const BoundSettings& settings, Rng& rng) {
  const OrderClosure closure = CloseOrderFacts(relation, mask);
  double inferred = 0;
  for (int i = 0; i < relation.n; ++i)
    for (int j = 0; j < relation.n; ++j) inferred += closure.Determined(i, j);

  const int records = settings.extensions;
  const int batches = std::clamp(settings.sampler.batches, 1, std::max(1, records));
  // Cross-fitted estimate of sum max(p, 1 - p): the likelier side of each
  // entry is read off the other batches and its probability off this batch,
  // so sampling noise cannot masquerade as knowledge (the plug-in
  // max(p_hat, 1 - p_hat) is biased upwards where p is near 1/2).
  std::vector<double> batch_guessed(batches, 0.0);
  for (const std::vector<int>& block : closure.IndependentBlocks()) {
    const int m = static_cast<int>(block.size());
    std::vector<uint8_t> precedes(static_cast<size_t>(m) * m, 0);
    std::vector<std::pair<int, int>> open_pairs;
    for (int a = 0; a < m; ++a)
      for (int b = 0; b < m; ++b) {
        precedes[static_cast<size_t>(a) * m + b] = closure.Before(block[a], block[b]);
        if (a < b && !closure.Determined(block[a], block[b])) open_pairs.emplace_back(a, b);
      }
    if (open_pairs.empty()) continue;
    std::vector<int> start(m);
    for (int a = 0; a < m; ++a) start[a] = a;  // blocks come in topological order
    SamplerSettings sampler = settings.sampler;
    sampler.batches = batches;
    const PrecedenceFrequencies f =
        SamplePrecedence(precedes, start, open_pairs, records, sampler, rng);
    for (int b = 0; b < batches; ++b) {
      const double own = f.batch_records[b], others = records - own;
      for (size_t k = 0; k < open_pairs.size(); ++k) {
        const double p_own = f.batches[b][k];
        double side = 0.5;  // P(the likelier value is 1) as seen by the other batches
        if (others > 0) {
          const double p_others = (f.overall[k] * records - p_own * own) / others;
          side = p_others > 0.5 ? 1.0 : p_others < 0.5 ? 0.0 : 0.5;
        } else {
          side = p_own > 0.5 ? 1.0 : p_own < 0.5 ? 0.0 : 0.5;
        }
        // Each open pair is two entries, (a, b) with p and (b, a) with 1 - p.
        batch_guessed[b] += 2 * (side * p_own + (1 - side) * (1 - p_own));
      }
    }
  }
  const double total = static_cast<double>(relation.entries());
  const MeanAndSpread per_batch = Summarize(batch_guessed);
  const double error = batches > 1 ? per_batch.spread / std::sqrt(double(batches)) : 0.0;
  return {(inferred + per_batch.mean) / total, inferred / total, error / total};
}

}  // namespace

TrainingSetBound BoundForTrainingSet(const RelationMatrix& relation, const CompletionModel& model,
                                     const TrainingMask& mask, const BoundSettings& settings,
                                     Rng& rng) {
  if (model.structure == Structure::kTotalOrder) return OrderBound(relation, mask, settings, rng);
  return ClassBound(relation, model, mask, settings);
}

BoundPoint AverageBound(const RelationMatrix& relation, const CompletionModel& model,
                        double fraction, uint64_t fraction_index, const BoundSettings& settings) {
  if (settings.training_sets < 1)
    throw std::invalid_argument("training sets: " + std::to_string(settings.training_sets) +
                                " must be >= 1");
  std::vector<double> bounds, inferred;
  for (int t = 0; t < settings.training_sets; ++t) {
    Rng rng = StreamRng(settings.seed, fraction_index, static_cast<uint64_t>(t));
    const TrainingMask mask = RandomTrainingMask(relation.n, fraction, rng);
    const TrainingSetBound b = BoundForTrainingSet(relation, model, mask, settings, rng);
    bounds.push_back(b.bound);
    inferred.push_back(b.inferred_fraction);
  }
  const MeanAndSpread bound = Summarize(bounds), known = Summarize(inferred);
  BoundPoint point;
  point.fraction = fraction;
  point.mean = bound.mean;
  point.spread = bound.spread;
  point.error_of_mean = bound.spread / std::sqrt(double(settings.training_sets));
  point.inferred_mean = known.mean;
  point.inferred_spread = known.spread;
  return point;
}

std::vector<double> EvenFractions(int count) {
  if (count < 1) throw std::invalid_argument("fractions: " + std::to_string(count) +
                                             " must be >= 1");
  std::vector<double> x;
  for (int i = 1; i <= count; ++i) x.push_back(double(i) / count);
  return x;
}

}  // namespace geneft::statics
