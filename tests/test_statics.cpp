// Statics of paper Sec. III on the math library: description length b
// (Table II vs automorphism group), Eq. 3-5, closing training facts, and the
// exact class-assignment counts behind the Appendix D bound.
#include "class_assignments.h"
#include <geneft/common/closed_forms.h>
#include "closure.h"
#include "completion_model.h"
#include <geneft/common/description_length.h>
#include "eq_formulas.h"
#include "not_available.h"
#include "paper_relations.h"
#include "random.h"
#include "small_relations.h"

#include <catch2/catch.hpp>
#include <geneft/geneft_plugin.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

using namespace geneft::statics;
using geneft::testing::MaskOf;

namespace {

// log2(a!) by summing, independent of the library's lgamma.
double SumLog2Factorial(int a) {
  double s = 0;
  for (int i = 2; i <= a; ++i) s += std::log2(double(i));
  return s;
}

}  // namespace

TEST_CASE("b from the automorphism group matches the exact formulas at n = 30") {
  const double log2_30 = SumLog2Factorial(30);
  // mod 3: three classes of 10, |Aut| = 10!^3 * 3!.
  const double mod3 = log2_30 - 3 * SumLog2Factorial(10) - SumLog2Factorial(3);
  CHECK(DescriptionLengthFromAutomorphisms(EqualModulo(30, 3).matrix) == Approx(mod3).epsilon(1e-9));
  CHECK(ExactBitsForClasses({10, 10, 10}) == Approx(mod3).epsilon(1e-9));
  // mod 5: five classes of 6.
  const double mod5 = log2_30 - 5 * SumLog2Factorial(6) - SumLog2Factorial(5);
  CHECK(DescriptionLengthFromAutomorphisms(EqualModulo(30, 5).matrix) == Approx(mod5).epsilon(1e-9));
  // greater-than: |Aut| = 1.
  CHECK(DescriptionLengthFromAutomorphisms(LessThan(30).matrix) == Approx(log2_30).epsilon(1e-9));
  CHECK(ExactBitsTotalOrder(30) == Approx(log2_30).epsilon(1e-9));
  // bipartite 15/15: |Aut| = 15!^2 * 2 (the blocks swap); 10/20: 10! 20!.
  const double balanced = log2_30 - 2 * SumLog2Factorial(15) - 1;
  CHECK(DescriptionLengthFromAutomorphisms(CompleteBipartite(30, 15).matrix) ==
        Approx(balanced).epsilon(1e-9));
  CHECK(ExactBitsCompleteBipartite(15, 15) == Approx(balanced).epsilon(1e-9));
  const double unbalanced = log2_30 - SumLog2Factorial(10) - SumLog2Factorial(20);
  CHECK(DescriptionLengthFromAutomorphisms(CompleteBipartite(30, 10).matrix) ==
        Approx(unbalanced).epsilon(1e-9));
}

TEST_CASE("b from the automorphism group handles unequal classes and huge groups") {
  // mod 4 at n = 30: classes 8, 8, 7, 7; equal-size classes swap.
  const double mod4 = SumLog2Factorial(30) - 2 * SumLog2Factorial(8) - 2 * SumLog2Factorial(7) -
                      2 * SumLog2Factorial(2);
  CHECK(DescriptionLengthFromAutomorphisms(EqualModulo(30, 4).matrix) == Approx(mod4).epsilon(1e-9));
  CHECK(ExactBitsForClasses({8, 8, 7, 7}) == Approx(mod4).epsilon(1e-9));
  // The empty relation on 300 elements: |Aut| = 300! ~ 10^614 overflows a double.
  RelationMatrix empty;
  empty.n = 300;
  empty.ones.assign(empty.entries(), 0);
  CHECK(Log2AutomorphismGroupSize(empty) == Approx(SumLog2Factorial(300)).epsilon(1e-9));
  CHECK(std::fabs(DescriptionLengthFromAutomorphisms(empty)) < 1e-6);
  // Self-loops count: one looped element among 5 leaves |Aut| = 4!.
  RelationMatrix one_loop = empty;
  one_loop.n = 5;
  one_loop.ones.assign(25, 0);
  one_loop.ones[0] = 1;
  CHECK(Log2AutomorphismGroupSize(one_loop) == Approx(SumLog2Factorial(4)).epsilon(1e-9));
}

