// Which GENEFT_PROP_* properties a label matrix actually has, so that the host
// can check what a relation plugin declares.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace geneft {

/// The GENEFT_PROP_* flags that hold on the n x n row-major matrix `labels`,
/// reading a nonzero label as "related". Equivalence = symmetric, reflexive
/// and transitive; total order = strict (irreflexive, transitive, exactly one
/// of R(x,y), R(y,x) for x != y); bipartite = complete bipartite (two
/// non-empty blocks, R = 1 exactly across them). O(n^3 / 64) at worst.
/// Throws std::invalid_argument when labels.size() != n * n.
uint32_t DetectProperties(uint32_t n, const std::vector<int32_t>& labels);

/// "symmetric, reflexive, transitive, equivalence", or "none".
std::string PropertyNames(uint32_t flags);

}  // namespace geneft
