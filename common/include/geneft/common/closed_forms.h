// Exact description lengths b = log2(n! / |Aut(G)|) of the paper's relation
// families in closed form (Sec. III), all in log space.
#pragma once

#include <vector>

namespace geneft::statics {

/// log2(n!).
double Log2Factorial(int n);

/// b = log2(n!) - log2 |Aut|, the number of distinct relabelings in bits.
/// |Aut| <= n!, so b >= 0; a difference within rounding of zero (k = 1
/// classes, the empty relation) is returned as +0, never as -0 or -1e-15.
double OrbitBits(int n, double log2_automorphisms);

/// A relation determined by a partition into classes (equivalence, or the
/// complete bipartite graph with two classes): automorphisms permute elements
/// within classes and swap classes of equal size, so
/// |Aut| = prod_i c_i! * prod_s (number of classes of size s)!.
double ExactBitsForClasses(const std::vector<int>& class_sizes);

/// Total order: |Aut| = 1, b = log2(n!).
double ExactBitsTotalOrder(int n);

/// Complete bipartite K_{a,c}: log2 C(n, a), one bit less when a = c.
double ExactBitsCompleteBipartite(int a, int c);

}  // namespace geneft::statics
