// DetectProperties on hand-made matrices, and against a naive reference on
// random relations of each kind.
#include "relation_checks.h"
#include <geneft/common/relation_properties.h>

#include <catch2/catch.hpp>
#include <geneft/geneft_plugin.h>

#include <algorithm>
#include <functional>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

namespace {

using geneft::DetectProperties;
using geneft::PropertyNames;

using namespace geneft::testing;  // the property flags kSym, kRefl, ...

std::vector<int32_t> Matrix(uint32_t n, const std::function<bool(uint32_t, uint32_t)>& related) {
  std::vector<int32_t> labels(size_t{n} * n);
  for (uint32_t i = 0; i < n; ++i)
    for (uint32_t j = 0; j < n; ++j) labels[size_t{i} * n + j] = related(i, j) ? 1 : 0;
  return labels;
}

// Matrix from explicit edges (i, j) meaning R(i, j) = 1.
std::vector<int32_t> FromEdges(uint32_t n, std::initializer_list<std::pair<uint32_t, uint32_t>> edges) {
  std::vector<int32_t> labels(size_t{n} * n, 0);
  for (auto [i, j] : edges) labels[size_t{i} * n + j] = 1;
  return labels;
}

// Straight from the definitions, O(n^3): the reference for random tests.
uint32_t NaiveProperties(uint32_t n, const std::vector<int32_t>& l) {
  auto r = [&](uint32_t i, uint32_t j) { return l[size_t{i} * n + j] != 0; };
  bool sym = true, refl = true, irrefl = true, trans = true, antisym = true, total = true;
  for (uint32_t i = 0; i < n; ++i) {
    refl = refl && r(i, i);
    irrefl = irrefl && !r(i, i);
    for (uint32_t j = 0; j < n; ++j) {
      sym = sym && r(i, j) == r(j, i);
      if (i != j) antisym = antisym && !(r(i, j) && r(j, i));
      if (i != j) total = total && (r(i, j) != r(j, i));
      for (uint32_t k = 0; k < n; ++k) trans = trans && !(r(i, j) && r(j, k) && !r(i, k));
    }
  }
  // Complete bipartite: try every split given by the neighbours of element 0.
  bool bipartite = n >= 2 && sym && irrefl;
  if (bipartite) {
    std::vector<bool> in_b(n);
    bool any_b = false;
    for (uint32_t j = 0; j < n; ++j) {
      in_b[j] = r(0, j);
      any_b = any_b || in_b[j];
    }
    bipartite = any_b;
    for (uint32_t i = 0; i < n && bipartite; ++i)
      for (uint32_t j = 0; j < n && bipartite; ++j) bipartite = r(i, j) == (in_b[i] != in_b[j]);
  }
  uint32_t f = 0;
  if (sym) f |= kSym;
  if (refl) f |= kRefl;
  if (irrefl) f |= kIrrefl;
  if (trans) f |= kTrans;
  if (antisym) f |= kAntisym;
  if (sym && refl && trans) f |= kEquiv;
  if (irrefl && trans && total) f |= kTotal;
  if (bipartite) f |= kBipartite;
  return f;
}

}  // namespace

TEST_CASE("equivalence relations", "[relation_properties]") {
  CHECK(DetectProperties(4, Matrix(4, [](auto i, auto j) { return i % 2 == j % 2; })) ==
        (kSym | kRefl | kTrans | kEquiv));
  // The identity is an equivalence and also antisymmetric.
  CHECK(DetectProperties(3, Matrix(3, [](auto i, auto j) { return i == j; })) ==
        (kSym | kRefl | kTrans | kAntisym | kEquiv));
  CHECK(DetectProperties(5, Matrix(5, [](auto, auto) { return true; })) ==
        (kSym | kRefl | kTrans | kEquiv));
}

TEST_CASE("orders", "[relation_properties]") {
  CHECK(DetectProperties(5, Matrix(5, [](auto i, auto j) { return i < j; })) ==
        (kIrrefl | kTrans | kAntisym | kTotal));
  // A strict total order under a relabelling: 2 < 0 < 3 < 1.
  CHECK(DetectProperties(4, FromEdges(4, {{2, 0}, {2, 3}, {2, 1}, {0, 3}, {0, 1}, {3, 1}})) ==
        (kIrrefl | kTrans | kAntisym | kTotal));
  // A non-strict order x <= y is reflexive, so not a strict total order.
  CHECK(DetectProperties(4, Matrix(4, [](auto i, auto j) { return i <= j; })) ==
        (kRefl | kTrans | kAntisym));
}

TEST_CASE("a partial order that is not total", "[relation_properties]") {
  // 0 < 1, 0 < 2, 0 < 3, 1 < 3: 1 and 2 are incomparable.
  CHECK(DetectProperties(4, FromEdges(4, {{0, 1}, {0, 2}, {0, 3}, {1, 3}})) ==
        (kIrrefl | kTrans | kAntisym));
}

