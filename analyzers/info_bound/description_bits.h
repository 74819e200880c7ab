// The description length b = log2(n!/|Aut|) of a relation from its labels,
// as cheaply as the labels allow (paper Sec. III).
#pragma once

#include <geneft/common/relation_matrix.h>

#include <cstdint>
#include <string>

namespace geneft::statics {

/// nauty checks a relation's declared b up to this many elements; above it
/// a declared b stands unchecked (nauty on a graph of thousands of elements
/// can take minutes).
constexpr int kNautyCheckElements = 256;

struct ExactBits {
  double bits = 0;     ///< b; NaN when skipped
  std::string source;  ///< "closed form of an equivalence", "nauty", or why skipped
};

/// The closed form of a structure the labels have (equivalence, complete
/// bipartite graph, total order, per the declared GENEFT_PROP_* flags,
/// checked against the labels: O(n^2)), else nauty's automorphism group
/// (edge-coloured for C label classes). nauty runs when the relation
/// declares no b, or when it does and n <= kNautyCheckElements.
ExactBits ExactDescriptionBits(const LabelMatrix& relation, uint32_t properties,
                               bool declared_bits);

}  // namespace geneft::statics
