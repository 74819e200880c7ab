// Closing training facts under a relation's a-priori properties (paper
// Sec. III step (a), Appendix D): the entries a learner can infer for sure.
#pragma once

#include <geneft/common/relation_matrix.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace geneft::statics {

/// Classes (equivalence; complete bipartite = 2 classes where R = 1 means
/// different classes). Facts "same class" are closed under reflexivity,
/// symmetry and transitivity into groups; a fact "different classes" between
/// two members separates their whole groups.
struct ClassClosure {
  int n = 0;
  std::vector<int> group;            ///< element -> group of elements known to share a class
  int group_count = 0;
  std::vector<uint8_t> apart;        ///< group_count^2: 1 when known to be in different classes

  bool Apart(int group_a, int group_b) const {
    return apart[static_cast<size_t>(group_a) * group_count + group_b] != 0;
  }
  /// Inferable for sure: same group, or groups known apart.
  bool Determined(int i, int j) const {
    return group[i] == group[j] || Apart(group[i], group[j]);
  }
};

/// Throws std::invalid_argument when the facts contradict the class structure.
ClassClosure CloseClassFacts(const RelationMatrix& relation, const TrainingMask& mask,
                             bool same_class_means_one);

/// Strict total order: a fact R(i, j) = 1 says x_i precedes x_j, R(i, j) = 0
/// (i != j) says x_j precedes x_i (totality); closed under transitivity, with
/// antisymmetry deciding the reverse entry. Rows are bit sets, so closing
/// n = 2000 elements takes n^3 / 64 word operations.
struct OrderClosure {
  int n = 0;
  int words = 0;                ///< 64-bit words per row
  std::vector<uint64_t> before; ///< n rows: bit j of row i set when x_i is known to precede x_j

  bool Before(int i, int j) const {
    return (before[static_cast<size_t>(i) * words + j / 64] >> (j % 64)) & 1;
  }
  bool Determined(int i, int j) const { return i == j || Before(i, j) || Before(j, i); }

  /// A linear extension of the known order (elements by number of known predecessors).
  std::vector<int> TopologicalOrder() const;
  /// The series decomposition: consecutive segments of a linear extension whose
  /// members are each comparable to everything outside their segment. Every
  /// linear extension keeps the segments in place, so each can be sampled alone.
  /// O(n^2).
  std::vector<std::vector<int>> IndependentBlocks() const;
};

/// Throws std::invalid_argument when the facts contain a cycle.
OrderClosure CloseOrderFacts(const RelationMatrix& relation, const TrainingMask& mask);

}  // namespace geneft::statics
