// Description length from the automorphism group (paper Sec. III):
// b = log2(n!/|Aut(G)|), G the directed graph (with self-loops) whose
// adjacency matrix is the relation matrix, or for a relation with C label
// classes the digraph whose arcs carry the labels. |Aut(G)| comes from nauty.
#pragma once

#include <geneft/common/relation_matrix.h>

namespace geneft::statics {

/// log2 |Aut(G)|. nauty reports |Aut| as mantissa * 10^exponent; the sum
/// log2(mantissa) + exponent * log2(10) never overflows.
double Log2AutomorphismGroupSize(const RelationMatrix& relation);

/// log2 |Aut| of a labelled relation: the permutations keeping every label.
/// Labels are written in binary over ceil(log2 C) layers of the n elements
/// (layer l holds the arcs whose label has bit l set), each element joined
/// to its copies in the next layer, each layer and diagonal label one vertex
/// colour: an automorphism of that graph acts alike on every layer and keeps
/// each bit of every label (the nauty user guide's construction for edge
/// colours). A symmetric relation goes to nauty as an undirected graph.
double Log2AutomorphismGroupSize(const LabelMatrix& relation);

/// b = log2(n!) - log2 |Aut(G)|, never negative (OrbitBits).
double DescriptionLengthFromAutomorphisms(const RelationMatrix& relation);
double DescriptionLengthFromAutomorphisms(const LabelMatrix& relation);

}  // namespace geneft::statics
