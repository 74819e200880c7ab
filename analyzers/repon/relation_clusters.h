// Which elements of a relation must share one representation: the clusters
// repons have to form (GenEFT Theorem 1), and the N of Eq. 13.
#pragma once

#include <cstdint>
#include <vector>

namespace geneft::repon {

/// Elements grouped by their label row and column: x and y fall in one
/// cluster iff label(x, z) = label(y, z) and label(z, x) = label(z, y) for
/// every z. By Theorem 1 an injective decoder with zero loss must embed
/// such elements at one point, so their repons must collide. For "equal
/// modulo k" the clusters are the k residue classes, for the complete
/// bipartite relation its two blocks; a strict total order has none larger
/// than one element.
struct Clusters {
  uint32_t count = 0;    ///< number of clusters (singletons included)
  uint32_t largest = 0;  ///< elements in the largest cluster
  std::vector<uint32_t> cluster_of;  ///< [n] cluster index of each element
};

/// Clusters of the n x n row-major label matrix; n >= 1, labels non-null.
Clusters IndistinguishableClusters(uint32_t n, const int32_t* labels);

/// N of Eq. 13 for a relation: the repons already gathered in a cluster
/// when its last member arrives, largest cluster size - 1 (0 when no two
/// elements must collide).
inline uint32_t RepulsionPartners(const Clusters& c) { return c.largest > 0 ? c.largest - 1 : 0; }

}  // namespace geneft::repon
