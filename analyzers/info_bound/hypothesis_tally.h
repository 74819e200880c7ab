// Posterior label counts per pair from relabelings added one at a time, in
// batches (independent chains, or one batch for an exact enumeration), and
// the accuracy bound they give (orbit reading, monte_carlo_bound.h).
//
// A relabeling is an assignment of elements to twin classes; it can differ
// from the relation itself only on pairs touching an element away from its
// own class, so adding one costs O(n) per such element, not O(n^2). Only
// pairs where some relabeling differed get storage: all others (the training
// pairs among them) were the same in every relabeling added.
#pragma once

#include <geneft/common/relation_matrix.h>
#include <geneft/common/twin_quotient.h>

#include <cstdint>
#include <unordered_set>
#include <vector>

namespace geneft::statics {

class HypothesisTally {
 public:
  /// `relation` must outlive the tally.
  HypothesisTally(const LabelMatrix& relation, int batches);

  /// Adds the relabeling where element e takes class cls[e] of q to `batch`.
  /// Returns the number of pairs on which it agrees with the relation.
  int64_t Add(const TwinQuotient& q, const int* cls, int batch);

  int batches() const { return static_cast<int>(added_.size()); }
  int64_t added(int batch) const { return added_[batch]; }
  /// Distinct relabelings among those added (by a 64-bit hash of the pairs
  /// where each differs from the relation), counted up to kMaxDistinct.
  int64_t distinct() const { return static_cast<int64_t>(seen_.size()); }
  static constexpr size_t kMaxDistinct = 1'000'000;

  /// The accuracy bound of the added relabelings: (pairs that never
  /// differed + sum over the others of the posterior probability of the label
  /// the posterior favours) / n^2, estimated two ways. `pooled` reads both
  /// the favoured label and its probability off all relabelings added (with
  /// one batch, or an exact enumeration, it is the bound); noise in the
  /// frequencies can only raise its maxima, so it is biased up. `cross_fitted`
  /// has one value per batch: the favoured label read off the other batches,
  /// its probability off this one (off this one alone when there is no
  /// other), the accuracy of a prediction that noise can only make worse, so
  /// biased down. The truth lies between their expectations.
  struct Estimate {
    double pooled = 0;
    std::vector<double> cross_fitted;
  };
  Estimate Bound() const;
  /// Pairs that were the same in every relabeling added, / n^2.
  double UnchangedFraction() const;
  /// The finest step of the bound the added relabelings resolve: one
  /// relabeling's weight on every pair that changed, (changed pairs / n^2)
  /// / relabelings added.
  double Resolution() const;

 private:
  struct Count {
    int batch;
    int32_t label;
    int64_t count;
  };
  void Record(size_t pair, int32_t label, int batch);

  const LabelMatrix& relation_;
  std::vector<int64_t> added_;            // per batch
  std::vector<int32_t> slot_;             // pair -> index into counts_, or -1
  std::vector<std::vector<Count>> counts_;  // per slot: labels other than the relation's
  std::unordered_set<uint64_t> seen_;
  std::vector<int> away_;                 // scratch: elements away from their own class
  std::vector<uint8_t> is_away_;
};

}  // namespace geneft::statics
