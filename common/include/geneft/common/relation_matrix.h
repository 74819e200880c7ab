// A binary relation as its n x n 0/1 matrix R_ij = R(x_i, x_j) (paper Sec. II),
// a relation with C label classes as its n x n label matrix, and a training
// mask over the same n x n pairs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace geneft::statics {

struct RelationMatrix {
  int n = 0;
  std::vector<uint8_t> ones;  ///< n * n, row-major, 1 where R(x_i, x_j) = 1

  bool operator()(int i, int j) const { return ones[static_cast<size_t>(i) * n + j] != 0; }
  size_t entries() const { return static_cast<size_t>(n) * n; }

  /// From n x n labels in {0, 1}; throws std::invalid_argument otherwise.
  static RelationMatrix FromLabels(const int32_t* labels, int n);
};

/// A relation whose pairs carry one of `classes` labels 0 .. classes-1 (a
/// binary relation has classes = 2). The automorphisms and relabelings of
/// such a relation permute elements and keep every label.
struct LabelMatrix {
  int n = 0;
  int classes = 2;
  std::vector<int32_t> labels;  ///< n * n, row-major

  int32_t operator()(int i, int j) const { return labels[static_cast<size_t>(i) * n + j]; }
  size_t entries() const { return static_cast<size_t>(n) * n; }

  /// From n x n labels in 0 .. classes-1; throws std::invalid_argument otherwise.
  static LabelMatrix FromLabels(const int32_t* labels, int n, int classes);
  /// The same relation with labels 0 and 1.
  static LabelMatrix FromRelation(const RelationMatrix& relation);
};

/// n x n, row-major, 1 where the pair is a training fact.
using TrainingMask = std::vector<uint8_t>;

}  // namespace geneft::statics
