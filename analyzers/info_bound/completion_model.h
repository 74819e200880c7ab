// What the accuracy bound may assume about a relation a priori (paper Sec. III
// and Appendix D): which property set closes the training facts, and the
// guess probability p* of Eq. 5. Only the properties and the number of
// classes k are taken from the full matrix, as in the paper; every pair's
// value comes from the training facts alone.
#pragma once

#include <geneft/common/relation_matrix.h>

#include <cstdint>
#include <string>

namespace geneft::statics {

enum class Structure {
  kClasses,     ///< a partition into k classes (equivalence; bipartite with k = 2)
  kTotalOrder,  ///< a strict total order
};

struct CompletionModel {
  Structure structure = Structure::kClasses;
  int classes = 0;                   ///< k, for kClasses
  bool same_class_means_one = true;  ///< equivalence: R = 1 inside a class; bipartite: across
  std::vector<int> class_sizes;      ///< of the full matrix, for kClasses

  std::string Describe() const;  ///< "equivalence with 3 classes"
};

/// The model for a relation declaring `properties` (GENEFT_PROP_* flags):
/// equivalence (flag, or symmetric + reflexive + transitive), complete
/// bipartite, or total order. The labels must have the declared structure
/// (std::invalid_argument otherwise); any other property set throws
/// NotAvailable with the reason.
CompletionModel ModelForRelation(const RelationMatrix& relation, uint32_t properties);

/// p* (paper, text after Eq. 5): 1/k for k classes (1/2 for bipartite), and
/// 1/3 for a total order (the three-symbol argument).
double GuessProbability(const CompletionModel& model);

/// "symmetric, transitive" for a flag set, "none" when empty.
std::string PropertyNames(uint32_t properties);

}  // namespace geneft::statics