TEST_CASE("b from the automorphism group of sparse graphs (nauty's sparse form)") {
  // Complete binary tree of 31 nodes, arcs child -> parent (30 arcs): each
  // of the 15 inner nodes may swap its two subtrees, |Aut| = 2^15.
  RelationMatrix tree;
  tree.n = 31;
  tree.ones.assign(tree.entries(), 0);
  for (int child = 1; child < 31; ++child) tree.ones[size_t(child) * 31 + (child - 1) / 2] = 1;
  CHECK(Log2AutomorphismGroupSize(tree) == Approx(15).epsilon(1e-12));
  // A directed cycle of 40 has only its 40 rotations; with a self-loop on
  // one element, none.
  RelationMatrix cycle;
  cycle.n = 40;
  cycle.ones.assign(cycle.entries(), 0);
  for (int i = 0; i < 40; ++i) cycle.ones[size_t(i) * 40 + (i + 1) % 40] = 1;
  CHECK(Log2AutomorphismGroupSize(cycle) == Approx(std::log2(40.0)).epsilon(1e-12));
  cycle.ones[0] = 1;
  CHECK(std::fabs(Log2AutomorphismGroupSize(cycle)) < 1e-12);
}

TEST_CASE("Table II approximations against the exact description length at n = 30") {
  // Stirling: log2 n! - n log2(n/e) = log2 sqrt(2 pi n) + O(1/n).
  const double stirling_gap = SumLog2Factorial(30) - TableTwoTotalOrder(30);
  CHECK(stirling_gap == Approx(0.5 * std::log2(2 * std::numbers::pi * 30)).margin(1.0 / (12 * 30 * std::log(2.0)) + 1e-9));
  // n log2 k counts labelled class assignments: it exceeds the exact b, which
  // divides by the class-size arrangements.
  CHECK(TableTwoEquivalence(30, 3) > ExactBitsForClasses({10, 10, 10}));
  CHECK(TableTwoEquivalence(30, 5) > ExactBitsForClasses({6, 6, 6, 6, 6}));
  // Table II rows chosen from the declared properties.
  CHECK(TableTwoBits(30, EqualModulo(30, 3).properties, 3).value() == Approx(30 * std::log2(3.0)));
  CHECK(TableTwoBits(30, LessThan(30).properties, 0).value() == Approx(TableTwoTotalOrder(30)));
  CHECK(TableTwoBits(30, CompleteBipartite(30, 15).properties, 2).value() == Approx(30));
  CHECK(TableTwoBits(30, 0, 0).value() == Approx(900));
  CHECK(TableTwoBits(30, GENEFT_PROP_SYMMETRIC, 0).value() == Approx(465));
  CHECK_FALSE(TableTwoBits(30, GENEFT_PROP_SYMMETRIC | GENEFT_PROP_IRREFLEXIVE, 0).has_value());
}

TEST_CASE("Eq. 3 is the expected fraction of non-empty buckets (Eq. 1-2)") {
  // m balls into b buckets (paper Sec. III), simulated.
  const int b = 40, m = 55, trials = 20000;
  Rng rng(7);
  double filled = 0;
  for (int t = 0; t < trials; ++t) {
    std::vector<uint8_t> bucket(b, 0);
    for (int k = 0; k < m; ++k) bucket[UniformBelow(rng, b)] = 1;
    for (uint8_t x : bucket) filled += x;
  }
  const double simulated = filled / (double(b) * trials);
  const double standard_error = 0.5 / std::sqrt(double(b) * trials);
  CHECK(std::fabs(simulated - InferableFraction(b, m)) < 5 * standard_error);
  CHECK(InferableFraction(b, 0) == 0);
}

TEST_CASE("Eq. 4 gives the fraction where Eq. 3 reaches alpha") {
  for (const NamedRelation& r : {EqualModulo(30, 3), EqualModulo(30, 5), LessThan(30),
                                 CompleteBipartite(30, 15)}) {
    const double b = DescriptionLengthFromAutomorphisms(r.matrix);
    const double total = r.matrix.entries();
    for (double alpha : {0.5, 0.9, 0.99}) {
      const double p_c = CriticalFraction(b, alpha, total);
      INFO(r.name << " alpha " << alpha << " b " << b << " p_c " << p_c);
      CHECK(InferableFraction(b, p_c * total) == Approx(alpha).epsilon(1e-12));
      CHECK(InferableFraction(b, 0.9 * p_c * total) < alpha);
    }
  }
  CHECK_THROWS_AS(CriticalFraction(1.0, 0.9, 900), std::invalid_argument);
  CHECK_THROWS_AS(CriticalFraction(40, 1.0, 900), std::invalid_argument);
}

