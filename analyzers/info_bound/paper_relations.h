// The relations of paper Table I as matrices, with the GENEFT_PROP_* flags
// the built-in relation plugins declare, for tests and benchmarks.
#pragma once

#include <geneft/common/relation_matrix.h>

#include <cstdint>
#include <string>

namespace geneft::statics {

struct NamedRelation {
  std::string name;  ///< "mod 3 (n = 30)"
  RelationMatrix matrix;
  uint32_t properties = 0;
};

/// x ~ y iff x = y (mod k).
NamedRelation EqualModulo(int n, int k);
/// R(x, y) = 1 iff x < y ("greater-than" in the paper).
NamedRelation LessThan(int n);
/// Complete bipartite graph: R(x, y) = 1 iff exactly one of x, y is below `size`.
NamedRelation CompleteBipartite(int n, int size);

}  // namespace geneft::statics
