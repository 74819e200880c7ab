// Small relations of every kind for the bound's tests, and the orbit reading
// of the bound by brute force over all n! relabelings, written apart from the
// library's search so that the two can check each other.
#pragma once

#include "paper_relations.h"
#include "random.h"

#include <geneft/common/relation_matrix.h>
#include <geneft/geneft_plugin.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <vector>

namespace geneft::testing {

using statics::LabelMatrix;
using statics::Rng;
using statics::TrainingMask;
using statics::UniformBelow;

struct SmallRelation {
  std::string name;
  LabelMatrix matrix;
  uint32_t properties = 0;  ///< GENEFT_PROP_* flags, as a plugin would declare them
};

/// The training mask holding exactly `pairs` (i, j).
inline TrainingMask MaskOf(int n, const std::vector<std::pair<int, int>>& pairs) {
  TrainingMask mask(static_cast<size_t>(n) * n, 0);
  for (auto [i, j] : pairs) mask[static_cast<size_t>(i) * n + j] = 1;
  return mask;
}

inline LabelMatrix Tabulate(int n, int classes, const auto& label) {
  LabelMatrix m;
  m.n = n;
  m.classes = classes;
  m.labels.resize(static_cast<size_t>(n) * n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) m.labels[static_cast<size_t>(i) * n + j] = label(i, j);
  return m;
}

/// R(i, j) = 1 iff j is a proper ancestor of i in a random rooted tree ("is a kind of").
inline SmallRelation RootedTree(int n, uint64_t seed) {
  Rng rng(seed);
  std::vector<int> parent(n, -1);
  for (int i = 1; i < n; ++i) parent[i] = static_cast<int>(UniformBelow(rng, i));
  const auto ancestor = [&](int i, int j) {
    for (int a = parent[i]; a >= 0; a = parent[a])
      if (a == j) return true;
    return false;
  };
  return {"rooted tree", Tabulate(n, 2, [&](int i, int j) { return ancestor(i, j) ? 1 : 0; }),
          GENEFT_PROP_IRREFLEXIVE | GENEFT_PROP_TRANSITIVE | GENEFT_PROP_ANTISYMMETRIC};
}

/// The transitive closure of a random DAG on 0 .. n-1 (edges i -> j, i < j).
inline SmallRelation PartialOrder(int n, uint64_t seed) {
  Rng rng(seed);
  std::vector<uint8_t> r(static_cast<size_t>(n) * n, 0);
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) r[i * n + j] = UniformBelow(rng, 100) < 30;
  for (int k = 0; k < n; ++k)
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) r[i * n + j] |= r[i * n + k] && r[k * n + j];
  return {"partial order", Tabulate(n, 2, [&](int i, int j) { return int(r[i * n + j]); }),
          GENEFT_PROP_IRREFLEXIVE | GENEFT_PROP_TRANSITIVE | GENEFT_PROP_ANTISYMMETRIC};
}

inline SmallRelation RandomSymmetric(int n, uint64_t seed) {
  Rng rng(seed);
  std::vector<uint8_t> r(static_cast<size_t>(n) * n, 0);
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) r[i * n + j] = r[j * n + i] = UniformBelow(rng, 100) < 40;
  return {"random symmetric graph", Tabulate(n, 2, [&](int i, int j) { return int(r[i * n + j]); }),
          GENEFT_PROP_SYMMETRIC | GENEFT_PROP_IRREFLEXIVE};
}

/// Random arcs and random self-loops: no property at all.
inline SmallRelation RandomDirected(int n, uint64_t seed) {
  Rng rng(seed);
  return {"random directed graph",
          Tabulate(n, 2, [&](int, int) { return UniformBelow(rng, 100) < 40 ? 1 : 0; }), 0};
}

/// Three labels: the sum of the residues mod 3 of i and j, mod 3.
inline SmallRelation ThreeClass(int n) {
  return {"3-class (i + j mod 3)", Tabulate(n, 3, [](int i, int j) { return (i + j) % 3; }),
          GENEFT_PROP_SYMMETRIC};
}

inline SmallRelation FromPaper(const statics::NamedRelation& r) {
  return {r.name, LabelMatrix::FromRelation(r.matrix), r.properties};
}

/// Every kind the bound is checked on, at n elements.
/// Coprimality of 1 .. n (symmetric): its automorphisms move whole blocks
/// (p with its multiples against q with its own), not only twins.
inline SmallRelation Coprime(int n) {
  return {"coprime", Tabulate(n, 2, [](int i, int j) { return std::gcd(i + 1, j + 1) == 1; }),
          GENEFT_PROP_SYMMETRIC};
}

/// The complete binary tree on n nodes closed transitively (R(i, j) = 1 iff
/// j is a proper ancestor of i): sibling subtrees of one shape swap wholesale.
inline SmallRelation CompleteBinaryTree(int n) {
  const auto ancestor = [](int i, int j) {
    for (int a = (i - 1) / 2; i > 0; i = a, a = (i - 1) / 2)
      if (a == j) return true;
    return false;
  };
  return {"complete binary tree",
          Tabulate(n, 2, [&](int i, int j) { return ancestor(i, j) ? 1 : 0; }),
          GENEFT_PROP_IRREFLEXIVE | GENEFT_PROP_TRANSITIVE | GENEFT_PROP_ANTISYMMETRIC};
}

inline std::vector<SmallRelation> EveryKind(int n, uint64_t seed) {
  return {RootedTree(n, seed),
          PartialOrder(n, seed + 1),
          RandomSymmetric(n, seed + 2),
          RandomDirected(n, seed + 3),
          ThreeClass(n),
          FromPaper(statics::EqualModulo(n, 3)),
          FromPaper(statics::CompleteBipartite(n, n / 2)),
          FromPaper(statics::LessThan(n))};
}

/// The orbit reading by brute force: every permutation, its relabeling kept
/// when it gives every training pair its label, duplicates merged.
struct BruteForceOrbit {
  double bound = 0;          ///< sum over pairs of the majority label's share / n^2
  double inferred = 0;       ///< pairs with a single label among the relabelings / n^2
  int64_t relabelings = 0;   ///< distinct consistent relabelings
};

inline BruteForceOrbit OrbitByBruteForce(const LabelMatrix& r, const TrainingMask& mask) {
  const int n = r.n;
  std::vector<int> pi(n);
  std::iota(pi.begin(), pi.end(), 0);
  std::set<std::vector<int32_t>> consistent;
  std::vector<int32_t> h(r.entries());
  do {
    bool fits = true;
    for (size_t e = 0; e < r.entries() && fits; ++e) {
      h[e] = r(pi[e / n], pi[e % n]);
      fits = !mask[e] || h[e] == r.labels[e];
    }
    if (fits) consistent.insert(h);
  } while (std::next_permutation(pi.begin(), pi.end()));
  BruteForceOrbit out;
  out.relabelings = static_cast<int64_t>(consistent.size());
  for (size_t e = 0; e < r.entries(); ++e) {
    std::map<int32_t, int64_t> count;
    for (const auto& hyp : consistent) ++count[hyp[e]];
    int64_t most = 0;
    for (const auto& [label, c] : count) most = std::max(most, c);
    out.bound += double(most) / double(consistent.size());
    out.inferred += count.size() == 1;
  }
  out.bound /= double(r.entries());
  out.inferred /= double(r.entries());
  return out;
}

}  // namespace geneft::testing