TEST_CASE("Eq. 5 interpolates between the guess and certainty") {
  CHECK(AccuracyUpperBound(0, 1.0 / 3) == Approx(2.0 / 3));
  CHECK(AccuracyUpperBound(0, 0.8) == Approx(0.8));
  CHECK(AccuracyUpperBound(1, 0.2) == Approx(1.0));
  CHECK(AccuracyUpperBound(0.5, 0.5) == Approx(0.75));
}

TEST_CASE("completion models and guess probabilities of the paper's relations") {
  const CompletionModel mod3 = ModelForRelation(EqualModulo(30, 3).matrix, EqualModulo(30, 3).properties);
  CHECK(mod3.structure == Structure::kClasses);
  CHECK(mod3.classes == 3);
  CHECK(mod3.same_class_means_one);
  CHECK(GuessProbability(mod3) == Approx(1.0 / 3));
  const CompletionModel bip = ModelForRelation(CompleteBipartite(30, 12).matrix,
                                               CompleteBipartite(30, 12).properties);
  CHECK(bip.classes == 2);
  CHECK_FALSE(bip.same_class_means_one);
  CHECK(GuessProbability(bip) == Approx(0.5));
  const CompletionModel order = ModelForRelation(LessThan(30).matrix, LessThan(30).properties);
  CHECK(order.structure == Structure::kTotalOrder);
  CHECK(GuessProbability(order) == Approx(1.0 / 3));
}

TEST_CASE("a property set without a completion is reported, never bounded") {
  const NamedRelation r = LessThan(6);
  try {
    ModelForRelation(r.matrix, GENEFT_PROP_TRANSITIVE | GENEFT_PROP_ANTISYMMETRIC);
    FAIL("expected NotAvailable");
  } catch (const NotAvailable& e) {
    const std::string what = e.what();
    CHECK(what.rfind("bound not available for this relation: ", 0) == 0);
    CHECK(what.find("transitive, antisymmetric") != std::string::npos);
  }
  // Labels that contradict the declared property are an input error.
  CHECK_THROWS_AS(ModelForRelation(r.matrix, GENEFT_PROP_EQUIVALENCE), std::invalid_argument);
  CHECK_THROWS_AS(ModelForRelation(EqualModulo(6, 2).matrix, GENEFT_PROP_TOTAL_ORDER),
                  std::invalid_argument);
}

TEST_CASE("class facts close under reflexivity, symmetry and transitivity") {
  const NamedRelation r = EqualModulo(6, 2);  // classes {0,2,4}, {1,3,5}
  // 0 ~ 2 and 2 ~ 4 (transitivity gives 0 ~ 4); 4 !~ 1 separates both groups.
  const ClassClosure c = CloseClassFacts(r.matrix, MaskOf(6, {{0, 2}, {4, 2}, {4, 1}}), true);
  CHECK(c.group[0] == c.group[4]);
  CHECK(c.Determined(4, 0));
  CHECK(c.Determined(1, 0));  // different classes, by transitivity of the negative fact
  CHECK(c.Determined(2, 1));
  CHECK_FALSE(c.Determined(3, 1));
  CHECK_FALSE(c.Determined(0, 5));
  CHECK(c.Determined(5, 5));
  // Bipartite: R = 1 means different classes.
  const NamedRelation bip = CompleteBipartite(4, 2);  // {0,1} vs {2,3}
  const ClassClosure b = CloseClassFacts(bip.matrix, MaskOf(4, {{0, 2}, {2, 3}}), false);
  CHECK(b.group[2] == b.group[3]);
  CHECK(b.Determined(0, 3));
  CHECK_FALSE(b.Determined(1, 0));
}

