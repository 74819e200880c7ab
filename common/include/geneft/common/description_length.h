// Description length from the automorphism group (paper Sec. III):
// b = log2(n! / |Aut(G)|), G the directed graph (with self-loops) whose
// adjacency matrix is the relation matrix. |Aut(G)| comes from nauty.
#pragma once

#include <geneft/common/relation_matrix.h>

namespace geneft::statics {

/// log2 |Aut(G)|. nauty reports |Aut| as mantissa * 10^exponent; the sum
/// log2(mantissa) + exponent * log2(10) never overflows.
double Log2AutomorphismGroupSize(const RelationMatrix& relation);

/// b = log2(n!) - log2 |Aut(G)|.
double DescriptionLengthFromAutomorphisms(const RelationMatrix& relation);

}  // namespace geneft::statics
