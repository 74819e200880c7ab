// Structure of a relation matrix the ABI's property flags do not cover, and
// the closures the `graph` plugin can apply.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace geneft::graph {

/// An n x n 0/1 matrix, row-major: at(i, j) = R(x_i, x_j).
struct Matrix {
  uint32_t n = 0;
  std::vector<uint8_t> cells;

  uint8_t& at(uint32_t i, uint32_t j) { return cells[size_t{i} * n + j]; }
  uint8_t at(uint32_t i, uint32_t j) const { return cells[size_t{i} * n + j]; }
};

/// Whether the directed graph of `m` is a rooted forest, and which way its
/// edges point. Up-forest: every element has at most one successor (edges
/// child -> parent, as in "x is-a y"); down-forest: at most one predecessor
/// (parent -> child); in both, no self-loops and no cycles. A tree is a
/// forest with one root. The empty graph is neither.
struct ForestShape {
  bool up_forest = false;
  bool down_forest = false;
  uint32_t roots = 0;  ///< elements without a parent, when a forest
  bool tree() const { return (up_forest || down_forest) && roots == 1; }
  /// "rooted tree (edges child -> parent)", "rooted forest of 3 trees
  /// (edges parent -> child)" or "not a forest".
  std::string Describe() const;
};

ForestShape DetectForest(const Matrix& m);

/// Adds every pair implied by transitivity (Warshall's algorithm on bit
/// rows, O(n^3 / 64)).
void CloseTransitively(Matrix* m);

/// Sets R(x, x) = 1 for every element.
void CloseReflexively(Matrix* m);

}  // namespace geneft::graph
