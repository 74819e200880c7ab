// The Monte Carlo side of paper Sec. III / Appendix D against exact
// enumeration: the linear-extension sampler's distribution, the three-symbol
// guess probability, and the accuracy bound for n small enough to enumerate
// every completion and every training set.
#include "class_assignments.h"
#include "completion_model.h"
#include "linear_extensions.h"
#include "monte_carlo_bound.h"
#include "order_bound.h"
#include "paper_relations.h"
#include "random.h"
#include "training_sets.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <vector>

using namespace geneft::statics;

namespace {

// Exact bound for one training set: enumerate every completion consistent
// with the facts under the model's prior (all n! orders; all k^n labelled
// class assignments), p per entry, then sum max(p, 1 - p) / n^2.
double EnumeratedBound(const RelationMatrix& r, const CompletionModel& model,
                       const TrainingMask& mask) {
  const int n = r.n;
  std::vector<double> ones(r.entries(), 0.0);
  double consistent = 0;
  auto visit = [&](auto&& value_of) {  // value_of(i, j) -> the completion's R(i, j)
    for (size_t e = 0; e < r.entries(); ++e)
      if (mask[e] && value_of(int(e / n), int(e % n)) != r.ones[e]) return;
    consistent += 1;
    for (size_t e = 0; e < r.entries(); ++e) ones[e] += value_of(int(e / n), int(e % n));
  };
  if (model.structure == Structure::kTotalOrder) {
    std::vector<int> rank(n);
    std::iota(rank.begin(), rank.end(), 0);
    do visit([&](int i, int j) { return rank[i] < rank[j]; });
    while (std::next_permutation(rank.begin(), rank.end()));
  } else {
    std::vector<int> cls(n, 0);
    for (;;) {
      visit([&](int i, int j) { return (cls[i] == cls[j]) == model.same_class_means_one; });
      int k = 0;
      while (k < n && ++cls[k] == model.classes) cls[k++] = 0;
      if (k == n) break;
    }
  }
  double sum = 0;
  for (double o : ones) sum += std::max(o / consistent, 1 - o / consistent);
  return sum / r.entries();
}

// Every subset of `count` entries of an n x n matrix, as masks.
std::vector<TrainingMask> AllTrainingSets(int n, int count) {
  const int total = n * n;
  std::vector<TrainingMask> sets;
  std::vector<uint8_t> pick(total, 0);
  std::fill(pick.end() - count, pick.end(), 1);
  do sets.emplace_back(pick);
  while (std::next_permutation(pick.begin(), pick.end()));
  return sets;
}

// Upper critical value of chi-square with df degrees of freedom at z
// standard deviations (Wilson-Hilferty).
double ChiSquareCritical(double df, double z) {
  const double a = 2.0 / (9.0 * df);
  return df * std::pow(1 - a + z * std::sqrt(a), 3);
}

}  // namespace

TEST_CASE("the chain samples linear extensions uniformly (exact check, 6 elements)") {
  // 0 < 2, 1 < 2, 1 < 3, 3 < 5, closed: 1 < 5; element 4 is free.
  const int m = 6;
  std::vector<uint8_t> precedes(m * m, 0);
  for (auto [a, b] : std::vector<std::pair<int, int>>{{0, 2}, {1, 2}, {1, 3}, {3, 5}, {1, 5}})
    precedes[a * m + b] = 1;
  std::map<std::vector<int>, int> extensions;  // every linear extension, enumerated
  std::vector<int> order(m);
  std::iota(order.begin(), order.end(), 0);
  do {
    bool ok = true;
    for (int s = 0; s < m && ok; ++s)
      for (int t = s + 1; t < m && ok; ++t) ok = !precedes[order[t] * m + order[s]];
    if (ok) extensions.emplace(order, 0);
  } while (std::next_permutation(order.begin(), order.end()));
  REQUIRE(extensions.size() > 20);

  std::vector<int> start = extensions.begin()->first;
  LinearExtensionChain chain(precedes, start);
  // m^2 ln m moves between draws: far past the relaxation time, independent draws.
  const int64_t spacing = SamplerSettings::UnitMoves(m);
  Rng rng(2024);
  chain.Run(spacing, rng);
  const int draws = 40000;
  int outside = 0;
  for (int d = 0; d < draws; ++d) {
    chain.Run(spacing, rng);
    auto it = extensions.find(chain.order());
    if (it == extensions.end()) ++outside; else ++it->second;
  }
  CHECK(outside == 0);
  const double expected = double(draws) / extensions.size();
  double chi2 = 0;
  for (const auto& [ext, count] : extensions) chi2 += (count - expected) * (count - expected) / expected;
  const double df = double(extensions.size() - 1);
  INFO("linear extensions " << extensions.size() << ", chi2 " << chi2 << " on " << df << " df");
  CHECK(chi2 < ChiSquareCritical(df, 3.3));
  CHECK(chi2 > ChiSquareCritical(df, -3.3));  // not suspiciously regular either
}