TEST_CASE("a symmetric relation that is not transitive", "[relation_properties]") {
  // Reflexive, 0 ~ 1 and 1 ~ 2 but not 0 ~ 2.
  const auto labels = FromEdges(3, {{0, 0}, {1, 1}, {2, 2}, {0, 1}, {1, 0}, {1, 2}, {2, 1}});
  CHECK(DetectProperties(3, labels) == (kSym | kRefl));
}

TEST_CASE("complete and incomplete bipartite graphs", "[relation_properties]") {
  // K_{2,3} with blocks {0, 3} and {1, 2, 4}.
  auto in_a = [](uint32_t x) { return x == 0 || x == 3; };
  CHECK(DetectProperties(5, Matrix(5, [&](auto i, auto j) { return in_a(i) != in_a(j); })) ==
        (kSym | kIrrefl | kBipartite));
  // The path 0 - 1 - 2 is K_{1,2}.
  CHECK(DetectProperties(3, FromEdges(3, {{0, 1}, {1, 0}, {1, 2}, {2, 1}})) ==
        (kSym | kIrrefl | kBipartite));
  // The path 0 - 1 - 2 - 3 is bipartite ({0, 2}, {1, 3}) but misses edge 0 - 3.
  CHECK(DetectProperties(4, FromEdges(4, {{0, 1}, {1, 0}, {1, 2}, {2, 1}, {2, 3}, {3, 2}})) ==
        (kSym | kIrrefl));
  // A triangle is symmetric and irreflexive but not bipartite.
  CHECK(DetectProperties(3, Matrix(3, [](auto i, auto j) { return i != j; })) == (kSym | kIrrefl));
}

TEST_CASE("degenerate matrices", "[relation_properties]") {
  // Empty relation: vacuously transitive and antisymmetric; no second block.
  CHECK(DetectProperties(3, Matrix(3, [](auto, auto) { return false; })) ==
        (kSym | kIrrefl | kTrans | kAntisym));
  CHECK(DetectProperties(1, {0}) == (kSym | kIrrefl | kTrans | kAntisym | kTotal));
  CHECK(DetectProperties(1, {1}) == (kSym | kRefl | kTrans | kAntisym | kEquiv));
  CHECK_THROWS_AS(DetectProperties(3, std::vector<int32_t>(8)), std::invalid_argument);
}

TEST_CASE("random relations agree with the naive definitions", "[relation_properties]") {
  std::mt19937 rng(12345);
  // Sizes around the 64-bit word boundary.
  for (uint32_t n : {2u, 7u, 63u, 64u, 65u, 100u}) {
    std::vector<uint32_t> perm(n);
    std::iota(perm.begin(), perm.end(), 0u);
    for (int trial = 0; trial < 4; ++trial) {
      std::shuffle(perm.begin(), perm.end(), rng);
      const uint32_t k = 1 + rng() % n;
      std::vector<std::vector<int32_t>> cases = {
          Matrix(n, [&](auto i, auto j) { return perm[i] % k == perm[j] % k; }),
          Matrix(n, [&](auto i, auto j) { return perm[i] < perm[j]; }),
          Matrix(n, [&](auto i, auto j) { return (perm[i] < k) != (perm[j] < k); }),
          Matrix(n, [&](auto, auto) { return rng() % 2 == 0; }),
      };
      // Break one entry of each structured case: most properties must then fail.
      for (size_t c = 0; c < 3; ++c) {
        auto broken = cases[c];
        broken[rng() % broken.size()] ^= 1;
        cases.push_back(broken);
      }
      for (const auto& labels : cases) {
        INFO("n = " << n << ", k = " << k << ": naive " << PropertyNames(NaiveProperties(n, labels)));
        CHECK(DetectProperties(n, labels) == NaiveProperties(n, labels));
      }
    }
  }
}

TEST_CASE("large matrices are handled (n = 2000)", "[relation_properties]") {
  const uint32_t n = 2000;
  CHECK(DetectProperties(n, Matrix(n, [](auto i, auto j) { return i % 7 == j % 7; })) ==
        (kSym | kRefl | kTrans | kEquiv));
  CHECK(DetectProperties(n, Matrix(n, [](auto i, auto j) { return i < j; })) ==
        (kIrrefl | kTrans | kAntisym | kTotal));
  CHECK(DetectProperties(n, Matrix(n, [](auto, auto) { return true; })) ==
        (kSym | kRefl | kTrans | kEquiv));
}

TEST_CASE("property names", "[relation_properties]") {
  CHECK(PropertyNames(0) == "none");
  CHECK(PropertyNames(kSym | kTrans) == "symmetric, transitive");
  CHECK(PropertyNames(kIrrefl | kTrans | kAntisym | kTotal) ==
        "irreflexive, transitive, antisymmetric, total order");
  CHECK(PropertyNames(kSym | kIrrefl | kBipartite) == "symmetric, irreflexive, bipartite");
}
