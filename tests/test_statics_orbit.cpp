// The orbit reading of the accuracy bound (monte_carlo_bound.h): the twin
// quotient, the exact enumeration of consistent relabelings against brute
// force over all n! permutations, and the sampler against the exact count,
// on small relations of every kind.
#include "exact_relabelings.h"
#include "monte_carlo_bound.h"
#include "orbit_bound.h"
#include "order_bound.h"
#include "relabeling_chain.h"
#include "relabeling_facts.h"
#include "small_relations.h"
#include "split_rhat.h"
#include "training_sets.h"

#include <geneft/common/twin_quotient.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <vector>

using namespace geneft::statics;
using geneft::testing::CompleteBinaryTree;
using geneft::testing::Coprime;
using geneft::testing::EveryKind;
using geneft::testing::MaskOf;
using geneft::testing::OrbitByBruteForce;
using geneft::testing::SmallRelation;

namespace {

// Swapping u and v keeps every label.
bool Twins(const LabelMatrix& r, int u, int v) {
  const auto swapped = [&](int x) { return x == u ? v : x == v ? u : x; };
  for (int i = 0; i < r.n; ++i)
    for (int j = 0; j < r.n; ++j)
      if (r(i, j) != r(swapped(i), swapped(j))) return false;
  return true;
}

}  // namespace

TEST_CASE("twin classes are exactly the elements a transposition of which is an automorphism") {
  for (const SmallRelation& r : EveryKind(9, 40)) {
    INFO(r.name);
    const TwinQuotient q = QuotientByTwins(r.matrix);
    int members = 0;
    for (int c = 0; c < q.size; ++c) members += q.capacity[c];
    CHECK(members == r.matrix.n);
    for (int u = 0; u < r.matrix.n; ++u)
      for (int v = u + 1; v < r.matrix.n; ++v)
        CHECK((q.class_of[u] == q.class_of[v]) == Twins(r.matrix, u, v));
    // The class table reproduces every label.
    for (int i = 0; i < r.matrix.n; ++i)
      for (int j = 0; j < r.matrix.n; ++j)
        CHECK(q.PairLabel(i, j, q.class_of.data()) == r.matrix(i, j));
  }
  // mod 3: three interchangeable classes; greater-than: n singletons, none interchangeable.
  const TwinQuotient mod3 = QuotientByTwins(LabelMatrix::FromRelation(EqualModulo(9, 3).matrix));
  CHECK(mod3.size == 3);
  CHECK(mod3.interchangeable == std::vector<int>{0, 0, 0});
  const TwinQuotient order = QuotientByTwins(LabelMatrix::FromRelation(LessThan(9).matrix));
  CHECK(order.size == 9);
  for (int c = 0; c < 9; ++c) CHECK(order.interchangeable[c] == c);
  // mod n is the identity: every element a twin of every other, one class.
  CHECK(QuotientByTwins(LabelMatrix::FromRelation(EqualModulo(9, 9).matrix)).size == 1);
}