TEST_CASE("order facts close under transitivity and antisymmetry") {
  const NamedRelation r = LessThan(6);
  // 0 < 2, and R(3, 2) = 0 means 2 < 3; 4 < 5 alone.
  const OrderClosure o = CloseOrderFacts(r.matrix, MaskOf(6, {{0, 2}, {3, 2}, {4, 5}}));
  CHECK(o.Before(0, 3));
  CHECK(o.Determined(3, 0));
  CHECK_FALSE(o.Determined(1, 2));
  CHECK_FALSE(o.Determined(3, 4));
  // A chain known end to end splits into independent blocks.
  const OrderClosure chain = CloseOrderFacts(r.matrix, MaskOf(6, {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}}));
  CHECK(chain.IndependentBlocks().size() == 6);
  // {0,1} < {2,...,5} known: two blocks; 2 and 3 incomparable keep one block.
  const OrderClosure split = CloseOrderFacts(
      r.matrix, MaskOf(6, {{0, 2}, {1, 2}, {0, 3}, {1, 3}, {2, 4}, {3, 4}, {4, 5}}));
  const auto blocks = split.IndependentBlocks();
  REQUIRE(blocks.size() == 4);
  CHECK(blocks[0].size() == 2);
  CHECK(blocks[1].size() == 2);
}

TEST_CASE("proper colourings are counted exactly") {
  // Brute force over all q^m colourings of random graphs.
  Rng rng(11);
  for (int trial = 0; trial < 40; ++trial) {
    const int m = 2 + static_cast<int>(UniformBelow(rng, 8));
    const int q = 2 + static_cast<int>(UniformBelow(rng, 3));
    ConflictGraph g;
    g.size = m;
    g.adjacent.assign(static_cast<size_t>(m) * m, 0);
    for (int a = 0; a < m; ++a)
      for (int b = a + 1; b < m; ++b)
        if (UniformBelow(rng, 100) < 35) g.adjacent[a * m + b] = g.adjacent[b * m + a] = 1;
    double count = 0;
    std::vector<double> same(static_cast<size_t>(m) * m, 0);
    std::vector<int> colour(m, 0);
    for (;;) {
      bool proper = true;
      for (int a = 0; a < m && proper; ++a)
        for (int b = a + 1; b < m && proper; ++b) proper = !(g.Adjacent(a, b) && colour[a] == colour[b]);
      if (proper) {
        count += 1;
        for (int a = 0; a < m; ++a)
          for (int b = 0; b < m; ++b) same[a * m + b] += colour[a] == colour[b];
      }
      int k = 0;
      while (k < m && ++colour[k] == q) colour[k++] = 0;
      if (k == m) break;
    }
    INFO("trial " << trial << " m " << m << " q " << q);
    CHECK(CountProperColourings(g, q, 1'000'000) == Approx(count).epsilon(1e-12));
    if (count == 0) {
      CHECK_THROWS_AS(SameColourProbabilities(g, q, 1'000'000), std::invalid_argument);
      continue;
    }
    const std::vector<double> p = SameColourProbabilities(g, q, 1'000'000);
    for (int e = 0; e < m * m; ++e) CHECK(p[e] == Approx(same[e] / count).margin(1e-12));
  }
}

TEST_CASE("the exact class count refuses when its state limit is reached") {
  ConflictGraph cycle;
  cycle.size = 12;
  cycle.adjacent.assign(144, 0);
  for (int a = 0; a < 12; ++a) cycle.adjacent[a * 12 + (a + 1) % 12] = cycle.adjacent[((a + 1) % 12) * 12 + a] = 1;
  CHECK(CountProperColourings(cycle, 3, 1000) == Approx(std::pow(2.0, 12) + 2));  // (q-1)^m + (q-1)
  CHECK_THROWS_AS(CountProperColourings(cycle, 3, 1), NotAvailable);
}

TEST_CASE("description lengths are never negative, not even -0") {
  // Table II's greater-than row, n log2(n/e), is Stirling's: below zero for
  // n = 1, 2, where log2 n! is 0 and 1 bit.
  CHECK(TableTwoTotalOrder(1) == 0);
  CHECK(TableTwoTotalOrder(2) == 0);
  CHECK(TableTwoTotalOrder(3) == Approx(3 * std::log2(3 / std::numbers::e)));
  // One class (mod_k with k = 1) and the empty relation: every relabeling is
  // the relation, b = +0 (a -0 printed as "-0").
  for (double b : {ExactBitsForClasses({7}), DescriptionLengthFromAutomorphisms(EqualModulo(7, 1).matrix),
                   OrbitBits(300, Log2Factorial(300))}) {
    CHECK(b == 0);
    CHECK_FALSE(std::signbit(b));
  }
}

