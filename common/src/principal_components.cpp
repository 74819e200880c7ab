#include <geneft/common/principal_components.h>

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>

namespace geneft {

PrincipalComponents FindPrincipalComponents(const std::vector<double>& rows, size_t n, size_t d,
                                            size_t count) {
  count = std::min(count, d);
  PrincipalComponents pc;
  pc.variance.assign(count, 0.0);
  pc.scores.assign(count, std::vector<double>(n, 0.0));
  if (n == 0 || count == 0) return pc;

  using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const Eigen::Map<const RowMajor> points(rows.data(), static_cast<Eigen::Index>(n),
                                          static_cast<Eigen::Index>(d));
  const auto undefined = [&] {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    pc.variance.assign(count, nan);
    pc.scores.assign(count, std::vector<double>(n, nan));
    return pc;
  };
  if (!points.allFinite()) return undefined();
  const Eigen::MatrixXd centred = points.rowwise() - points.colwise().mean();
  // Diagonalise the smaller of the two products; both have the same nonzero
  // eigenvalues (the squared singular values of the centred points).
  const bool by_dimension = d <= n;
  const Eigen::MatrixXd scatter =
      by_dimension ? Eigen::MatrixXd(centred.transpose() * centred)
                   : Eigen::MatrixXd(centred * centred.transpose());
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(scatter);
  if (solver.info() != Eigen::Success) return undefined();
  const Eigen::Index size = scatter.rows();
  for (size_t c = 0; c < count && static_cast<Eigen::Index>(c) < size; ++c) {
    const Eigen::Index k = size - 1 - static_cast<Eigen::Index>(c);  // eigenvalues ascend
    const double lambda = std::max(0.0, solver.eigenvalues()(k));  // rounding can dip below 0
    const Eigen::VectorXd score = by_dimension
                                      ? Eigen::VectorXd(centred * solver.eigenvectors().col(k))
                                      : Eigen::VectorXd(std::sqrt(lambda) * solver.eigenvectors().col(k));
    pc.variance[c] = lambda / static_cast<double>(n);
    std::copy(score.data(), score.data() + n, pc.scores[c].begin());
  }
  return pc;
}

}  // namespace geneft