TEST_CASE("incomparable pairs: every incomparable ordered pair gets its own slot, others none") {
  // A random order on 150 elements (each pair a < b related with probability
  // 0.05, then closed), so rows cross 64-bit words and start at varied columns.
  const int m = 150;
  Rng rng(11);
  std::vector<uint8_t> precedes(m * m, 0);
  for (int a = 0; a < m; ++a)
    for (int b = a + 1; b < m; ++b) precedes[a * m + b] = UniformBelow(rng, 20) == 0;
  for (int k = 0; k < m; ++k)
    for (int a = 0; a < m; ++a)
      if (precedes[a * m + k])
        for (int b = 0; b < m; ++b) precedes[a * m + b] |= precedes[k * m + b];
  const IncomparablePairs pairs(precedes, m);
  std::vector<int> used(static_cast<size_t>(pairs.slots()), 0);
  int64_t incomparable = 0;
  for (int a = 0; a < m; ++a)
    for (int b = 0; b < m; ++b) {
      const bool expected = a != b && !precedes[a * m + b] && !precedes[b * m + a];
      INFO("pair " << a << ", " << b);
      REQUIRE(pairs.Incomparable(a, b) == expected);
      const int64_t slot = pairs.Slot(a, b);
      REQUIRE((slot >= 0) == expected);
      if (!expected) continue;
      ++incomparable;
      REQUIRE(slot < pairs.slots());
      ++used[slot];
    }
  CHECK(incomparable == pairs.slots());
  CHECK(incomparable > 2 * m);  // the test exercises wide rows, not a near chain
  CHECK(std::all_of(used.begin(), used.end(), [](int u) { return u == 1; }));
}

TEST_CASE("the chain keeps every state a linear extension and rejects a bad start") {
  std::vector<uint8_t> precedes(9, 0);
  precedes[0 * 3 + 1] = 1;
  CHECK_THROWS_AS(LinearExtensionChain(precedes, {1, 0, 2}), std::invalid_argument);
  LinearExtensionChain chain(precedes, {0, 1, 2});
  Rng rng(3);
  for (int s = 0; s < 1000; ++s) {
    chain.Run(1, rng);
    CHECK(chain.position()[0] < chain.position()[1]);
  }
}

TEST_CASE("greater-than guess probability is 1/3: the paper's three-symbol argument") {
  // Known x < y; z anywhere: orders xyz, xzy, zxy. P(z before x) = P(y before z) = 1/3.
  const int x = 0, y = 1, z = 2;
  std::vector<uint8_t> precedes(9, 0);
  precedes[x * 3 + y] = 1;
  // 8 chains of 4000 x m^2 ln m = 40,000 moves, every move recorded: more
  // information than 30,000 independent draws, whose standard deviation the
  // tolerance uses (the chain forgets in a few moves).
  SamplerSettings settings;
  settings.max_length = 4000;
  settings.rhat_target = 1 + 1e-12;  // run every round up to max_length
  Rng rng(5);
  const int records = 30000;
  const PrecedenceFrequencies f =
      SamplePrecedence(precedes, {x, y, z}, {{z, x}, {y, z}}, settings, rng);
  const double sd = std::sqrt((1.0 / 3) * (2.0 / 3) / records);
  CHECK(std::fabs(f.overall[0] - 1.0 / 3) < 4 * sd);
  CHECK(std::fabs(f.overall[1] - 1.0 / 3) < 4 * sd);
  CHECK(GuessProbability(ModelForRelation(LessThan(3).matrix, LessThan(3).properties)) ==
        Approx(1.0 / 3));
  // The bound with that single fact: 5 entries known, 4 guessed right 2/3 of the time.
  const NamedRelation r = LessThan(3);
  TrainingMask mask(9, 0);
  mask[x * 3 + y] = 1;
  const CompletionModel model = ModelForRelation(r.matrix, r.properties);
  CHECK(EnumeratedBound(r.matrix, model, mask) == Approx((5 + 4 * (2.0 / 3)) / 9));
  const BoundRelation order(LabelMatrix::FromRelation(r.matrix), r.properties, BoundMethod::kOrbit);
  BoundSettings bs;
  bs.max_exact_work = 0;  // the sampler
  const TrainingSetBound b = order.ForTrainingSet(mask, bs, rng);
  CHECK(std::fabs(b.bound - (5 + 4 * (2.0 / 3)) / 9) < 4 * b.standard_error);
  // And exactly, by the ideals of the known order.
  const TrainingSetBound exact = order.ForTrainingSet(mask, BoundSettings{}, rng);
  CHECK(exact.exact);
  CHECK(exact.bound == Approx((5 + 4 * (2.0 / 3)) / 9).margin(1e-12));
}