TEST_CASE("b of a relation with several label classes counts the permutations that keep every label") {
  // Labels (i + j) mod 3 on 0..5. The pair (i, i) forces 2 pi(i) = 2 i, so
  // pi(i) = i mod 3: a permutation keeps every label iff it keeps each
  // element's residue, |Aut| = 2!^3 = 8.
  LabelMatrix sum_mod3;
  sum_mod3.n = 6;
  sum_mod3.classes = 3;
  for (int i = 0; i < 6; ++i)
    for (int j = 0; j < 6; ++j) sum_mod3.labels.push_back((i + j) % 3);
  CHECK(Log2AutomorphismGroupSize(sum_mod3) == Approx(3.0));
  CHECK(DescriptionLengthFromAutomorphisms(sum_mod3) == Approx(SumLog2Factorial(6) - 3));
  // Binary labels read as a label matrix give the binary relation's group.
  CHECK(Log2AutomorphismGroupSize(LabelMatrix::FromRelation(EqualModulo(12, 3).matrix)) ==
        Approx(Log2AutomorphismGroupSize(EqualModulo(12, 3).matrix)));
}

TEST_CASE("|Aut| from nauty equals a count over all permutations, directed or not, with loops") {
  // Relations on 7 elements drawn from a few element types (so that groups
  // are large), symmetric ones (nauty's undirected mode) and asymmetric ones
  // (its digraph mode), 2 to 5 labels (1 to 3 layers), the diagonal by type
  // or, in half the trials, by element (elements alike but for their own
  // label), some with one pair relabelled to break symmetries.
  const int n = 7;
  Rng rng(2026);
  for (int trial = 0; trial < 40; ++trial) {
    const int classes = 2 + trial % 4;
    const bool symmetric = trial % 2 == 0;
    const int types = 2 + static_cast<int>(UniformBelow(rng, 3));
    std::vector<int> type(n);
    for (int& t : type) t = static_cast<int>(UniformBelow(rng, types));
    std::vector<int32_t> table(types * types), diagonal(types);
    for (int32_t& label : table) label = static_cast<int32_t>(UniformBelow(rng, classes));
    for (int32_t& label : diagonal) label = static_cast<int32_t>(UniformBelow(rng, classes));
    LabelMatrix r;
    r.n = n;
    r.classes = classes;
    r.labels.resize(n * n);
    for (int i = 0; i < n; ++i) {
      for (int j = 0; j < n; ++j) {
        const int a = symmetric ? std::min(type[i], type[j]) : type[i];
        const int b = symmetric ? std::max(type[i], type[j]) : type[j];
        r.labels[i * n + j] = i == j ? diagonal[type[i]] : table[a * types + b];
      }
    }
    if (trial % 4 >= 2)
      for (int i = 0; i < n; ++i)
        r.labels[i * n + i] = static_cast<int32_t>(UniformBelow(rng, std::min(classes, 2)));
    if (trial % 3 == 2) {  // one pair (both ways when symmetric) relabelled
      const int i = static_cast<int>(UniformBelow(rng, n)), j = (i + 1) % n;
      const int32_t label = (r(i, j) + 1) % classes;
      r.labels[i * n + j] = label;
      if (symmetric) r.labels[j * n + i] = label;
    }
    std::vector<int> pi(n);
    for (int i = 0; i < n; ++i) pi[i] = i;
    int automorphisms = 0;
    do {
      bool keeps = true;
      for (int i = 0; i < n && keeps; ++i)
        for (int j = 0; j < n && keeps; ++j) keeps = r(pi[i], pi[j]) == r(i, j);
      automorphisms += keeps;
    } while (std::next_permutation(pi.begin(), pi.end()));
    INFO("trial " << trial << ", " << classes << " labels, "
                  << (symmetric ? "symmetric" : "directed"));
    CHECK(Log2AutomorphismGroupSize(r) == Approx(std::log2(double(automorphisms))).margin(1e-12));
  }
}
