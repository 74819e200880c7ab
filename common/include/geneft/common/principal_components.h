// Principal components of a small point cloud, the rows of an n x d matrix:
// the representation analyzer reads trained embeddings along their main
// axes (order monotonicity, the RQI circle), and the report draws
// embeddings of more than two dimensions in their first two components.
#pragma once

#include <cstddef>
#include <vector>

namespace geneft {

/// The leading principal components of a point cloud.
struct PrincipalComponents {
  /// variance[c]: the points' variance along axis c (sum of squares / n),
  /// descending.
  std::vector<double> variance;
  /// scores[c][i]: point i's coordinate along axis c once the cloud is
  /// centred. An axis's sign is arbitrary (the same for the same input).
  std::vector<std::vector<double>> scores;
};

/// The first min(count, d) principal components of the n points of `rows`
/// (row-major n x d, point i in row i). Eigen's SelfAdjointEigenSolver
/// diagonalises the d x d scatter matrix X^T X of the centred points X, or
/// when d > n the n x n Gram matrix X X^T (same nonzero eigenvalues lambda,
/// scores sqrt(lambda) u), so a 4096-dimensional embedding of 30 elements
/// costs a 30 x 30 problem. Components without spread have zero scores.
/// Points with a NaN or infinite coordinate give NaN scores and variances.
PrincipalComponents FindPrincipalComponents(const std::vector<double>& rows, size_t n, size_t d,
                                            size_t count);

}  // namespace geneft
