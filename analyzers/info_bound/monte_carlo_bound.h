// The accuracy upper bound of paper Sec. III (Fig. 2) and Appendix D, for
// every relation: the orbit reading (docs/accuracy-bound.md has the long form).
//
// The hypotheses are the relabelings pi(R), pi in S_n, of the true relation
// R, uniform over the distinct ones: 2^b of them, b = log2(n!/|Aut R|).
// Given the training pairs and their labels the posterior is uniform over the
// consistent relabelings, and the bound is the expected fraction of all n^2
// pairs that the posterior-majority prediction gets right: a training pair,
// or a pair every consistent relabeling agrees on, counts 1; any other pair
// counts max_c P(label = c | data), Appendix D's max(p, 1 - p). A relation
// with C label classes is read the same way, relabeling elements and keeping
// labels. The inferred fraction beside it counts the pairs the data
// determine. Both are averaged over random training sets of round(x n^2)
// pairs, the m of Eq. 3 and of the trainer's split.
//
// Appendix D's recipe is this with the relation's named properties standing
// in for its relabelings: close the facts under the properties, then P(R_ij
// = 1) over the completions. For a total order the completions are the
// linear extensions, which are its consistent relabelings: the same number.
// For an equivalence or a complete bipartite graph the paper lets each
// element take a class independently, ignoring the class sizes; the method
// kIndependentClasses keeps that reading, which sits below the orbit
// reading where data are few (mod 3 at x = 0.05: about 0.80 against 0.83).
//
// Computed by: total orders, ideals of the implied partial order, else the
// linear-extension chain (order_bound.h); every other relation up to twins,
// exact enumeration of its consistent relabelings while cheap, else a
// tempered chain over them (orbit_bound.h).
#pragma once

#include "completion_model.h"
#include "linear_extensions.h"
#include "orbit_bound.h"
#include "random.h"
#include "relabeling_chain.h"
#include "training_set_bound.h"

#include <geneft/common/relation_matrix.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace geneft::statics {

enum class BoundMethod {
  kOrbit,               ///< uniform over the consistent relabelings (default)
  kIndependentClasses,  ///< classes only: each element's class drawn independently
};

/// "orbit" or "independent_classes"; false for anything else.
bool ParseBoundMethod(const std::string& text, BoundMethod* method);
const char* BoundMethodName(BoundMethod method);

struct BoundSettings {
  BoundMethod method = BoundMethod::kOrbit;
  /// Random training sets per fraction at most, >= 1: as many as are needed
  /// for the standard error of the mean to fall to error_tolerance.
  int training_sets = 10;
  /// Sets per fraction before the tolerance is looked at, >= 2 (fewer when
  /// training_sets is smaller). Not 3: at n = 30 the bound takes few values,
  /// and three equal ones (bipartite at x = 0.05) claim a spread of 0.
  int min_training_sets = 5;
  /// A fraction stops adding training sets once the standard error of its
  /// mean bound is at most this (at large n the sets barely differ); 0
  /// always runs training_sets.
  double error_tolerance = 0.002;
  /// Training sets computed at once; 0 = one per core. The curve does not
  /// depend on it: set t always draws from stream (seed, fraction, t), and
  /// the stopping rule reads the sets in order.
  int threads = 0;
  /// Per training set, the exact count's work (facts checked plus pairs
  /// tallied, or steps between ideals for an order) before it hands over to
  /// sampling; 5e6 is about 0.1-0.3 s on one core, what sampling the set
  /// costs at n = 30. 0 always samples.
  int64_t max_exact_work = 5'000'000;
  ChainSettings chain;       ///< the relabeling sampler
  SamplerSettings sampler;   ///< the linear-extension sampler (total orders)
  int64_t max_states = 2'000'000;  ///< kIndependentClasses: the colouring count's state limit
  uint64_t seed = 0;

  bool IsValid(std::string* error) const;
};

/// A relation prepared once for the bound of all its training sets.
class BoundRelation {
 public:
  /// `properties` are the relation's GENEFT_PROP_* flags (verified by the
  /// host against its labels). Throws NotAvailable when `method` cannot read
  /// the relation (kIndependentClasses needs an equivalence or a complete
  /// bipartite graph), std::invalid_argument when labels and declared
  /// structure disagree.
  BoundRelation(LabelMatrix relation, uint32_t properties, BoundMethod method);

  int n() const { return labels_.n; }
  const LabelMatrix& labels() const { return labels_; }
  /// "total order", "equivalence with 3 classes", "relation up to twins: 27 classes"...
  std::string Describe() const;
  /// How the bound of one training set is computed, one line.
  std::string Method(const BoundSettings& settings) const;

  TrainingSetBound ForTrainingSet(const TrainingMask& mask, const BoundSettings& settings,
                                  Rng& rng) const;

 private:
  LabelMatrix labels_;
  BoundMethod method_;
  std::optional<RelationMatrix> binary_;      // total orders and kIndependentClasses
  std::optional<CompletionModel> classes_;    // kIndependentClasses
  bool total_order_ = false;
  std::unique_ptr<OrbitRelation> orbit_;      // kOrbit, not a total order
};

/// The bound at one training fraction over settings.training_sets random sets.
struct BoundPoint {
  double fraction = 0;
  int64_t training_pairs = 0;  ///< round(fraction n^2), each set's size
  double mean = 0;             ///< mean bound
  double spread = 0;           ///< standard deviation of the bound over training sets
  double error_of_mean = 0;    ///< spread / sqrt(training sets): the curve's error bar
  double inferred_mean = 0;    ///< mean inferred fraction
  double inferred_spread = 0;  ///< its standard deviation over training sets
  double inferred_error = 0;   ///< inferred_spread / sqrt(training sets)
  int training_sets = 0;       ///< sets averaged: settings.training_sets, or fewer at the tolerance
  int exact_sets = 0;          ///< training sets computed without sampling
  double worst_rhat = std::nan("");   ///< largest sampler R-hat, NaN when all exact
  int64_t fewest_relabelings = -1;    ///< fewest distinct relabelings a sampled set visited
  int shortened_sets = 0;             ///< sampled sets whose chains were cut by their work limit
};

/// Training set t at fraction index f uses random stream (seed, f, t); sets
/// are added until settings.error_tolerance or settings.training_sets.
BoundPoint AverageBound(const BoundRelation& relation, double fraction, uint64_t fraction_index,
                        const BoundSettings& settings);

/// x_i = i / count for i = 1 .. count: the training fractions of the curves.
std::vector<double> EvenFractions(int count);

}  // namespace geneft::statics
