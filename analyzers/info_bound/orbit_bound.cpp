#include "orbit_bound.h"

#include "hypothesis_tally.h"
#include "relabeling_facts.h"
#include "sampled_bound.h"

#include <cmath>
#include <utility>
#include <vector>

namespace geneft::statics {
namespace {

constexpr int64_t kLinearWork = 20;  // operations per pair and per fact

}  // namespace

OrbitRelation::OrbitRelation(LabelMatrix labels)
    : relation(std::move(labels)),
      quotient(QuotientByTwins(relation)),
      degrees(quotient) {}

TrainingSetBound OrbitBound(const OrbitRelation& relation, const TrainingMask& mask,
                            int64_t max_exact_work, const ChainSettings& chain, Rng& rng) {
  const TwinQuotient& q = relation.quotient;
  const RelabelingFacts facts = CollectFacts(relation.relation, mask);
  // Any search checks each fact and tallies each pair at least once: that
  // much it may always spend, max_exact_work beyond it.
  const int64_t work = max_exact_work == 0 ? 0
                       : max_exact_work + kLinearWork * static_cast<int64_t>(
                                               relation.relation.entries() + facts.facts.size());
  TrainingSetBound result;
  // Every pair a training pair: each counts 1, whatever the relabelings (at
  // x = 1 a large relation would otherwise be searched or sampled for nothing).
  if (facts.count == static_cast<int64_t>(relation.relation.entries())) {
    result.bound = result.inferred_fraction = 1;
    result.relabelings = 1;
    return result;
  }
  {
    HypothesisTally tally(relation.relation, 1);
    const EnumerationReport report = EnumerateRelabelings(
        q, facts, AllowedClasses(q, relation.degrees, facts), work, rng, &tally);
    if (report.complete) {
      result.bound = tally.Bound().pooled;
      result.inferred_fraction = tally.UnchangedFraction();
      result.relabelings = tally.distinct();
      return result;
    }
  }
  HypothesisTally tally(relation.relation, chain.chains);
  const ChainReport report = SampleRelabelings(q, facts, chain, rng, &tally);
  const HypothesisTally::Estimate estimate = tally.Bound();
  const SampledBound sampled = CombineEstimates(estimate.pooled, estimate.cross_fitted, tally.Resolution());
  result.bound = sampled.bound;
  result.standard_error = sampled.standard_error;
  result.inferred_fraction = tally.UnchangedFraction();
  result.exact = false;
  result.relabelings = tally.distinct();
  result.rhat = report.rhat;
  result.exchange_rate = report.exchange_acceptance;
  result.shortened = report.shortened;
  result.ladders_dropped = report.ladders_dropped;
  return result;
}

}  // namespace geneft::statics