TEST_CASE("exact enumeration of consistent relabelings equals brute force over all n! permutations") {
  const int n = 7;
  for (const SmallRelation& r : EveryKind(n, 11)) {
    const OrbitRelation relation(r.matrix);
    Rng rng(5);
    for (double fraction : {0.0, 0.05, 0.1, 0.2, 0.35, 0.6}) {
      for (int t = 0; t < 3; ++t) {
        const TrainingMask mask = RandomTrainingMask(n, fraction, rng);
        const auto brute = OrbitByBruteForce(r.matrix, mask);
        const TrainingSetBound b = OrbitBound(relation, mask, 1'000'000'000, ChainSettings{}, rng);
        INFO(r.name << ", fraction " << fraction << ", set " << t << ": " << b.bound << " vs "
                    << brute.bound << ", " << b.relabelings << " vs " << brute.relabelings
                    << " relabelings");
        REQUIRE(b.exact);
        CHECK(b.bound == Approx(brute.bound).margin(1e-12));
        CHECK(b.inferred_fraction == Approx(brute.inferred).margin(1e-12));
        CHECK(b.relabelings == brute.relabelings);
        CHECK(b.standard_error == 0);
      }
    }
  }
}

TEST_CASE("a total order's bound by the ideals of the implied order equals brute force") {
  const int n = 7;
  const NamedRelation order = LessThan(n);
  const LabelMatrix labels = LabelMatrix::FromRelation(order.matrix);
  Rng rng(8);
  for (double fraction : {0.05, 0.1, 0.2, 0.3, 0.5}) {
    for (int t = 0; t < 4; ++t) {
      const TrainingMask mask = RandomTrainingMask(n, fraction, rng);
      const auto brute = OrbitByBruteForce(labels, mask);
      const TrainingSetBound b =
          TotalOrderBound(order.matrix, mask, 1'000'000'000, SamplerSettings{}, rng);
      INFO("fraction " << fraction << ", set " << t);
      REQUIRE(b.exact);
      CHECK(b.bound == Approx(brute.bound).margin(1e-12));
      CHECK(b.inferred_fraction == Approx(brute.inferred).margin(1e-12));
    }
  }
}

// The sampler as users run it (default settings) against the exact count,
// n = 9, on every kind of relation: 96 training sets. Its error combines the
// spread of 8 independent chains (t on 7 degrees of freedom: |error| > 2.5
// SE has probability 0.04, > 4 SE 0.005, > 8 SE 1e-4) with an allowance for
// the estimator's bias near ties (sampled_bound.h), which only widens it.
// So at most 10% of the sets may lie beyond 2.5 errors, at most 2 beyond 4
// (expected 0.5; 3 or more has probability 0.014) and none beyond 8. Each
// set's sampler has its own random stream, seeded from the case, so the run
// is repeatable and independent of what the exact count draws.
TEST_CASE("the relabeling sampler agrees with exact enumeration within its standard error") {
  const int n = 9;
  const ChainSettings chain;
  int cases = 0, beyond_2_5 = 0, beyond_4 = 0;
  for (const SmallRelation& r : EveryKind(n, 23)) {
    const OrbitRelation relation(r.matrix);
    Rng rng(31);
    for (double fraction : {0.05, 0.1, 0.2, 0.3}) {
      for (int t = 0; t < 3; ++t) {
        const TrainingMask mask = RandomTrainingMask(n, fraction, rng);
        const TrainingSetBound exact = OrbitBound(relation, mask, 2'000'000'000, chain, rng);
        REQUIRE(exact.exact);
        Rng sampler_rng = StreamRng(77, static_cast<uint64_t>(cases), 0);
        const TrainingSetBound sampled = OrbitBound(relation, mask, 0, chain, sampler_rng);
        INFO(r.name << ", fraction " << fraction << ", set " << t << ": " << sampled.bound
                    << " +- " << sampled.standard_error << " vs exact " << exact.bound << " ("
                    << exact.relabelings << " relabelings, " << sampled.relabelings
                    << " visited, R-hat " << sampled.rhat << ")");
        REQUIRE_FALSE(sampled.exact);
        const double error = std::fabs(sampled.bound - exact.bound);
        CHECK(error <= 8 * sampled.standard_error);
        CHECK(sampled.relabelings <= exact.relabelings);
        CHECK(std::isfinite(sampled.rhat));
        ++cases;
        beyond_2_5 += error > 2.5 * sampled.standard_error;
        beyond_4 += error > 4 * sampled.standard_error;
      }
    }
  }
  INFO(beyond_2_5 << " of " << cases << " beyond 2.5 standard errors, " << beyond_4
                  << " beyond 4");
  CHECK(beyond_2_5 <= cases / 10);
  CHECK(beyond_4 <= 2);
}

// The relabelings consistent with `facts` reached from the relation itself
// by swaps of two elements' classes that keep every fact, each as the
// labels it gives the pairs: what a chain confined to consistent
// relabelings can visit.
std::set<std::vector<int32_t>> ReachableBySwaps(const TwinQuotient& q,
                                                const RelabelingFacts& facts) {
  const auto labels = [&](const std::vector<int>& cls) {
    std::vector<int32_t> h(static_cast<size_t>(q.n) * q.n);
    for (int i = 0; i < q.n; ++i)
      for (int j = 0; j < q.n; ++j) h[static_cast<size_t>(i) * q.n + j] = q.PairLabel(i, j, cls.data());
    return h;
  };
  std::set<std::vector<int32_t>> seen{labels(q.class_of)};
  std::vector<std::vector<int>> frontier{q.class_of};
  int64_t read = 0;
  while (!frontier.empty()) {
    std::vector<int> cls = std::move(frontier.back());
    frontier.pop_back();
    for (int a = 0; a < q.n; ++a)
      for (int b = a + 1; b < q.n; ++b) {
        if (cls[a] == cls[b] || !facts.SwapKeepsFacts(q, cls.data(), a, b, &read)) continue;
        std::swap(cls[a], cls[b]);
        if (seen.insert(labels(cls)).second) frontier.push_back(cls);
        std::swap(cls[a], cls[b]);
      }
  }
  return seen;
}

// Relations whose automorphisms move whole blocks (coprimality: 3 with its
// multiples against 7 with its own; a complete binary tree: sibling
// subtrees), with training sets whose facts no tempered copy comes near: the
// chains drop their ladders and run the consistent copy alone, thinned by the
// ladder's length (relabeling_chain.h). Where single swaps connect the
// consistent relabelings (checked by search), the chains must agree with the
// exact count by the tolerances of the sampler test above, visit every
// relabeling, and mix: every set's split R-hat below 1.1, the threshold
// docs/accuracy-bound.md gives. Where they do not connect, no chain of swaps
// can be right; the docs list that limit.
TEST_CASE("chains without their ladder agree with the exact count on whole-block-symmetric relations") {
  const ChainSettings chain;
  int cases = 0, disconnected = 0, dropped_sets = 0, beyond_2_5 = 0, beyond_4 = 0;
  for (const SmallRelation& r : {Coprime(40), CompleteBinaryTree(31)}) {
    const OrbitRelation relation(r.matrix);
    Rng rng(12);
    for (double fraction : {0.45, 0.6}) {
      for (int t = 0; t < 6; ++t) {
        const TrainingMask mask = RandomTrainingMask(r.matrix.n, fraction, rng);
        const TrainingSetBound exact = OrbitBound(relation, mask, 200'000'000, chain, rng);
        if (!exact.exact) continue;
        const RelabelingFacts facts = CollectFacts(relation.relation, mask);
        if (static_cast<int64_t>(ReachableBySwaps(relation.quotient, facts).size()) !=
            exact.relabelings) {
          ++disconnected;
          continue;
        }
        Rng sampler_rng = StreamRng(41, static_cast<uint64_t>(cases), 0);
        const TrainingSetBound sampled = OrbitBound(relation, mask, 0, chain, sampler_rng);
        INFO(r.name << ", fraction " << fraction << ", set " << t << ": " << sampled.bound
                    << " +- " << sampled.standard_error << " vs exact " << exact.bound << " ("
                    << exact.relabelings << " relabelings, " << sampled.relabelings
                    << " visited, R-hat " << sampled.rhat << ", " << sampled.ladders_dropped
                    << " ladders dropped)");
        const double error = std::fabs(sampled.bound - exact.bound);
        CHECK(error <= 8 * sampled.standard_error + 1e-12);
        CHECK(sampled.relabelings == exact.relabelings);
        CHECK(sampled.rhat < 1.1);
        ++cases;
        dropped_sets += sampled.ladders_dropped == chain.chains;
        beyond_2_5 += error > 2.5 * sampled.standard_error + 1e-12;
        beyond_4 += error > 4 * sampled.standard_error + 1e-12;
      }
    }
  }
  INFO(cases << " sets compared (" << disconnected << " not connected by swaps), "
             << dropped_sets << " ran without ladders; " << beyond_2_5
             << " beyond 2.5 standard errors, " << beyond_4 << " beyond 4");
  CHECK(cases >= 12);
  CHECK(dropped_sets >= cases * 3 / 4);
  CHECK(beyond_2_5 <= cases / 10);
  CHECK(beyond_4 <= 1);
}

TEST_CASE("a training set of every pair has bound 1 without search or sampling") {
  const SmallRelation tree = CompleteBinaryTree(31);
  const OrbitRelation relation(tree.matrix);
  const TrainingMask all(tree.matrix.entries(), 1);
  Rng rng(2);
  const TrainingSetBound b = OrbitBound(relation, all, 0, ChainSettings{}, rng);  // 0: sample
  CHECK(b.exact);
  CHECK(b.bound == 1);
  CHECK(b.inferred_fraction == 1);
  CHECK(b.relabelings == 1);
}

TEST_CASE("training sets stop at the error tolerance, and the curve does not depend on threads") {
  const NamedRelation mod3 = EqualModulo(30, 3);
  const BoundRelation relation(LabelMatrix::FromRelation(mod3.matrix), mod3.properties,
                               BoundMethod::kOrbit);
  BoundSettings settings;  // 3 to 10 sets, tolerance 0.002
  // At x = 0.6 the data fix nearly every pair: the bound barely varies, and
  // three sets meet the tolerance. At x = 0.05 they differ by about 0.03.
  const BoundPoint settled = AverageBound(relation, 0.6, 11, settings);
  CHECK(settled.training_sets == settings.min_training_sets);
  CHECK(settled.error_of_mean <= settings.error_tolerance);
  const BoundPoint sparse = AverageBound(relation, 0.05, 0, settings);
  CHECK(sparse.training_sets == settings.training_sets);
  CHECK(sparse.error_of_mean > settings.error_tolerance);
  settings.error_tolerance = 0;
  CHECK(AverageBound(relation, 0.6, 11, settings).training_sets == settings.training_sets);
  // The same numbers on one thread and on three, to the last bit.
  settings.error_tolerance = 0.01;
  settings.threads = 1;
  const BoundPoint one = AverageBound(relation, 0.1, 1, settings);
  settings.threads = 3;
  const BoundPoint three = AverageBound(relation, 0.1, 1, settings);
  CHECK(one.training_sets == three.training_sets);
  CHECK(one.mean == three.mean);
  CHECK(one.error_of_mean == three.error_of_mean);
  CHECK(one.inferred_mean == three.inferred_mean);
}

TEST_CASE("the tempered chain reaches relabelings no single swap can") {
  // mod 2 on 8 elements, classes of 4; facts: 0 ~ 2 and 4 ~ 6. From the
  // relation itself ({0,2,4,6} | {1,3,5,7}) every single swap breaks a fact,
  // yet {0,2} may also share its class with two odd elements and {4,6} with
  // the other two: the consistent relabelings are counted by brute force.
  const LabelMatrix r = LabelMatrix::FromRelation(EqualModulo(8, 2).matrix);
  const TrainingMask mask = MaskOf(8, {{0, 2}, {4, 6}});
  const auto brute = OrbitByBruteForce(r, mask);
  REQUIRE(brute.relabelings > 1);
  const OrbitRelation relation(r);
  ChainSettings chain;
  Rng rng(3);
  const TrainingSetBound sampled = OrbitBound(relation, mask, 0, chain, rng);
  CHECK(sampled.relabelings == brute.relabelings);
  CHECK(sampled.exchange_rate > 0);
  // Without tempering (one copy, the consistent one) the chain is stuck.
  chain.replicas = 1;
  const TrainingSetBound stuck = OrbitBound(relation, mask, 0, chain, rng);
  CHECK(stuck.relabelings == 1);
}

TEST_CASE("class sizes count: the orbit reading of mod 3 lies above independent class draws") {
  // Paper Fig. 2's mod 3 at 5% of the pairs, the same training sets for both
  // readings: issue 18 measured about 0.83 (orbit) against 0.80.
  const NamedRelation mod3 = EqualModulo(30, 3);
  BoundSettings settings;
  settings.training_sets = 20;
  const BoundRelation orbit(LabelMatrix::FromRelation(mod3.matrix), mod3.properties,
                            BoundMethod::kOrbit);
  const BoundRelation independent(LabelMatrix::FromRelation(mod3.matrix), mod3.properties,
                                  BoundMethod::kIndependentClasses);
  const BoundPoint a = AverageBound(orbit, 0.05, 0, settings);
  const BoundPoint b = AverageBound(independent, 0.05, 0, settings);
  INFO("orbit " << a.mean << " +- " << a.error_of_mean << ", independent " << b.mean << " +- "
                << b.error_of_mean);
  CHECK(a.mean == Approx(0.83).margin(0.02));
  CHECK(b.mean == Approx(0.80).margin(0.02));
  CHECK(a.mean > b.mean);
  // The inferred fraction: pairs all consistent relabelings agree on, at least
  // those the closure under the properties finds.
  CHECK(a.inferred_mean >= b.inferred_mean);
}

TEST_CASE("the relabeling sampler runs fewer sweeps where its facts would cost more than max_work") {
  const NamedRelation mod3 = EqualModulo(30, 3);
  const OrbitRelation relation(LabelMatrix::FromRelation(mod3.matrix));
  Rng rng(4);
  const TrainingMask mask = RandomTrainingMask(30, 0.05, rng);
  ChainSettings chain;
  chain.max_work = 0;  // no limit: every sweep asked for
  const TrainingSetBound full = OrbitBound(relation, mask, 0, chain, rng);
  CHECK_FALSE(full.shortened);
  // 45 training pairs, about 87 facts: 8 chains x 8 copies x 30 proposals x
  // (2 x 87 / 30 + 2) = 15,000 checks per sweep, 130 sweeps about 2e6; a
  // limit of 1e5 leaves 2 burn-in and 5 recorded sweeps.
  chain.max_work = 100'000;
  const TrainingSetBound cut = OrbitBound(relation, mask, 0, chain, rng);
  CHECK(cut.shortened);
  CHECK(std::isfinite(cut.rhat));
  CHECK(cut.bound >= cut.inferred_fraction);
  CHECK(cut.bound <= 1);
  // Fewer recorded relabelings: a coarser resolution, so a larger error.
  CHECK(cut.standard_error > 0);
}

TEST_CASE("split R-hat is 1 for agreeing chains and large for chains apart") {
  std::vector<std::vector<double>> agree, apart;
  Rng rng(9);
  for (int c = 0; c < 4; ++c) {
    agree.emplace_back();
    apart.emplace_back();
    for (int s = 0; s < 400; ++s) {
      const double noise = double(UniformBelow(rng, 1000)) / 1000;
      agree.back().push_back(noise);
      apart.back().push_back(noise + 3 * c);
    }
  }
  CHECK(SplitRhat(agree) == Approx(1).margin(0.02));
  CHECK(SplitRhat(apart) > 3);
  CHECK(SplitRhat({{1, 1, 1, 1}, {1, 1, 1, 1}}) == 1);
}