TEST_CASE("class bound per training set equals enumeration of class assignments") {
  Rng rng(17);
  for (const NamedRelation& r : {EqualModulo(6, 3), EqualModulo(7, 2), CompleteBipartite(6, 3),
                                 CompleteBipartite(7, 2)}) {
    const CompletionModel model = ModelForRelation(r.matrix, r.properties);
    for (double fraction : {0.05, 0.1, 0.2, 0.3, 0.5}) {
      for (int t = 0; t < 5; ++t) {
        const TrainingMask mask = RandomTrainingMask(r.matrix.n, fraction, rng);
        const TrainingSetBound b =
            IndependentClassBound(r.matrix, model, mask, BoundSettings{}.max_states);
        INFO(r.name << " fraction " << fraction << " set " << t);
        CHECK(b.bound == Approx(EnumeratedBound(r.matrix, model, mask)).margin(1e-12));
        CHECK(b.standard_error == 0);
        CHECK(b.inferred_fraction <= b.bound);
      }
    }
  }
}

TEST_CASE("total-order bound per training set is within its error bars of enumeration") {
  const NamedRelation r = LessThan(7);
  const CompletionModel model = ModelForRelation(r.matrix, r.properties);
  const SamplerSettings sampler;
  Rng rng(23);
  int outside_2se = 0, cases = 0;
  for (double fraction : {0.05, 0.1, 0.15, 0.2, 0.3, 0.4}) {
    for (int t = 0; t < 4; ++t) {
      const TrainingMask mask = RandomTrainingMask(r.matrix.n, fraction, rng);
      // max_exact_work = 0: every set to the linear-extension sampler.
      const TrainingSetBound b = TotalOrderBound(r.matrix, mask, 0, sampler, rng);
      const double exact = EnumeratedBound(r.matrix, model, mask);
      INFO("fraction " << fraction << " set " << t << ": " << b.bound << " +- "
                       << b.standard_error << " vs exact " << exact);
      CHECK(std::fabs(b.bound - exact) <= 4 * b.standard_error + 1e-12);
      ++cases;
      outside_2se += std::fabs(b.bound - exact) > 2 * b.standard_error + 1e-12;
    }
  }
  // Error bars that mean what they say: about 5% fall outside 2 sigma.
  CHECK(outside_2se <= cases / 4);
}

TEST_CASE("Monte Carlo bound averaged over training sets matches the exact expectation") {
  // n = 4: every training set of m = round(x n^2) pairs and every completion
  // enumerated; classes read as Appendix D does (independent_classes), the
  // order's completions are its relabelings (orbit).
  for (const NamedRelation& r : {LessThan(4), EqualModulo(4, 2), CompleteBipartite(4, 1)}) {
    const CompletionModel model = ModelForRelation(r.matrix, r.properties);
    const BoundMethod method = model.structure == Structure::kTotalOrder
                                   ? BoundMethod::kOrbit
                                   : BoundMethod::kIndependentClasses;
    const BoundRelation relation(LabelMatrix::FromRelation(r.matrix), r.properties, method);
    for (double fraction : {0.25, 0.5}) {
      const std::vector<TrainingMask> sets =
          AllTrainingSets(4, static_cast<int>(TrainingFactCount(4, fraction)));
      double exact = 0;
      for (const TrainingMask& mask : sets) exact += EnumeratedBound(r.matrix, model, mask);
      exact /= sets.size();
      BoundSettings settings;
      settings.training_sets = 400;
      settings.error_tolerance = 0;  // all 400 sets
      settings.seed = 99;
      const BoundPoint p = AverageBound(relation, fraction, 0, settings);
      INFO(r.name << " fraction " << fraction << ": " << p.mean << " +- " << p.error_of_mean
                  << " vs exact " << exact);
      CHECK(p.error_of_mean > 0);
      CHECK(std::fabs(p.mean - exact) < 4 * p.error_of_mean);
      CHECK(p.inferred_mean <= p.mean);
    }
  }
}
